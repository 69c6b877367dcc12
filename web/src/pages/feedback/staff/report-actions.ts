/**
 * What each workflow action of a report asks of the staff member (the inputs of its dialog), and the
 * request body it becomes (src/modules/feedback/schema.ts). Required inputs follow the workflow's
 * `requires`; a report kept private needs a reason (the module's rule).
 */
export type ActionInput = 'isPublic' | 'reason' | 'agency' | 'target' | 'answer' | 'files';

export type ActionSpec = { inputs: ActionInput[]; required: ActionInput[]; isDanger?: boolean };

export const ACTION_SPECS: Record<string, ActionSpec> = {
  moderate: { inputs: ['isPublic', 'reason', 'agency'], required: ['isPublic'] },
  reject: { inputs: ['reason'], required: ['reason'], isDanger: true },
  merge: { inputs: ['target', 'reason'], required: ['target'] },
  transfer_inspection: { inputs: ['reason'], required: ['reason'], isDanger: true },
  assign: { inputs: ['agency'], required: [] },
  reassign: { inputs: ['agency', 'reason'], required: ['agency', 'reason'] },
  return_wrong_agency: { inputs: ['reason'], required: ['reason'], isDanger: true },
  start: { inputs: [], required: [] },
  answer: { inputs: ['answer', 'files'], required: ['answer'] },
  close: { inputs: [], required: [] },
};

/** Actions in the order staff meet them; the citizen's own (rate, reopen) and the system's are left out. */
export const STAFF_ACTIONS = ['start', 'answer', 'moderate', 'assign', 'merge', 'reassign', 'return_wrong_agency', 'transfer_inspection', 'reject', 'close'];

export const specOf = (action: string): ActionSpec => ACTION_SPECS[action] ?? { inputs: [], required: [] };

export type ActionAnswers = {
  isPublic: '' | 'yes' | 'no';
  reason: string;
  agency: string;
  target: string;
  answer: string;
  files: { fileId: string; name: string }[];
};

export const emptyAnswers = (): ActionAnswers => ({ isPublic: '', reason: '', agency: '', target: '', answer: '', files: [] });

export type ActionErrors = Partial<Record<ActionInput, 'required'>>;

export const checkAnswers = (spec: ActionSpec, a: ActionAnswers): ActionErrors => {
  const errors: ActionErrors = {};
  for (const input of spec.required) {
    const value = a[input];
    if (Array.isArray(value) ? value.length === 0 : !value.trim()) errors[input] = 'required';
  }
  // Keeping a report off the public list is explained to the citizen: the reason is then required.
  if (spec.inputs.includes('isPublic') && a.isPublic === 'no' && !a.reason.trim()) errors.reason = 'required';
  return errors;
};

/** The body of `POST …/{action}`: only the inputs the action has, plus the report's `seq`. */
export const bodyOf = (action: string, a: ActionAnswers, seq: number): Record<string, unknown> => {
  const spec = specOf(action);
  const has = (input: ActionInput) => spec.inputs.includes(input);
  const body: Record<string, unknown> = { seq };
  if (has('isPublic')) body.isPublic = a.isPublic === 'yes';
  if (has('reason') && a.reason.trim()) body.reason = a.reason.trim();
  if (has('agency') && a.agency) body.agencyId = a.agency;
  if (has('target') && a.target) body.targetId = a.target;
  if (has('answer')) body.answer = a.answer.trim();
  if (has('files') && a.files.length > 0) body.fileIds = a.files.map((f) => f.fileId);
  return body;
};

/** The dialog input a server field error names (`agencyId`, `fileIds.0`, `reason`). */
export const inputOfField = (field: string): ActionInput | undefined => {
  const name = field.replace(/^\/+/, '').split(/[./[]/)[0] ?? '';
  const map: Record<string, ActionInput> = { isPublic: 'isPublic', reason: 'reason', agencyId: 'agency', targetId: 'target', answer: 'answer', fileIds: 'files' };
  return map[name];
};
