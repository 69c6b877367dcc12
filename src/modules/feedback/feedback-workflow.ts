import type { WorkflowDefinition } from '../../platform/workflow/index.ts';

/**
 * A citizen report (phản ánh, kiến nghị) from filing to closing, as data for the workflow engine
 * that also runs dossiers. State names are fixed by the feedback contract; `feedback_reports.state`
 * mirrors the case state. Diagram and rules: README.md of this folder.
 *
 * Relations the feedback module passes with the actor: `owner` (the signed-in reporter), `agency`
 * (staff of the agency the report is assigned to), `system` (the escalation job). Moderators act
 * by scope alone (`feedback.moderate`): they work for the whole province.
 *
 * Rating: `rate` (3 to 5 stars) closes the report, `reopen` (1 or 2 stars: "unsatisfied") sends
 * it back to the agency; the rate endpoint picks one of the two.
 * Changing anything here means a new `version`: running cases keep the version they started with.
 */
export const FEEDBACK_WORKFLOW: WorkflowDefinition = {
  key: 'feedback.report',
  version: 1,
  name: 'Tiếp nhận và xử lý phản ánh, kiến nghị',
  initial: 'submitted',
  states: {
    submitted: { label: 'Chờ kiểm duyệt', clock: 'running' },
    moderated: { label: 'Đã kiểm duyệt', clock: 'running' },
    assigned: { label: 'Đã chuyển cơ quan xử lý', clock: 'running' },
    in_progress: { label: 'Đang xử lý', clock: 'running' },
    answered: { label: 'Đã trả lời', clock: 'stopped' },
    closed: { label: 'Đã đóng', clock: 'stopped', terminal: true },
    rejected: { label: 'Không tiếp nhận', clock: 'stopped', terminal: true },
    merged: { label: 'Đã gộp vào phản ánh khác', clock: 'stopped', terminal: true },
    transferred: { label: 'Đã chuyển thanh tra (khiếu nại, tố cáo)', clock: 'stopped', terminal: true },
  },
  actions: {
    // data.isPublic (boolean), data.reason (required by the module when the report stays private).
    moderate: { label: 'Kiểm duyệt', from: ['submitted'], to: 'moderated', actor: 'any', scopes: ['feedback.moderate'], requires: ['isPublic'] },
    reject: { label: 'Không tiếp nhận', from: ['submitted', 'moderated'], to: 'rejected', actor: 'any', scopes: ['feedback.moderate'], requires: ['reason'] },
    merge: {
      label: 'Gộp vào phản ánh trùng',
      from: ['submitted', 'moderated'],
      to: 'merged',
      actor: 'any',
      scopes: ['feedback.moderate'],
      requires: ['targetId'],
    },
    transfer_inspection: {
      label: 'Chuyển thanh tra (khiếu nại, tố cáo)',
      from: ['submitted', 'moderated'],
      to: 'transferred',
      actor: 'any',
      scopes: ['feedback.moderate'],
      requires: ['reason'],
    },
    assign: { label: 'Chuyển cơ quan xử lý', from: ['moderated'], to: 'assigned', actor: 'any', scopes: ['feedback.moderate'], requires: ['agencyId'] },
    reassign: {
      label: 'Chuyển cơ quan khác xử lý',
      from: ['assigned', 'in_progress'],
      to: 'assigned',
      actor: 'any',
      scopes: ['feedback.moderate'],
      requires: ['agencyId', 'reason'],
    },
    return_wrong_agency: {
      label: 'Trả lại: không đúng thẩm quyền',
      from: ['assigned', 'in_progress'],
      to: 'moderated',
      actor: 'agency',
      scopes: ['feedback.handle'],
      requires: ['reason'],
    },
    start: { label: 'Bắt đầu xử lý', from: ['assigned'], to: 'in_progress', actor: 'agency', scopes: ['feedback.handle'] },
    answer: { label: 'Trả lời', from: ['in_progress'], to: 'answered', actor: 'agency', scopes: ['feedback.handle'], requires: ['answer'] },
    // The overdue sweep: the report goes to the agency one level up (data.fromAgencyId, data.toAgencyId).
    escalate: { label: 'Chuyển cấp trên do quá hạn', from: ['assigned', 'in_progress'], to: 'assigned', actor: 'system' },
    rate: { label: 'Đánh giá (hài lòng)', from: ['answered'], to: 'closed', actor: 'owner', requires: ['rating'] },
    reopen: { label: 'Đánh giá chưa hài lòng, xử lý lại', from: ['answered'], to: 'in_progress', actor: 'owner', requires: ['rating'] },
    // A moderator closing an answered report nobody rated (the system may do the same).
    close: { label: 'Đóng phản ánh', from: ['answered'], to: 'closed', actor: 'any', scopes: ['feedback.moderate'] },
  },
};

/** States of a report still waiting for its answer (the contract's OPEN). */
export const OPEN_STATES = ['submitted', 'moderated', 'assigned', 'in_progress'] as const;

/** A rating of at most this many stars counts as unsatisfied (reopens the report; Decision 766). */
export const UNSATISFIED_MAX_RATING = 2;

export const isOpenState = (state: string): boolean => (OPEN_STATES as readonly string[]).includes(state);

/** The Vietnamese label of a state (the state name itself for an unknown one). */
export const stateLabel = (state: string): string =>
  Object.hasOwn(FEEDBACK_WORKFLOW.states, state) ? FEEDBACK_WORKFLOW.states[state]!.label : state;
