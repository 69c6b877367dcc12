import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/platform/config/index.ts';
import { startServer } from '../../src/server.ts';
import { startSmsInbox } from './sms-inbox.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's database, for the sign-in helper's TOTP replay marker (helpers.ts `signIn`). */
    databaseUrl: string;
    /** The fake SMS gateway's inbox (sms-inbox.ts): one-time codes texted to citizens. */
    smsInboxUrl: string;
  }
}

/**
 * Once per run: build the web app (about a second), then start the real
 * server (API + web) on a free port with a fresh embedded PostgreSQL holding the demo province.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // Always a fresh production build: vitest runs with NODE_ENV=test, which Vite would otherwise
  // take up (a development React, no service worker), and a stale-check cannot see the mode.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-web.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('e2e: building the web app failed');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'tinhso-e2e-'));
  chmodSync(dataDir, 0o755); // the embedded server runs as `postgres` when we are root
  const sms = await startSmsInbox();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    TINHSO_DATA_DIR: dataDir,
    TINHSO_SEED_DEMO: 'true',
    SMS_GATEWAY_URL: `${sms.url}/sms`,
    SMS_GATEWAY_TOKEN: 'e2e-sms-token',
    // The built-in demo population database (modules/identity/population), for prefill.spec.ts.
    POPULATION_API_URL: 'demo',
  });
  const server = await startServer(config);
  project.provide('baseUrl', server.address);
  project.provide('databaseUrl', server.database.url);
  project.provide('smsInboxUrl', sms.url);

  return async () => {
    await server.stop();
    await sms.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
