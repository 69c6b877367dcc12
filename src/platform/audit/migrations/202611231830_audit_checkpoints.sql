-- Signed Merkle checkpoints over the audit log (see audit/seal.ts). Checkpoint n covers every entry
-- with from_entry_id < id <= upto_entry_id (from_entry_id is checkpoint n-1's upto_entry_id); its
-- merkle_root folds those entries' ids and hashes in id order, `hash` covers every other column
-- and is the next checkpoint's prev_checkpoint_hash, and `signature` is an HMAC-SHA256 of `hash`.
-- Publishing the checkpoints (`tinhso audit checkpoints --json`) makes even a re-signed rebuild
-- detectable. The sealer relies on audit_log ids being handed out in time order: keep the
-- identity's sequence at CACHE 1 (the default).
CREATE TABLE audit_checkpoints (
  id integer PRIMARY KEY CHECK (id > 0),
  from_entry_id bigint NOT NULL CHECK (from_entry_id >= 0),
  upto_entry_id bigint NOT NULL,
  entry_count integer NOT NULL CHECK (entry_count > 0),
  merkle_root text NOT NULL,
  prev_checkpoint_hash text NOT NULL,
  hash text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (upto_entry_id > from_entry_id)
);

-- Bookkeeping, not a trust anchor: the last sealed entry of every stream, so that `verify` can
-- name the stream and entry when a sealed tail is deleted or a whole stream is rebuilt. Tampering
-- with this table only blurs the diagnosis; the signed Merkle roots still catch the change.
CREATE TABLE audit_stream_heads (
  stream text PRIMARY KEY,
  seq integer NOT NULL CHECK (seq > 0),
  entry_id bigint NOT NULL,
  hash text NOT NULL,
  checkpoint_id integer NOT NULL REFERENCES audit_checkpoints (id)
);

CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
