import { describe, expect, it } from 'vitest';
import {
  digitisationGroup, feedbackSatisfaction766, onlineServiceGroup, pointsFor, ratio, satisfactionGroup, serviceIndex766, timelinessGroup,
  transparencyGroup, type IndexInputs,
} from './decision-766.ts';

/** Hand-computed cases: each expected number is worked out in the comment beside it. */
const INPUTS: IndexInputs = {
  procedures: { total: 50, complete: 40, toanTrinh: 30 },
  dossiers: { received: 200, online: 150, digitised: 180, done: 100, doneEarly: 60, doneOnTime: 30, doneLate: 10, lateApologised: 4, doneEResult: 75, paid: 40, paidOnline: 10 },
  feedback: { total: 20, unsatisfied: 2, overdue: 3 },
  ratings: { rated: 50, satisfied: 45 },
};
const share = (g: ReturnType<typeof transparencyGroup>, code: string) => g.indicators.find((i) => i.code === code)!;

describe('Decision 766 index', () => {
  it('ratio and points: part / whole (null when nothing to divide), max × share to 0.01', () => {
    expect(ratio(1, 3)).toBe(0.333333);
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(5, 4)).toBe(1); // never above 1
    expect(pointsFor(2 / 3, 14)).toBe(9.33);
    expect(pointsFor(null, 14)).toBeNull();
  });

  it('feedback satisfaction = (total − unsatisfied − overdue) / total', () => {
    expect(feedbackSatisfaction766({ total: 20, unsatisfied: 2, overdue: 3 })).toBe(0.75); // 15 / 20
    expect(feedbackSatisfaction766({ total: 4, unsatisfied: 3, overdue: 3 })).toBe(0); // −2 / 4, never below 0
    expect(feedbackSatisfaction766({ total: 0, unsatisfied: 0, overdue: 0 })).toBeNull();
  });

  it('group 1, transparency (18): 40/50 complete → 4.8 of 6; portal sync is manual; progress public → 6', () => {
    const g = transparencyGroup(INPUTS);
    expect(share(g, '1.1')).toMatchObject({ share: 0.8, points: 4.8, source: 'measured' });
    expect(share(g, '1.2')).toMatchObject({ share: null, points: null, source: 'manual' });
    expect(share(g, '1.3')).toMatchObject({ share: 1, points: 6 });
    expect(g).toMatchObject({ max: 18, points: 10.8, assessedMax: 12 });
    expect(transparencyGroup({ ...INPUTS, manual: { '1.2': 0.5 } })).toMatchObject({ points: 13.8, assessedMax: 18 }); // + 3
  });

  it('group 2, timeliness (20): (60 + 30) / 100 → 12.6 of 14; 4 of 10 late apologised → 2.4 of 6', () => {
    const g = timelinessGroup(INPUTS);
    expect(share(g, '2.1')).toMatchObject({ share: 0.9, points: 12.6 });
    expect(share(g, '2.2')).toMatchObject({ share: 0.4, points: 2.4 });
    expect(g.points).toBe(15);
    const none = { ...INPUTS, dossiers: { ...INPUTS.dossiers, doneLate: 0, lateApologised: 0, doneEarly: 70, doneOnTime: 30 } };
    expect(timelinessGroup(none).points).toBe(20); // nothing late: full points for apologies
    const nothingDone = { ...INPUTS, dossiers: { ...INPUTS.dossiers, done: 0, doneEarly: 0, doneOnTime: 0, doneLate: 0, lateApologised: 0 } };
    expect(timelinessGroup(nothingDone)).toMatchObject({ points: 0, assessedMax: 0 });
  });

  it('group 3, digitisation (22): 180/200 → 7.2 of 8; 75/100 → 6 of 8; reuse manual', () => {
    const g = digitisationGroup(INPUTS);
    expect(share(g, '3.1')).toMatchObject({ share: 0.9, points: 7.2 });
    expect(share(g, '3.2')).toMatchObject({ share: 0.75, points: 6 });
    expect(share(g, '3.3').source).toBe('manual');
    expect(g).toMatchObject({ points: 13.2, assessedMax: 16 });
  });

  it('group 4, online services (22): 30/50 toàn trình → 4.8; 150/200 online → 6; 10/40 paid online → 1.5', () => {
    const g = onlineServiceGroup(INPUTS);
    expect(g.indicators.map((i) => i.points)).toEqual([4.8, 6, 1.5]);
    expect(g).toMatchObject({ points: 12.3, assessedMax: 22 });
  });

  it('group 5, satisfaction (18): feedback 0.75 → 6.75 of 9; ratings 45/50 → 8.1 of 9, manual when not collected', () => {
    const g = satisfactionGroup(INPUTS);
    expect(g.indicators.map((i) => i.points)).toEqual([6.75, 8.1]);
    expect(g.points).toBe(14.85);
    const unrated = satisfactionGroup({ ...INPUTS, ratings: null });
    expect(unrated.indicators[1]).toMatchObject({ source: 'manual', share: null });
    expect(unrated).toMatchObject({ points: 6.75, assessedMax: 9 });
  });

  it('the total adds the five groups: 10.8 + 15 + 13.2 + 12.3 + 14.85 = 66.15 of 88 assessed', () => {
    const score = serviceIndex766(INPUTS);
    expect(score.groups.map((g) => g.max)).toEqual([18, 20, 22, 22, 18]);
    expect(score.groups.reduce((s, g) => s + g.max, 0)).toBe(100);
    expect(score).toMatchObject({ total: 66.15, assessedMax: 88, max: 100 });
  });
});
