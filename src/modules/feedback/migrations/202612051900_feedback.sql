-- Citizen feedback (phản ánh, kiến nghị — PAKN): topics with the agency answering for them in each
-- commune, reports that follow the workflow `feedback.report` (feedback-workflow.ts), their photos,
-- and the keys of outside apps writing through Open311 GeoReport v2.

-- A topic is what a citizen picks ("Hạ tầng giao thông", "Ô nhiễm môi trường"); each is also an
-- Open311 service whose service_code is `code`.
CREATE TABLE feedback_topics (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- Field (lĩnh vực) the topic belongs to; Open311's `group`.
  field text NOT NULL,
  keywords text[] NOT NULL DEFAULT '{}',
  -- general: urban and living issues, public list; procedure: about the handling of a procedure or
  -- dossier (counted by Decision 766); inspection: complaints and denunciations (khiếu nại, tố cáo),
  -- sent to the inspectorate's own process and never listed publicly.
  kind text NOT NULL DEFAULT 'general' CHECK (kind IN ('general', 'procedure', 'inspection')),
  -- The agency answering when the commune has no route of its own.
  default_agency_id uuid NOT NULL REFERENCES agencies (id),
  -- Time limit to answer, in working days from assignment.
  limit_working_days smallint NOT NULL CHECK (limit_working_days BETWEEN 1 AND 90),
  open311 boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true,
  sort smallint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Which agency answers a topic in a given commune (e.g. road damage in a ward → that ward's committee).
CREATE TABLE feedback_topic_routes (
  topic_id uuid NOT NULL REFERENCES feedback_topics (id),
  commune_code text NOT NULL REFERENCES admin_communes (code),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  PRIMARY KEY (topic_id, commune_code)
);

CREATE TABLE feedback_reports (
  id uuid PRIMARY KEY,
  -- Human-readable and date-based: PA-yymmdd-nnnn (PA-261205-0042).
  code text NOT NULL UNIQUE,
  topic_id uuid NOT NULL REFERENCES feedback_topics (id),
  title text NOT NULL,
  description text NOT NULL,
  -- The signed-in reporter, kept even for anonymous reports so they can follow their own; null for
  -- reports from outside apps (Open311) where only `contact` is known.
  reporter_id uuid REFERENCES users (id),
  -- Contact given with the report (name, phone, email) — never shown publicly.
  contact jsonb NOT NULL DEFAULT '{}',
  -- public: the reporter's name may be shown; secret: only the handling agency sees who reported;
  -- anonymous: nobody but the reporter sees it (not even the agency).
  privacy text NOT NULL DEFAULT 'secret' CHECK (privacy IN ('public', 'secret', 'anonymous')),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  address text NOT NULL DEFAULT '',
  commune_code text NOT NULL REFERENCES admin_communes (code),
  -- Photos: [{ fileId, publicFileId, width, height }]; publicFileId is the resized copy without
  -- EXIF metadata, the only one ever served publicly.
  photos jsonb NOT NULL DEFAULT '[]',
  channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'app', 'open311', 'phone', 'counter')),
  -- A report about the handling of a dossier (Decision 766 counts these).
  dossier_code text,
  state text NOT NULL,
  -- Moderation: shown on the public list and map only when true.
  is_public boolean NOT NULL DEFAULT false,
  moderation_note text,
  agency_id uuid REFERENCES agencies (id),
  assigned_at timestamptz,
  due_at timestamptz,
  answer text,
  answer_files jsonb NOT NULL DEFAULT '[]',
  answered_at timestamptz,
  answered_by uuid REFERENCES users (id),
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment text,
  rated_at timestamptz,
  reopen_count smallint NOT NULL DEFAULT 0,
  escalation_level smallint NOT NULL DEFAULT 0,
  escalated_at timestamptz,
  merged_into_id uuid REFERENCES feedback_reports (id),
  closed_at timestamptz,
  notify boolean NOT NULL DEFAULT true,
  idempotency_key text,
  -- Open311: a POST answers with the request id at once; the token given with it resolves to it too.
  open311_token text UNIQUE,
  search_folded text GENERATED ALWAYS AS (fold_vi(title || ' ' || description || ' ' || address)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (reporter_id, idempotency_key)
);
CREATE INDEX feedback_reports_reporter_idx ON feedback_reports (reporter_id, created_at DESC);
CREATE INDEX feedback_reports_queue_idx ON feedback_reports (agency_id, state, due_at);
CREATE INDEX feedback_reports_state_idx ON feedback_reports (state, created_at DESC);
CREATE INDEX feedback_reports_public_idx ON feedback_reports (answered_at DESC) WHERE is_public;
CREATE INDEX feedback_reports_topic_place_idx ON feedback_reports (topic_id, created_at DESC, lat, lng);
CREATE INDEX feedback_reports_commune_idx ON feedback_reports (commune_code, created_at DESC);
CREATE INDEX feedback_reports_search_trgm ON feedback_reports USING gin (search_folded gin_trgm_ops);

CREATE TABLE feedback_code_counters (
  day date PRIMARY KEY,
  last integer NOT NULL
);

-- Keys of outside apps allowed to write through Open311 (stored as SHA-256, never in clear).
CREATE TABLE open311_api_keys (
  id uuid PRIMARY KEY,
  key_sha256 text NOT NULL UNIQUE CHECK (key_sha256 ~ '^[0-9a-f]{64}$'),
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
