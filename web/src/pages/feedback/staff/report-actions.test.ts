import { describe, expect, it } from 'vitest';
import { bodyOf, checkAnswers, emptyAnswers, inputOfField, specOf } from './report-actions.ts';

describe('report actions', () => {
  it('asks for what each action requires', () => {
    expect(checkAnswers(specOf('answer'), emptyAnswers())).toEqual({ answer: 'required' });
    expect(checkAnswers(specOf('reassign'), emptyAnswers())).toEqual({ agency: 'required', reason: 'required' });
    expect(checkAnswers(specOf('start'), emptyAnswers())).toEqual({});
    expect(checkAnswers(specOf('answer'), { ...emptyAnswers(), answer: '   ' })).toEqual({ answer: 'required' });
  });

  it('needs a reason to keep a report private, not to publish it', () => {
    const spec = specOf('moderate');
    expect(checkAnswers(spec, emptyAnswers())).toEqual({ isPublic: 'required' });
    expect(checkAnswers(spec, { ...emptyAnswers(), isPublic: 'no' })).toEqual({ reason: 'required' });
    expect(checkAnswers(spec, { ...emptyAnswers(), isPublic: 'yes' })).toEqual({});
  });

  it('sends only the inputs of the action, trimmed, with the seq', () => {
    const a = { ...emptyAnswers(), isPublic: 'yes' as const, reason: '  ', agency: 'a1', target: 't1', answer: ' Đã sửa xong. ', files: [{ fileId: 'f1', name: 'a.pdf' }] };
    expect(bodyOf('moderate', a, 3)).toEqual({ seq: 3, isPublic: true, agencyId: 'a1' });
    expect(bodyOf('answer', a, 4)).toEqual({ seq: 4, answer: 'Đã sửa xong.', fileIds: ['f1'] });
    expect(bodyOf('merge', a, 1)).toEqual({ seq: 1, targetId: 't1' });
    expect(bodyOf('start', a, 2)).toEqual({ seq: 2 });
  });

  it('maps server field errors to the dialog inputs', () => {
    expect(inputOfField('agencyId')).toBe('agency');
    expect(inputOfField('/fileIds/0')).toBe('files');
    expect(inputOfField('seq')).toBeUndefined();
  });
});
