-- Every `tinhso backup` that completed: when, which file, how big, whether it was encrypted and
-- with which key (its fingerprint, never the key). The security-configuration page reports the
-- age of the last one (modules/security).
CREATE TABLE backup_runs (
  id uuid PRIMARY KEY,
  file text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  bytes bigint NOT NULL CHECK (bytes >= 0),
  encrypted boolean NOT NULL,
  key_id text,
  table_count integer NOT NULL,
  row_count bigint NOT NULL,
  file_count integer NOT NULL,
  CHECK (encrypted = (key_id IS NOT NULL))
);
CREATE INDEX backup_runs_finished_idx ON backup_runs (finished_at DESC);
