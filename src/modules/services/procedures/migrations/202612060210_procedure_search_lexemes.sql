-- The catalogue search matches each typed word against the start of a word of search_words. As
-- LIKE '% word%' it tested the text of every procedure (perf: most of a search's database time);
-- here the same words are lexemes (split on spaces only, so a code such as ho-tich.khai-sinh or
-- 1.001193 stays one word) and a prefix query ('giay':* & 'phep':*) finds them through a GIN
-- index. The expression repeats search_words' own (a generated column cannot use another).
ALTER TABLE procedures ADD COLUMN search_lexemes tsvector GENERATED ALWAYS AS (
  array_to_tsvector(array_remove(regexp_split_to_array(
    regexp_replace(fold_vi(name) || ' ' || fold_vi(field), '[^a-z0-9]+', ' ', 'g') || ' ' || lower(code) || ' ' || coalesce(national_code, ''),
    ' +'), ''))
) STORED;
CREATE INDEX procedures_search_lexemes ON procedures USING gin (search_lexemes);
-- The trigram index served the LIKE form only.
DROP INDEX procedures_search_words_trgm;
