import { z } from 'zod';
import type { Queryable } from '../db/pool.ts';
import { enqueue, PermanentJobError, registerJobHandler } from '../jobs/index.ts';
import { notifierFor } from '../notify/index.ts';
import { addToInbox } from '../notify/inbox.ts';
import { formatVietnamTime } from '../text/index.ts';

/**
 * When an administrator changes an account's e-mail or phone, the person hears of it at the contact
 * that was replaced — the one they still read, and the only one that reaches them if the change was
 * made to take the account over — and in the account's notification centre. One job per old contact,
 * enqueued in the change's transaction, so a retry of one channel never repeats the other.
 */
export const CONTACT_CHANGED_QUEUE = 'user.contact-changed';

const ContactChangedNotice = z.object({
  channel: z.enum(['email', 'sms']),
  to: z.string().min(3),
  username: z.string(),
  /** ISO instant of the change. */
  at: z.iso.datetime(),
});
type ContactChangedNotice = z.infer<typeof ContactChangedNotice>;

const SUBJECT = 'Thông tin liên hệ của tài khoản đã được thay đổi';

/** The words of the notice: which account, when; no new contact (it may be someone else's). */
export const contactChangedText = (n: Pick<ContactChangedNotice, 'username' | 'at'>) =>
  `Tỉnh số: e-mail hoặc số điện thoại của tài khoản ${n.username} đã được quản trị viên thay đổi lúc ${formatVietnamTime(new Date(n.at))}. ` +
  'Nếu bạn không đề nghị thay đổi này, hãy báo ngay cho bộ phận quản trị của cơ quan.';

type Contacts = { email: string | null; phone: string | null };

/** Queues the notices of a contact change (nothing when neither contact changed). */
export const queueContactChangeNotices = async (tx: Queryable, user: { id: string; username: string }, before: Contacts, after: Contacts, at: Date) => {
  if (before.email === after.email && before.phone === after.phone) return;
  const replaced = [
    ...(before.email && before.email !== after.email ? [{ channel: 'email' as const, to: before.email }] : []),
    ...(before.phone && before.phone !== after.phone ? [{ channel: 'sms' as const, to: before.phone }] : []),
  ];
  const text = contactChangedText({ username: user.username, at: at.toISOString() });
  await addToInbox(tx, { userId: user.id, kind: 'account.contact-changed', title: SUBJECT, body: text, link: '/profile' });
  for (const r of replaced) await enqueue(tx, CONTACT_CHANGED_QUEUE, { ...r, username: user.username, at: at.toISOString() } satisfies ContactChangedNotice);
};

registerJobHandler(
  CONTACT_CHANGED_QUEUE,
  async (payload, { config, log }) => {
    const parsed = ContactChangedNotice.safeParse(payload);
    if (!parsed.success) throw new PermanentJobError(`invalid contact-change notice: ${parsed.error.issues[0]?.message}`);
    const n = parsed.data;
    const notifier = notifierFor(config, log);
    const text = contactChangedText(n);
    if (n.channel === 'email') await notifier.sendEmail({ to: n.to, subject: SUBJECT, text });
    else await notifier.sendSms({ to: n.to, text });
  },
  { retryLimit: 5, retryDelay: 60 },
);
