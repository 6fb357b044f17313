// Hearth's service worker: it keeps the app's own files so that the app
// opens, and shows what it last loaded, where the phone has no signal. It
// never answers for the API or the realtime stream: those always go to the
// house's server. See docs/API.md, "Web app".
//
// The server fills BUILD in as it serves this file: the app's version (a
// hash of every other file, so this file changes whenever any file does)
// and the shell to keep. A new version is kept under a new cache name and
// the old caches are cleared once it takes over.
const BUILD = {"version":"dev","shell":[]};
const PREFIX = 'hearth-app-';
const CACHE = PREFIX + BUILD.version;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Revalidate with the server rather than take the browser's copy.
    await cache.addAll(BUILD.shell.map((url) => new Request(url, { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

// The path as the server routes it: percent-escapes decoded, repeated
// slashes and dot segments folded ("/%61pi/x" and "//api/x" are the API).
function routedPath(url) {
  let p = url.pathname;
  try { p = decodeURIComponent(p); } catch { return null; }
  const out = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

// Answered by the server alone: the API (records, files, realtime), the
// admin dashboard, this file, and any path that does not read plainly.
function serverOnly(url) {
  if (url.origin !== self.location.origin) return true;
  const p = routedPath(url);
  return p === null || p !== url.pathname || /^\/(api|_)(\/|$)/i.test(p) || p === '/sw.js';
}

// keepable: an answer that is one of the app's own files.
function keepable(res) {
  const type = res.headers.get('content-type') || '';
  return res.ok && res.type === 'basic' && !res.redirected && !type.startsWith('application/json');
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (serverOnly(url)) return;

  if (req.mode === 'navigate') {
    // The network first, so a reload gets the newest page; the kept shell
    // when there is no answer (every path of the app is the same page).
    event.respondWith((async () => {
      try {
        return await fetch(req);
      } catch (err) {
        const cache = await caches.open(CACHE);
        const shell = await cache.match('/');
        if (shell) return shell;
        throw err;
      }
    })());
    return;
  }

  // The app's files: this version's copy when kept, else the server's,
  // kept for next time (a manager's screen, opened once, then works
  // offline too).
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req);
    if (hit) return hit;
    const res = await fetch(req);
    if (keepable(res)) cache.put(req, res.clone());
    return res;
  })());
});
