import { describe, expect, it } from 'vitest';
import { dueStateOf } from './due.ts';

const now = new Date('2026-03-05T03:00:00Z');

describe('dueStateOf', () => {
  it('prefers the API answer (working days) while the dossier runs', () => {
    expect(dueStateOf({ dueAt: '2026-03-20T10:00:00Z', dueState: 'soon', status: 4 }, now)).toBe('soon');
  });

  it('estimates from the date when the API gives no answer', () => {
    expect(dueStateOf({ dueAt: '2026-03-05T02:59:59Z', status: 2 }, now)).toBe('overdue');
    expect(dueStateOf({ dueAt: '2026-03-06T10:00:00Z', status: 2 }, now)).toBe('soon');
    expect(dueStateOf({ dueAt: '2026-03-09T10:00:00Z', status: 2 }, now)).toBe('ok');
  });

  it('has nothing to say without a date, or once the dossier is finished', () => {
    expect(dueStateOf({ dueAt: null, status: 1 }, now)).toBeNull();
    expect(dueStateOf({ dueAt: 'not a date', status: 1 }, now)).toBeNull();
    expect(dueStateOf({ dueAt: '2026-03-01T00:00:00Z', dueState: 'overdue', status: 10 }, now)).toBeNull();
  });
});
