import { z } from 'zod';
import { notFound } from '../../../platform/http/problems.ts';
import { reachOf, visibleAgencies } from './access.ts';
import { vietnamDay } from './code.ts';
import type { DossierContext } from './context.ts';

/**
 * `GET /api/dossiers/stats`: per handling agency, field and month of filing (Vietnam time), the
 * figures of the national portal's monthly report and Decision 766. Timeliness is judged against
 * the legal appointment (`original_due_at`: receipt + limit + waits for the citizen): early = the
 * result was ready on a day before the appointment's day; on time = by the appointment; late =
 * after it (an apology does not make a late dossier on time). Computed with SQL over the dossiers
 * table; rollups for scale belong to the operations centre.
 */
const IsoDay = z.iso.date('Ngày dạng YYYY-MM-DD');

export const StatsQuery = z
  .object({
    from: IsoDay.optional().describe('Từ ngày nộp (mặc định: 1/1 năm nay)'),
    to: IsoDay.optional().describe('Đến ngày nộp, tính cả ngày này (mặc định: hôm nay)'),
    agencyId: z.uuid().optional(),
    agency: z.string().max(20).optional().describe('Mã định danh cơ quan, thay cho agencyId'),
    field: z.string().trim().min(1).max(200).optional().describe('Lĩnh vực'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from phải trước to', path: ['from'] });
export type StatsQuery = z.infer<typeof StatsQuery>;

const COUNTS = [
  'filed', 'received', 'refused', 'doneEarly', 'doneOnTime', 'doneLate', 'inProgressOnTime', 'inProgressOverdue',
  'withdrawn', 'stopped', 'supplements', 'apologies', 'online', 'counter', 'toanTrinh', 'paid', 'paidOnline',
] as const;
type Counts = Record<(typeof COUNTS)[number], number>;

const Figures = z.object({
  ...Object.fromEntries(COUNTS.map((k) => [k, z.number().int()])) as Record<(typeof COUNTS)[number], z.ZodNumber>,
  toanTrinhShare: z.number().nullable().describe('Tỷ lệ hồ sơ của thủ tục toàn trình'),
  onlinePaymentShare: z.number().nullable().describe('Tỷ lệ hồ sơ đã nộp phí thanh toán trực tuyến'),
});

export const StatsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(Figures.extend({ agencyId: z.string(), agencyCode: z.string(), agencyName: z.string(), field: z.string(), month: z.string() })),
  totals: Figures,
});
export type StatsAnswer = z.infer<typeof StatsAnswer>;

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const withShares = (c: Counts) => ({ ...c, toanTrinhShare: share(c.toanTrinh, c.filed), onlinePaymentShare: share(c.paidOnline, c.paid) });

const SQL = `
  WITH d AS (
    SELECT d.*, COALESCE(d.original_due_at, d.due_at) AS legal_due, d.status IN (1, 2, 4, 5, 6) AS in_progress
      FROM dossiers d
     WHERE d.submitted_at >= $1 AND d.submitted_at < $2 AND d.status IS NOT NULL
       AND ($3::uuid[] IS NULL OR d.agency_id = ANY($3::uuid[]))
       AND ($4::uuid IS NULL OR d.agency_id = $4) AND ($5::text IS NULL OR d.field = $5)
  )
  SELECT d.agency_id AS "agencyId", a.code AS "agencyCode", a.name AS "agencyName", COALESCE(d.field, '') AS field,
         to_char(d.submitted_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month,
         count(*)::int AS filed,
         count(*) FILTER (WHERE d.received_at IS NOT NULL)::int AS received,
         count(*) FILTER (WHERE d.status = 3)::int AS refused,
         count(*) FILTER (WHERE d.done_at IS NOT NULL
           AND (d.done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < (d.legal_due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS "doneEarly",
         count(*) FILTER (WHERE d.done_at IS NOT NULL AND d.done_at <= d.legal_due
           AND (d.done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date >= (d.legal_due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS "doneOnTime",
         count(*) FILTER (WHERE d.done_at IS NOT NULL AND d.done_at > d.legal_due)::int AS "doneLate",
         count(*) FILTER (WHERE d.in_progress AND NOT COALESCE(d.legal_due < $6, false))::int AS "inProgressOnTime",
         count(*) FILTER (WHERE d.in_progress AND COALESCE(d.legal_due < $6, false))::int AS "inProgressOverdue",
         count(*) FILTER (WHERE d.status = 7)::int AS withdrawn,
         count(*) FILTER (WHERE d.status = 8)::int AS stopped,
         count(*) FILTER (WHERE d.supplement_count > 0)::int AS supplements,
         count(*) FILTER (WHERE d.apology_count > 0)::int AS apologies,
         count(*) FILTER (WHERE d.channel IN ('online', 'national-portal'))::int AS online,
         count(*) FILTER (WHERE d.channel = 'counter')::int AS counter,
         count(*) FILTER (WHERE d.online_mode = 'toan-trinh')::int AS "toanTrinh",
         count(*) FILTER (WHERE d.paid_at IS NOT NULL)::int AS paid,
         count(*) FILTER (WHERE d.paid_at IS NOT NULL AND d.paid_online)::int AS "paidOnline"
    FROM d JOIN agencies a ON a.id = d.agency_id
   GROUP BY d.agency_id, a.code, a.name, COALESCE(d.field, ''), month
   ORDER BY month, a.code, field`;

/** The instant a Vietnam day starts. */
const startOfDay = (isoDay: string) => new Date(`${isoDay}T00:00:00+07:00`);

export const dossierStats = async (ctx: DossierContext, q: StatsQuery): Promise<StatsAnswer> => {
  const today = vietnamDay(new Date());
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  const reach = await reachOf(ctx.db, ctx.principal);
  const visible = visibleAgencies(reach);
  let agencyId = q.agencyId ?? null;
  if (q.agency) {
    const found = await ctx.db.query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [q.agency.trim().toUpperCase()]);
    if (!found.rows[0]) throw notFound('Không tìm thấy cơ quan');
    agencyId = found.rows[0].id;
  }
  if (agencyId && visible && !visible.includes(agencyId)) throw notFound('Không tìm thấy cơ quan trong phạm vi được xem');
  const end = new Date(startOfDay(to).getTime() + 86_400_000);
  const { rows } = await ctx.db.query<Counts & { agencyId: string; agencyCode: string; agencyName: string; field: string; month: string }>(SQL, [
    startOfDay(from), end, visible, agencyId, q.field ?? null, new Date(),
  ]);
  const totals = Object.fromEntries(COUNTS.map((k) => [k, rows.reduce((sum, r) => sum + r[k], 0)])) as Counts;
  return { from, to, rows: rows.map((r) => ({ ...r, ...withShares(r) })), totals: withShares(totals) };
};
