-- The public list shows the newest public reports first, with or without a search: walking this
-- index stops after a page of matches, where the answered_at index made PostgreSQL sort them all.
CREATE INDEX feedback_reports_public_created_idx ON feedback_reports (created_at DESC, id DESC) WHERE is_public;
