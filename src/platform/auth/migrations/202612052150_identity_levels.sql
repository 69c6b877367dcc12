-- The electronic-identification level (Decree 69/2024/NĐ-CP) a user last proved by signing in
-- with VNeID (auth/vneid-level.ts): level 1 or 2 from the ID token's `acr`, when it was verified,
-- and the personal ID number (số định danh cá nhân, 12 digits) VNeID vouched for. One row per
-- user, replaced at each VNeID sign-in; a sign-on without a level leaves no row.
CREATE TABLE identity_levels (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 2),
  acr text NOT NULL,
  provider text NOT NULL,
  id_number text UNIQUE CHECK (id_number ~ '^[0-9]{12}$'),
  verified_at timestamptz NOT NULL DEFAULT now()
);
