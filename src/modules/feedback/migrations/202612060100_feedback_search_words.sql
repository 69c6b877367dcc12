-- Report search matches whole words (Vietnamese syllables) through a tsvector of the folded text
-- instead of substrings through trigrams. The planner keeps statistics of the most common words of
-- a tsvector column, so it can tell a common word (walk the newest-first index and stop after a
-- page) from a rare one (take the few matches from the GIN index); a trigram LIKE gave it only a
-- guess, and a wrong one cost seconds. Folded like procedures.search_words: marks dropped, every
-- run of other characters a separator, so "12/3" holds the words 12 and 3 on both sides.
DROP INDEX feedback_reports_search_trgm;
ALTER TABLE feedback_reports
  DROP COLUMN search_folded,
  ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(fold_vi(title || ' ' || description || ' ' || address), '[^a-z0-9]+', ' ', 'g'))
  ) STORED;
CREATE INDEX feedback_reports_search_words_idx ON feedback_reports USING gin (search_words);
-- The word statistics the plans depend on, now rather than at the next autovacuum.
ANALYZE feedback_reports;
