// Unread notifications, kept live over PocketBase realtime. One subscription
// for the whole app; the header bell and the notifications screen listen here.
import { useEffect, useState } from 'preact/hooks';
import { pb, handleLoadError } from './pb.js';

const CAP = 100;

let userId = null;
let unread = new Set();
let capped = false; // the first page of unread ids was full: there may be more
let unsubscribe = null;
let live = false; // the realtime subscription is in place
let generation = 0;
const countListeners = new Set();
const eventListeners = new Set();

export function unreadCount() {
  return capped ? Math.max(unread.size, CAP) : unread.size;
}

// countLabel: what the badge shows ("99+" past 99).
export function countLabel(n) {
  return n > 99 ? '99+' : String(n);
}

function emitCount() {
  const state = { count: unreadCount(), live };
  countListeners.forEach((fn) => fn(state));
}

export async function refreshUnread() {
  if (!userId) return;
  const gen = generation;
  try {
    const res = await pb.collection('notifications').getList(1, CAP, {
      filter: pb.filter('user = {:u} && read = false', { u: userId }),
      fields: 'id',
      skipTotal: true,
    });
    if (gen !== generation) return;
    unread = new Set(res.items.map((r) => r.id));
    capped = res.items.length >= CAP;
    emitCount();
  } catch (err) {
    handleLoadError(err);
  }
}

function onEvent(e) {
  const r = e.record;
  if (!r || r.user !== userId) return;
  if (e.action === 'delete' || r.read) unread.delete(r.id);
  else unread.add(r.id);
  emitCount();
  eventListeners.forEach((fn) => fn(e));
  if (capped && unread.size < CAP) refreshUnread();
}

export async function startNotifications(uid) {
  if (uid === userId) return;
  stopNotifications();
  userId = uid;
  const gen = generation;
  await refreshUnread();
  if (gen !== generation) return;
  try {
    const unsubRecords = await pb.collection('notifications').subscribe('*', onEvent);
    // After a dropped connection the SDK reconnects and resubscribes; events
    // sent meanwhile are lost, so count again.
    let first = true;
    const unsubConnect = await pb.realtime.subscribe('PB_CONNECT', () => {
      if (first) { first = false; return; }
      refreshUnread();
    });
    const both = () => Promise.all([unsubRecords(), unsubConnect()]);
    if (gen !== generation) {
      both().catch(() => {});
    } else {
      unsubscribe = both;
      live = true;
      emitCount();
    }
  } catch {
    // Realtime unavailable: the count still loads on each visit.
  }
}

export function stopNotifications() {
  generation++;
  userId = null;
  unread = new Set();
  capped = false;
  live = false;
  if (unsubscribe) {
    const u = unsubscribe;
    unsubscribe = null;
    u().catch(() => {});
  }
  emitCount();
}

// Local bookkeeping after the app itself changed read state (the realtime
// event may follow; applying it twice is harmless).
export function markedRead(id) {
  if (unread.delete(id)) emitCount();
  if (capped && unread.size < CAP) refreshUnread();
}

export function markedAllRead() {
  unread = new Set();
  capped = false;
  emitCount();
}

export function onNotificationEvent(fn) {
  eventListeners.add(fn);
  return () => eventListeners.delete(fn);
}

// useUnread: {count, live} for the header bell and the notifications screen.
export function useUnread() {
  const [state, setState] = useState(() => ({ count: unreadCount(), live }));
  useEffect(() => {
    countListeners.add(setState);
    setState({ count: unreadCount(), live });
    return () => countListeners.delete(setState);
  }, []);
  return state;
}

// A page the browser keeps in its back/forward cache must not hold the live
// connection open: a browser allows only six connections to one server, and
// cached pages holding theirs stall the next page load for seconds. Let go
// when the page is put away; pick up again when it is shown from the cache.
let pausedFor = null;
window.addEventListener('pagehide', () => {
  if (!userId) return;
  pausedFor = userId;
  stopNotifications();
});
window.addEventListener('pageshow', (e) => {
  if (!e.persisted || !pausedFor) return;
  const uid = pausedFor;
  pausedFor = null;
  startNotifications(uid);
});
