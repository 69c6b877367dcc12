/**
 * What each workflow action of a dossier asks of the person acting (the inputs of its dialog), and
 * how the answers become the body of `POST /api/dossiers/{id}/actions/{action}`:
 * `{ comment?, data?, files? }`. The required ones follow the workflow's `requires`.
 */
export type ActionInput = 'reason' | 'checklist' | 'note' | 'amount' | 'assignee' | 'newDueAt' | 'documents' | 'resultFiles' | 'comment';

export type ActionSpec = { inputs: ActionInput[]; required: ActionInput[]; isDanger?: boolean };

export const ACTION_SPECS: Record<string, ActionSpec> = {
  receive: { inputs: ['comment'], required: [] },
  refuse: { inputs: ['reason'], required: ['reason'], isDanger: true },
  assign: { inputs: ['assignee', 'comment'], required: ['assignee'] },
  request_supplement: { inputs: ['checklist', 'reason', 'note'], required: ['checklist', 'reason'] },
  supplement: { inputs: ['documents', 'comment'], required: ['documents'] },
  request_fee: { inputs: ['amount', 'comment'], required: ['amount'] },
  pay: { inputs: ['comment'], required: [] },
  submit_for_approval: { inputs: ['comment'], required: [] },
  approve: { inputs: ['resultFiles', 'comment'], required: [] },
  send_back: { inputs: ['reason'], required: ['reason'] },
  return_result: { inputs: ['comment'], required: [] },
  withdraw: { inputs: ['reason'], required: ['reason'], isDanger: true },
  stop: { inputs: ['reason'], required: ['reason'], isDanger: true },
  apologise: { inputs: ['reason', 'newDueAt'], required: ['reason', 'newDueAt'] },
};

export const specOf = (action: string): ActionSpec => ACTION_SPECS[action] ?? { inputs: ['comment'], required: [] };

/** What the dialog's inputs hold. */
export type ActionAnswers = {
  reason: string;
  checklist: string[];
  note: string;
  amount: string;
  assignee: string;
  newDueAt: string;
  documents: { code: string; fileId: string; name?: string | null }[];
  resultFiles: { code: string; fileId: string; name?: string | null }[];
  comment: string;
};

export const emptyAnswers = (): ActionAnswers => ({ reason: '', checklist: [], note: '', amount: '', assignee: '', newDueAt: '', documents: [], resultFiles: [], comment: '' });

/** "1.500.000", "1,500,000", "1 500 000 đ", "1500000" → 1500000; a fraction ("200,5") or anything else → NaN. */
export const parseDong = (text: string): number => {
  const bare = text.replace(/đồng|đ|vnd/gi, '').replace(/\s+/g, '');
  if (/^\d+$/.test(bare)) return Number(bare);
  return /^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(bare) ? Number(bare.replace(/[.,]/g, '')) : Number.NaN;
};

/** A date picked as `YYYY-MM-DD` means the end of that working day in Vietnam (17:00, UTC+7). */
export const endOfWorkingDay = (date: string): string => new Date(`${date}T17:00:00+07:00`).toISOString();

/** Which inputs are missing or wrong, by input (messages are chosen by the dialog). */
export const checkAnswers = (spec: ActionSpec, a: ActionAnswers, now: Date = new Date()): Partial<Record<ActionInput, 'required' | 'invalid' | 'past'>> => {
  const problems: Partial<Record<ActionInput, 'required' | 'invalid' | 'past'>> = {};
  for (const input of spec.required) {
    const value = a[input];
    if (Array.isArray(value) ? value.length === 0 : !value.trim()) problems[input] = 'required';
  }
  if (spec.inputs.includes('amount') && a.amount.trim() && !(parseDong(a.amount) > 0)) problems.amount = 'invalid';
  if (spec.inputs.includes('newDueAt') && a.newDueAt) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.newDueAt) || Number.isNaN(Date.parse(`${a.newDueAt}T00:00:00Z`))) problems.newDueAt = 'invalid';
    else if (Date.parse(endOfWorkingDay(a.newDueAt)) <= now.getTime()) problems.newDueAt = 'past';
  }
  return problems;
};

export type ActionBody = { comment?: string; data?: Record<string, unknown>; files?: string[] };

/** The request body for the action from the dialog's answers (only the inputs it has). */
export const bodyOf = (spec: ActionSpec, a: ActionAnswers): ActionBody => {
  const data: Record<string, unknown> = {};
  const has = (input: ActionInput) => spec.inputs.includes(input);
  if (has('reason') && a.reason.trim()) data.reason = a.reason.trim();
  if (has('checklist') && a.checklist.length > 0) data.checklist = a.checklist;
  if (has('note') && a.note.trim()) data.note = a.note.trim();
  if (has('amount') && a.amount.trim()) data.amount = parseDong(a.amount);
  if (has('assignee') && a.assignee) data.assigneeId = a.assignee;
  if (has('newDueAt') && a.newDueAt) data.newDueAt = endOfWorkingDay(a.newDueAt);
  if (has('documents') && a.documents.length > 0) data.documents = a.documents.map(({ code, fileId }) => ({ code, fileId }));
  const resultFiles = has('resultFiles') ? a.resultFiles.map((f) => f.fileId) : [];
  if (resultFiles.length > 0) data.resultFiles = resultFiles;
  const body: ActionBody = {};
  if (has('comment') && a.comment.trim()) body.comment = a.comment.trim();
  else if (data.reason) body.comment = String(data.reason);
  if (Object.keys(data).length > 0) body.data = data;
  const files = [...resultFiles, ...(has('documents') ? a.documents.map((d) => d.fileId) : [])];
  if (files.length > 0) body.files = files;
  return body;
};
