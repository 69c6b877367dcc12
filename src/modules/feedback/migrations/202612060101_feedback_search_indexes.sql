-- Nothing reads public reports by answer time any more (the public list and Open311 order them by
-- filing time, feedback_reports_public_created_idx). Left in place, the index tempted the planner to
-- combine its 160,000 public entries with the word index when counting search matches, which
-- cost more than the heap pages it spared.
DROP INDEX IF EXISTS feedback_reports_public_idx;
-- A few hundred reports a day: the word index takes each at once instead of keeping a pending list
-- that every search would read through until the next vacuum.
ALTER INDEX feedback_reports_search_words_idx SET (fastupdate = off);
