-- Payments reported by the payment gateway (platform/payments). One row per gateway transaction:
-- the UNIQUE transaction id makes callbacks idempotent (a gateway retrying, or a replayed request,
-- finds the row and changes nothing). `reference` is the bill number the payer's QR carried (the
-- dossier code); `dossier_id` is filled by the module that applied the payment to its dossier.
CREATE TABLE payments (
  id uuid PRIMARY KEY,
  transaction_id text NOT NULL UNIQUE,
  provider text NOT NULL,
  reference text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  paid_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'applied', 'unmatched')),
  dossier_id uuid,
  note text,
  raw jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_reference_idx ON payments (reference);
CREATE INDEX payments_dossier_idx ON payments (dossier_id) WHERE dossier_id IS NOT NULL;
CREATE INDEX payments_unmatched_idx ON payments (received_at) WHERE status = 'unmatched';
