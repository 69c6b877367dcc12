import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import type { DossierRow } from '../dossiers/dossier-store.ts';
import { feeLinesFor, type FeeLine } from '../dossiers/fee-by-channel.ts';
import { loadProcedure } from '../dossiers/procedure-source.ts';

/**
 * Electronic fee receipts (biên lai điện tử, Decree 11/2020 and 70/2025 on receipts): issued when
 * a fee is settled (the gateway's verified callback or an officer recording cash), numbered per
 * agency and year: series `BL-<agency code>/<yy>E`, number of 7 digits. The counter row is bumped
 * inside the payment's transaction, so a rolled-back payment gives its number back.
 */
export type FeeReceipt = {
  id: string;
  dossierId: string;
  series: string;
  number: string;
  amount: number;
  payerName: string;
  items: FeeLine[];
  method: 'online' | 'counter';
  transactionId: string | null;
  issuedAt: string;
};

const VN_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });
const vnYear = (at: Date) => Number(VN_YEAR.format(at));

export const receiptSeries = (agencyCode: string, year: number) => `BL-${agencyCode}/${String(year % 100).padStart(2, '0')}E`;
export const receiptNumber = (n: number) => String(n).padStart(7, '0');

type Row = { id: string; dossier_id: string; series: string; number: number; amount: string; payer_name: string; items: FeeLine[]; method: 'online' | 'counter'; transaction_id: string | null; issued_at: Date };

const view = (r: Row): FeeReceipt => ({
  id: r.id,
  dossierId: r.dossier_id,
  series: r.series,
  number: receiptNumber(r.number),
  amount: Number(r.amount),
  payerName: r.payer_name,
  items: r.items,
  method: r.method,
  transactionId: r.transaction_id,
  issuedAt: r.issued_at.toISOString(),
});

/** Issues the receipt of the fee a dossier just settled (after `pay`); nothing when no fee is owed. */
export const issueFeeReceipt = async (
  tx: Queryable,
  row: DossierRow,
  input: { online: boolean; transactionId?: string; at: Date },
): Promise<FeeReceipt | undefined> => {
  const amount = row.fee_amount ?? 0;
  if (amount <= 0) return undefined;
  const year = vnYear(input.at);
  const { rows: counter } = await tx.query<{ last: number; code: string }>(
    `WITH bumped AS (
       INSERT INTO fee_receipt_counters (agency_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (agency_id, year) DO UPDATE SET last = fee_receipt_counters.last + 1 RETURNING last)
     SELECT bumped.last, a.code FROM bumped, agencies a WHERE a.id = $1`,
    [row.agency_id, year],
  );
  const { last, code } = counter[0]!;
  const procedure = await loadProcedure(tx, row.procedure_code);
  const lines = feeLinesFor(procedure?.fees ?? [], row.channel);
  const items = lines.reduce((s, l) => s + l.amount, 0) === amount ? lines : [{ name: `Phí, lệ phí: ${row.procedure_name ?? row.procedure_code}`, amount }];
  const owner = await tx.query<{ full_name: string }>('SELECT full_name FROM users WHERE id = $1', [row.owner_id]);
  const { rows } = await tx.query<Row>(
    `INSERT INTO fee_receipts (id, dossier_id, agency_id, series, number, amount, payer_name, items, method, transaction_id, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [
      uuidv7(), row.id, row.agency_id, receiptSeries(code, year), last, amount, owner.rows[0]?.full_name ?? '',
      JSON.stringify(items), input.online ? 'online' : 'counter', input.transactionId ?? null, input.at,
    ],
  );
  return view(rows[0]!);
};

export const receiptsOf = async (db: Queryable, dossierId: string): Promise<FeeReceipt[]> => {
  const { rows } = await db.query<Row>('SELECT * FROM fee_receipts WHERE dossier_id = $1 ORDER BY issued_at, number', [dossierId]);
  return rows.map(view);
};
