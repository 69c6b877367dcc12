-- The two optional unique keys of a dossier, the citizen's Idempotency-Key and the national
-- portal's code, were unique constraints over every row. A key that is NULL cannot collide (NULLs
-- are distinct), yet every dossier wrote one entry into each index: at scale 1, 32 MB and 58 MB
-- of entries for keys nobody gave, and two index insertions on each filing for nothing. Now they
-- are unique where a key is given; filing names the partial index in its ON CONFLICT.
ALTER TABLE dossiers DROP CONSTRAINT dossiers_national_code_key;
CREATE UNIQUE INDEX dossiers_national_code_key ON dossiers (national_code) WHERE national_code IS NOT NULL;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_owner_id_idempotency_key_key;
CREATE UNIQUE INDEX dossiers_owner_idempotency_key ON dossiers (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
