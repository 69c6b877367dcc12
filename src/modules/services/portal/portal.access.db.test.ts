import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { PORTAL_SYNC_QUEUE } from './index.ts';
import { sampleSnapshot } from './testing/snapshot.ts';

/** Endpoint × role matrix of /api/portal, on dead letters written straight into the table. */
describe('/api/portal access', () => {
  let db: Db;
  let app: FastifyInstance;
  const tokens: Record<string, string> = {};
  const ALLOWED = ['admin', 'lanhdaotinh'];
  const REFUSED = ['congdan', 'motcua', 'chuyenvien', 'lanhdao', 'dangvien'];

  const deadLetter = async (queue = PORTAL_SYNC_QUEUE, code = '000.00.04.H59-261123-0042') => {
    const id = uuidv7();
    await db.query(
      `INSERT INTO job_dead_letters (id, queue, payload, error, attempts, source_job_id) VALUES ($1, $2, $3, 'HTTP 503', 9, $4)`,
      [id, queue, JSON.stringify({ version: 1, snapshot: sampleSnapshot({ code }) }), uuidv7()],
    );
    return id;
  };
  const outboxCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM job_outbox')).rows[0]!.n;
  const get = (url: string, user?: string) => app.inject({ method: 'GET', url, headers: user ? bearer(tokens[user]!) : {} });
  const retry = (id: string, user?: string) => app.inject({ method: 'POST', url: `/api/portal/dead-letters/${id}/retry`, headers: user ? bearer(tokens[user]!) : {} });

  beforeAll(async () => {
    ({ db } = await createTestDb('demo'));
    app = await buildTestApp(db);
    for (const user of [...ALLOWED, ...REFUSED]) tokens[user] = await loginAs(app, user);
  });

  it('GET /dead-letters: 401 without a session, 403 for other roles, 200 for administrators and province monitors', async () => {
    const id = await deadLetter();
    expectProblem(await get('/api/portal/dead-letters'), 401);
    for (const user of REFUSED) expectProblem(await get('/api/portal/dead-letters', user), 403);
    for (const user of ALLOWED) {
      const res = await get('/api/portal/dead-letters', user);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ items: { id: string; dossierCode: string; attempts: number }[] }>().items).toContainEqual(
        expect.objectContaining({ id, dossierCode: '000.00.04.H59-261123-0042', attempts: 9 }),
      );
    }
  });

  it('never lists dead letters of other queues and never shows personal data', async () => {
    const other = await deadLetter('notify.send-sms');
    const body = (await get('/api/portal/dead-letters?state=all&limit=200', 'admin')).body;
    expect(body).not.toContain(other);
    expect(Object.keys(JSON.parse(body).items[0]).sort()).toEqual(
      ['attempts', 'dossierCode', 'dossierId', 'error', 'failedAt', 'id', 'retriedAt', 'retriedBy', 'status', 'superseded', 'version'],
    );
  });

  it.each([['state=bogus', 'state'], ['limit=0', 'limit'], ['limit=500', 'limit'], ['before=yesterday', 'before']])(
    'GET /dead-letters?%s answers 400 naming the field',
    async (query, field) => {
      const body = expectProblem(await get(`/api/portal/dead-letters?${query}`, 'admin'), 400);
      expect(body.errors?.map((e) => e.field)).toContain(field);
    },
  );

  it('POST /dead-letters/{id}/retry: refused callers change nothing; an allowed one retries once (then 409)', async () => {
    const id = await deadLetter();
    const before = await outboxCount();
    expectProblem(await retry(id), 401);
    for (const user of REFUSED) expectProblem(await retry(id, user), 403);
    expect(await outboxCount()).toBe(before);

    const res = await retry(id, 'lanhdaotinh');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ id, retriedBy: 'lanhdaotinh' });
    expect(await outboxCount()).toBe(before + 1);
    const audit = await db.query('SELECT actor_name FROM audit_log WHERE action = $1 AND target_id = $2', ['job.dead-letter.retry', id]);
    expect(audit.rows).toEqual([{ actor_name: 'lanhdaotinh' }]);

    expectProblem(await retry(id, 'admin'), 409);
    expect(await outboxCount()).toBe(before + 1);
  });

  it('POST /dead-letters/{id}/retry: 404 for an unknown id or another queue\'s dead letter, 400 for a malformed id', async () => {
    const other = await deadLetter('notify.send-sms');
    const before = await outboxCount();
    expectProblem(await retry(uuidv7(), 'admin'), 404);
    expectProblem(await retry(other, 'admin'), 404);
    const bad = expectProblem(await retry('not-a-uuid', 'admin'), 400);
    expect(bad.errors?.map((e) => e.field)).toContain('id');
    expect(await outboxCount()).toBe(before);
    const row = await db.query('SELECT retried_at FROM job_dead_letters WHERE id = $1', [other]);
    expect(row.rows).toEqual([{ retried_at: null }]);
  });
});
