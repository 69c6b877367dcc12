import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/db.ts';
import { generatedChecksum } from './checksum.ts';
import { generatedRun, generateProvince, type GenerateSummary } from './generate-province.ts';

/**
 * Smoke test of `tinhso generate` at a tiny scale (1,500 dossiers): the sizes asked for, a
 * believable status mix, rows that hang together (cases, events, owners, codes, counters) and the
 * same rows for the same seed on another database. The full-scale run is `npm run bench`.
 */
const OPTIONS = { scale: 0.001, seed: 7, until: '2026-06-15', parallel: 2 };

let first: TestDb;
let second: TestDb;
let summary: GenerateSummary;

const one = async <T>(t: TestDb, sql: string, params: unknown[] = []) => (await t.db.query(sql, params)).rows[0] as T;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDb('demo'), createTestDb('demo')]);
  [summary] = await Promise.all([generateProvince(first.db, OPTIONS), generateProvince(second.db, OPTIONS)]);
}, 60_000);

describe('tinhso generate', () => {
  it('makes the sizes of its scale', async () => {
    expect(summary.rows.dossiers).toBe(1500);
    expect(summary.rows.feedback_reports).toBe(200);
    expect(summary.rows.users).toBe(200 + 4 * (await one<{ n: number }>(first, "SELECT count(*)::int AS n FROM agencies WHERE province_code = '80'")).n);
    expect(summary.rows.workflow_cases).toBe(1700);
    const perCase = summary.rows.workflow_events! / summary.rows.workflow_cases!;
    expect(perCase).toBeGreaterThan(5);
    expect(perCase).toBeLessThan(8);
    expect(summary.totalRows).toBeGreaterThan(10_000);
    expect(summary.rowsPerSecond).toBeGreaterThan(0);
  });

  it('gives a believable mix: most dossiers done, some late, apologised, supplemented, still open', async () => {
    const mix = await one<Record<string, number>>(
      first,
      `SELECT count(*) FILTER (WHERE status IN (9, 10))::float / count(*) AS done,
              count(*) FILTER (WHERE done_at > original_due_at)::int AS late,
              count(*) FILTER (WHERE apology_count > 0)::int AS apologised,
              count(*) FILTER (WHERE supplement_count > 0)::int AS supplemented,
              count(*) FILTER (WHERE status IN (1, 2, 4, 5, 6))::int AS open,
              count(*) FILTER (WHERE status = 3)::int AS refused,
              count(DISTINCT procedure_code)::int AS procedures, count(DISTINCT commune_code)::int AS communes
         FROM dossiers`,
    );
    expect(mix.done).toBeGreaterThan(0.93);
    for (const k of ['late', 'apologised', 'supplemented', 'open', 'refused']) expect(mix[k], k).toBeGreaterThan(0);
    expect(mix.apologised).toBeLessThanOrEqual(mix.late!);
    expect(mix.communes).toBeGreaterThan(50);
    const reports = await one<Record<string, number>>(
      first,
      `SELECT count(*) FILTER (WHERE state = 'closed')::int AS closed, count(*) FILTER (WHERE state = 'transferred')::int AS transferred,
              count(*) FILTER (WHERE state = 'transferred' AND is_public)::int AS public_transferred,
              count(*) FILTER (WHERE rating IS NOT NULL)::int AS rated
         FROM feedback_reports WHERE created_at < '2026-06-15'`,
    );
    expect(reports.closed).toBeGreaterThan(100);
    expect(reports.rated).toBeGreaterThan(0);
    expect(reports.public_transferred).toBe(0);
  });

  it('writes rows that hang together', async () => {
    const broken = await one<Record<string, number>>(
      first,
      `SELECT
         (SELECT count(*) FROM dossiers d LEFT JOIN workflow_cases c ON c.id = d.case_id WHERE c.id IS NULL OR c.state <> d.state OR c.subject_id <> d.id)::int AS cases,
         (SELECT count(*) FROM dossiers d LEFT JOIN users u ON u.id = d.owner_id WHERE u.id IS NULL)::int AS owners,
         (SELECT count(*) FROM workflow_cases c WHERE c.seq <> (SELECT count(*) FROM workflow_events e WHERE e.case_id = c.id))::int AS seqs,
         (SELECT count(*) FROM workflow_events a JOIN workflow_events b ON b.case_id = a.case_id AND b.seq = a.seq + 1
           WHERE b.at < a.at OR b.from_state <> a.to_state)::int AS chains,
         (SELECT count(*) FROM workflow_events e WHERE e.actor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = e.actor_id))::int AS actors,
         (SELECT count(*) FROM feedback_reports r LEFT JOIN workflow_cases c ON c.subject_id = r.id WHERE c.id IS NULL OR c.state <> r.state)::int AS reports,
         (SELECT count(*) FROM dossiers d WHERE d.code !~ '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.H59-[0-9]{6}-[0-9]{4}$')::int AS codes,
         (SELECT count(*) FROM (SELECT split_part(code, '-', 1) AS agency, split_part(code, '-', 2) AS day, max(split_part(code, '-', 3)::int) AS last
                                  FROM dossiers GROUP BY 1, 2) m
           LEFT JOIN dossier_code_counters x ON x.agency_code = m.agency AND to_char(x.day, 'YYMMDD') = m.day
           WHERE x.last IS DISTINCT FROM m.last)::int AS counters,
         (SELECT count(*) FROM pg_tables WHERE tablename LIKE 'gen\\_%')::int AS helpers`,
    );
    expect(broken).toEqual({ cases: 0, owners: 0, seqs: 0, chains: 0, actors: 0, reports: 0, codes: 0, counters: 0, helpers: 0 });
  });

  it('gives the same rows for the same seed and until, and records its run', async () => {
    const [a, b] = await Promise.all([generatedChecksum(first.db), generatedChecksum(second.db)]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}:[0-9a-f]{32}:[0-9a-f]{32}$/);
    const run = await generatedRun(first.db);
    expect(run).toMatchObject({ scale: 0.001, seed: 7, until: '2026-06-15' });
  });

  it('refuses a database it already generated into, changing nothing', async () => {
    const before = await one<{ n: number }>(first, 'SELECT count(*)::int AS n FROM dossiers');
    await expect(generateProvince(first.db, OPTIONS)).rejects.toThrow(/already holds generated data/);
    expect(await one<{ n: number }>(first, 'SELECT count(*)::int AS n FROM dossiers')).toEqual(before);
  });
});
