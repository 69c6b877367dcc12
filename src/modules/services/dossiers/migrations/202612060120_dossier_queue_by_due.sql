-- The officers' queue (list-dossiers.ts) reads one agency's dossiers in appointment order
-- (due_at, then code), 20 at a time. The (agency_id, status, due_at) index keeps each status apart,
-- so a list of several statuses read every matching entry of a busy agency (3,500 open ones, or
-- 114,000 filed ones when no status is chosen) and sorted them for each page. These two indexes
-- hold the entries already in that order, so a page is a walk of its own entries:
-- - the dossiers on their way (statuses 1, 2, 4, 5, 6: the default of the officers' work list,
--   the overdue view, the operations centre's drill-down); small, as most dossiers are finished;
-- - every filed dossier (the list with no status chosen).
-- Status and id are carried along, so the walk and a further status filter need no table visit.
CREATE INDEX dossiers_open_by_due_idx ON dossiers (agency_id, due_at, code) INCLUDE (status, id) WHERE status IN (1, 2, 4, 5, 6);
CREATE INDEX dossiers_filed_by_due_idx ON dossiers (agency_id, due_at, code) INCLUDE (status, id) WHERE status IS NOT NULL;
