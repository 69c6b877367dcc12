-- Sign-up one-time codes, OpenID Connect login state, and what the rate limits need.

-- One-time codes sent by SMS or e-mail. Only an HMAC of the code is stored; a code is spent once,
-- expires, and allows a fixed number of wrong tries.
CREATE TABLE otp_codes (
  id uuid PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('signup')),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  destination text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_codes_destination_idx ON otp_codes (purpose, destination, created_at DESC);
CREATE INDEX otp_codes_expires_idx ON otp_codes (expires_at);

-- A single sign-on in progress: what the callback must check (state, nonce, PKCE verifier).
-- Keyed by an HMAC of the state; rows live ten minutes and are swept when new logins start.
CREATE TABLE oidc_logins (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_logins_expires_idx ON oidc_logins (expires_at);

-- Attempts get an id, so a successful try can hand back exactly the attempt it reserved,
-- and an index on time, so old rows are swept cheaply.
ALTER TABLE auth_attempts ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX auth_attempts_at_idx ON auth_attempts (at);

-- Diacritic-insensitive search of users by name ("nguyen van an" finds "Nguyễn Văn An").
CREATE INDEX users_full_name_fold_trgm ON users USING gin (fold_vi(full_name) gin_trgm_ops);
