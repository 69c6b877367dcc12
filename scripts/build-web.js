// Builds the web app (web/) into web/dist, which the server serves. Runs on `npm install`
// (the `prepare` script) and before `npm start` when the build is missing or older than the sources.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist', 'index.html');
const onlyIfStale = process.argv.includes('--if-stale');

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    if (e.name === 'dist' || e.name === 'node_modules') return max;
    const p = path.join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }, 0);

if (!existsSync(path.join(root, 'node_modules', 'vite'))) {
  console.log('build-web: vite is not installed (production install?); serving the existing web/dist if any.');
  process.exit(0);
}
if (onlyIfStale && existsSync(dist) && statSync(dist).mtimeMs >= newest(web)) process.exit(0);
// Always a production build, whatever NODE_ENV the caller has (vitest sets it to 'test').
const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
});
if (result.status !== 0) process.exit(result.status ?? 1);

// Pre-compressed copies, served by @fastify/static's `preCompressed` to browsers that accept them.
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt)$/;
const compressAll = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) compressAll(p);
    else if (COMPRESSIBLE.test(e.name)) {
      const bytes = readFileSync(p);
      writeFileSync(`${p}.gz`, gzipSync(bytes, { level: 9 }));
      writeFileSync(`${p}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
};
compressAll(path.join(web, 'dist'));
