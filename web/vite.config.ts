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

const PRELOAD_ENTRY = 'src/preload-page.ts';

/**
 * Adds src/preload-page.ts (a second entry) to index.html, after the style sheet, with those of its
 * imports the page does not already preload: it starts fetching the opened page's chunk while the
 * main script is still downloading. (A second script written in index.html would be merged by
 * Vite into the main entry.)
 */
const pagePreloader = (): Plugin => ({
  name: 'tinhso-page-preloader',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, { bundle }) {
      const chunk = Object.values(bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith(PRELOAD_ENTRY));
      if (!chunk || chunk.type !== 'chunk') throw new Error(`${PRELOAD_ENTRY} is missing from the build`);
      return [
        ...chunk.imports
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const })),
        // async: it runs as soon as it arrives, without waiting for the style sheet or the main script.
        { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${chunk.fileName}` }, injectTo: 'head' as const },
      ];
    },
  },
});

export default defineConfig({
  root: 'web',
  plugins: [react(), precacheList(), pagePreloader()],
  // `manifest` (dist/.vite/manifest.json) lets scripts/web-size.js follow each page's imports.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2020',
    manifest: true,
    rolldownOptions: { input: { index: path.resolve(import.meta.dirname, 'index.html'), preload: path.resolve(import.meta.dirname, PRELOAD_ENTRY) } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
