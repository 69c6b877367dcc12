import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSession } from '../src/platform/auth/sessions.ts';
import { openBenchDatabase, type BenchDatabase } from './database.ts';
import { startApp, startBaseline, type Child } from './server.ts';

/**
 * What the figure groups share, made when first asked for and kept for the run: the generated
 * database, the app (one process for every HTTP figure, so its start and its memory are measured
 * on the same data), the baseline server, and signed-in users. Sessions are written straight into
 * the sessions table with the app's secret, as a login would: logging 300 citizens in through
 * argon2 would measure the password hash, not the figures.
 */
export type BenchOptions = { scale: number; seed: number; fresh: boolean; seconds: number; log: (m: string) => void };

const SESSION_SECRET = 'bench-session-secret-only-for-the-benchmark-run';

const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

export class BenchContext {
  private readonly children: Child[] = [];
  private readonly dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-bench-app-'));
  /** Seconds each measured load lasts (after a 2 s warm-up). */
  readonly seconds: number;

  constructor(readonly options: BenchOptions) {
    this.seconds = options.seconds;
  }

  private opened?: Promise<BenchDatabase>;

  database(): Promise<BenchDatabase> {
    return (this.opened ??= openBenchDatabase(this.options));
  }

  readonly app = once<Child>(async () => {
    const { url } = await this.database();
    const child = await startApp(url, this.dataDir, SESSION_SECRET);
    this.children.push(child);
    this.options.log(`app ready in ${child.readySeconds.toFixed(2)} s (pid ${child.pid})`);
    return child;
  });

  readonly baseline = once<Child>(async () => {
    const child = await startBaseline((await this.database()).url);
    this.children.push(child);
    return child;
  });

  /** Bearer tokens of users picked by `sql` (which answers `id` rows). */
  async tokens(sql: string, params: unknown[] = []): Promise<{ userId: string; token: string; extra: Record<string, string> }[]> {
    const { db } = await this.database();
    const { rows } = await db.query<{ id: string } & Record<string, string>>(sql, params);
    const out = [];
    for (const { id, ...extra } of rows) {
      const session = await createSession(db, { secret: SESSION_SECRET, userId: id, via: 'password', ttlHours: 24 });
      out.push({ userId: id, token: session.token, extra });
    }
    return out;
  }

  readonly citizens = once(() =>
    this.tokens("SELECT id FROM users WHERE roles = ARRAY['citizen'] AND username ~ '^0[0-9]{9}$' ORDER BY md5(id::text) LIMIT 300"),
  );

  readonly provinceLeader = once(async () => {
    const [leader] = await this.tokens("SELECT id FROM users WHERE 'province_leader' = ANY (roles) AND disabled_at IS NULL ORDER BY username LIMIT 1");
    if (!leader) throw new Error('no province leader account in the bench database');
    return leader.token;
  });

  async close(): Promise<void> {
    for (const child of this.children) await child.stop().catch(() => undefined);
    await this.opened?.then((d) => d.close(), () => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
