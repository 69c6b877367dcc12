import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs pure code; `db` runs everything that needs PostgreSQL.
// The db project starts one embedded PostgreSQL for the run (or uses TEST_DATABASE_URL)
// and each test file gets its own freshly migrated database (test/helpers/db.ts).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files share a worker's module cache (each still gets its own database): importing
          // the whole app once per worker instead of once per file halves the run.
          isolate: false,
        },
      },
    ],
  },
});
