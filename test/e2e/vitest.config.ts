import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests: the real server (embedded PostgreSQL, demo province) driven by Debian's Chromium
// through playwright-core. Run with `npm run test:e2e`; screenshots go to test-results/screenshots/.
export default defineConfig({
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.spec.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser at a time: the suite must stay quick and steady on a 2-core CI machine.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
