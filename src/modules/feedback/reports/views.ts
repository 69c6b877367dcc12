import type { WorkflowEvent } from '../../../platform/workflow/index.ts';
import { FEEDBACK_WORKFLOW, isOpenState, stateLabel } from '../feedback-workflow.ts';
import type { PublicReport, ReportDetail, ReportSummary } from '../schema.ts';
import type { Viewer } from './access.ts';
import type { ReportRow, StoredPhoto } from './report-store.ts';

/**
 * What each viewer sees of a report (access.ts says who is which viewer). The rules that never
 * bend: the public never sees contact, originals or a reporter who chose `secret`/`anonymous`;
 * the agency never sees an `anonymous` reporter; the moderator sees a reporter only when `public`.
 */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const isOverdue = (r: Pick<ReportRow, 'state' | 'due_at'>, now: Date): boolean => isOpenState(r.state) && r.due_at !== null && r.due_at < now;

/** May this viewer know who reported? */
export const showsReporter = (viewer: Viewer, privacy: ReportRow['privacy']): boolean => {
  if (viewer === 'owner' || privacy === 'public') return true;
  return viewer === 'agency' && privacy === 'secret';
};

const publicPhotos = (photos: StoredPhoto[]) =>
  photos.filter((p) => p.publicFileId).map((p) => ({ publicFileId: p.publicFileId!, width: p.width ?? 0, height: p.height ?? 0 }));

const photosFor = (viewer: Viewer, photos: StoredPhoto[]) =>
  viewer === 'owner' || viewer === 'agency'
    ? photos.filter((p) => p.publicFileId).map((p) => ({ publicFileId: p.publicFileId!, width: p.width ?? 0, height: p.height ?? 0, fileId: p.fileId }))
    : publicPhotos(photos);

const REPORTER_LABEL = 'Người phản ánh';

/** The history as the viewer may see it: the public sees steps and times only. */
const timelineFor = (viewer: Viewer, report: ReportRow, events: readonly WorkflowEvent[]) =>
  events.map((e) => {
    const byReporter = e.actorId !== null && e.actorId === report.reporter_id;
    const actorName = viewer === 'public' ? null : byReporter ? (showsReporter(viewer, report.privacy) ? e.actorName : REPORTER_LABEL) : e.actorName;
    return {
      action: e.action,
      label: FEEDBACK_WORKFLOW.actions[e.action]?.label ?? e.action,
      state: e.toState,
      at: e.at.toISOString(),
      comment: viewer === 'public' ? null : e.comment,
      actorName,
    };
  });

export const publicView = (report: ReportRow, events: readonly WorkflowEvent[], now: Date, viewer: Viewer = 'public'): PublicReport => ({
  id: report.id,
  code: report.code,
  topic: { code: report.topic_code, name: report.topic_name },
  title: report.title,
  description: report.description,
  address: report.address,
  lat: report.lat,
  lng: report.lng,
  commune: { code: report.commune_code, name: report.commune_name },
  state: report.state,
  stateLabel: stateLabel(report.state),
  createdAt: report.created_at.toISOString(),
  dueAt: iso(report.due_at),
  isOverdue: isOverdue(report, now),
  agency: report.agency_code && report.agency_name ? { code: report.agency_code, name: report.agency_name } : null,
  answer: report.answer,
  answeredAt: iso(report.answered_at),
  answerFiles: report.answer_files,
  rating: report.rating,
  photos: photosFor(viewer, report.photos),
  reporterName: showsReporter(viewer, report.privacy) ? report.reporter_name : null,
  mergedIntoCode: report.merged_into_code,
  timeline: timelineFor(viewer, report, events),
});

export const detailView = (
  report: ReportRow,
  events: readonly WorkflowEvent[],
  viewer: Exclude<Viewer, 'public'>,
  allowedActions: string[],
  now: Date,
): ReportDetail => ({
  ...publicView(report, events, now, viewer),
  viewer,
  privacy: report.privacy,
  isPublic: report.is_public,
  channel: report.channel,
  dossierCode: report.dossier_code,
  contact: showsReporter(viewer, report.privacy) ? report.contact : null,
  mediaUrls: report.photos.flatMap((p) => (p.url ? [p.url] : [])),
  moderationNote: viewer === 'owner' ? null : report.moderation_note,
  ratingComment: report.rating_comment,
  reopenCount: report.reopen_count,
  escalationLevel: report.escalation_level,
  seq: report.case_seq,
  allowedActions,
});

/** The columns a summary shows (lists read only these). */
export type SummaryRow = Pick<
  ReportRow,
  | 'id' | 'code' | 'topic_code' | 'topic_name' | 'title' | 'address' | 'commune_code' | 'commune_name' | 'lat' | 'lng' | 'state'
  | 'created_at' | 'due_at' | 'agency_code' | 'agency_name' | 'answered_at' | 'rating' | 'photos'
>;

export const summaryView = (report: SummaryRow, now: Date): ReportSummary => ({
  id: report.id,
  code: report.code,
  topic: { code: report.topic_code, name: report.topic_name },
  title: report.title,
  address: report.address,
  commune: { code: report.commune_code, name: report.commune_name },
  lat: report.lat,
  lng: report.lng,
  state: report.state,
  stateLabel: stateLabel(report.state),
  createdAt: report.created_at.toISOString(),
  dueAt: iso(report.due_at),
  isOverdue: isOverdue(report, now),
  agency: report.agency_code && report.agency_name ? { code: report.agency_code, name: report.agency_name } : null,
  answeredAt: iso(report.answered_at),
  rating: report.rating,
  photo: publicPhotos(report.photos)[0] ?? null,
});
