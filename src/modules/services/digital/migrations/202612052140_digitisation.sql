-- Digitisation (Circular 01/2023/TT-VPCP), electronic results and e-receipts (issue 11).

-- The citizen's store ("kho dữ liệu của tôi"): each paper recorded at reception (marked digitised,
-- reusable when filing another dossier) and each result issued electronically. A row points at a
-- file the citizen owns; `dossier_id` is the dossier the paper came with (or the result is of).
CREATE TABLE citizen_papers (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id),
  file_id uuid NOT NULL REFERENCES files (id),
  kind text NOT NULL CHECK (kind IN ('input', 'result')),
  -- The procedure's document code (input papers); null for results.
  document_code text,
  name text NOT NULL CHECK (name <> ''),
  dossier_id uuid NOT NULL REFERENCES dossiers (id),
  digitised_at timestamptz NOT NULL,
  digitised_by uuid REFERENCES users (id),
  UNIQUE (owner_id, file_id)
);
CREATE INDEX citizen_papers_owner_idx ON citizen_papers (owner_id, digitised_at DESC);

-- What reception digitised of each dossier, and how many of its papers were reused from the
-- citizen's store: Decision 766 indicator 3.3 reads it per agency and period (the rollups keep 3.1).
CREATE TABLE dossier_digitisation (
  dossier_id uuid PRIMARY KEY REFERENCES dossiers (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  received_at timestamptz NOT NULL,
  papers smallint NOT NULL CHECK (papers >= 0),
  reused smallint NOT NULL CHECK (reused >= 0 AND reused <= papers)
);
CREATE INDEX dossier_digitisation_agency_idx ON dossier_digitisation (agency_id, received_at);
CREATE INDEX dossier_digitisation_received_idx ON dossier_digitisation (received_at);

-- Papers digitised at reception, on the dossier itself, so the IOC rollups count 3.1 ("dossiers
-- with digitised inputs") from what reception recorded rather than from any upload. Existing filed
-- dossiers keep what they counted before (their document count), so the rollups stay consistent.
ALTER TABLE dossiers ADD COLUMN digitised_papers smallint NOT NULL DEFAULT 0 CHECK (digitised_papers >= 0);
UPDATE dossiers SET digitised_papers = LEAST(jsonb_array_length(documents), 32767) WHERE status IS NOT NULL AND jsonb_array_length(documents) > 0;

CREATE OR REPLACE FUNCTION ioc_dossier_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ioc_dossier_day_deltas (day, agency_id, procedure_code, commune_code, received, online, toan_trinh, digitised,
      supplemented, refused, withdrawn, stopped, done, done_early, done_on_time, done_late, late_apologised, done_e_result, paid, paid_online)
  SELECT f.day, f.agency_id, f.procedure_code, f.commune_code, f.received, f.online, f.toan_trinh, f.digitised,
         f.supplemented, f.refused, f.withdrawn, f.stopped, f.done, f.done_early, f.done_on_time, f.done_late, f.late_apologised, f.done_e_result, f.paid, f.paid_online
    FROM ioc_dossier_day_facts(-1, OLD.agency_id, OLD.procedure_code, OLD.commune_code, OLD.status, OLD.channel, OLD.online_mode,
           OLD.submitted_at, OLD.done_at, COALESCE(OLD.original_due_at, OLD.due_at), OLD.apology_count, OLD.paid_at, OLD.paid_online,
           OLD.supplement_count, OLD.digitised_papers::int, jsonb_array_length(OLD.result_files)) f
  UNION ALL
  SELECT f.day, f.agency_id, f.procedure_code, f.commune_code, f.received, f.online, f.toan_trinh, f.digitised,
         f.supplemented, f.refused, f.withdrawn, f.stopped, f.done, f.done_early, f.done_on_time, f.done_late, f.late_apologised, f.done_e_result, f.paid, f.paid_online
    FROM ioc_dossier_day_facts(1, NEW.agency_id, NEW.procedure_code, NEW.commune_code, NEW.status, NEW.channel, NEW.online_mode,
           NEW.submitted_at, NEW.done_at, COALESCE(NEW.original_due_at, NEW.due_at), NEW.apology_count, NEW.paid_at, NEW.paid_online,
           NEW.supplement_count, NEW.digitised_papers::int, jsonb_array_length(NEW.result_files)) f;
  INSERT INTO ioc_dossier_open_deltas (agency_id, procedure_code, commune_code, due_day, paused, n)
  SELECT * FROM ioc_dossier_open_facts(-1, OLD.agency_id, OLD.procedure_code, OLD.commune_code, OLD.status, COALESCE(OLD.original_due_at, OLD.due_at))
  UNION ALL
  SELECT * FROM ioc_dossier_open_facts(1, NEW.agency_id, NEW.procedure_code, NEW.commune_code, NEW.status, COALESCE(NEW.original_due_at, NEW.due_at));
  RETURN NULL;
END $$;

DROP TRIGGER ioc_dossier_updated ON dossiers;
CREATE TRIGGER ioc_dossier_updated AFTER UPDATE ON dossiers
  FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
    OR OLD.procedure_code IS DISTINCT FROM NEW.procedure_code OR OLD.commune_code IS DISTINCT FROM NEW.commune_code
    OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.online_mode IS DISTINCT FROM NEW.online_mode
    OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at OR OLD.done_at IS DISTINCT FROM NEW.done_at
    OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.original_due_at IS DISTINCT FROM NEW.original_due_at
    OR OLD.apology_count IS DISTINCT FROM NEW.apology_count OR OLD.paid_at IS DISTINCT FROM NEW.paid_at
    OR OLD.paid_online IS DISTINCT FROM NEW.paid_online OR OLD.supplement_count IS DISTINCT FROM NEW.supplement_count
    OR OLD.digitised_papers IS DISTINCT FROM NEW.digitised_papers
    OR jsonb_array_length(OLD.result_files) IS DISTINCT FROM jsonb_array_length(NEW.result_files)
  ) EXECUTE FUNCTION ioc_dossier_changed();

-- A result issued electronically: a signed PDF (HMAC-SHA256 with RESULT_SIGNING_KEY over
-- `<id>.<dossier code>.<sha256>`), kept as a file the citizen owns; its QR points at
-- /tra-cuu/ket-qua/{id}?sig=… One per dossier.
CREATE TABLE e_results (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL UNIQUE REFERENCES dossiers (id),
  file_id uuid NOT NULL REFERENCES files (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  signature text NOT NULL,
  issued_at timestamptz NOT NULL,
  issued_by uuid NOT NULL REFERENCES users (id)
);

-- Electronic fee receipts (biên lai điện tử): series `BL-<agency code>/<yy>E`, a 7-digit number
-- counted per agency and year (the counter row is bumped in the payment's transaction).
CREATE TABLE fee_receipt_counters (
  agency_id uuid NOT NULL REFERENCES agencies (id),
  year smallint NOT NULL,
  last int NOT NULL CHECK (last >= 0 AND last <= 9999999),
  PRIMARY KEY (agency_id, year)
);
CREATE TABLE fee_receipts (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossiers (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  series text NOT NULL,
  number int NOT NULL CHECK (number > 0),
  amount bigint NOT NULL CHECK (amount > 0),
  payer_name text NOT NULL,
  items jsonb NOT NULL,
  method text NOT NULL CHECK (method IN ('online', 'counter')),
  transaction_id text,
  issued_at timestamptz NOT NULL,
  UNIQUE (series, number)
);
CREATE INDEX fee_receipts_dossier_idx ON fee_receipts (dossier_id, issued_at);
