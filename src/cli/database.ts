import { loadConfig, type Config } from '../platform/config/index.ts';
import { migrate } from '../platform/db/migrate.ts';
import type { Db } from '../platform/db/pool.ts';
import { openSharedDatabase } from '../server.ts';

/**
 * For a CLI command: opens the configured database (DATABASE_URL, the embedded server a running
 * instance holds, or the embedded server started for this command), brings its schema up to date,
 * runs `work`, and closes it. PostgreSQL's own start-up chatter stays out of the output.
 */
export const withMigratedDatabase = async <T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> => {
  const config = loadConfig();
  const database = await openSharedDatabase(config, (m) => (m.startsWith('[postgres]') ? undefined : console.error(m)));
  try {
    await migrate(database.db, (m) => console.error(m));
    return await work(database.db, config);
  } finally {
    await database.close();
  }
};
