import { describe, expect, it } from 'vitest';
import { dueKindOf } from './due.ts';

// 10:00 on 5 December 2026 in Vietnam (03:00 UTC).
const NOW = new Date('2026-12-05T03:00:00Z');
const open = (dueAt: string | null, isOverdue = false) => ({ dueAt, isOverdue, state: 'in_progress' });

describe('dueKindOf', () => {
  it('is overdue once the due time has passed, or when the API says so', () => {
    expect(dueKindOf(open('2026-12-05T02:59:00Z'), true, NOW)).toBe('overdue');
    expect(dueKindOf(open('2026-12-06T10:00:00Z', true), true, NOW)).toBe('overdue');
  });

  it('is due today until the end of the day in Vietnam (UTC+7), not in UTC', () => {
    expect(dueKindOf(open('2026-12-05T10:00:00Z'), true, NOW)).toBe('today'); // 17:00 in Vietnam
    expect(dueKindOf(open('2026-12-05T16:59:00Z'), true, NOW)).toBe('today'); // 23:59 in Vietnam
    expect(dueKindOf(open('2026-12-05T17:00:00Z'), true, NOW)).toBe('later'); // 00:00 on the 6th
  });

  it('says nothing for a closed report or one without a date', () => {
    expect(dueKindOf({ dueAt: '2026-12-01T00:00:00Z', isOverdue: false, state: 'answered' }, false, NOW)).toBeNull();
    expect(dueKindOf(open(null), true, NOW)).toBeNull();
    expect(dueKindOf(open('not a date'), true, NOW)).toBeNull();
  });
});
