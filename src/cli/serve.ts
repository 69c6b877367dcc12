import { loadConfig } from '../platform/config/index.ts';
import { migrate } from '../platform/db/migrate.ts';
import { openSharedDatabase, startServer } from '../server.ts';
import type { Command } from './main.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Chạy máy chủ (API + web) / run the server',
  usage: [
    'tinhso serve',
    '',
    'Starts PostgreSQL (embedded under TINHSO_DATA_DIR, or DATABASE_URL), applies migrations,',
    'loads the demo province into an empty database and serves on PORT (default 3000).',
    'TINHSO_WORKER_MODE=server serves the API without the background work (jobs, audit sealing);',
    'TINHSO_WORKER_MODE=worker runs only that work, at nice TINHSO_WORKER_NICE (default 10),',
    'answering /healthz and /readyz on PORT.',
    'Configuration is read from environment variables; see the README.',
  ].join('\n'),
  run: async () => {
    const config = loadConfig();
    const server = await startServer(config);
    server.app.log.info(
      config.workerMode === 'worker'
        ? `Tỉnh số worker is running (health at ${server.address}/healthz)`
        : `Tỉnh số is serving at ${server.address} (open http://localhost:${config.port})`,
    );
    await new Promise<void>((resolve) => {
      const shutdown = (signal: string) => {
        server.app.log.info(`${signal}: stopping`);
        void server.stop().then(resolve, resolve);
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
    return 0;
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Áp dụng các bản cập nhật CSDL / apply database migrations',
  usage: 'tinhso migrate\n\nApplies pending migrations to the configured database and exits.',
  run: async () => {
    const database = await openSharedDatabase(loadConfig(), (m) => console.error(m));
    try {
      const applied = await migrate(database.db, (m) => console.log(m));
      console.log(applied.length ? `${applied.length} migration(s) applied` : 'schema is current');
      return 0;
    } finally {
      await database.close();
    }
  },
};
