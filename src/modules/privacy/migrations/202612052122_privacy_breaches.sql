-- Personal-data breaches (vi phạm quy định bảo vệ dữ liệu cá nhân): what happened, when it was
-- detected, which data and how many people, what was done, and when the specialised authority
-- (A05, Ministry of Public Security) and the people concerned were told. The law gives the
-- controller 72 hours from detection to notify the authority; the admin screen flags it overdue.
-- Every recording and notification is also in the audit log.
CREATE TABLE privacy_breaches (
  id uuid PRIMARY KEY,
  detected_at timestamptz NOT NULL,
  description text NOT NULL CHECK (char_length(description) BETWEEN 10 AND 4000),
  categories text[] NOT NULL DEFAULT '{}',
  subjects_estimate integer NOT NULL DEFAULT 0 CHECK (subjects_estimate >= 0),
  measures text NOT NULL DEFAULT '' CHECK (char_length(measures) <= 4000),
  notified_authority_at timestamptz,
  notified_subjects_at timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'notified', 'closed')),
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX privacy_breaches_detected_idx ON privacy_breaches (detected_at DESC);
