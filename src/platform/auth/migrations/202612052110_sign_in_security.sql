-- Sign-in security (information-security level 3): TOTP second factor (RFC 6238) with recovery
-- codes, second-step login tickets, session idle timeout, password change time.

-- The TOTP secret is stored encrypted (AES-256-GCM under TOTP_ENCRYPTION_KEY, totp-secrets.ts),
-- never in plain text. totp_last_step is the last time step a code was accepted for: a code of
-- that step or an earlier one is refused (no replay).
ALTER TABLE users
  ADD COLUMN totp_secret text,
  ADD COLUMN totp_enrolled_at timestamptz,
  ADD COLUMN totp_last_step bigint,
  ADD COLUMN password_changed_at timestamptz;

-- Ten single-use recovery codes per enrolled user, kept only as an HMAC.
CREATE TABLE totp_recovery_codes (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX totp_recovery_codes_user_idx ON totp_recovery_codes (user_id) WHERE used_at IS NULL;

-- A password that was right, waiting for its second factor: random, stored as an HMAC, bound to
-- the user, five minutes, single use. pending_secret (encrypted) is the secret offered to a user
-- who has not enrolled yet; the first correct code makes it theirs.
CREATE TABLE login_tickets (
  ticket_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  pending_secret text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX login_tickets_expires_idx ON login_tickets (expires_at);

-- Staff sessions end after this many idle minutes (NULL: no idle limit, citizens).
ALTER TABLE sessions ADD COLUMN idle_minutes integer CHECK (idle_minutes IS NULL OR idle_minutes > 0);
