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
    'Configuration is read from environment variables; see the README.',
  ].join('\n'),
  run: async () => {
    const server = await startServer(loadConfig());
    server.app.log.info(`Tỉnh số is serving at ${server.address} (open http://localhost:${server.app.config.port})`);
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
