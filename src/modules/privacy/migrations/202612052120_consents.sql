-- Consents of data subjects (Law 91/2025/QH15 on personal data protection, Decree 356/2025): one
-- row per grant, never overwritten, so the controller can prove what was agreed, to which text
-- version and when; withdrawing stamps withdrawn_at and a later grant adds a new row. At most one
-- active (not withdrawn) consent per user and purpose.
CREATE TABLE consents (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9-]{1,62}$'),
  text_version text NOT NULL CHECK (char_length(text_version) BETWEEN 1 AND 40),
  granted_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz,
  CHECK (withdrawn_at IS NULL OR withdrawn_at >= granted_at)
);
CREATE UNIQUE INDEX consents_active_idx ON consents (user_id, purpose) WHERE withdrawn_at IS NULL;
CREATE INDEX consents_user_idx ON consents (user_id, granted_at DESC);
