import { type AuditActor, recordAudit } from '../audit/index.ts';
import { uuidv7 } from '../db/ids.ts';
import type { Queryable } from '../db/pool.ts';
import { conflict } from '../http/problems.ts';

export type PaymentStatus = 'recorded' | 'applied' | 'unmatched';

export type Payment = {
  id: string;
  transactionId: string;
  provider: string;
  reference: string;
  amount: number;
  paidAt: Date;
  status: PaymentStatus;
  dossierId: string | null;
  note: string | null;
  receivedAt: Date;
};

export type PaymentInput = {
  transactionId: string;
  reference: string;
  amount: number;
  paidAt: Date;
  /** Who reported it: the gateway's name, or 'counter' for cash taken at the one-stop counter. */
  provider?: string;
  /** The message as received, kept for reconciliation. */
  raw: unknown;
  dossierId?: string | null;
};

type Row = {
  id: string; transaction_id: string; provider: string; reference: string; amount: number; paid_at: Date;
  status: PaymentStatus; dossier_id: string | null; note: string | null; received_at: Date;
};

const toPayment = (r: Row): Payment => ({
  id: r.id,
  transactionId: r.transaction_id,
  provider: r.provider,
  reference: r.reference,
  amount: r.amount,
  paidAt: r.paid_at,
  status: r.status,
  dossierId: r.dossier_id,
  note: r.note,
  receivedAt: r.received_at,
});

export const GATEWAY_ACTOR: AuditActor = { id: null, name: 'payment-gateway' };

/**
 * Records a payment once. Call it in the transaction that acts on the payment. The same
 * transaction id again returns the stored payment with `duplicate: true` and writes nothing; the
 * same id with a different amount or reference is refused (409), never overwritten.
 */
export const recordPayment = async (
  tx: Queryable,
  input: PaymentInput,
  actor: AuditActor = GATEWAY_ACTOR,
  requestId?: string,
): Promise<{ duplicate: boolean; payment: Payment }> => {
  const { rows } = await tx.query<Row>(
    `INSERT INTO payments (id, transaction_id, provider, reference, amount, paid_at, dossier_id, raw)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (transaction_id) DO NOTHING RETURNING *`,
    [uuidv7(), input.transactionId, input.provider ?? 'gateway', input.reference, input.amount, input.paidAt,
      input.dossierId ?? null, JSON.stringify(input.raw ?? null)],
  );
  if (rows[0]) {
    const payment = toPayment(rows[0]);
    await recordAudit(tx, {
      actor,
      action: 'payment.record',
      target: { type: 'payment', id: payment.id },
      after: { transactionId: payment.transactionId, provider: payment.provider, reference: payment.reference, amount: payment.amount, paidAt: payment.paidAt.toISOString() },
      requestId,
    });
    return { duplicate: false, payment };
  }
  const existing = await tx.query<Row>('SELECT * FROM payments WHERE transaction_id = $1', [input.transactionId]);
  const payment = toPayment(existing.rows[0]!);
  if (payment.amount !== input.amount || payment.reference !== input.reference) {
    throw conflict('Mã giao dịch này đã được ghi nhận với số tiền hoặc mã tham chiếu khác', { transactionId: input.transactionId });
  }
  return { duplicate: true, payment };
};

/** Sets what became of a recorded payment (applied to a dossier, or left for reconciliation); audited. */
export const settlePayment = async (
  tx: Queryable,
  o: { id: string; status: Exclude<PaymentStatus, 'recorded'>; dossierId?: string | null; note?: string | null },
  actor: AuditActor = GATEWAY_ACTOR,
  requestId?: string,
): Promise<Payment> => {
  const { rows } = await tx.query<Row>(
    `UPDATE payments SET status = $2, dossier_id = COALESCE($3, dossier_id), note = $4, updated_at = now()
      WHERE id = $1 RETURNING *`,
    [o.id, o.status, o.dossierId ?? null, o.note ?? null],
  );
  const payment = toPayment(rows[0]!);
  await recordAudit(tx, {
    actor,
    action: o.status === 'applied' ? 'payment.apply' : 'payment.unmatched',
    target: { type: 'payment', id: payment.id },
    after: { status: payment.status, dossierId: payment.dossierId, note: payment.note },
    requestId,
  });
  return payment;
};

export const findPaymentByTransaction = async (db: Queryable, transactionId: string): Promise<Payment | undefined> => {
  const { rows } = await db.query<Row>('SELECT * FROM payments WHERE transaction_id = $1', [transactionId]);
  return rows[0] ? toPayment(rows[0]) : undefined;
};
