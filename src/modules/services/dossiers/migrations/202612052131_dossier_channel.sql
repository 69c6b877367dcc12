-- How a dossier came in (issue 11): 'online' (the citizen on this site), 'counter' (the one-stop
-- officer filed it for a citizen who came in person), 'national-portal' (filed on the national
-- public-service portal and forwarded here). The first schema spelled the last one 'portal'.
ALTER TABLE dossiers DROP CONSTRAINT dossiers_channel_check;
UPDATE dossiers SET channel = 'national-portal' WHERE channel = 'portal';
ALTER TABLE dossiers ADD CONSTRAINT dossiers_channel_check CHECK (channel IN ('online', 'counter', 'national-portal'));

-- The national portal's own code of a forwarded dossier (MaHoSo there): pushes go back under it,
-- and the citizen may track with either code. The officer who filed a counter dossier; their
-- Idempotency-Key is unique per officer (the citizen's own keys stay unique per owner).
ALTER TABLE dossiers
  ADD COLUMN national_code text UNIQUE,
  ADD COLUMN filed_by uuid REFERENCES users (id),
  ADD CONSTRAINT dossiers_national_code_channel CHECK (national_code IS NULL OR channel = 'national-portal');
CREATE UNIQUE INDEX dossiers_filed_by_key ON dossiers (filed_by, idempotency_key) WHERE filed_by IS NOT NULL AND idempotency_key IS NOT NULL;
