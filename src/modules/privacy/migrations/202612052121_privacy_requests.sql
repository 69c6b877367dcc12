-- Data subjects' requests (Law 91/2025/QH15): to see, correct, delete their data or object to its
-- processing. The platform acknowledges a request the moment it is filed (the citizen gets a notice
-- with the due date, well inside the 72 hours the law gives to acknowledge); due_at is counted in
-- working days on the province calendar (PRIVACY_REQUEST_WORKING_DAYS, default 10). An officer
-- resolves it once, accepted or rejected, with an answer; for a deletion the answer lists what the
-- law keeps (kept) and why.
CREATE TABLE privacy_requests (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('access', 'correction', 'deletion', 'objection')),
  details text NOT NULL DEFAULT '' CHECK (char_length(details) <= 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  due_at timestamptz NOT NULL,
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users (id),
  answer text CHECK (char_length(answer) <= 4000),
  kept jsonb NOT NULL DEFAULT '[]',
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
-- One open request of each kind per person: a second one is the same request.
CREATE UNIQUE INDEX privacy_requests_open_idx ON privacy_requests (user_id, kind) WHERE status = 'open';
CREATE INDEX privacy_requests_queue_idx ON privacy_requests (status, due_at);
CREATE INDEX privacy_requests_user_idx ON privacy_requests (user_id, created_at DESC);
