-- Organisations: the 2025 administrative units (provinces, communes, the pre-2025 communes and the
-- official old→new conversion), agencies with national electronic codes, and Party organisations.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; an immutable wrapper lets it feed indexes. Lower-cases and maps đ→d.
CREATE OR REPLACE FUNCTION fold_vi(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(t, 'đ', 'd'), 'Đ', 'D'))) $$;

CREATE TABLE admin_provinces (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL,
  type text NOT NULL
);

CREATE TABLE admin_communes (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
  name text NOT NULL,
  type text NOT NULL,
  province_code text NOT NULL REFERENCES admin_provinces (code)
);
CREATE INDEX admin_communes_province_idx ON admin_communes (province_code);
CREATE INDEX admin_communes_name_trgm ON admin_communes USING gin (fold_vi(name) gin_trgm_ops);

CREATE TABLE admin_legacy_communes (
  code text PRIMARY KEY,
  name text NOT NULL,
  level text NOT NULL,
  district_code text NOT NULL,
  district_name text NOT NULL,
  province_code text NOT NULL,
  province_name text NOT NULL
);
CREATE INDEX admin_legacy_communes_name_trgm ON admin_legacy_communes USING gin (fold_vi(name) gin_trgm_ops);

-- The official conversion table names a few old communes missing from the 2025-01-04 list, so
-- old_code is not a foreign key; the lookup answers with what is known of them.
CREATE TABLE admin_commune_conversion (
  old_code text NOT NULL,
  new_code text NOT NULL REFERENCES admin_communes (code),
  PRIMARY KEY (old_code, new_code)
);
CREATE INDEX admin_commune_conversion_new_idx ON admin_commune_conversion (new_code);

-- Where imported data came from, so that a re-import is idempotent and traceable.
CREATE TABLE data_imports (
  dataset text PRIMARY KEY,
  source text NOT NULL,
  checksum text NOT NULL,
  row_count integer NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  short_name text,
  kind text NOT NULL CHECK (kind IN ('province_committee', 'department', 'one_stop_centre', 'one_stop_branch', 'commune_committee', 'other')),
  parent_id uuid REFERENCES agencies (id),
  province_code text NOT NULL REFERENCES admin_provinces (code),
  commune_code text REFERENCES admin_communes (code),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

CREATE TABLE party_orgs (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('dang_bo_tinh', 'dang_bo', 'dang_bo_co_so', 'chi_bo')),
  parent_id uuid REFERENCES party_orgs (id),
  agency_id uuid REFERENCES agencies (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX party_orgs_parent_idx ON party_orgs (parent_id);

ALTER TABLE users ADD CONSTRAINT users_agency_fk FOREIGN KEY (agency_id) REFERENCES agencies (id);
ALTER TABLE users ADD CONSTRAINT users_party_org_fk FOREIGN KEY (party_org_id) REFERENCES party_orgs (id);
