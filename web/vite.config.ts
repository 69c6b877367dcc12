import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes /precache.json: every built JS and CSS file, for the service worker (public/sw.js) to
 * cache at install so that each page of the app opens offline.
 */
const precacheList = (): Plugin => ({
  name: 'tinhso-precache-list',
  apply: 'build',
  generateBundle(_options, bundle) {
    const files = Object.keys(bundle)
      .filter((name) => /\.(js|css)$/.test(name))
      .sort()
      .map((name) => `/${name}`);
    this.emitFile({ type: 'asset', fileName: 'precache.json', source: `${JSON.stringify(files, null, 1)}\n` });
  },
});

export default defineConfig({
  root: 'web',
  plugins: [react(), precacheList()],
  // `manifest` (dist/.vite/manifest.json) lets scripts/web-size.js follow each page's imports.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020', manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
