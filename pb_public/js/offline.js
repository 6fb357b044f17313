// Whether the house's server can be reached, what screens keep on the
// device for when it cannot, and the service worker. The banner that tells
// the person is in connection.js.
import { useEffect, useState } from 'preact/hooks';

let offline = typeof navigator !== 'undefined' && navigator.onLine === false;
const listeners = new Set();

const PROBE_MS = 10 * 1000;
let probeTimer = 0;

function set(value) {
  if (offline === value) return;
  offline = value;
  listeners.forEach((fn) => fn(value));
  // While offline, ask the server now and then: the phone may say it is
  // online all along (Wi-Fi without the house's server behind it).
  clearInterval(probeTimer);
  probeTimer = value ? setInterval(probe, PROBE_MS) : 0;
}

function probe() {
  fetch('/api/health', { cache: 'no-store' }).then((res) => { if (res.ok) set(false); }).catch(() => {});
}

// markOffline: a request found no server (no signal, the server down).
export function markOffline() { set(true); }
// markOnline: a request was answered.
export function markOnline() { set(false); }
export function isOfflineNow() { return offline; }

window.addEventListener('offline', () => set(true));
window.addEventListener('online', () => set(false));

// onConnection calls fn(offline) on every change; it returns the unsubscribe.
export function onConnection(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useOffline() {
  const [value, setValue] = useState(offline);
  useEffect(() => {
    setValue(offline);
    return onConnection(setValue);
  }, []);
  return value;
}

// ---------- what screens keep on the device ----------

const KEEP_PREFIX = 'hearth.kept.';

// readKept returns {at, data} kept for the person under name, or null.
export function readKept(userId, name) {
  if (!userId || !name) return null;
  try {
    const v = JSON.parse(localStorage.getItem(KEEP_PREFIX + userId + '.' + name) || 'null');
    return v && typeof v === 'object' && 'data' in v ? v : null;
  } catch { return null; }
}

export function writeKept(userId, name, data) {
  if (!userId || !name) return;
  try { localStorage.setItem(KEEP_PREFIX + userId + '.' + name, JSON.stringify({ at: Date.now(), data })); } catch { /* full or private mode */ }
}

// forgetKept wipes what every person kept on this device (at sign-out).
export function forgetKept() {
  try {
    // The names first: the order of localStorage's keys may change as
    // keys are removed, so removing while walking it can skip some.
    const names = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k && k.startsWith(KEEP_PREFIX)) names.push(k);
    }
    names.forEach((k) => localStorage.removeItem(k));
  } catch { /* private mode */ }
}

// ---------- the service worker ----------

let updateReady = false;
const updateListeners = new Set();

// registerServiceWorker installs /sw.js where the browser allows it (HTTPS,
// or this machine): elsewhere the app works as before, online only.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const hadController = !!navigator.serviceWorker.controller;
  let first = !hadController;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install takes over silently, and keeps what this visit
    // loaded before it was there (the dictionary, a screen opened); a
    // later one is a new version.
    if (first) {
      first = false;
      keepWhatWasLoaded();
      return;
    }
    updateReady = true;
    updateListeners.forEach((fn) => fn(true));
  });
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => { /* stays online-only */ });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

// keepWhatWasLoaded asks again, through the service worker that has just
// taken over, for the app's files this page loaded before it did, so it
// keeps them for offline use (the browser answers from its cache or with a
// 304: nothing is downloaded twice).
function keepWhatWasLoaded() {
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin !== location.origin || /^\/(api|_)(\/|$)/.test(url.pathname)) continue;
    fetch(url.pathname).catch(() => {});
  }
}

// useUpdateReady: whether a new version of the app has taken over.
export function useUpdateReady() {
  const [value, setValue] = useState(updateReady);
  useEffect(() => {
    updateListeners.add(setValue);
    return () => updateListeners.delete(setValue);
  }, []);
  return value;
}
