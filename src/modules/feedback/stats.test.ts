import { describe, expect, it } from 'vitest';
import { metricsOf, ratio, satisfaction766 } from './stats.ts';

describe('feedback figures', () => {
  it('Decision 766 satisfaction is (total − unsatisfied − overdue) / total', () => {
    expect(satisfaction766({ total: 200, unsatisfied: 10, overdue: 30 })).toBe(0.8);
    expect(satisfaction766({ total: 3, unsatisfied: 1, overdue: 0 })).toBe(0.6667);
    expect(satisfaction766({ total: 0, unsatisfied: 0, overdue: 0 })).toBeNull();
    expect(ratio(1, 0)).toBeNull();
  });

  it('derives overdue, on-time rate and average rating from the counts', () => {
    const m = metricsOf({ received: 7, open: 2, answered: 4, answeredOnTime: 3, answeredLate: 1, openOverdue: 1, rated: 3, ratingSum: 11, unsatisfied: 1 });
    expect(m).toMatchObject({ overdue: 2, onTimeRate: 0.75, averageRating: 3.67, satisfactionRate: round((7 - 1 - 2) / 7) });
    expect(metricsOf({ received: 1, open: 1, answered: 0, answeredOnTime: 0, answeredLate: 0, openOverdue: 0, rated: 0, ratingSum: 0, unsatisfied: 0 })).toMatchObject({
      onTimeRate: null,
      averageRating: null,
      satisfactionRate: 1,
    });
  });
});

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}
