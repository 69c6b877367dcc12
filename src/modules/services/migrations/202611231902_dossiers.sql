-- Dossiers (hồ sơ): a citizen's filing of a procedure, from draft to result. The workflow case
-- (platform/workflow) holds the state history; the dossier row holds what is queried: the public
-- code, the national status, dates and counters.
CREATE TABLE dossiers (
  id uuid PRIMARY KEY,
  code text UNIQUE,
  procedure_code text NOT NULL REFERENCES procedures (code),
  owner_id uuid NOT NULL REFERENCES users (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  assignee_id uuid REFERENCES users (id),
  channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'counter', 'portal')),
  data jsonb NOT NULL DEFAULT '{}',
  documents jsonb NOT NULL DEFAULT '[]',
  state text NOT NULL,
  status smallint CHECK (status BETWEEN 1 AND 10),
  submitted_at timestamptz,
  received_at timestamptz,
  due_at timestamptz,
  original_due_at timestamptz,
  apology_count smallint NOT NULL DEFAULT 0,
  supplement_count smallint NOT NULL DEFAULT 0,
  fee_amount bigint,
  paid_at timestamptz,
  paid_online boolean,
  done_at timestamptz,
  returned_at timestamptz,
  idempotency_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, idempotency_key)
);
CREATE INDEX dossiers_owner_idx ON dossiers (owner_id, created_at DESC);
CREATE INDEX dossiers_queue_idx ON dossiers (agency_id, status, due_at);
CREATE INDEX dossiers_procedure_idx ON dossiers (procedure_code);

-- The daily sequence of dossier codes per receiving agency: {agency}-{yymmdd}-{nnnn}.
CREATE TABLE dossier_code_counters (
  agency_code text NOT NULL,
  day date NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (agency_code, day)
);
