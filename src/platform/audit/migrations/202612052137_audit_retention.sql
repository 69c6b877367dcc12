-- Audit-log retention (audit/retention.ts): entries older than AUDIT_RETENTION_MONTHS (at least
-- 12) are exported to an archive file, recorded here, then deleted. Only whole sealed checkpoints
-- are archived, so every remaining checkpoint still covers exactly the entries in the table.

-- One row per archive run, append-only. Archive n holds the entries with
-- from_entry_id < id <= upto_entry_id (from_entry_id is archive n-1's upto_entry_id), which are
-- exactly the entries of checkpoints up to upto_checkpoint_id not archived before.
CREATE TABLE audit_archives (
  id integer PRIMARY KEY CHECK (id > 0),
  from_entry_id bigint NOT NULL CHECK (from_entry_id >= 0),
  upto_entry_id bigint NOT NULL,
  upto_checkpoint_id integer NOT NULL REFERENCES audit_checkpoints (id),
  entry_count integer NOT NULL CHECK (entry_count > 0),
  oldest_at timestamptz NOT NULL,
  newest_at timestamptz NOT NULL,
  cutoff timestamptz NOT NULL,
  -- The hash of entry upto_entry_id; each stream's own last hash is in audit_archived_heads.
  last_hash text NOT NULL,
  file text NOT NULL,
  file_sha256 text NOT NULL,
  encrypted boolean NOT NULL,
  key_id text,
  created_at timestamptz NOT NULL,
  CHECK (upto_entry_id > from_entry_id)
);
CREATE TRIGGER audit_archives_no_update BEFORE UPDATE OR DELETE ON audit_archives
  FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
CREATE TRIGGER audit_archives_no_truncate BEFORE TRUNCATE ON audit_archives
  FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();

-- The last archived entry of every stream that lost entries to an archive: a stream's chain in
-- the table continues from here (recordAudit and verify read it when the table holds no earlier entry).
CREATE TABLE audit_archived_heads (
  stream text PRIMARY KEY,
  seq integer NOT NULL CHECK (seq > 0),
  entry_id bigint NOT NULL,
  hash text NOT NULL,
  archive_id integer NOT NULL REFERENCES audit_archives (id)
);

-- Still append-only, except that entries already recorded in an archive may be deleted.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.id <= (SELECT coalesce(max(upto_entry_id), 0) FROM audit_archives) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- Exports by time range and the retention job look entries up by time.
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- Every verification of the audit log (CLI, API, daily job): the security-configuration page
-- reports when the chain was last verified and whether it was intact.
CREATE TABLE audit_verifications (
  id uuid PRIMARY KEY,
  checked_at timestamptz NOT NULL,
  via text NOT NULL CHECK (via IN ('cli', 'api', 'job')),
  intact boolean NOT NULL,
  entries bigint NOT NULL,
  checkpoints integer NOT NULL,
  break_count integer NOT NULL,
  first_break jsonb,
  duration_ms integer NOT NULL
);
CREATE INDEX audit_verifications_checked_idx ON audit_verifications (checked_at DESC);
