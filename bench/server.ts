import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A process under test, started the way production starts it: `node bin/tinhso.js serve` on the
 * bench database (or the baseline server), logging at `info` to nowhere, with the load
 * generator's address exempt from rate limits. `readySeconds` is spawn → first 200 of `readyPath`;
 * `rss()` reads the process's resident memory from /proc (the largest value seen is kept).
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Child = { base: string; pid: number; readySeconds: number; rss: () => number; peakRssMb: () => number; stop: () => Promise<void> };

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const rssMbOf = (pid: number): number => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : 0;
  } catch {
    return 0;
  }
};

const waitReady = async (child: ChildProcess, url: string, started: number, stderr: () => string): Promise<number> => {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${stderr()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return (performance.now() - started) / 1000;
    if (performance.now() - started > 120_000) throw new Error(`no answer from ${url} within 120 s:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

export const startChild = async (args: string[], env: Record<string, string>, readyPath: string): Promise<Child> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_ALLOW: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const readySeconds = await waitReady(child, `${base}${readyPath}`, started, () => errors).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  let peak = 0;
  const rss = () => {
    const mb = rssMbOf(child.pid!);
    peak = Math.max(peak, mb);
    return mb;
  };
  const sampler = setInterval(rss, 250);
  return {
    base,
    pid: child.pid!,
    readySeconds,
    rss,
    peakRssMb: () => peak,
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** Node's options of `npm start` (package.json: `node <options> bin/tinhso.js serve`). */
export const startOptions = (): string[] => {
  const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/);
  return start.slice(1, start.indexOf('bin/tinhso.js'));
};

/**
 * Extra Node flags for the app only, e.g. `BENCH_APP_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'`
 * to profile it under load (NODE_OPTIONS refuses --cpu-prof and would reach the bench too).
 */
const profilingArgs = () => (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** The app itself, on the bench database, as `npm start` runs it. */
export const startApp = (databaseUrl: string, dataDir: string, sessionSecret: string) =>
  startChild(
    [...startOptions(), ...profilingArgs(), path.join(ROOT, 'bin/tinhso.js'), 'serve'],
    { DATABASE_URL: databaseUrl, TINHSO_DATA_DIR: dataDir, SESSION_SECRET: sessionSecret, TINHSO_SEED_DEMO: 'false', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    '/readyz',
  );

/** The baseline: the same SELECT behind a bare Fastify route (baseline-server.ts). */
export const startBaseline = (databaseUrl: string) =>
  startChild(['--import', 'tsx', path.join(ROOT, 'bench/baseline-server.ts')], { DATABASE_URL: databaseUrl }, '/ready');
