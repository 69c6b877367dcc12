-- The electronic-identification level a citizen must hold to file a procedure online (Decree
-- 69/2024/NĐ-CP, VNeID levels): 0 = any account, 1 = VNeID level 1, 2 = VNeID level 2.
-- Counter filing by an officer is never held to it (the officer checked the papers).
ALTER TABLE procedures
  ADD COLUMN min_identity_level smallint NOT NULL DEFAULT 0 CHECK (min_identity_level BETWEEN 0 AND 2);
