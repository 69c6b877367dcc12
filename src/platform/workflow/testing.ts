import type { ActorRelation, WorkflowDefinition } from './definition.ts';
import type { WorkflowActor } from './types.ts';

/**
 * Test support (imported by tests only): a small request-handling workflow that uses every feature
 * of the engine (paused state, stay action with `once`, several relations, required fields), and
 * actors to drive it.
 */
export const TOY_WORKFLOW: WorkflowDefinition = {
  key: 'test.request',
  version: 1,
  name: 'Yêu cầu thử nghiệm',
  initial: 'open',
  states: {
    open: { label: 'Mới', clock: 'running' },
    review: { label: 'Đang xem xét', clock: 'running', limit: { workingDays: 2 } },
    waiting: { label: 'Chờ trả lời', clock: 'paused' },
    closed: { label: 'Đã xong', clock: 'stopped', terminal: true },
    cancelled: { label: 'Đã huỷ', clock: 'stopped', terminal: true },
  },
  actions: {
    start_review: { label: 'Bắt đầu xem xét', from: ['open'], to: 'review', actor: 'agency', scopes: ['dossier.process'] },
    ask: { label: 'Hỏi thêm', from: ['review'], to: 'waiting', actor: 'agency', scopes: ['dossier.process'], requires: ['question', 'comment'] },
    answer: { label: 'Trả lời', from: ['waiting'], to: 'review', actor: 'owner', requires: ['files'] },
    settle: { label: 'Ghi nhận', from: ['waiting'], to: 'review', actor: ['system', 'agency'], scopes: ['dossier.process'] },
    note: { label: 'Ghi chú một lần', from: ['review'], actor: 'agency', scopes: ['dossier.process'], requires: ['reason'], once: true },
    close: { label: 'Kết thúc', from: ['review'], to: 'closed', actor: 'agency', scopes: ['dossier.approve'] },
    cancel: { label: 'Huỷ', from: ['open', 'review', 'waiting'], to: 'cancelled', actor: 'owner' },
  },
};

export const testActor = (name: string, scopes: string[], relations: ActorRelation[], id: string | null = null): WorkflowActor => ({
  id,
  name,
  scopes: new Set(scopes),
  relations: new Set(relations),
});

export const OFFICER = testActor('officer', ['dossier.process'], ['agency'], '01900000-0000-7000-8000-000000000001');
export const LEADER = testActor('leader', ['dossier.process', 'dossier.approve'], ['agency'], '01900000-0000-7000-8000-000000000002');
export const OWNER = testActor('owner', ['dossier.file'], ['owner'], '01900000-0000-7000-8000-000000000003');
/** An officer of another agency: the right scope, but no relation to the case. */
export const STRANGER = testActor('stranger', ['dossier.process', 'dossier.approve'], [], '01900000-0000-7000-8000-000000000004');
