// Web Push on this device: whether it can work here, and turning it on and
// off. Turning it on is asked from a tap, never on load: the browser's
// permission question, then a subscription with the server's VAPID key
// (GET /api/hearth/push/key), kept as a push_subscriptions record (the
// server sets its owner). See docs/API.md, "Web app", "Push notifications".
import { pb } from './pb.js';
import { isPlainHttp } from './secure.js';

// isIOS: an iPhone or iPad (an iPad says it is a Mac, with a touch screen).
export function isIOS() {
  const ua = navigator.userAgent || '';
  return /iphone|ipad|ipod/i.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}

// installed: opened from the home screen, as an app.
export function installed() {
  return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
}

// pushState answers why push cannot work on this device, or 'ok':
// 'insecure' (plain http, not this machine), 'iosInstall' (an iPhone's
// Safari only offers push to an app added to the home screen, iOS 16.4+),
// 'unsupported' (a browser without push), 'denied' (the person said no;
// only the browser's settings can undo it).
export function pushState() {
  if (!window.isSecureContext) return isPlainHttp() ? 'insecure' : 'unsupported';
  const api = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  if (isIOS() && !installed()) return 'iosInstall';
  if (!api) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return 'ok';
}

// keyBytes turns the server's base64url key into the bytes subscribe wants.
export function keyBytes(b64url) {
  const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (b64url.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function toB64url(buf) {
  let s = '';
  for (const b of new Uint8Array(buf)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const READY_MS = 10 * 1000;

// registration waits for the service worker (it is registered at start).
async function registration() {
  const timeout = new Promise((_, reject) => setTimeout(() => reject(pushError('noWorker')), READY_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

// pushError: an error with a code the screen turns into words.
export function pushError(code, cause) {
  const e = new Error('push: ' + code);
  e.pushCode = code;
  e.cause = cause;
  return e;
}

// currentSubscription: this device's subscription, or null.
export async function currentSubscription() {
  if (pushState() !== 'ok' && pushState() !== 'denied') return null;
  try {
    const reg = await navigator.serviceWorker.getRegistration();
    return reg ? await reg.pushManager.getSubscription() : null;
  } catch {
    return null;
  }
}

// serverKey fetches the VAPID public key.
export async function serverKey() {
  let res;
  try {
    res = await pb.send('/api/hearth/push/key', { method: 'GET' });
  } catch (err) {
    // A server without push (an older Hearth, or no key yet).
    if (err && (err.status === 404 || err.status >= 500)) throw pushError('noKey', err);
    throw err;
  }
  if (!res || typeof res.public_key !== 'string' || !res.public_key) throw pushError('noKey');
  return res.public_key;
}

// sameKey: whether a subscription was made with this key.
function sameKey(sub, key) {
  const have = sub.options && sub.options.applicationServerKey;
  return !have || toB64url(have) === key.replace(/=+$/, '');
}

// subscriptionRecord: the fields of a push_subscriptions record.
export function subscriptionRecord(sub) {
  const json = sub.toJSON();
  return {
    endpoint: json.endpoint,
    p256dh: (json.keys && json.keys.p256dh) || '',
    auth: (json.keys && json.keys.auth) || '',
    user_agent: (navigator.userAgent || '').slice(0, 300),
  };
}

// turnOn asks the permission (call it from a tap), subscribes this device
// and keeps the subscription on the server. It answers the record.
export async function turnOn() {
  const answer = await Notification.requestPermission();
  if (answer !== 'granted') throw pushError(answer === 'denied' ? 'denied' : 'dismissed');
  const key = await serverKey();
  const reg = await registration();
  let sub = await reg.pushManager.getSubscription();
  if (sub && !sameKey(sub, key)) {
    await sub.unsubscribe().catch(() => {});
    sub = null;
  }
  if (!sub) {
    try {
      sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
    } catch (err) {
      throw pushError('subscribe', err);
    }
  }
  return pb.collection('push_subscriptions').create(subscriptionRecord(sub));
}

// turnOff forgets this device's subscription, on the server and in the browser.
export async function turnOff(records) {
  const sub = await currentSubscription();
  const endpoint = sub ? sub.endpoint : '';
  for (const r of records.filter((r) => r.endpoint === endpoint)) {
    try {
      await pb.collection('push_subscriptions').delete(r.id);
    } catch (err) {
      if (err && err.status !== 404) throw err;
    }
  }
  if (sub) await sub.unsubscribe().catch(() => {});
}

// sendTest asks the server for a test notification to every device of the
// person's; it answers how many devices it went to.
export async function sendTest() {
  const res = await pb.send('/api/hearth/push/test', { method: 'POST' });
  return res && typeof res.devices === 'number' ? res.devices : 0;
}

// forgetDevice: at a deliberate sign-out, this device stops receiving the
// person's notifications (a shared phone must not show the last person's
// alerts to the next). It uses the token of the person leaving, taken
// before the session is cleared.
export async function forgetDevice(token) {
  const sub = await currentSubscription();
  if (!sub) return;
  const headers = { Authorization: token };
  const q = new URLSearchParams({ filter: pb.filter('endpoint = {:e}', { e: sub.endpoint }), fields: 'id' });
  try {
    const res = await fetch('/api/collections/push_subscriptions/records?' + q, { headers });
    const list = res.ok ? await res.json() : { items: [] };
    await Promise.all((list.items || []).map((r) =>
      fetch('/api/collections/push_subscriptions/records/' + encodeURIComponent(r.id), { method: 'DELETE', headers })));
  } catch { /* offline: the subscription below is gone all the same */ }
  await sub.unsubscribe().catch(() => {});
}
