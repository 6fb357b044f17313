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

// ---------- push notifications ----------
//
// A push carries JSON {id, kind, title, body, url} (docs/API.md, "Web
// app", "Push notifications"): the words a lock screen may show, never
// more. The tag is the notification's id, so a rare repeat replaces the
// first instead of ringing twice.
const ICON = '/icons/icon-192.png';

// notificationOf reads a push's payload into showNotification's arguments.
function notificationOf(data) {
  let p = {};
  try { p = data ? data.json() : {}; } catch { p = {}; }
  if (!p || typeof p !== 'object') p = {};
  const text = (v) => (typeof v === 'string' ? v : '');
  const options = {
    body: text(p.body),
    icon: ICON,
    data: { id: text(p.id), kind: text(p.kind), url: appURL(text(p.url)) },
  };
  if (text(p.id)) {
    options.tag = text(p.id);
    options.renotify = false;
  }
  return { title: text(p.title) || 'Hearth', options };
}

self.addEventListener('push', (event) => {
  const { title, options } = notificationOf(event.data);
  event.waitUntil(self.registration.showNotification(title, options));
});

// appURL keeps a link inside this app: a link to another origin (an
// Application URL set to another name) opens the same path here.
function appURL(raw) {
  let u;
  try { u = new URL(raw || '/', self.location.origin); } catch { return '/'; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return '/';
  // One leading slash: a path of "//host/..." would be read later, against
  // this origin, as another site (an open redirect on tap).
  return '/' + (u.pathname + u.search + u.hash).replace(/^[/\\]+/, '');
}

// openFromNotification brings a Hearth window forward on the link's screen,
// or opens one.
async function openFromNotification(data) {
  const path = appURL(data && data.url);
  const url = new URL(path, self.location.origin).href;
  const wins = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const win = wins.find((c) => new URL(c.url).origin === self.location.origin);
  if (!win) return self.clients.openWindow(url);
  try { await win.focus(); } catch { /* focus needs the tap; navigate anyway */ }
  if (win.url === url) return win;
  try {
    return (await win.navigate(url)) || win;
  } catch {
    // A window this worker does not control cannot be navigated from here.
    return self.clients.openWindow(url);
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openFromNotification(event.notification.data));
});

// The browser renewed the subscription (or dropped it): subscribe again
// with the same key, and tell the server when someone is signed in here
// (best effort: the next visit to the settings does it otherwise).
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil((async () => {
    const old = event.oldSubscription;
    let sub = event.newSubscription;
    if (!sub) {
      const key = old && old.options ? old.options.applicationServerKey : null;
      if (!key) return;
      sub = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    }
    const token = await savedToken();
    if (!token) return;
    const json = sub.toJSON();
    await fetch('/api/collections/push_subscriptions/records', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: token },
      body: JSON.stringify({
        endpoint: json.endpoint,
        p256dh: (json.keys && json.keys.p256dh) || '',
        auth: (json.keys && json.keys.auth) || '',
        user_agent: (self.navigator.userAgent || '').slice(0, 300),
      }),
    }).catch(() => {});
  })());
});

// savedToken: the signed-in person's token, which the app asks a window
// for (a worker cannot read localStorage); '' when no window answers.
async function savedToken() {
  const wins = await self.clients.matchAll({ type: 'window' });
  for (const win of wins) {
    const token = await new Promise((resolve) => {
      const ch = new MessageChannel();
      const timer = setTimeout(() => resolve(''), 3000);
      ch.port1.onmessage = (e) => { clearTimeout(timer); resolve(typeof e.data === 'string' ? e.data : ''); };
      win.postMessage({ type: 'hearth-token' }, [ch.port2]);
    });
    if (token) return token;
  }
  return '';
}
