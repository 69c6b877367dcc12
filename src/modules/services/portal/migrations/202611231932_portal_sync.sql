-- National public-service portal sync (modules/services/portal). Per dossier: a version counter
-- bumped in the transaction of each status change (the job carries it), what the portal has
-- acknowledged, and a log of every call. A job older than what was delivered is skipped, so a
-- late retry never rolls the portal back to an earlier status.
CREATE TABLE portal_sync_state (
  dossier_id uuid PRIMARY KEY,
  last_enqueued integer NOT NULL DEFAULT 0,
  last_delivered integer NOT NULL DEFAULT 0,
  -- The portal holds the dossier (a DongBoHoSoMC succeeded once): later pushes are updates.
  known_to_portal boolean NOT NULL DEFAULT false,
  -- How many processing steps (CapNhatTienDoHoSoMC) the portal has acknowledged.
  steps_delivered integer NOT NULL DEFAULT 0,
  delivered_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (last_delivered <= last_enqueued)
);

CREATE TABLE portal_sync_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id uuid NOT NULL,
  dossier_code text NOT NULL,
  version integer NOT NULL,
  service text,
  status smallint NOT NULL CHECK (status BETWEEN 1 AND 10),
  attempt integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'skipped', 'superseded')),
  ok boolean NOT NULL,
  response_code integer,
  error text,
  -- What was (or would have been) sent, kept for failed and skipped calls only; never the token.
  request jsonb,
  job_id uuid,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_sync_log_dossier_idx ON portal_sync_log (dossier_id, id);
CREATE INDEX portal_sync_log_failed_idx ON portal_sync_log (at) WHERE NOT ok;
