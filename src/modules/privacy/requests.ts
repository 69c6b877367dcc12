import { recordAudit, type AuditActor } from '../../platform/audit/index.ts';
import type { WorkingCalendar } from '../../platform/calendar/index.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import type { DbClient, Queryable } from '../../platform/db/pool.ts';
import { AppError, conflict, notFound } from '../../platform/http/problems.ts';
import { addToInbox } from '../../platform/notify/inbox.ts';
import { anonymiseUser, type Kept } from './anonymise.ts';
import { maskEmail, maskPhone } from './masking.ts';

/**
 * Data subjects' requests (quyền của chủ thể dữ liệu): filed by the person, acknowledged at once
 * (inbox notice with the due date), due after N working days on the province calendar, resolved
 * once by a privacy officer or administrator. An accepted deletion runs the anonymiser in the
 * same transaction as the resolution and its audit entry.
 */
export const REQUEST_KINDS = ['access', 'correction', 'deletion', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const KIND_LABELS: Record<RequestKind, string> = {
  access: 'Xem, nhận bản sao dữ liệu',
  correction: 'Chỉnh sửa dữ liệu',
  deletion: 'Xóa dữ liệu',
  objection: 'Phản đối, hạn chế xử lý',
};

export type RequestRow = {
  id: string;
  user_id: string;
  kind: RequestKind;
  details: string;
  status: 'open' | 'accepted' | 'rejected';
  created_at: Date;
  acknowledged_at: Date | null;
  due_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  answer: string | null;
  kept: Kept[];
};

const COLUMNS = 'id, user_id, kind, details, status, created_at, acknowledged_at, due_at, resolved_at, resolved_by, answer, kept';

export const requestView = (r: RequestRow) => ({
  id: r.id,
  kind: r.kind,
  kindLabel: KIND_LABELS[r.kind],
  details: r.details,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
  dueAt: r.due_at.toISOString(),
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  answer: r.answer,
  kept: r.kept,
});

export const listMyRequests = async (db: Queryable, userId: string) =>
  (await db.query<RequestRow>(`SELECT ${COLUMNS} FROM privacy_requests WHERE user_id = $1 ORDER BY created_at DESC`, [userId])).rows.map(requestView);

export type NewRequest = { userId: string; kind: RequestKind; details: string };

export const fileRequest = async (
  tx: DbClient,
  input: NewRequest,
  opts: { calendar: WorkingCalendar; workingDays: number; actor: AuditActor; requestId?: string; now?: Date },
) => {
  const now = opts.now ?? new Date();
  const dueAt = opts.calendar.addWorkingDays(now, opts.workingDays);
  const { rows } = await tx.query<RequestRow>(
    `INSERT INTO privacy_requests (id, user_id, kind, details, created_at, acknowledged_at, due_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6)
     ON CONFLICT (user_id, kind) WHERE status = 'open' DO NOTHING
     RETURNING ${COLUMNS}`,
    [uuidv7(), input.userId, input.kind, input.details, now, dueAt],
  );
  const row = rows[0];
  if (!row) throw conflict('Bạn đã có một yêu cầu loại này đang chờ giải quyết', { kind: input.kind });
  await addToInbox(tx, {
    userId: input.userId,
    kind: 'privacy.request-received',
    title: `Đã tiếp nhận yêu cầu: ${KIND_LABELS[input.kind]}`,
    body: `Yêu cầu của bạn sẽ được giải quyết trước ${dueAt.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`,
    link: '/du-lieu-cua-toi',
  });
  await recordAudit(tx, { actor: opts.actor, action: 'privacy.request.create', target: { type: 'privacy_request', id: row.id }, after: { kind: row.kind, dueAt }, requestId: opts.requestId });
  return requestView(row);
};

/** The officers' queue: the person only as name and masked contacts; overdue ones flagged. */
export const listRequests = async (db: Queryable, filter: { status?: 'open' | 'accepted' | 'rejected' }, now = new Date()) => {
  const { rows } = await db.query<RequestRow & { full_name: string; phone: string | null; email: string | null }>(
    `SELECT r.${COLUMNS.split(', ').join(', r.')}, u.full_name, u.phone, u.email::text AS email
       FROM privacy_requests r JOIN users u ON u.id = r.user_id
      WHERE ($1::text IS NULL OR r.status = $1)
      ORDER BY r.status = 'open' DESC, r.due_at, r.created_at
      LIMIT 500`,
    [filter.status ?? null],
  );
  return rows.map((r) => ({
    ...requestView(r),
    person: { id: r.user_id, fullName: r.full_name, phone: maskPhone(r.phone), email: maskEmail(r.email) },
    overdue: r.status === 'open' && r.due_at < now,
  }));
};

export type Resolution = { outcome: 'accepted' | 'rejected'; answer: string };

export const resolveRequest = async (tx: DbClient, id: string, resolution: Resolution, actor: AuditActor & { id: string }, requestId?: string) => {
  const found = await tx.query<RequestRow>(`SELECT ${COLUMNS} FROM privacy_requests WHERE id = $1 FOR UPDATE`, [id]);
  const row = found.rows[0];
  if (!row) throw notFound('Không có yêu cầu này');
  if (row.status !== 'open') throw new AppError('wrong-state', 'Yêu cầu đã được giải quyết', { currentStatus: row.status });
  const erase = row.kind === 'deletion' && resolution.outcome === 'accepted';
  const { kept } = erase ? await anonymiseUser(tx, row.user_id) : { kept: [] as Kept[] };
  const updated = await tx.query<RequestRow>(
    `UPDATE privacy_requests SET status = $2, resolved_at = now(), resolved_by = $3, answer = $4, kept = $5
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, resolution.outcome, actor.id, resolution.answer, JSON.stringify(kept)],
  );
  if (!erase) {
    await addToInbox(tx, {
      userId: row.user_id,
      kind: 'privacy.request-resolved',
      title: `${resolution.outcome === 'accepted' ? 'Chấp nhận' : 'Từ chối'} yêu cầu: ${KIND_LABELS[row.kind]}`,
      body: resolution.answer,
      link: '/du-lieu-cua-toi',
    });
  }
  await recordAudit(tx, {
    actor,
    action: erase ? 'privacy.request.erase' : 'privacy.request.resolve',
    target: { type: 'privacy_request', id },
    before: { status: row.status },
    after: { status: resolution.outcome, kept },
    requestId,
  });
  return requestView(updated.rows[0]!);
};
