-- The officers' queue sorts an agency's open dossiers by due date and code, then reads one page:
-- with code and id in the index the sort runs on the index alone (no visit of thousands of rows
-- of a busy agency), and only the page's 20 dossiers are read.
DROP INDEX dossiers_queue_idx;
CREATE INDEX dossiers_queue_idx ON dossiers (agency_id, status, due_at) INCLUDE (code, id);
