import type { Principal } from '../../../platform/auth/sessions.ts';
import { notFound } from '../../../platform/http/problems.ts';
import type { ActorRelation } from '../../../platform/workflow/index.ts';
import type { ReportRow } from './report-store.ts';

/**
 * Who may see a report, and as whom. Anyone else gets 404, as for a report that does not exist.
 *
 * | viewer | when | sees the reporter and contact |
 * |---|---|---|
 * | `owner` | the signed-in reporter | yes (it is them) |
 * | `agency` | `feedback.handle` and the report is assigned to their agency | unless `anonymous` |
 * | `moderator` | `feedback.moderate` (province-wide) | only when `public` |
 * | `public` | the report is public (moderated, `is_public`, not a complaint/denunciation) | only the name, when `public` |
 */
export type Viewer = 'owner' | 'agency' | 'moderator' | 'public';

export const isOwner = (principal: Principal | null, report: Pick<ReportRow, 'reporter_id'>): boolean =>
  principal !== null && report.reporter_id !== null && report.reporter_id === principal.userId;

export const isHandlingAgency = (principal: Principal | null, report: Pick<ReportRow, 'agency_id' | 'state'>): boolean =>
  principal !== null &&
  principal.scopes.has('feedback.handle') &&
  principal.agencyId !== null &&
  report.agency_id === principal.agencyId &&
  // Before assignment (or after the agency returned it) the report is not the agency's; after a refusal, transfer or merge it never is.
  !['submitted', 'moderated', 'rejected', 'transferred', 'merged'].includes(report.state);

export const isModerator = (principal: Principal | null): boolean => principal?.scopes.has('feedback.moderate') ?? false;

export const isPubliclyVisible = (report: Pick<ReportRow, 'is_public' | 'topic_kind' | 'state'>): boolean =>
  report.is_public && report.topic_kind !== 'inspection' && !['submitted', 'rejected', 'transferred'].includes(report.state);

/** The most trusted view the caller has of the report, or null when it is none of theirs and not public. */
export const viewerOf = (principal: Principal | null, report: ReportRow): Viewer | null => {
  if (isOwner(principal, report)) return 'owner';
  if (isHandlingAgency(principal, report)) return 'agency';
  if (isModerator(principal)) return 'moderator';
  if (isPubliclyVisible(report)) return 'public';
  return null;
};

/** Like viewerOf, but 404 when the caller may not see the report at all. */
export const requireViewer = (principal: Principal | null, report: ReportRow | null, allowPublic = true): { report: ReportRow; viewer: Viewer } => {
  const viewer = report ? viewerOf(principal, report) : null;
  if (!report || viewer === null || (viewer === 'public' && !allowPublic)) throw notFound('Không tìm thấy phản ánh');
  return { report, viewer };
};

/** The caller's relations to the report, for the workflow engine. */
export const relationsOf = (principal: Principal, report: ReportRow): ActorRelation[] => [
  ...(isOwner(principal, report) ? (['owner'] as const) : []),
  ...(isHandlingAgency(principal, report) ? (['agency'] as const) : []),
];
