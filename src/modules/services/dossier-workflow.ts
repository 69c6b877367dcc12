import type { WorkflowDefinition } from '../../platform/workflow/index.ts';

/**
 * The one-stop ("một cửa") handling of a dossier, from filing to returned result, as data for the
 * workflow engine. States and national status codes: dossier-workflow.README.md (with diagram).
 *
 * Relations the dossier module passes with the actor: `owner` (the citizen who filed),
 * `agency` (staff of an organisation handling the dossier: the handling agency, or the one-stop
 * centre receiving for it), `system` (the platform itself, e.g. a verified payment callback).
 * Every staff action needs the `agency` relation AND the scope named, so that a leader of another
 * agency can never act on a dossier even if a query forgets to filter.
 *
 * A draft is not part of the workflow: it is a dossier row in state 'draft' with no case; filing
 * it starts the case in `submitted`. Changing anything here means a new `version`: running cases
 * keep the version they started with.
 */
export const DOSSIER_WORKFLOW: WorkflowDefinition = {
  key: 'dossier.one-stop',
  version: 1,
  name: 'Tiếp nhận và giải quyết hồ sơ theo cơ chế một cửa',
  initial: 'submitted',
  states: {
    // The 8 working hours to check an online filing is an internal target, to be confirmed by the province.
    submitted: { label: 'Mới đăng ký', nationalStatus: 1, clock: 'running', limit: { workingHours: 8 } },
    refused: { label: 'Không được tiếp nhận', nationalStatus: 3, clock: 'stopped', terminal: true },
    received: { label: 'Được tiếp nhận', nationalStatus: 2, clock: 'running' },
    processing: { label: 'Đang xử lý', nationalStatus: 4, clock: 'running' },
    awaiting_supplement: { label: 'Yêu cầu bổ sung giấy tờ', nationalStatus: 5, clock: 'paused' },
    awaiting_fee: { label: 'Yêu cầu thực hiện nghĩa vụ tài chính', nationalStatus: 6, clock: 'paused' },
    awaiting_approval: { label: 'Chờ lãnh đạo phê duyệt', nationalStatus: 4, clock: 'running' },
    done: { label: 'Đã xử lý xong', nationalStatus: 9, clock: 'stopped' },
    returned: { label: 'Đã trả kết quả', nationalStatus: 10, clock: 'stopped', terminal: true },
    withdrawn: { label: 'Công dân yêu cầu rút hồ sơ', nationalStatus: 7, clock: 'stopped', terminal: true },
    stopped: { label: 'Dừng xử lý', nationalStatus: 8, clock: 'stopped', terminal: true },
  },
  actions: {
    receive: { label: 'Tiếp nhận hồ sơ', from: ['submitted'], to: 'received', actor: 'agency', scopes: ['dossier.process'] },
    refuse: { label: 'Từ chối tiếp nhận', from: ['submitted'], to: 'refused', actor: 'agency', scopes: ['dossier.process'], requires: ['reason'] },
    assign: {
      label: 'Chuyển chuyên viên xử lý',
      from: ['received'],
      to: 'processing',
      actor: 'agency',
      scopes: ['dossier.process'],
      requires: ['assigneeId'],
    },
    request_supplement: {
      label: 'Yêu cầu bổ sung hồ sơ',
      from: ['received', 'processing'],
      to: 'awaiting_supplement',
      actor: 'agency',
      scopes: ['dossier.process'],
      requires: ['reason', 'checklist'],
    },
    supplement: { label: 'Bổ sung hồ sơ', from: ['awaiting_supplement'], to: 'processing', actor: 'owner', requires: ['documents'] },
    request_fee: {
      label: 'Thông báo nộp phí, lệ phí',
      from: ['received', 'processing'],
      to: 'awaiting_fee',
      actor: 'agency',
      scopes: ['dossier.process'],
      requires: ['amount'],
    },
    // The payment gateway's verified callback (system), or an officer recording a payment in cash.
    pay: { label: 'Xác nhận đã nộp phí', from: ['awaiting_fee'], to: 'processing', actor: ['system', 'agency'], scopes: ['dossier.process'] },
    submit_for_approval: {
      label: 'Trình lãnh đạo phê duyệt',
      from: ['processing'],
      to: 'awaiting_approval',
      actor: 'agency',
      scopes: ['dossier.process'],
    },
    // data.resultFiles (optional): the result documents, possibly signed.
    approve: { label: 'Phê duyệt kết quả', from: ['awaiting_approval'], to: 'done', actor: 'agency', scopes: ['dossier.approve'] },
    send_back: {
      label: 'Trả lại để xử lý lại',
      from: ['awaiting_approval'],
      to: 'processing',
      actor: 'agency',
      scopes: ['dossier.approve'],
      requires: ['reason'],
    },
    return_result: { label: 'Trả kết quả', from: ['done'], to: 'returned', actor: 'agency', scopes: ['dossier.process'] },
    withdraw: {
      label: 'Rút hồ sơ',
      from: ['submitted', 'received', 'processing', 'awaiting_supplement', 'awaiting_fee'],
      to: 'withdrawn',
      actor: 'owner',
      requires: ['reason'],
    },
    stop: {
      label: 'Dừng xử lý hồ sơ',
      from: ['received', 'processing', 'awaiting_supplement', 'awaiting_fee', 'awaiting_approval'],
      to: 'stopped',
      actor: 'agency',
      scopes: ['dossier.approve', 'dossier.process'],
      requires: ['reason'],
    },
    // Form 04 of Circular 03/2025/TT-VPCP: an apology with a new appointment date, once per dossier.
    apologise: {
      label: 'Xin lỗi và hẹn lại ngày trả kết quả',
      from: ['received', 'processing', 'awaiting_supplement', 'awaiting_approval'],
      actor: 'agency',
      scopes: ['dossier.process'],
      requires: ['reason', 'newDueAt'],
      once: true,
    },
  },
};

/** The national-portal status (1–10) a dossier shows in a workflow state. */
export const nationalStatusOf = (state: string): number | undefined =>
  Object.hasOwn(DOSSIER_WORKFLOW.states, state) ? DOSSIER_WORKFLOW.states[state]!.nationalStatus : undefined;

/** The national portal's names of its status codes (the public face of the states). */
export const NATIONAL_STATUS_NAMES: Readonly<Record<number, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};
