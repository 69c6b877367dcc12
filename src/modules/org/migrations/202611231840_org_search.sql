-- Search keys and lookups for the administrative units and agencies.
--
-- fold_vi() calls unaccent() for every row it filters, and the planner, seeing a small table,
-- prefers a sequential scan over the expression index: about 15 ms for the 3,321 communes. A stored
-- folded column costs the work once, at import, and a scan of it is cheap. Measured on these
-- sizes, a trigram GIN index loses to that scan even for selective patterns and doubles the import
-- time, so only the communes' names keep one (pg_trgm's similarity operators can use it); the
-- 10,054 old communes are scanned.
DROP INDEX IF EXISTS admin_communes_name_trgm;
DROP INDEX IF EXISTS admin_legacy_communes_name_trgm;

ALTER TABLE admin_provinces ADD COLUMN name_folded text GENERATED ALWAYS AS (fold_vi(name)) STORED;

-- `bare_folded`: the name without its type word ("phuong tra vinh" → "tra vinh"), to rank exact hits first.
ALTER TABLE admin_communes
  ADD COLUMN name_folded text GENERATED ALWAYS AS (fold_vi(name)) STORED,
  ADD COLUMN bare_folded text GENERATED ALWAYS AS (regexp_replace(fold_vi(name), '^(xa|phuong|dac khu|thi tran) ', '')) STORED;
CREATE INDEX admin_communes_name_folded_trgm ON admin_communes USING gin (name_folded gin_trgm_ops);

ALTER TABLE admin_legacy_communes
  ADD COLUMN name_folded text GENERATED ALWAYS AS (fold_vi(name)) STORED,
  ADD COLUMN bare_folded text GENERATED ALWAYS AS (regexp_replace(fold_vi(name), '^(xa|phuong|dac khu|thi tran) ', '')) STORED,
  -- Old district and province names, padded with spaces so that a whole-word match is one LIKE.
  ADD COLUMN place_folded text GENERATED ALWAYS AS (' ' || fold_vi(district_name || ' ' || province_name) || ' ') STORED;
CREATE INDEX admin_legacy_communes_province_idx ON admin_legacy_communes (province_code);

-- The conversion table codes seven old Hồ Chí Minh City wards differently from the old list; a
-- lookup by the table's code answers with the listed commune (assets/admin-units/README.md).
CREATE TABLE admin_commune_code_aliases (
  alias_code text PRIMARY KEY CHECK (alias_code ~ '^[0-9]{5}$'),
  legacy_code text NOT NULL REFERENCES admin_legacy_communes (code)
);

-- Island districts that had no communes became special zones (đặc khu) as a whole.
CREATE TABLE admin_district_conversion (
  old_district_code text PRIMARY KEY CHECK (old_district_code ~ '^[0-9]{3}$'),
  old_district_name text NOT NULL,
  old_province_code text NOT NULL,
  old_province_name text NOT NULL,
  new_code text NOT NULL REFERENCES admin_communes (code)
);

-- Agencies: filters of the public list, and name search.
ALTER TABLE agencies ADD COLUMN name_folded text GENERATED ALWAYS AS (fold_vi(name || ' ' || coalesce(short_name, ''))) STORED;
ALTER TABLE agencies ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX agencies_kind_idx ON agencies (kind);
CREATE INDEX agencies_province_idx ON agencies (province_code);
CREATE INDEX agencies_commune_idx ON agencies (commune_code);
CREATE INDEX agencies_name_folded_trgm ON agencies USING gin (name_folded gin_trgm_ops);
ALTER TABLE agencies ADD CONSTRAINT agencies_code_format CHECK (code ~ '^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$');
ALTER TABLE agencies ADD CONSTRAINT agencies_not_own_parent CHECK (parent_id IS DISTINCT FROM id);

ALTER TABLE party_orgs ADD CONSTRAINT party_orgs_not_own_parent CHECK (parent_id IS DISTINCT FROM id);
ALTER TABLE party_orgs ADD CONSTRAINT party_orgs_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9.-]{1,39}$');
CREATE INDEX party_orgs_agency_idx ON party_orgs (agency_id);
