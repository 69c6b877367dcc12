-- Background jobs (platform/jobs). A change that needs work done later writes a row into the
-- outbox IN ITS OWN TRANSACTION (enqueue); a relay moves committed rows into pg-boss (schema
-- `pgboss`, created by pg-boss itself on start) in one transaction with their deletion, so a job is
-- handed over exactly once and never lost. Jobs that fail every retry land in job_dead_letters.
CREATE TABLE job_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue text NOT NULL,
  payload jsonb NOT NULL,
  options jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_outbox_queue_idx ON job_outbox (queue, id);

CREATE TABLE job_dead_letters (
  id uuid PRIMARY KEY,
  queue text NOT NULL,
  payload jsonb NOT NULL,
  error text,
  attempts integer NOT NULL CHECK (attempts > 0),
  source_job_id uuid NOT NULL UNIQUE,
  first_queued_at timestamptz,
  failed_at timestamptz NOT NULL DEFAULT now(),
  retried_at timestamptz,
  retried_by uuid REFERENCES users (id),
  retried_by_name text
);
CREATE INDEX job_dead_letters_queue_idx ON job_dead_letters (queue, failed_at DESC);
