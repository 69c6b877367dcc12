import { preparedStatement, type Queryable } from '../../../platform/db/pool.ts';
import type { Notifier } from '../../../platform/notify/index.ts';
import { formatVietnamTime } from '../../../platform/text/index.ts';

/**
 * What the citizen is told, and when: at filing, receipt (with the appointment), refusal,
 * supplement request (with the complete list), fee notice, apology (with the new date), result
 * ready, and stop. By e-mail when the account has an address, else by SMS; never with the
 * dossier's personal data, only its code, procedure and dates.
 */
export type NoticeKind = 'submitted' | 'received' | 'refused' | 'supplement' | 'fee' | 'apology' | 'result' | 'stopped';

export type Notice = {
  kind: NoticeKind;
  /** How the dossier came in (words of the filing notice; a counter dossier's citizen is told how to follow it online). */
  channel?: 'online' | 'counter' | 'national-portal';
  ownerId: string;
  code: string;
  procedureName: string;
  /** ISO instant (notices travel as JSON job payloads). */
  dueAt?: string | null;
  reason?: string;
  items?: string[];
  amount?: number;
  trackingUrl: string;
};

/** Made once: building a number format is slow, and every notice's text may use it. */
const DONG = new Intl.NumberFormat('vi-VN');
export const formatDong = (amount: number) => `${DONG.format(amount)} đồng`;

const SUBJECTS: Record<NoticeKind, string> = {
  submitted: 'Hồ sơ đã được nộp',
  received: 'Hồ sơ đã được tiếp nhận',
  refused: 'Hồ sơ không được tiếp nhận',
  supplement: 'Yêu cầu bổ sung hồ sơ',
  fee: 'Thông báo nộp phí, lệ phí',
  apology: 'Thư xin lỗi và hẹn lại ngày trả kết quả',
  result: 'Hồ sơ đã có kết quả',
  stopped: 'Hồ sơ bị dừng xử lý',
};

const FILED_HOW: Record<NonNullable<Notice['channel']>, string> = {
  online: 'đã được nộp trực tuyến',
  counter: 'đã được nộp tại Bộ phận Một cửa',
  'national-portal': 'đã được Cổng Dịch vụ công quốc gia chuyển đến',
};

export const noticeText = (n: Notice): { subject: string; text: string } => {
  const head = `Hồ sơ ${n.code} (${n.procedureName})`;
  const due = n.dueAt ? formatVietnamTime(new Date(n.dueAt)) : undefined;
  const lines: Record<NoticeKind, string[]> = {
    submitted: [`${head} ${FILED_HOW[n.channel ?? 'online']} và đang chờ tiếp nhận.`, ...(due ? [`Ngày hẹn trả dự kiến: ${due}.`] : [])],
    received: [
      `${head} đã được tiếp nhận.`,
      ...(due ? [`Ngày hẹn trả kết quả: ${due}.`] : []),
      ...(n.channel === 'counter' ? ['Để theo dõi hồ sơ trực tuyến, hãy đăng ký tài khoản bằng chính số điện thoại hoặc e-mail nhận tin này.'] : []),
    ],
    refused: [`${head} không được tiếp nhận.`, `Lý do: ${n.reason ?? ''}`],
    supplement: [`${head} cần bổ sung (một lần, đầy đủ):`, ...(n.items ?? []).map((i) => `- ${i}`), `Lý do: ${n.reason ?? ''}`, 'Thời gian chờ bổ sung không tính vào thời hạn giải quyết.'],
    fee: [`${head}: vui lòng nộp ${formatDong(n.amount ?? 0)} (quét mã VietQR trên trang hồ sơ hoặc nộp tại quầy).`],
    apology: [
      `Cơ quan giải quyết xin lỗi vì ${head} chưa kịp trả kết quả đúng hẹn.`,
      `Lý do: ${n.reason ?? ''}`,
      ...(due ? [`Ngày hẹn trả kết quả mới: ${due}.`] : []),
    ],
    result: [`${head} đã có kết quả. Mời ông/bà nhận kết quả theo hình thức đã đăng ký.`],
    stopped: [`${head} bị dừng xử lý.`, `Lý do: ${n.reason ?? ''}`],
  };
  return { subject: `${SUBJECTS[n.kind]}: ${n.code}`, text: [...lines[n.kind], `Tra cứu: ${n.trackingUrl}`].join('\n') };
};

const OWNER_CONTACT = preparedStatement('dossiers.notice-contact', 'SELECT email, phone FROM users WHERE id = $1');

/**
 * Sends one notice to the dossier's owner: e-mail when the account has an address, else SMS, else
 * nothing (a counter filing for someone without contact details). Throws when the channel fails,
 * so that the job (outbox.ts) is retried.
 */
export const deliverNotice = async (db: Queryable, notifier: Notifier, notice: Notice): Promise<'email' | 'sms' | 'none'> => {
  const { rows } = await db.query<{ email: string | null; phone: string | null }>(OWNER_CONTACT([notice.ownerId]));
  const contact = rows[0];
  const { subject, text } = noticeText(notice);
  if (contact?.email) {
    await notifier.sendEmail({ to: contact.email, subject, text });
    return 'email';
  }
  if (contact?.phone) {
    await notifier.sendSms({ to: contact.phone, text: `${subject}. ${text}` });
    return 'sms';
  }
  return 'none';
};
