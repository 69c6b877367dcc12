-- National portal, both ways (issue 11). The explicit mapping of national procedure codes (MaTTHC)
-- to the province's procedures: dossiers forwarded by the portal find their procedure here, never
-- by name similarity; pushes name the mapped code. Edited by administrators (audited).
CREATE TABLE portal_procedure_map (
  national_code text PRIMARY KEY CHECK (national_code ~ '^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$'),
  procedure_code text NOT NULL REFERENCES procedures (code),
  note text,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_procedure_map_procedure_idx ON portal_procedure_map (procedure_code);

-- The daily reconciliation: each run compares what the portal lists for a window of filing dates
-- with ours (counts per status, and each dossier's status) and keeps the differences for officers.
CREATE TABLE portal_reconciliations (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('running', 'matched', 'differences', 'failed')),
  error text,
  local_count integer,
  portal_count integer,
  local_by_status jsonb,
  portal_by_status jsonb,
  difference_count integer NOT NULL DEFAULT 0,
  -- Who asked for it; null for the scheduled job.
  started_by uuid REFERENCES users (id)
);
CREATE INDEX portal_reconciliations_started_idx ON portal_reconciliations (started_at DESC);

CREATE TABLE portal_reconciliation_differences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES portal_reconciliations (id) ON DELETE CASCADE,
  -- The code the portal knows the dossier by (MaHoSo).
  portal_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('missing-on-portal', 'missing-here', 'status-differs')),
  dossier_id uuid REFERENCES dossiers (id),
  dossier_code text,
  agency_id uuid REFERENCES agencies (id),
  agency_code text,
  local_status smallint,
  portal_status smallint,
  -- A push of this dossier was still on its way (enqueued, not yet delivered) when the run compared.
  sync_pending boolean NOT NULL DEFAULT false
);
CREATE INDEX portal_reconciliation_differences_run_idx ON portal_reconciliation_differences (run_id, id);
