// Prints the gzip size of the JavaScript each main web route needs before it can show anything
// (the entry chunk, its static imports, and the route's own page chunk with its static imports),
// and fails when a guest or citizen route is over budget (issue 7: ≤ 150 KB gzip).
// Reads web/dist/.vite/manifest.json, so run `npm run build:web` first.
// Usage: node scripts/web-size.js [--budget-kb 150]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const manifestFile = path.join(dist, '.vite', 'manifest.json');

const { values } = parseArgs({ options: { 'budget-kb': { type: 'string', default: '150' } } });
const budget = Number(values['budget-kb']) * 1000;

/** Routes measured, each with the page module it loads; every one must fit the budget. */
const ROUTES = [
  { name: 'shell (entry + static imports)', page: null },
  { name: 'guest home  /', page: 'src/pages/GuestHome.tsx' },
  { name: 'citizen home  / (signed in)', page: 'src/pages/home/SignedInHome.tsx' },
  { name: 'login  /login', page: 'src/pages/LoginPage.tsx' },
  { name: 'sign-up  /signup', page: 'src/pages/SignupPage.tsx' },
  { name: 'track  /track', page: 'src/pages/services/TrackPage.tsx' },
  { name: 'search  /search', page: 'src/pages/services/ProcedureSearchPage.tsx' },
  { name: 'procedure  /procedures/:code', page: 'src/pages/services/ProcedureDetailPage.tsx' },
  { name: 'dossier form  /procedures/:code/apply', page: 'src/pages/services/DossierFormPage.tsx' },
  { name: 'receipt  /dossiers/:id/receipt', page: 'src/pages/services/ReceiptPage.tsx' },
  { name: 'my dossiers  /dossiers', page: 'src/pages/services/MyDossiersPage.tsx' },
  { name: 'dossier  /dossiers/:id', page: 'src/pages/services/DossierPage.tsx' },
  { name: 'feedback list + map  /feedback', page: 'src/pages/feedback/PublicReportsPage.tsx' },
  { name: 'feedback report  /feedback/reports/:id', page: 'src/pages/feedback/PublicReportPage.tsx' },
  { name: 'new feedback  /feedback/new', page: 'src/pages/feedback/new/NewReportPage.tsx' },
  { name: 'my feedback  /feedback/mine', page: 'src/pages/feedback/MyReportsPage.tsx' },
  { name: 'my report  /feedback/mine/:id', page: 'src/pages/feedback/MyReportPage.tsx' },
];

if (!existsSync(manifestFile)) {
  console.error(`web-size: ${path.relative(root, manifestFile)} is missing; run \`npm run build:web\` first.`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
// index.html's entry and the page preloader it loads beside it (web/vite.config.ts).
const entryKeys = Object.keys(manifest).filter((k) => manifest[k].isEntry);
if (entryKeys.length === 0) {
  console.error('web-size: the build manifest names no entry');
  process.exit(2);
}

const gzipCache = new Map();
const gzipSize = (file) => {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length);
  return gzipCache.get(file);
};

/** The JS files a module needs at once: its own file and, recursively, its static imports. */
const staticClosure = (key, files = new Set()) => {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`web-size: ${key} is not in the build manifest (renamed page?)`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) staticClosure(imported, files);
  return files;
};

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const shell = entryKeys.reduce((files, key) => staticClosure(key, files), new Set());
let failed = false;

console.log(`Initial JavaScript per route, gzip level 9 (budget ${kb(budget)}):`);
for (const route of ROUTES) {
  const files = route.page ? staticClosure(route.page, new Set(shell)) : shell;
  const total = [...files].reduce((sum, f) => sum + gzipSize(f), 0);
  const over = total > budget;
  failed ||= over;
  console.log(`  ${over ? 'OVER' : 'ok  '}  ${kb(total).padStart(9)}  ${route.name}  (${files.size} files)`);
}

const css = [...new Set(Object.values(manifest).flatMap((c) => c.css ?? []))];
console.log('Shell and style files:');
for (const f of [...shell].sort()) console.log(`        ${kb(gzipSize(f)).padStart(9)}  ${f} (shell)`);
for (const f of css) console.log(`        ${kb(gzipSize(f)).padStart(9)}  ${f}`);

if (failed) {
  console.error(`web-size: a route needs more than ${kb(budget)} of JavaScript (gzip).`);
  process.exit(1);
}
