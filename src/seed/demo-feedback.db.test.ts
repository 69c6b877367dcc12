import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, loginAs } from '../../test/helpers/app.ts';
import { createTestDb } from '../../test/helpers/db.ts';
import { DEMO_OPEN311_KEY, DEMO_TOPICS } from './demo-feedback.ts';
import { DEMO_REPORTS } from './demo-feedback-reports.ts';

const { db } = await createTestDb('demo');

describe('demo feedback', () => {
  it('has the topics (all Open311), a route per commune for commune topics, and the hashed Open311 key', async () => {
    const topics = await db.query<{ code: string; open311: boolean }>('SELECT code, open311 FROM feedback_topics ORDER BY sort');
    expect(topics.rows.map((r) => r.code)).toEqual(DEMO_TOPICS.map((x) => x.code));
    expect(topics.rows.every((r) => r.open311)).toBe(true);
    const routes = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM feedback_topic_routes');
    expect(routes.rows[0]!.n).toBe(DEMO_TOPICS.filter((x) => x.byCommune).length * 96);
    const key = await db.query('SELECT 1 FROM open311_api_keys WHERE key_sha256 = $1 AND active', [createHash('sha256').update(DEMO_OPEN311_KEY).digest('hex')]);
    expect(key.rowCount).toBe(1);
  });

  it('has reports in every state, each mirroring its workflow case and last event', async () => {
    const { rows } = await db.query<{ state: string; case_state: string; seq: number; events: number; last_to: string | null }>(
      `SELECT r.state, c.state AS case_state, c.seq,
              (SELECT count(*)::int FROM workflow_events e WHERE e.case_id = c.id) AS events,
              (SELECT e.to_state FROM workflow_events e WHERE e.case_id = c.id ORDER BY e.seq DESC LIMIT 1) AS last_to
         FROM feedback_reports r JOIN workflow_cases c ON c.subject_type = 'feedback_report' AND c.subject_id = r.id`,
    );
    expect(rows).toHaveLength(DEMO_REPORTS.length);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['submitted', 'moderated', 'assigned', 'in_progress', 'answered', 'closed', 'rejected', 'merged', 'transferred']));
    for (const r of rows) {
      expect(r.case_state).toBe(r.state);
      expect(r.seq).toBe(r.events);
      expect(r.last_to ?? 'submitted').toBe(r.state);
    }
  });

  it('lets the demo accounts carry on with the seeded reports through the API', async () => {
    const app = await buildTestApp(db, { RATE_LIMIT_ALLOW: '127.0.0.1' });
    const moderator = bearer(await loginAs(app, 'kiemduyet'));
    const queue = (await app.inject({ url: '/api/feedback/moderation', headers: moderator })).json<{ items: { id: string; state: string }[] }>();
    const waiting = queue.items.find((r) => r.state === 'submitted')!;
    expect((await app.inject({ method: 'POST', url: `/api/feedback/reports/${waiting.id}/moderate`, headers: moderator, payload: { isPublic: true } })).statusCode).toBe(200);
    const officer = bearer(await loginAs(app, 'pakn.xa01'));
    const mine = (await app.inject({ url: '/api/feedback/queue', headers: officer })).json<{ items: { id: string; state: string }[] }>();
    const assigned = mine.items.find((r) => r.state === 'assigned') ?? mine.items.find((r) => r.state === 'in_progress')!;
    const action = assigned.state === 'assigned' ? 'start' : 'answer';
    const res = await app.inject({ method: 'POST', url: `/api/feedback/reports/${assigned.id}/${action}`, headers: officer, payload: action === 'answer' ? { answer: 'Đã xử lý' } : {} });
    expect(res.statusCode, res.body).toBe(200);
    expect((await app.inject({ url: '/api/feedback/public/reports' })).json<{ total: number }>().total).toBeGreaterThan(10);
  });
});
