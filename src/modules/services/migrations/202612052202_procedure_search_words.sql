-- The words a citizen's search matches, folded and space-separated once when a procedure is
-- written, instead of by a regular expression on every row of every search.
ALTER TABLE procedures ADD COLUMN search_words text GENERATED ALWAYS AS (
  ' ' || regexp_replace(fold_vi(name) || ' ' || fold_vi(field), '[^a-z0-9]+', ' ', 'g') || ' ' || lower(code) || ' ' || coalesce(national_code, '')
) STORED;
