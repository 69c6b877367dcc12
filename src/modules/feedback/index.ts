/** Citizen feedback (phản ánh, kiến nghị — PAKN): README.md maps each concept to its file and route. */
export { feedbackRoutes } from './routes.ts';
export { fileReport, type FileReportOptions, type FiledReport, FileReportInput } from './reports/file-report.ts';
export { applyReportAction, type ActionContext, type ActionOutcome, type ReportActionRequest } from './reports/apply-action.ts';
export { FEEDBACK_WORKFLOW, OPEN_STATES, UNSATISFIED_MAX_RATING, isOpenState, stateLabel } from './feedback-workflow.ts';
export { DEMO_PROVINCE_AREA, isInProvince, nearestCommune, boundingBox, type ProvinceArea } from './places/province-area.ts';
export { findTopicByCode, listActiveTopics, type Topic } from './topics/topic-store.ts';
export { findReport, findReportByCode, type ReportRow } from './reports/report-store.ts';
export { isPubliclyVisible } from './reports/access.ts';
export { escalateOverdueReports, ESCALATION_QUEUE } from './escalation/escalate-overdue.ts';
export { feedbackStats, feedbackHotSpots, satisfaction766, metricsOf } from './stats.ts';
