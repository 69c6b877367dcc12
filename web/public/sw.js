/* global self, caches, fetch, Response */
// Tỉnh số service worker: keeps the app's shell readable offline.
// - Install: caches the page shell, the manifest, the icons and every built JS/CSS file listed in
//   /precache.json (written by the build), so any page of the app opens offline.
// - Pages (navigations): network first; offline, the cached shell answers and the app says it is
//   offline. Built assets (/assets/*, hashed names): cache first. API calls are never cached here:
//   the citizen's own reads and offline drafts are kept by the page itself, per user, in IndexedDB
//   (web/src/lib/offline-answers.ts, offline-drafts.ts), and deleted at sign-out.
// The page registers /sw.js?build=<entry chunk name>, so each deployment gets its own cache and
// the old one is deleted when the new worker takes over.

const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const PREFIX = 'tinhso-shell-';
const CACHE = `${PREFIX}${BUILD}`;
const SHELL = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];

const precacheList = async () => {
  try {
    const res = await fetch('/precache.json', { cache: 'no-store' });
    return res.ok ? await res.json() : [];
  } catch {
    return [];
  }
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const assets = await precacheList();
      await cache.addAll([...SHELL, ...assets.filter((a) => typeof a === 'string' && a.startsWith('/'))]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

const isApi = (url) => /^\/(api|open311|docs)(\/|$)/.test(url.pathname);

const networkFirstPage = async (request) => {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put('/', res.clone());
    return res;
  } catch {
    const shell = await cache.match('/');
    return shell || new Response('Bạn đang ngoại tuyến. / You are offline.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
};

const cacheFirst = async (request) => {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  // The server answers unknown paths with the app's HTML page: never keep that as a script.
  const isHtml = (res.headers.get('content-type') || '').startsWith('text/html');
  if (res.ok && !isHtml) await cache.put(request, res.clone());
  return res;
};

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstPage(request));
  } else if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith(cacheFirst(request));
  }
});
