-- Operations centre (IOC) rollups: the leaders' dashboard reads only these tables, never the
-- dossiers or reports themselves. Triggers on `dossiers` and `feedback_reports` append what a
-- change adds and takes away (the old row's facts with sign -1, the new row's with +1) to the
-- delta tables; `foldIocChanges` (rollups.ts, every few seconds) moves the deltas into the
-- rollups in one statement per source. `rebuildIocRollups` recomputes everything from the base
-- tables with the same fact functions. README.md beside this folder explains the choice.

-- The Vietnam calendar day of an instant (Asia/Ho_Chi_Minh has had no offset change since 1975).
CREATE FUNCTION ioc_vn_day(t timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;

-- ── Dossiers ─────────────────────────────────────────────────────────────────────────────────
-- What one dossier contributes to the day buckets: on the day it was filed (received; online =
-- anything but the counter, i.e. this site or the national portal; toàn trình; digitised inputs;
-- how it ended if refused, withdrawn or stopped), on the day its result was ready (done early / on
-- time / late against the legal appointment, apology, e-result) and on the day its fee was paid.
-- Drafts (status null) contribute nothing.
CREATE FUNCTION ioc_dossier_day_facts(
  s int, a_agency uuid, a_procedure text, a_commune text, a_status smallint, a_channel text, a_online_mode text,
  a_submitted timestamptz, a_done timestamptz, a_legal_due timestamptz, a_apologies smallint,
  a_paid timestamptz, a_paid_online boolean, a_supplements smallint, a_documents int, a_results int)
RETURNS TABLE (
  day date, agency_id uuid, procedure_code text, commune_code text,
  received int, online int, toan_trinh int, digitised int, supplemented int, refused int, withdrawn int, stopped int,
  done int, done_early int, done_on_time int, done_late int, late_apologised int, done_e_result int,
  paid int, paid_online int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT ioc_vn_day(a_submitted), a_agency, a_procedure, COALESCE(a_commune, ''),
         s, s * (a_channel <> 'counter')::int, s * (a_online_mode = 'toan-trinh')::int, s * (a_documents > 0)::int,
         s * (a_supplements > 0)::int, s * (a_status = 3)::int, s * (a_status = 7)::int, s * (a_status = 8)::int,
         0, 0, 0, 0, 0, 0, 0, 0
   WHERE a_status IS NOT NULL AND a_submitted IS NOT NULL
  UNION ALL
  SELECT ioc_vn_day(a_done), a_agency, a_procedure, COALESCE(a_commune, ''),
         0, 0, 0, 0, 0, 0, 0, 0,
         s,
         s * (a_legal_due IS NOT NULL AND ioc_vn_day(a_done) < ioc_vn_day(a_legal_due))::int,
         s * (a_legal_due IS NULL OR (a_done <= a_legal_due AND ioc_vn_day(a_done) >= ioc_vn_day(a_legal_due)))::int,
         s * (a_legal_due IS NOT NULL AND a_done > a_legal_due)::int,
         s * (a_legal_due IS NOT NULL AND a_done > a_legal_due AND a_apologies > 0)::int,
         s * (a_results > 0)::int,
         0, 0
   WHERE a_status IS NOT NULL AND a_done IS NOT NULL
  UNION ALL
  SELECT ioc_vn_day(a_paid), a_agency, a_procedure, COALESCE(a_commune, ''),
         0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         s, s * COALESCE(a_paid_online, false)::int
   WHERE a_status IS NOT NULL AND a_paid IS NOT NULL
$$;

-- Dossiers on their way (statuses 1, 2, 4, 5, 6) by the day of their legal appointment ('infinity'
-- while none is set); waiting for the citizen (5, 6) is `paused` and never counts as overdue.
CREATE FUNCTION ioc_dossier_open_facts(s int, a_agency uuid, a_procedure text, a_commune text, a_status smallint, a_legal_due timestamptz)
RETURNS TABLE (agency_id uuid, procedure_code text, commune_code text, due_day date, paused boolean, n int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT a_agency, a_procedure, COALESCE(a_commune, ''), COALESCE(ioc_vn_day(a_legal_due), 'infinity'::date), a_status IN (5, 6), s
   WHERE a_status IN (1, 2, 4, 5, 6)
$$;

CREATE TABLE ioc_dossier_days (
  agency_id uuid NOT NULL,
  day date NOT NULL,
  procedure_code text NOT NULL,
  -- The commune chosen for a commune-level procedure; '' for province-level ones.
  commune_code text NOT NULL,
  received int NOT NULL DEFAULT 0, online int NOT NULL DEFAULT 0, toan_trinh int NOT NULL DEFAULT 0,
  digitised int NOT NULL DEFAULT 0, supplemented int NOT NULL DEFAULT 0, refused int NOT NULL DEFAULT 0,
  withdrawn int NOT NULL DEFAULT 0, stopped int NOT NULL DEFAULT 0, done int NOT NULL DEFAULT 0,
  done_early int NOT NULL DEFAULT 0, done_on_time int NOT NULL DEFAULT 0, done_late int NOT NULL DEFAULT 0,
  late_apologised int NOT NULL DEFAULT 0, done_e_result int NOT NULL DEFAULT 0, paid int NOT NULL DEFAULT 0,
  paid_online int NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day, procedure_code, commune_code)
);

-- The same figures per agency and day, and per agency and month: what the overview reads.
CREATE TABLE ioc_dossier_agency_days (LIKE ioc_dossier_days INCLUDING DEFAULTS);
ALTER TABLE ioc_dossier_agency_days DROP COLUMN procedure_code, DROP COLUMN commune_code, ADD PRIMARY KEY (day, agency_id);
CREATE TABLE ioc_dossier_agency_months (LIKE ioc_dossier_agency_days INCLUDING DEFAULTS);
ALTER TABLE ioc_dossier_agency_months RENAME COLUMN day TO month;
ALTER TABLE ioc_dossier_agency_months ADD PRIMARY KEY (month, agency_id), ADD CHECK (extract(day FROM month) = 1);
-- An agency's own trend line reads its days in order.
CREATE INDEX ioc_dossier_agency_days_agency_idx ON ioc_dossier_agency_days (agency_id, day);
-- The whole province per day and per month: the province's trend line and previous period in a few rows.
CREATE TABLE ioc_dossier_province_days (LIKE ioc_dossier_agency_days INCLUDING DEFAULTS);
ALTER TABLE ioc_dossier_province_days DROP COLUMN agency_id, ADD PRIMARY KEY (day);
CREATE TABLE ioc_dossier_province_months (LIKE ioc_dossier_agency_months INCLUDING DEFAULTS);
ALTER TABLE ioc_dossier_province_months DROP COLUMN agency_id, ADD PRIMARY KEY (month);

CREATE TABLE ioc_dossier_open (
  agency_id uuid NOT NULL,
  procedure_code text NOT NULL,
  commune_code text NOT NULL,
  due_day date NOT NULL,
  paused boolean NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (agency_id, procedure_code, commune_code, due_day, paused)
);
-- Dossiers not yet due are few: read them by day; the overdue ones are the totals minus those.
CREATE INDEX ioc_dossier_open_due_idx ON ioc_dossier_open (due_day, agency_id) INCLUDE (paused, n);
-- Dossiers on their way per agency (running or paused), whatever their appointment.
CREATE TABLE ioc_dossier_open_totals (
  agency_id uuid NOT NULL,
  paused boolean NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (agency_id, paused)
);

-- Append-only queues of changes, emptied by the fold (no foreign keys: they only carry numbers).
CREATE TABLE ioc_dossier_day_deltas (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, LIKE ioc_dossier_days);
CREATE TABLE ioc_dossier_open_deltas (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, LIKE ioc_dossier_open);

CREATE FUNCTION ioc_dossier_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- OLD is NULL on INSERT and NEW on DELETE: the fact functions then return no rows.
  INSERT INTO ioc_dossier_day_deltas (day, agency_id, procedure_code, commune_code, received, online, toan_trinh, digitised,
      supplemented, refused, withdrawn, stopped, done, done_early, done_on_time, done_late, late_apologised, done_e_result, paid, paid_online)
  SELECT f.day, f.agency_id, f.procedure_code, f.commune_code, f.received, f.online, f.toan_trinh, f.digitised,
         f.supplemented, f.refused, f.withdrawn, f.stopped, f.done, f.done_early, f.done_on_time, f.done_late, f.late_apologised, f.done_e_result, f.paid, f.paid_online
    FROM ioc_dossier_day_facts(-1, OLD.agency_id, OLD.procedure_code, OLD.commune_code, OLD.status, OLD.channel, OLD.online_mode,
           OLD.submitted_at, OLD.done_at, COALESCE(OLD.original_due_at, OLD.due_at), OLD.apology_count, OLD.paid_at, OLD.paid_online,
           OLD.supplement_count, jsonb_array_length(OLD.documents), jsonb_array_length(OLD.result_files)) f
  UNION ALL
  SELECT f.day, f.agency_id, f.procedure_code, f.commune_code, f.received, f.online, f.toan_trinh, f.digitised,
         f.supplemented, f.refused, f.withdrawn, f.stopped, f.done, f.done_early, f.done_on_time, f.done_late, f.late_apologised, f.done_e_result, f.paid, f.paid_online
    FROM ioc_dossier_day_facts(1, NEW.agency_id, NEW.procedure_code, NEW.commune_code, NEW.status, NEW.channel, NEW.online_mode,
           NEW.submitted_at, NEW.done_at, COALESCE(NEW.original_due_at, NEW.due_at), NEW.apology_count, NEW.paid_at, NEW.paid_online,
           NEW.supplement_count, jsonb_array_length(NEW.documents), jsonb_array_length(NEW.result_files)) f;
  INSERT INTO ioc_dossier_open_deltas (agency_id, procedure_code, commune_code, due_day, paused, n)
  SELECT * FROM ioc_dossier_open_facts(-1, OLD.agency_id, OLD.procedure_code, OLD.commune_code, OLD.status, COALESCE(OLD.original_due_at, OLD.due_at))
  UNION ALL
  SELECT * FROM ioc_dossier_open_facts(1, NEW.agency_id, NEW.procedure_code, NEW.commune_code, NEW.status, COALESCE(NEW.original_due_at, NEW.due_at));
  RETURN NULL;
END $$;

CREATE TRIGGER ioc_dossier_inserted AFTER INSERT ON dossiers
  FOR EACH ROW WHEN (NEW.status IS NOT NULL) EXECUTE FUNCTION ioc_dossier_changed();
-- Only changes of what the rollups count (not draft auto-saves, assignments, form data).
CREATE TRIGGER ioc_dossier_updated AFTER UPDATE ON dossiers
  FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
    OR OLD.procedure_code IS DISTINCT FROM NEW.procedure_code OR OLD.commune_code IS DISTINCT FROM NEW.commune_code
    OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.online_mode IS DISTINCT FROM NEW.online_mode
    OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at OR OLD.done_at IS DISTINCT FROM NEW.done_at
    OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.original_due_at IS DISTINCT FROM NEW.original_due_at
    OR OLD.apology_count IS DISTINCT FROM NEW.apology_count OR OLD.paid_at IS DISTINCT FROM NEW.paid_at
    OR OLD.paid_online IS DISTINCT FROM NEW.paid_online OR OLD.supplement_count IS DISTINCT FROM NEW.supplement_count
    OR jsonb_array_length(OLD.documents) IS DISTINCT FROM jsonb_array_length(NEW.documents)
    OR jsonb_array_length(OLD.result_files) IS DISTINCT FROM jsonb_array_length(NEW.result_files)
  ) EXECUTE FUNCTION ioc_dossier_changed();
CREATE TRIGGER ioc_dossier_deleted AFTER DELETE ON dossiers
  FOR EACH ROW WHEN (OLD.status IS NOT NULL) EXECUTE FUNCTION ioc_dossier_changed();

-- ── Feedback (PAKN) ──────────────────────────────────────────────────────────────────────────
-- Reports counted by the day they were filed (a cohort: answering or rating a report later
-- updates its filing day's bucket). `scope`: 'procedure' (about a procedure or a dossier — the
-- ones Decision 766 counts), 'inspection' (complaints, denunciations) or 'general'. The agency
-- is the nil uuid until one is assigned.
CREATE FUNCTION ioc_feedback_scope(kind text, dossier_code text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN kind = 'inspection' THEN 'inspection' WHEN kind = 'procedure' OR dossier_code IS NOT NULL THEN 'procedure' ELSE 'general' END $$;

CREATE FUNCTION ioc_feedback_day_facts(
  s int, a_agency uuid, a_commune text, a_scope text, a_state text, a_created timestamptz, a_due timestamptz,
  a_answered timestamptz, a_rating smallint)
RETURNS TABLE (
  day date, agency_id uuid, commune_code text, scope text,
  received int, not_handled int, answered int, answered_on_time int, answered_late int, rated int, unsatisfied int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT ioc_vn_day(a_created), COALESCE(a_agency, '00000000-0000-0000-0000-000000000000'::uuid), a_commune, a_scope,
         s, s * (a_state IN ('rejected', 'merged', 'transferred'))::int, s * (a_answered IS NOT NULL)::int,
         s * (a_answered IS NOT NULL AND (a_due IS NULL OR a_answered <= a_due))::int,
         s * (a_answered IS NOT NULL AND a_due IS NOT NULL AND a_answered > a_due)::int,
         s * (a_rating IS NOT NULL)::int, s * COALESCE(a_rating <= 2, false)::int
   WHERE a_state IS NOT NULL
$$;

-- Open reports (submitted, moderated, assigned, in progress) by filing day, due day and a map
-- cell of about 1 km (lat and lng × 100, rounded down): overdue counts and hot spots.
CREATE FUNCTION ioc_feedback_open_facts(
  s int, a_agency uuid, a_commune text, a_scope text, a_state text, a_created timestamptz, a_due timestamptz,
  a_lat double precision, a_lng double precision)
RETURNS TABLE (agency_id uuid, commune_code text, scope text, day date, due_day date, cell_lat int, cell_lng int, n int)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT COALESCE(a_agency, '00000000-0000-0000-0000-000000000000'::uuid), a_commune, a_scope, ioc_vn_day(a_created),
         COALESCE(ioc_vn_day(a_due), 'infinity'::date), floor(a_lat * 100)::int, floor(a_lng * 100)::int, s
   WHERE a_state IN ('submitted', 'moderated', 'assigned', 'in_progress')
$$;

CREATE TABLE ioc_feedback_days (
  day date NOT NULL,
  agency_id uuid NOT NULL,
  commune_code text NOT NULL,
  scope text NOT NULL,
  received int NOT NULL DEFAULT 0, not_handled int NOT NULL DEFAULT 0, answered int NOT NULL DEFAULT 0,
  answered_on_time int NOT NULL DEFAULT 0, answered_late int NOT NULL DEFAULT 0, rated int NOT NULL DEFAULT 0,
  unsatisfied int NOT NULL DEFAULT 0,
  PRIMARY KEY (day, agency_id, commune_code, scope)
);

CREATE TABLE ioc_feedback_open (
  agency_id uuid NOT NULL,
  commune_code text NOT NULL,
  scope text NOT NULL,
  day date NOT NULL,
  due_day date NOT NULL,
  cell_lat int NOT NULL,
  cell_lng int NOT NULL,
  n int NOT NULL,
  PRIMARY KEY (agency_id, commune_code, scope, day, due_day, cell_lat, cell_lng)
);

CREATE TABLE ioc_feedback_day_deltas (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, LIKE ioc_feedback_days);
CREATE TABLE ioc_feedback_open_deltas (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, LIKE ioc_feedback_open);

CREATE FUNCTION ioc_feedback_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_scope text;
  new_scope text;
BEGIN
  IF OLD.id IS NOT NULL THEN
    old_scope := ioc_feedback_scope((SELECT kind FROM feedback_topics WHERE id = OLD.topic_id), OLD.dossier_code);
  END IF;
  IF NEW.id IS NOT NULL THEN
    new_scope := ioc_feedback_scope((SELECT kind FROM feedback_topics WHERE id = NEW.topic_id), NEW.dossier_code);
  END IF;
  INSERT INTO ioc_feedback_day_deltas (day, agency_id, commune_code, scope, received, not_handled, answered, answered_on_time, answered_late, rated, unsatisfied)
  SELECT * FROM ioc_feedback_day_facts(-1, OLD.agency_id, OLD.commune_code, old_scope, OLD.state, OLD.created_at, OLD.due_at, OLD.answered_at, OLD.rating)
  UNION ALL
  SELECT * FROM ioc_feedback_day_facts(1, NEW.agency_id, NEW.commune_code, new_scope, NEW.state, NEW.created_at, NEW.due_at, NEW.answered_at, NEW.rating);
  INSERT INTO ioc_feedback_open_deltas (agency_id, commune_code, scope, day, due_day, cell_lat, cell_lng, n)
  SELECT * FROM ioc_feedback_open_facts(-1, OLD.agency_id, OLD.commune_code, old_scope, OLD.state, OLD.created_at, OLD.due_at, OLD.lat, OLD.lng)
  UNION ALL
  SELECT * FROM ioc_feedback_open_facts(1, NEW.agency_id, NEW.commune_code, new_scope, NEW.state, NEW.created_at, NEW.due_at, NEW.lat, NEW.lng);
  RETURN NULL;
END $$;

CREATE TRIGGER ioc_feedback_inserted AFTER INSERT ON feedback_reports
  FOR EACH ROW EXECUTE FUNCTION ioc_feedback_changed();
CREATE TRIGGER ioc_feedback_updated AFTER UPDATE ON feedback_reports
  FOR EACH ROW WHEN (
    OLD.state IS DISTINCT FROM NEW.state OR OLD.agency_id IS DISTINCT FROM NEW.agency_id
    OR OLD.commune_code IS DISTINCT FROM NEW.commune_code OR OLD.topic_id IS DISTINCT FROM NEW.topic_id
    OR OLD.dossier_code IS DISTINCT FROM NEW.dossier_code OR OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.answered_at IS DISTINCT FROM NEW.answered_at
    OR OLD.rating IS DISTINCT FROM NEW.rating OR OLD.lat IS DISTINCT FROM NEW.lat OR OLD.lng IS DISTINCT FROM NEW.lng
  ) EXECUTE FUNCTION ioc_feedback_changed();
CREATE TRIGGER ioc_feedback_deleted AFTER DELETE ON feedback_reports
  FOR EACH ROW EXECUTE FUNCTION ioc_feedback_changed();

-- ── Alerts ───────────────────────────────────────────────────────────────────────────────────
-- One row: the on-time rate under which a unit shows on the leaders' home, and whether the daily
-- e-mail goes out. Changed by province leaders (audited).
CREATE TABLE ioc_alert_settings (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  on_time_threshold numeric(5, 4) NOT NULL DEFAULT 0.95 CHECK (on_time_threshold BETWEEN 0 AND 1),
  daily_email boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO ioc_alert_settings DEFAULT VALUES;
