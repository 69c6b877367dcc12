-- Uploaded files. The bytes live in the file store (local disk under <data dir>/files/aa/bb/<sha256>,
-- or S3-compatible storage later), addressed by their SHA-256, so equal uploads are stored once;
-- each upload is its own row, owned by the user who sent it.
CREATE TABLE files (
  id uuid PRIMARY KEY,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size > 0),
  -- Sniffed from the bytes, never taken from the name or the request.
  content_type text NOT NULL,
  -- NFC, without any directory part; shown to people, never used as a path.
  original_name text NOT NULL CHECK (original_name <> '' AND original_name !~ '[/\\]'),
  owner_user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_owner_idx ON files (owner_user_id, created_at);
CREATE INDEX files_sha256_idx ON files (sha256);
