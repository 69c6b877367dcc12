-- Accounts a one-stop officer opens for a citizen who files at the counter without an account
-- (modules/services/intake): no password, so nobody can sign in to them, until the citizen claims
-- the account by the ordinary OTP sign-up with the same phone or e-mail (walk-in.ts, signup.ts),
-- which sets the password and stamps claimed_at. Their dossiers are then theirs online too.
CREATE TABLE walk_in_accounts (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  opened_by uuid REFERENCES users (id),
  opened_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz
);
