import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectProblem, loginAs } from '../../../../test/helpers/app.ts';
import { createTestDb } from '../../../../test/helpers/db.ts';
import type { Db } from '../../../platform/db/pool.ts';
import { act, fileThroughApi, insertFixtureProcedure, userIdOf } from './testing.ts';

/** `GET /api/dossiers/{id}/assignees`: the handling agency's staff a dossier may be assigned to. */
let db: Db;
let app: FastifyInstance;
let dossierId: string;
const t: Record<string, string> = {};

const get = (token: string | null, id = dossierId) =>
  app.inject({ method: 'GET', url: `/api/dossiers/${id}/assignees`, headers: token ? bearer(token) : {} });

beforeAll(async () => {
  ({ db } = await createTestDb('demo'));
  app = await buildTestApp(db);
  for (const u of ['congdan', 'congdan2', 'motcua', 'chuyenvien', 'lanhdao', 'cb.sxd.1']) t[u] = await loginAs(app, u);
  const procedure = await insertFixtureProcedure(db);
  dossierId = (await fileThroughApi(app, db, t.congdan!, procedure)).id;
});

describe('GET /api/dossiers/{id}/assignees', () => {
  it('lists the active officers and leaders of the handling agency, in Vietnamese name order, to the one-stop centre and the agency', async () => {
    const { rows } = await db.query<{ id: string; full_name: string }>(
      `SELECT u.id, u.full_name FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE a.code = '000.00.04.H59' AND u.disabled_at IS NULL AND u.roles && ARRAY['officer', 'agency_leader']`,
    );
    const expected = rows.map((r) => r.full_name).sort(new Intl.Collator('vi').compare);
    for (const who of ['motcua', 'chuyenvien', 'lanhdao']) {
      const res = await get(t[who]!);
      expect(res.statusCode, who).toBe(200);
      const body = res.json<{ id: string; fullName: string }[]>();
      expect(body.map((a) => a.fullName)).toEqual(expected);
      expect(body.map((a) => a.id)).toContain(await userIdOf(db, 'chuyenvien'));
    }
    expect(expected).toContain('Phạm Minh Đức');
    expect(expected).not.toContain('Lê Thị Cúc'); // the one-stop officer is not of the handling agency
  });

  it('leaves out disabled staff, and every one listed is accepted by the assign action', async () => {
    const chuyenvien = await userIdOf(db, 'chuyenvien');
    const lanhdao = await userIdOf(db, 'lanhdao');
    await db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [lanhdao]);
    try {
      const ids = (await get(t.motcua!)).json<{ id: string }[]>().map((a) => a.id);
      expect(ids).not.toContain(lanhdao);
      expect(ids).toContain(chuyenvien);
    } finally {
      await db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [lanhdao]);
    }
    expect((await act(app, t.motcua!, dossierId, 'receive')).statusCode).toBe(200);
    const assigned = await act(app, t.motcua!, dossierId, 'assign', { data: { assigneeId: chuyenvien } });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });

  it('refuses without a session (401), a citizen — even the owner — by scope (403), and other agencies and bad ids with 404', async () => {
    await expectProblem(await get(null), 401);
    await expectProblem(await get(t.congdan!), 403);
    await expectProblem(await get(t.congdan2!), 403);
    await expectProblem(await get(t['cb.sxd.1']!), 404);
    await expectProblem(await get(t.motcua!, '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b'), 404);
    await expectProblem(await get(t.motcua!, 'not-a-uuid'), 400);
  });
});
