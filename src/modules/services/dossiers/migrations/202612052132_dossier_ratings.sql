-- The citizen's rating of a finished dossier (done or returned): once, 1 (very unhappy) to 5 (very
-- happy), with an optional comment. The handling agency is kept as it was when rated, so the
-- satisfaction figures of Decision 766 (dossierRatingStats) group without joining history.
CREATE TABLE dossier_ratings (
  dossier_id uuid PRIMARY KEY REFERENCES dossiers (id),
  owner_id uuid NOT NULL REFERENCES users (id),
  agency_id uuid NOT NULL REFERENCES agencies (id),
  channel text NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text CHECK (char_length(comment) <= 1000),
  rated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_ratings_agency_idx ON dossier_ratings (agency_id, rated_at);
CREATE INDEX dossier_ratings_rated_idx ON dossier_ratings (rated_at);
