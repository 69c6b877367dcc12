import { writeFileSync } from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes /precache.json: every built JS and CSS file, for the service worker (public/sw.js) to
 * cache at install so that each page of the app opens offline. Listed once the files are written
 * (`writeBundle`): earlier, the bundle still holds the empty JS chunks of CSS-only modules that
 * Vite drops, and one missing file makes the worker's whole install fail.
 */
const precacheList = (): Plugin => ({
  name: 'tinhso-precache-list',
  apply: 'build',
  writeBundle(options, bundle) {
    const files = Object.keys(bundle)
      .filter((name) => /\.(js|css)$/.test(name))
      .sort()
      .map((name) => `/${name}`);
    writeFileSync(path.join(options.dir ?? 'web/dist', 'precache.json'), `${JSON.stringify(files, null, 1)}\n`);
  },
});

export default defineConfig({
  root: 'web',
  plugins: [react(), precacheList()],
  // `manifest` (dist/.vite/manifest.json) lets scripts/web-size.js follow each page's imports.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020', manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
