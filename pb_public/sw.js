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

// Answered by the server alone: the API (records, files, realtime), the
// admin dashboard, and this file.
function serverOnly(url) {
  return url.origin !== self.location.origin || /^\/(api|_)(\/|$)/.test(url.pathname) || url.pathname === '/sw.js';
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
    if (res.ok && res.type === 'basic') cache.put(req, res.clone());
    return res;
  })());
});
