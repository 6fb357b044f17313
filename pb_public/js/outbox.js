// The outbox: the writes a resident makes every day (the daily check-in,
// "I'm home", a meeting) wait on the phone when the house's server cannot
// be reached, and are sent when it can: on app start, when the connection
// returns, when the app comes back on screen, and every little while
// meanwhile. A write waits in IndexedDB, so a reload or a closed tab loses
// nothing. Each carries an id made on the phone: the server answers a
// repeat (an answer lost on the way, a reload mid-send, two tabs) with the
// record it already made, so nothing is made twice. See docs/API.md,
// "Writes made offline".
import { createStore, del, entries, set } from 'idb-keyval';
import { useEffect, useState } from 'preact/hooks';
import { pb, isOffline, endSession, onSignedOut } from './pb.js';
import { markOffline, markOnline, onConnection } from './offline.js';

const store = createStore('hearth-outbox', 'writes');
const RETRY_MS = 15 * 1000;
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

// newId makes a record id as PocketBase makes them: 15 of [a-z0-9].
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(15));
  return Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

const listeners = new Set();
let waiting = 0;
// The writes the server refused for good since the app started, with its
// words, until the person has read them.
let refusedWrites = [];

// refusals lists what was refused ({write, message}); forgetRefusals clears it.
export function refusals() { return refusedWrites; }
export function forgetRefusals() {
  refusedWrites = [];
  emit({ refusals: [] });
}

function emit(event) {
  listeners.forEach((fn) => fn(event));
}

// onOutbox calls fn({waiting}) when the count of waiting writes changes,
// and fn({sent: write, record}) or fn({refused: write, message}) for each
// write sent later; it returns the unsubscribe.
export function onOutbox(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function count(userId) {
  const all = await entries(store);
  return all.filter(([, w]) => w.user === userId).length;
}

async function recount() {
  const user = pb.authStore.record;
  const n = user ? await count(user.id) : 0;
  if (n !== waiting) {
    waiting = n;
    emit({ waiting });
  }
}

// useWaiting: how many of the person's writes wait to be sent.
export function useWaiting() {
  const [n, setN] = useState(waiting);
  useEffect(() => {
    setN(waiting);
    recount().catch(() => {});
    return onOutbox((e) => { if ('waiting' in e) setN(e.waiting); });
  }, []);
  return n;
}

// send makes one write against the server and returns its record. A
// create carries the write's id (the server answers a repeat with the
// record it made); an update of recordId is sent only while the record's
// status is one of write.onlyFrom: a chore marked done offline is not sent
// again once it is done (an answer lost on the way) or reviewed meanwhile.
async function send(write) {
  const body = write.recordId ? { ...write.body } : { ...write.body, id: write.id };
  if (write.phoneTimeField) body[write.phoneTimeField] = new Date(write.queuedAt).toISOString();
  let data = body;
  if (write.files && Object.keys(write.files).length) {
    data = new FormData();
    for (const [k, v] of Object.entries(body)) data.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
    for (const [field, file] of Object.entries(write.files)) data.append(field, file, file.name || field);
  }
  const records = pb.collection(write.collection);
  if (!write.recordId) return records.create(data);
  if (write.onlyFrom) {
    const now = await records.getOne(write.recordId, write.options);
    if (!write.onlyFrom.includes(now.status)) return now;
  }
  return records.update(write.recordId, data, write.options);
}

// sendOrKeep sends a write now, or keeps it for later when the server cannot
// be reached. write: {collection, body, files?, phoneTimeField?} for a
// create; with {recordId, onlyFrom?, options?} an update (see send). The
// phone's time of a late write goes into phoneTimeField, for the managers'
// information. It answers {record} once sent, or {queued: write}; a refusal
// (a 400 with the server's words) is thrown as PocketBase's error.
export async function sendOrKeep(write) {
  const user = pb.authStore.record;
  const w = { ...write, id: newId(), user: user ? user.id : '', queuedAt: Date.now() };
  try {
    // Sent at once: no phone time, and no look at the record first.
    const record = await send({ ...w, phoneTimeField: '', onlyFrom: undefined });
    markOnline();
    return { record };
  } catch (err) {
    if (!isOffline(err)) throw err;
    markOffline();
    await set(w.id, w, store);
    await recount();
    scheduleRetry();
    return { queued: w };
  }
}

let flushing = null;

// whenFlushed resolves once a flush under way (if any) has finished, so
// that a screen loading meanwhile shows the server with those writes in.
export function whenFlushed() {
  return flushing ? flushing.catch(() => {}) : Promise.resolve();
}

// flush sends every waiting write of the signed-in person, oldest first.
// One flush runs at a time; a write is removed only once the server has
// answered for it.
export function flush() {
  if (!flushing) flushing = doFlush().finally(() => { flushing = null; });
  return flushing;
}

async function doFlush() {
  const user = pb.authStore.record;
  if (!user || !pb.authStore.isValid) return;
  const mine = (await entries(store)).map(([, w]) => w).filter((w) => w.user === user.id)
    .sort((a, b) => a.queuedAt - b.queuedAt);
  if (!mine.length) return;
  // The session first: a token the server no longer takes would make each
  // create a guest's, refused as if for good. A refused session keeps the
  // writes for after the next sign-in.
  try {
    await pb.collection('users').authRefresh();
  } catch (err) {
    if (isOffline(err)) {
      markOffline();
      scheduleRetry();
      return;
    }
    if (err && (err.status === 401 || err.status === 403 || err.status === 404)) {
      endSession('expired');
      return;
    }
    scheduleRetry();
    return;
  }
  // Still the same person, signed in: a sign-out (or another person's
  // sign-in) while this runs stops it, and what is left waits for its owner.
  const stillMine = (w) => pb.authStore.isValid && pb.authStore.record && pb.authStore.record.id === w.user;
  for (const w of mine) {
    if (!stillMine(w)) break;
    try {
      const record = await send(w);
      markOnline();
      await del(w.id, store);
      emit({ sent: w, record });
    } catch (err) {
      if (isOffline(err)) {
        markOffline();
        break;
      }
      if (err && err.status === 401) {
        // Signed out while the write waited: it stays, and goes after sign-in.
        endSession('expired');
        break;
      }
      // Refused after the person changed meanwhile: not a refusal of theirs.
      if (!stillMine(w)) break;
      // Refused for good (the day already has a check-in, a rule changed):
      // tell the person, with the server's words, and let it go.
      await del(w.id, store);
      const message = err && err.response && typeof err.response.message === 'string' ? err.response.message : '';
      refusedWrites = [...refusedWrites, { write: w, message }];
      emit({ refused: w, message, refusals: refusedWrites });
    }
  }
  await recount();
  if (waiting > 0) scheduleRetry();
}

let retryTimer = 0;
function scheduleRetry() {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = 0;
    flush().catch(() => {});
  }, RETRY_MS);
}

// forgetWrites deletes the waiting writes of a person who signs out of this
// phone on purpose (what they see says so before they do), and the words
// of refused ones: the next person on a shared phone finds nothing of
// theirs.
export async function forgetWrites(userId) {
  refusedWrites = [];
  emit({ refusals: [] });
  if (!userId) return;
  const all = await entries(store);
  await Promise.all(all.filter(([, w]) => w.user === userId).map(([k]) => del(k, store)));
  waiting = 0;
  emit({ waiting });
}

// startOutbox sends what waits now and whenever the phone may have a
// connection again. Called once at boot and after each sign-in.
export function startOutbox() {
  flush().catch(() => {});
}

window.addEventListener('online', () => flush().catch(() => {}));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') flush().catch(() => {});
});
onConnection((offline) => { if (!offline) flush().catch(() => {}); });
onSignedOut((userId) => { forgetWrites(userId).catch(() => {}); });
