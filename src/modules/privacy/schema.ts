import { z } from 'zod';
import { CONSENT_PURPOSES } from './consents.ts';
import { REQUEST_KINDS } from './requests.ts';

/** Request and answer shapes of the privacy API. */

const text = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => v.normalize('NFC'));

export const PurposeParam = z.object({ purpose: z.enum(CONSENT_PURPOSES, { message: `Mục đích không tồn tại; các mục đích: ${CONSENT_PURPOSES.join(', ')}` }) });
export const ConsentBody = PurposeParam;

export const ConsentItem = z.object({
  purpose: z.string(),
  title: z.string(),
  text: z.string(),
  version: z.string(),
  active: z.boolean(),
  grantedAt: z.string().nullable(),
  history: z.array(z.object({ textVersion: z.string(), grantedAt: z.string(), withdrawnAt: z.string().nullable() })),
});

export const RequestBody = z.object({
  kind: z.enum(REQUEST_KINDS, { message: 'Loại yêu cầu: access, correction, deletion hoặc objection' }),
  details: text(2000, 'Tối đa 2000 ký tự').default(''),
});

export const RequestView = z.object({
  id: z.uuid(),
  kind: z.enum(REQUEST_KINDS),
  kindLabel: z.string(),
  details: z.string(),
  status: z.enum(['open', 'accepted', 'rejected']),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  dueAt: z.string(),
  resolvedAt: z.string().nullable(),
  answer: z.string().nullable(),
  kept: z.array(z.object({ what: z.string(), count: z.number(), why: z.string() })),
});

export const QueueItem = RequestView.extend({
  person: z.object({ id: z.uuid(), fullName: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  overdue: z.boolean(),
});

export const QueueQuery = z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional() });

export const ResolveBody = z.object({
  outcome: z.enum(['accepted', 'rejected'], { message: 'Kết quả: accepted hoặc rejected' }),
  answer: text(4000, 'Tối đa 4000 ký tự').pipe(z.string().min(5, 'Trả lời người yêu cầu (ít nhất 5 ký tự)')),
});

export const IdParam = z.object({ id: z.uuid('Mã không hợp lệ') });

const pastOrNow = z.iso
  .datetime({ offset: true, message: 'Thời điểm theo ISO 8601, ví dụ 2026-01-05T08:00:00+07:00' })
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() <= Date.now() + 60_000, 'Không được ở tương lai');

export const BreachBody = z.object({
  detectedAt: pastOrNow,
  description: text(4000, 'Tối đa 4000 ký tự').pipe(z.string().min(10, 'Mô tả sự cố (ít nhất 10 ký tự)')),
  categories: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
  subjectsEstimate: z.number().int().min(0).max(1_000_000_000).default(0),
  measures: text(4000, 'Tối đa 4000 ký tự').default(''),
});

export const NotifyBody = z.object({
  target: z.enum(['authority', 'subjects'], { message: 'authority (A05) hoặc subjects (chủ thể dữ liệu)' }),
  at: pastOrNow.optional(),
});

export const CloseBody = z.object({ measures: text(4000, 'Tối đa 4000 ký tự').pipe(z.string().min(5, 'Ghi các biện pháp đã thực hiện')) });

export const BreachView = z.object({
  id: z.uuid(),
  detectedAt: z.string(),
  description: z.string(),
  categories: z.array(z.string()),
  subjectsEstimate: z.number(),
  measures: z.string(),
  notifiedAuthorityAt: z.string().nullable(),
  notifiedSubjectsAt: z.string().nullable(),
  status: z.enum(['open', 'notified', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  authorityDeadline: z.string(),
  overdue: z.boolean(),
});
