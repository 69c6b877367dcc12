import { describe, expect, it } from 'vitest';
import { buildTestApp, loginAs } from '../../test/helpers/app.ts';
import { createTestDb } from '../../test/helpers/db.ts';
import { DEMO_USERS } from './demo-data.ts';
import { COMMUNE_PARTY_COUNT } from './demo-party.ts';
import { seedDemo } from './demo.ts';

describe('demo seed', () => {
  it('gives every commune of Tây Ninh a People’s Committee and a service centre', async () => {
    const { db } = await createTestDb('demo');
    const { rows } = await db.query<{ code: string; committees: number; centres: number }>(
      `SELECT c.code,
              count(*) FILTER (WHERE a.kind = 'commune_committee')::int AS committees,
              count(*) FILTER (WHERE a.kind = 'one_stop_centre')::int AS centres
         FROM admin_communes c LEFT JOIN agencies a ON a.commune_code = c.code
        WHERE c.province_code = '80' GROUP BY c.code`,
    );
    expect(rows).toHaveLength(96);
    expect(rows.every((r) => r.committees === 1 && r.centres === 1)).toBe(true);
    const branches = await db.query(`SELECT 1 FROM agencies WHERE kind = 'one_stop_branch'`);
    expect(branches.rowCount).toBeGreaterThanOrEqual(10);
    const orphans = await db.query(`SELECT code FROM agencies WHERE parent_id IS NULL AND kind <> 'province_committee'`);
    expect(orphans.rows).toEqual([]);
  });

  it('keeps the documented accounts, each signing in with demo1234 and holding its role and agency', async () => {
    const { db } = await createTestDb('demo');
    const app = await buildTestApp(db);
    for (const u of DEMO_USERS) {
      await loginAs(app, u.username);
      const { rows } = await db.query<{ roles: string[]; agency: string | null; party: string | null }>(
        `SELECT u.roles, a.code AS agency, p.code AS party FROM users u
           LEFT JOIN agencies a ON a.id = u.agency_id LEFT JOIN party_orgs p ON p.id = u.party_org_id WHERE u.username = $1`,
        [u.username],
      );
      expect(rows[0]).toEqual({ roles: u.roles, agency: u.agency ?? null, party: u.party ?? null });
    }
  });

  it('builds the Party tree: province, its đảng bộ with a cell per department, and communes with hamlet cells', async () => {
    const { db } = await createTestDb('demo');
    const kinds = await db.query<{ parent: string | null; kind: string; n: number }>(
      `SELECT p.code AS parent, o.kind, count(*)::int AS n FROM party_orgs o LEFT JOIN party_orgs p ON p.id = o.parent_id
        GROUP BY p.code, o.kind ORDER BY 1, 2`,
    );
    const at = (parent: string | null, kind: string) => kinds.rows.find((r) => r.parent === parent && r.kind === kind)?.n ?? 0;
    expect(at(null, 'dang_bo_tinh')).toBe(1);
    expect(at('DB-80', 'dang_bo')).toBe(2);
    expect(at('DB-80', 'dang_bo_co_so')).toBe(COMMUNE_PARTY_COUNT);
    expect(at('DB-80-UBND', 'chi_bo')).toBeGreaterThanOrEqual(12);
    expect(at('DB-80-CQD', 'chi_bo')).toBeGreaterThanOrEqual(3);
    const communeCells = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM party_orgs o JOIN party_orgs p ON p.id = o.parent_id WHERE p.kind = 'dang_bo_co_so' GROUP BY p.id`,
    );
    expect(communeCells.rows.every((r) => r.n >= 3)).toBe(true);
    const members = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE party_org_id IS NOT NULL AND username <> 'dangvien'`);
    expect(members.rows[0]!.n).toBeGreaterThanOrEqual(10);
    const officers = await db.query(`SELECT username FROM users WHERE 'party_officer' = ANY (roles) AND party_org_id IS NOT NULL`);
    expect(officers.rowCount).toBeGreaterThanOrEqual(2);
  });

  it('records itself in the audit log as seed.demo by the system', async () => {
    const { db } = await createTestDb('demo');
    const { rows } = await db.query(`SELECT stream, actor_id, actor_name, target_type FROM audit_log WHERE action = 'seed.demo'`);
    expect(rows).toEqual([{ stream: 'system:seed', actor_id: null, actor_name: 'system', target_type: 'system' }]);
  });

  it('loads an empty database in under two seconds, and refuses to load twice', async () => {
    const { db } = await createTestDb('base');
    const started = performance.now();
    const result = await seedDemo(db);
    const took = performance.now() - started;
    expect(result.seeded).toBe(true);
    expect(took).toBeLessThan(2000);
    const counts = await db.query<{ agencies: number; users: number; party: number }>(
      'SELECT (SELECT count(*)::int FROM agencies) AS agencies, (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM party_orgs) AS party',
    );
    expect(counts.rows[0]).toEqual({ agencies: result.agencies, users: result.users, party: result.partyOrgs });
    expect(await seedDemo(db)).toEqual({ seeded: false, agencies: 0, partyOrgs: 0, users: 0 });
    const again = await db.query('SELECT (SELECT count(*)::int FROM agencies) AS agencies, (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM party_orgs) AS party');
    expect(again.rows[0]).toEqual(counts.rows[0]);
  });
});
