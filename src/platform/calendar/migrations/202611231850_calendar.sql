-- Administrator-edited yearly tables of days off and make-up working days (they replace the
-- shipped table or the rules for their year), and office hours per agency.
CREATE TABLE calendar_year_tables (
  year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
  days_off jsonb NOT NULL,
  work_days jsonb NOT NULL,
  source text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  reason text NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agency_working_hours (
  agency_id uuid PRIMARY KEY REFERENCES agencies (id),
  periods jsonb NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
