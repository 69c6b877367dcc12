import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, bodyOf, checkAnswers, emptyAnswers, endOfWorkingDay, parseDong, specOf } from './action-specs.ts';
import { DOSSIER_WORKFLOW } from '../../../../src/modules/services/dossier-workflow.ts';

const now = new Date('2026-03-05T03:00:00Z');

describe('action specs', () => {
  it('cover every action of the one-stop workflow and ask for every field it requires', () => {
    const inputFor: Record<string, string> = { reason: 'reason', checklist: 'checklist', assigneeId: 'assignee', documents: 'documents', amount: 'amount', newDueAt: 'newDueAt' };
    for (const [name, action] of Object.entries(DOSSIER_WORKFLOW.actions)) {
      const spec = ACTION_SPECS[name];
      expect(spec, name).toBeDefined();
      for (const key of action.requires ?? []) expect(spec!.required, `${name} requires ${key}`).toContain(inputFor[key]);
    }
  });

  it('refuses a missing reason, an empty checklist, a bad amount and a past date', () => {
    expect(checkAnswers(specOf('refuse'), emptyAnswers(), now)).toEqual({ reason: 'required' });
    expect(checkAnswers(specOf('request_supplement'), { ...emptyAnswers(), reason: 'Thiếu giấy' }, now)).toEqual({ checklist: 'required' });
    expect(checkAnswers(specOf('request_fee'), { ...emptyAnswers(), amount: '12,5 nghìn' }, now)).toEqual({ amount: 'invalid' });
    expect(checkAnswers(specOf('apologise'), { ...emptyAnswers(), reason: 'Chờ xác minh', newDueAt: '2026-03-04' }, now)).toEqual({ newDueAt: 'past' });
    expect(checkAnswers(specOf('apologise'), { ...emptyAnswers(), reason: 'Chờ xác minh', newDueAt: '2026-03-12' }, now)).toEqual({});
  });

  it('reads amounts in đồng as people write them', () => {
    expect(parseDong('1.500.000')).toBe(1_500_000);
    expect(parseDong('200 000 đ')).toBe(200_000);
    expect(parseDong('100000')).toBe(100_000);
    expect(parseDong('1,500,000')).toBe(1_500_000);
    expect(parseDong('abc')).toBeNaN();
    expect(parseDong('200,5')).toBeNaN();
    expect(parseDong('1.500,000')).toBeNaN();
  });

  it('builds the request body with data keys the workflow expects', () => {
    const answers = { ...emptyAnswers(), reason: ' Thiếu bản sao ', checklist: ['TOKHAI', 'CCCD'], note: '', comment: '' };
    expect(bodyOf(specOf('request_supplement'), answers)).toEqual({ comment: 'Thiếu bản sao', data: { reason: 'Thiếu bản sao', checklist: ['TOKHAI', 'CCCD'] } });
    expect(bodyOf(specOf('assign'), { ...emptyAnswers(), assignee: 'u-1', reason: 'ignored' })).toEqual({ data: { assigneeId: 'u-1' } });
    expect(bodyOf(specOf('apologise'), { ...emptyAnswers(), reason: 'Chờ xác minh', newDueAt: '2026-03-12' })).toEqual({
      comment: 'Chờ xác minh',
      data: { reason: 'Chờ xác minh', newDueAt: '2026-03-12T10:00:00.000Z' },
    });
    expect(bodyOf(specOf('supplement'), { ...emptyAnswers(), documents: [{ code: 'CCCD', fileId: 'f-1', name: 'cccd.pdf' }] })).toEqual({
      data: { documents: [{ code: 'CCCD', fileId: 'f-1' }] },
      files: ['f-1'],
    });
    expect(bodyOf(specOf('receive'), emptyAnswers())).toEqual({});
  });

  it('takes a picked date as 17:00 in Vietnam', () => {
    expect(endOfWorkingDay('2026-03-12')).toBe('2026-03-12T10:00:00.000Z');
  });
});
