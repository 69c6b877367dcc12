import type { Principal } from '../../../platform/auth/sessions.ts';
import type { Queryable } from '../../../platform/db/pool.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { allowedActions, getCase, workflowActorOf } from '../../../platform/workflow/index.ts';
import type { PublicReport, ReportDetail } from '../schema.ts';
import { isPubliclyVisible, relationsOf, requireViewer } from './access.ts';
import { REPORT_CODE } from './code.ts';
import { findReport, findReportByCode } from './report-store.ts';
import { detailView, publicView } from './views.ts';

/** One report as the signed-in caller may see it (reporter, handling agency, moderator); others 404. */
export const getReportDetail = async (db: Queryable, principal: Principal, id: string, now = new Date()): Promise<ReportDetail> => {
  const { report, viewer } = requireViewer(principal, await findReport(db, id), false);
  const flow = await getCase(db, report.case_id);
  const actor = workflowActorOf(principal, relationsOf(principal, report));
  const allowed = allowedActions(flow.definition, flow.state, actor, flow.events);
  return detailView(report, flow.events, viewer as Exclude<typeof viewer, 'public'>, allowed, now);
};

/** One public report, by id or code (PA-…); 404 unless it is public. */
export const getPublicReport = async (db: Queryable, ref: string, now = new Date()): Promise<PublicReport> => {
  const report = REPORT_CODE.test(ref) ? await findReportByCode(db, ref) : await findReport(db, ref);
  if (!report || !isPubliclyVisible(report)) throw notFound('Không tìm thấy phản ánh');
  const flow = await getCase(db, report.case_id);
  return publicView(report, flow.events, now);
};
