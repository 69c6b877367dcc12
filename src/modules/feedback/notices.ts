import type { Queryable } from '../../platform/db/pool.ts';
import { addToInbox } from '../../platform/notify/inbox.ts';
import type { ReportRow } from './reports/report-store.ts';

/**
 * Notices of report changes in the notification centre, written in the transaction of the change.
 * The answer carries the one-tap rating request (its link opens the report with the stars shown):
 * asking at the moment the answer arrives is what lifts rating participation.
 */
export const reportLink = (id: string, rate = false) => `/feedback/reports/${id}${rate ? '?rate=1' : ''}`;

const toReporter = async (db: Queryable, report: ReportRow, kind: string, title: string, body: string, rate = false) => {
  if (!report.reporter_id) return;
  await addToInbox(db, { userId: report.reporter_id, kind, title, body, link: reportLink(report.id, rate) });
};

/** Staff and leaders of an agency (officers, agency and province leaders): who must see to an escalated report. */
const handlersOf = async (db: Queryable, agencyId: string): Promise<string[]> => {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE agency_id = $1 AND disabled_at IS NULL AND roles && ARRAY['officer', 'agency_leader', 'province_leader']::text[]`,
    [agencyId],
  );
  return rows.map((r) => r.id);
};

export type NoticeContext = { db: Queryable; report: ReportRow; action: string; data: Record<string, unknown>; comment: string | null };

export const sendNotices = async ({ db, report, action, data, comment }: NoticeContext): Promise<void> => {
  const code = report.code;
  switch (action) {
    case 'answer':
      await toReporter(
        db,
        report,
        'feedback.answered',
        `Phản ánh ${code} đã được trả lời`,
        `${report.agency_name ?? 'Cơ quan xử lý'} đã trả lời phản ánh "${report.title}". Bạn hài lòng với câu trả lời ở mức nào? Chạm để chấm từ 1 đến 5 sao.`,
        true,
      );
      return;
    case 'reject':
    case 'transfer_inspection':
      await toReporter(
        db,
        report,
        `feedback.${action}`,
        action === 'reject' ? `Phản ánh ${code} không được tiếp nhận` : `Phản ánh ${code} đã được chuyển cơ quan thanh tra`,
        `Lý do: ${comment ?? ''}`,
      );
      return;
    case 'merge':
      await toReporter(db, report, 'feedback.merged', `Phản ánh ${code} đã được gộp`, `Phản ánh của bạn trùng nội dung và đã được gộp vào phản ánh ${String(data.targetCode ?? '')}; theo dõi kết quả tại đó.`);
      return;
    case 'escalate': {
      const recipients = await handlersOf(db, String(data.toAgencyId));
      for (const userId of recipients) {
        await addToInbox(db, {
          userId,
          kind: 'feedback.escalated',
          title: `Phản ánh ${code} quá hạn được chuyển lên cơ quan`,
          body: `Phản ánh "${report.title}" đã quá hạn xử lý tại ${report.agency_name ?? 'cơ quan cấp dưới'} và được chuyển lên để chỉ đạo giải quyết.`,
          link: reportLink(report.id),
        });
      }
      return;
    }
    case 'reopen': {
      const officer = report.answered_by;
      if (officer) {
        await addToInbox(db, {
          userId: officer,
          kind: 'feedback.reopened',
          title: `Phản ánh ${code} được mở lại`,
          body: `Người phản ánh chưa hài lòng (${String(data.rating)} sao) và đề nghị xử lý lại.`,
          link: reportLink(report.id),
        });
      }
      return;
    }
    default:
      return;
  }
};
