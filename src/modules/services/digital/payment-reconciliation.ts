import { z } from 'zod';
import { type AuditActor, recordAudit } from '../../../platform/audit/index.ts';
import { type Db, type Queryable, withTransaction } from '../../../platform/db/pool.ts';
import { invalid } from '../../../platform/http/problems.ts';
import { registerJobHandler } from '../../../platform/jobs/index.ts';
import { vnDay } from './paper-context.ts';

/**
 * The daily reconciliation of fee payments: what the gateway reported on one Vietnam day (signed,
 * idempotent callbacks: platform/payments) against the dossiers and their e-receipts. Issues:
 * `unmatched` (money with no dossier to settle: to refund or apply by hand), `amount-differs`
 * (paid ≠ the fee asked), `no-receipt` (applied without an e-receipt), `paid-without-payment`
 * (a dossier marked paid online with no gateway payment behind it). Runs nightly for the day
 * before (job `payments.reconcile`, 02:45 server time); the result is kept per day.
 */
export const ReconciliationIssue = z.object({
  kind: z.enum(['unmatched', 'amount-differs', 'no-receipt', 'paid-without-payment']),
  transactionId: z.string().nullable(),
  reference: z.string().nullable(),
  amount: z.number().nullable(),
  expected: z.number().nullable(),
  dossierId: z.string().nullable(),
});
export type ReconciliationIssue = z.infer<typeof ReconciliationIssue>;
export const PaymentReconciliation = z.object({
  day: z.string(),
  checkedAt: z.string(),
  payments: z.number(),
  amount: z.number(),
  issueCount: z.number(),
  issues: z.array(ReconciliationIssue),
});
export type PaymentReconciliation = z.infer<typeof PaymentReconciliation>;

/** `column` falls on the Vietnam day `$1`. */
const inDay = (column: string) =>
  `${column} >= ($1::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND ${column} < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

export const reconcilePayments = async (db: Queryable, day: string, now = new Date()): Promise<PaymentReconciliation> => {
  const totals = await db.query<{ n: number; amount: string | null }>(`SELECT count(*)::int AS n, sum(amount) AS amount FROM payments WHERE ${inDay('paid_at')}`, [day]);
  const { rows: issues } = await db.query<ReconciliationIssue & { amount: string | null; expected: string | null }>(
    `WITH day_payments AS (SELECT * FROM payments WHERE ${inDay('paid_at')})
     SELECT 'unmatched' AS kind, p.transaction_id AS "transactionId", p.reference, p.amount, NULL::bigint AS expected, NULL::text AS "dossierId"
       FROM day_payments p WHERE p.status <> 'applied'
     UNION ALL
     SELECT 'amount-differs', p.transaction_id, p.reference, p.amount, d.fee_amount, d.id::text
       FROM day_payments p JOIN dossiers d ON d.id = p.dossier_id WHERE p.status = 'applied' AND d.fee_amount IS DISTINCT FROM p.amount
     UNION ALL
     SELECT 'no-receipt', p.transaction_id, p.reference, p.amount, NULL, p.dossier_id::text
       FROM day_payments p WHERE p.status = 'applied'
        AND NOT EXISTS (SELECT 1 FROM fee_receipts r WHERE r.dossier_id = p.dossier_id AND r.transaction_id = p.transaction_id)
     UNION ALL
     SELECT 'paid-without-payment', NULL, d.code, d.fee_amount, NULL, d.id::text
       FROM dossiers d WHERE d.paid_online AND ${inDay('d.paid_at')}
        AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.dossier_id = d.id AND p.status = 'applied')
     ORDER BY 1, 3`,
    [day],
  );
  const list = issues.map((i) => ({ ...i, amount: i.amount === null ? null : Number(i.amount), expected: i.expected === null ? null : Number(i.expected) }));
  const result: PaymentReconciliation = {
    day, checkedAt: now.toISOString(), payments: totals.rows[0]?.n ?? 0, amount: Number(totals.rows[0]?.amount ?? 0), issueCount: list.length, issues: list,
  };
  await db.query(
    `INSERT INTO payment_reconciliations (day, checked_at, payments, amount, issue_count, issues) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (day) DO UPDATE SET checked_at = excluded.checked_at, payments = excluded.payments, amount = excluded.amount,
       issue_count = excluded.issue_count, issues = excluded.issues`,
    [day, now, result.payments, result.amount, result.issueCount, JSON.stringify(list)],
  );
  return result;
};

export const findPaymentReconciliation = async (db: Queryable, day: string): Promise<PaymentReconciliation | undefined> => {
  const { rows } = await db.query<{ day: string; checked_at: Date; payments: number; amount: string; issue_count: number; issues: ReconciliationIssue[] }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, checked_at, payments, amount, issue_count, issues FROM payment_reconciliations WHERE day = $1`,
    [day],
  );
  const r = rows[0];
  return r && { day: r.day, checkedAt: r.checked_at.toISOString(), payments: r.payments, amount: Number(r.amount), issueCount: r.issue_count, issues: r.issues };
};

/**
 * Reconciles a day again now, at a province overseer's request (a day the nightly run has not
 * reached yet: today, or one it missed), and records who asked. A day after today is refused:
 * its payments have not been made.
 */
export const reconcileDayNow = async (db: Db, day: string, by: { actor: AuditActor; requestId: string }, now = new Date()) => {
  if (day > vnDay(now)) throw invalid('day', 'Không đối soát được một ngày chưa đến / a day yet to come cannot be reconciled');
  return withTransaction(db, async (tx) => {
    const run = await reconcilePayments(tx, day, now);
    await recordAudit(tx, { actor: by.actor, action: 'payment.reconcile', target: { type: 'payment_reconciliation', id: day }, after: { payments: run.payments, amount: run.amount, issueCount: run.issueCount }, requestId: by.requestId });
    return run;
  });
};

export const PAYMENT_RECONCILE_QUEUE = 'payments.reconcile';

registerJobHandler(
  PAYMENT_RECONCILE_QUEUE,
  async (_payload, ctx) => {
    const yesterday = vnDay(new Date(Date.now() - 86_400_000));
    const run = await reconcilePayments(ctx.db, yesterday);
    ctx.log.info({ day: run.day, payments: run.payments, issues: run.issueCount }, 'payment reconciliation');
  },
  { cron: '45 2 * * *', retryLimit: 3, retryDelay: 900, retryBackoff: true, expireInSeconds: 900, concurrency: 1 },
);
