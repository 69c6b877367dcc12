-- The procedure catalogue (thủ tục hành chính) of the province.
CREATE TABLE procedures (
  code text PRIMARY KEY,
  national_code text,
  name text NOT NULL,
  field text NOT NULL,
  level text NOT NULL CHECK (level IN ('province', 'commune')),
  agency_code text NOT NULL,
  days integer CHECK (days >= 0),
  hours integer CHECK (hours >= 0),
  restart_on_supplement boolean NOT NULL DEFAULT false,
  online text NOT NULL CHECK (online IN ('toan-trinh', 'mot-phan')),
  fees jsonb NOT NULL DEFAULT '[]',
  documents jsonb NOT NULL DEFAULT '[]',
  form jsonb NOT NULL,
  result text NOT NULL,
  legal_basis text NOT NULL,
  workflow_key text NOT NULL DEFAULT 'dossier.one-stop',
  review_note text,
  active boolean NOT NULL DEFAULT true,
  name_folded text GENERATED ALWAYS AS (fold_vi(name)) STORED,
  field_folded text GENERATED ALWAYS AS (fold_vi(field)) STORED,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (days IS NOT NULL OR hours IS NOT NULL)
);
CREATE INDEX procedures_name_trgm ON procedures USING gin (name_folded gin_trgm_ops);
CREATE INDEX procedures_agency_idx ON procedures (agency_code);
