import { describe, expect, it } from 'vitest';
import { buildTestApp, expectProblem } from '../../../test/helpers/app.ts';
import { createTestDb } from '../../../test/helpers/db.ts';
import { uuidv7 } from '../../platform/db/ids.ts';
import { fileReport } from './index.ts';
import { feedbackHotSpots, feedbackStats } from './stats.ts';
import { as, signIn, TAN_AN } from './testing.ts';

const { db } = await createTestDb('demo');
const app = await buildTestApp(db, { RATE_LIMIT_ALLOW: '127.0.0.1' });
const t = await signIn(app, 'congdan', 'cb.sxd.1', 'ld.sxd', 'lanhdao', 'lanhdaotinh');
const NOW = new Date('2026-06-30T00:00:00Z');

// Two topics of our own, so the hand-computed figures are not mixed with the demo reports.
const sxd = (await db.query<{ id: string }>(`SELECT id FROM agencies WHERE code = '000.00.06.H59'`)).rows[0]!.id;
for (const [code, kind] of [['thu-nghiem-chung', 'general'], ['thu-nghiem-thu-tuc', 'procedure']]) {
  await db.query(
    `INSERT INTO feedback_topics (id, code, name, field, kind, default_agency_id, limit_working_days) VALUES ($1, $2, $3, 'Thử nghiệm', $4, $5, 10)`,
    [uuidv7(), code, `Thử nghiệm ${kind}`, kind, sxd],
  );
}

type Fixture = { topic: string; filed: string; due: string; state: string; answered?: string; rating?: number; at?: [number, number] };
const day = (d: string) => new Date(`${d}T03:00:00Z`);
const FIXTURES: Fixture[] = [
  { topic: 'thu-nghiem-chung', filed: '2026-05-04', due: '2026-05-15', state: 'closed', answered: '2026-05-10', rating: 5 }, // R1 on time
  { topic: 'thu-nghiem-chung', filed: '2026-05-05', due: '2026-05-16', state: 'closed', answered: '2026-05-20', rating: 3 }, // R2 late
  { topic: 'thu-nghiem-chung', filed: '2026-06-01', due: '2026-06-12', state: 'in_progress', at: [11.3012, 106.0961] }, // R3 open overdue
  { topic: 'thu-nghiem-chung', filed: '2026-06-10', due: '2026-07-05', state: 'assigned', at: [11.3031, 106.0978] }, // R4 open, in time
  { topic: 'thu-nghiem-chung', filed: '2026-06-15', due: '2026-06-26', state: 'answered', answered: '2026-06-20', rating: 1 }, // R5 unsatisfied
  { topic: 'thu-nghiem-chung', filed: '2026-06-20', due: '2026-07-03', state: 'rejected' }, // R6
  { topic: 'thu-nghiem-thu-tuc', filed: '2026-06-02', due: '2026-06-10', state: 'closed', answered: '2026-06-12', rating: 4 }, // P1 late
  { topic: 'thu-nghiem-thu-tuc', filed: '2026-06-03', due: '2026-06-15', state: 'in_progress', at: [TAN_AN.lat, TAN_AN.lng] }, // P2 open overdue
  { topic: 'thu-nghiem-thu-tuc', filed: '2026-06-04', due: '2026-06-12', state: 'closed', answered: '2026-06-08', rating: 2 }, // P3 unsatisfied
  { topic: 'thu-nghiem-thu-tuc', filed: '2026-06-05', due: '2026-06-15', state: 'closed', answered: '2026-06-09', rating: 5 }, // P4
];
for (const f of FIXTURES) {
  const [lat, lng] = f.at ?? [11.2, 106.3];
  const filed = await fileReport(db, { topicCode: f.topic, title: 'Thử nghiệm', description: 'Số liệu thử nghiệm', lat, lng, privacy: 'secret', channel: 'phone' }, { at: day(f.filed) });
  // The figures only read these columns; set them as the workflow would have left them.
  await db.query('UPDATE feedback_reports SET state = $2, due_at = $3, answered_at = $4, rating = $5, agency_id = $6 WHERE id = $1', [
    filed.id, f.state, day(f.due), f.answered ? day(f.answered) : null, f.rating ?? null, sxd,
  ]);
}
const TOPICS = ['thu-nghiem-chung', 'thu-nghiem-thu-tuc'];

describe('feedbackStats (hand-computed)', () => {
  it('counts, rates and Decision 766 satisfaction over the filter', async () => {
    const stats = await feedbackStats(db, 'topic', { topicCodes: TOPICS }, NOW);
    expect(stats.totals).toEqual({
      received: 10, open: 3, answered: 6, answeredOnTime: 4, answeredLate: 2, openOverdue: 2, overdue: 4,
      rated: 6, ratingSum: 20, unsatisfied: 2, onTimeRate: 0.6667, averageRating: 3.33, satisfactionRate: 0.4,
    });
    // Only the procedure topic counts for Decision 766: (4 − 1 − 2) / 4.
    expect(stats.decision766).toEqual({ total: 4, unsatisfied: 1, overdue: 2, satisfactionRate: 0.25 });
    expect(stats.groups.map((g) => [g.key, g.received, g.satisfactionRate])).toEqual([
      ['thu-nghiem-chung', 6, round((6 - 1 - 2) / 6)],
      ['thu-nghiem-thu-tuc', 4, 0.25],
    ]);
  });

  it('groups by month (Vietnam time), agency and commune, and filters by filing dates', async () => {
    const byMonth = await feedbackStats(db, 'month', { topicCodes: TOPICS }, NOW);
    expect(byMonth.groups.map((g) => [g.key, g.label, g.received, g.answered])).toEqual([
      ['2026-05', '05/2026', 2, 2],
      ['2026-06', '06/2026', 8, 4],
    ]);
    const byAgency = await feedbackStats(db, 'agency', { topicCodes: TOPICS }, NOW);
    expect(byAgency.groups).toHaveLength(1);
    expect(byAgency.groups[0]).toMatchObject({ key: '000.00.06.H59', label: 'Sở Xây dựng', received: 10 });
    const byCommune = await feedbackStats(db, 'commune', { topicCodes: TOPICS }, NOW);
    expect(byCommune.groups.reduce((n, g) => n + g.received, 0)).toBe(10);
    const june = await feedbackStats(db, 'topic', { topicCodes: TOPICS, from: '2026-06-01', to: '2026-06-30' }, NOW);
    expect(june.totals.received).toBe(8);
    expect(june.totals.satisfactionRate).toBe(round((8 - 2 - 3) / 8));
  });

  it('finds hot spots: open reports in the same grid cell', async () => {
    const spots = await feedbackHotSpots(db, { topicCodes: TOPICS }, { cellDegrees: 0.01, minReports: 2 }, NOW);
    expect(spots).toHaveLength(1);
    expect(spots[0]).toMatchObject({ reports: 2, overdue: 1, topTopic: 'thu-nghiem-chung', bbox: [11.3, 106.09, 11.31, 106.1] });
    expect(spots[0]!.lat).toBeCloseTo((11.3012 + 11.3031) / 2, 5);
    expect(await feedbackHotSpots(db, { topicCodes: TOPICS }, { minReports: 1 }, NOW)).toHaveLength(2);
  });
});

function round(x: number) {
  return Math.round(x * 10_000) / 10_000;
}

describe('GET /api/feedback/stats and /stats/hotspots', () => {
  const get = (who: string | null, url: string) => app.inject({ url, headers: who ? as(t, who) : {} });

  it('answers the province reader with every agency, an agency reader with their own only', async () => {
    const all = await get('lanhdaotinh', `/api/feedback/stats?groupBy=month&topic=${TOPICS.join(',')}`);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ groupBy: 'month', totals: { received: 10 } });
    expect((await get('ld.sxd', `/api/feedback/stats?topic=${TOPICS.join(',')}`)).json()).toMatchObject({ totals: { received: 10 } });
    // Sở Tư pháp's leader asks for Sở Xây dựng: still only their own agency's figures.
    expect((await get('lanhdao', `/api/feedback/stats?topic=${TOPICS.join(',')}&agency=${sxd}`)).json()).toMatchObject({ totals: { received: 0 } });
    const spots = await get('lanhdaotinh', `/api/feedback/stats/hotspots?topic=${TOPICS.join(',')}&cell=0.01&min=2`);
    expect(spots.json()).toHaveLength(1);
  });

  it('refuses citizens and officers (403), anonymous callers (401) and bad filters (400)', async () => {
    for (const url of ['/api/feedback/stats', '/api/feedback/stats/hotspots']) {
      expectProblem(await get(null, url), 401);
      for (const who of ['congdan', 'cb.sxd.1']) expectProblem(await get(who, url), 403);
    }
    for (const qs of ['groupBy=year', 'from=2026-13', 'agency=abc', 'to=yesterday']) expectProblem(await get('lanhdaotinh', `/api/feedback/stats?${qs}`), 400);
    expectProblem(await get('lanhdaotinh', '/api/feedback/stats/hotspots?cell=5'), 400);
  });
});
