-- The catalogue search needs every typed word to begin a word of search_words
-- (search_words LIKE '% word%'): a trigram index finds those procedures instead of a test of every
-- one of them.
CREATE INDEX procedures_search_words_trgm ON procedures USING gin (search_words gin_trgm_ops);
