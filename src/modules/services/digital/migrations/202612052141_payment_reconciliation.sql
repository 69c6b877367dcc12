-- The daily reconciliation of fee payments (issue 11): for each Vietnam day, what the payment
-- gateway reported and what did not tie up with a dossier, its fee or its e-receipt. One row per
-- day, rewritten when the day is checked again (payment-reconciliation.ts).
CREATE TABLE payment_reconciliations (
  day date PRIMARY KEY,
  checked_at timestamptz NOT NULL,
  payments int NOT NULL,
  amount bigint NOT NULL,
  issue_count int NOT NULL,
  issues jsonb NOT NULL
);
CREATE INDEX payments_paid_at_idx ON payments (paid_at);
