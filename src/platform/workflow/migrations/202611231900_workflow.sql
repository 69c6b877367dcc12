-- The workflow engine: definitions are data (versioned), a case follows one definition version,
-- every transition is an append-only event; the case row holds the derived current state and a
-- sequence number used to serialise concurrent actions.
CREATE TABLE workflow_definitions (
  key text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  definition jsonb NOT NULL,
  checksum text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, version)
);

CREATE TABLE workflow_cases (
  id uuid PRIMARY KEY,
  definition_key text NOT NULL,
  definition_version integer NOT NULL,
  subject_type text NOT NULL,
  subject_id uuid NOT NULL,
  state text NOT NULL,
  seq integer NOT NULL DEFAULT 0,
  state_entered_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (definition_key, definition_version) REFERENCES workflow_definitions (key, version),
  UNIQUE (subject_type, subject_id)
);
CREATE INDEX workflow_cases_state_idx ON workflow_cases (definition_key, state);

CREATE TABLE workflow_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES workflow_cases (id),
  seq integer NOT NULL CHECK (seq > 0),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL,
  comment text,
  files jsonb NOT NULL DEFAULT '[]',
  data jsonb NOT NULL DEFAULT '{}',
  transaction_id text,
  UNIQUE (case_id, seq)
);
CREATE UNIQUE INDEX workflow_events_transaction_idx ON workflow_events (case_id, transaction_id) WHERE transaction_id IS NOT NULL;

CREATE FUNCTION workflow_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'workflow_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER workflow_events_no_change BEFORE UPDATE OR DELETE ON workflow_events
  FOR EACH ROW EXECUTE FUNCTION workflow_events_append_only();
