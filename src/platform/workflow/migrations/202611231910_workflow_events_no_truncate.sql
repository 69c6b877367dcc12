-- Events stay append-only against TRUNCATE too (row triggers do not fire on it).
CREATE TRIGGER workflow_events_no_truncate BEFORE TRUNCATE ON workflow_events
  FOR EACH STATEMENT EXECUTE FUNCTION workflow_events_append_only();
