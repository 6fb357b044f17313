// useLoad: the one way a screen loads what it shows. It answers
// {status: 'loading' | 'ready' | 'error', data, error, stale, savedAt,
// reload, update}, drops answers that come after the screen moved on, loads
// again when the phone comes back to the app or back online, and, given a
// `keep` name, keeps the last answer on the device: a screen opened without
// signal shows what it last loaded (stale, with when) instead of an error.
// Kept answers belong to the signed-in person and are wiped at sign-out.
import { useEffect, useRef, useState } from 'preact/hooks';
import { pb, handleLoadError, isOffline } from './pb.js';
import { markOffline, markOnline, onConnection, readKept as readFor, writeKept as writeFor } from './offline.js';
import { onOutbox, whenFlushed } from './outbox.js';

const readKept = (name) => readFor(userId(), name);
const writeKept = (name, data) => writeFor(userId(), name, data);

function userId() {
  const user = pb.authStore.record;
  return user ? user.id : '';
}

function initial(keep) {
  const kept = keep ? readKept(keep) : null;
  return kept
    ? { status: 'ready', data: kept.data, error: null, stale: true, savedAt: kept.at }
    : { status: 'loading', data: null, error: null, stale: false, savedAt: 0 };
}

// useLoad(load, deps, {keep, enabled}): load is an async function of no
// arguments; deps, as for useEffect, say when to load again.
export function useLoad(load, deps, { keep = '', enabled = true } = {}) {
  const [state, setState] = useState(() => initial(keep));
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // A new subject (another house, another day): start from what is kept for it.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    setState(initial(keep));
  }, [keep]);

  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    setState((s) => (s.status === 'error' ? { ...s, status: 'loading', error: null } : s));
    whenFlushed().then(() => loadRef.current()).then((data) => {
      if (!live) return;
      markOnline();
      if (keep) writeKept(keep, data);
      setState({ status: 'ready', data, error: null, stale: false, savedAt: Date.now() });
    }).catch((err) => {
      if (!live || handleLoadError(err)) return;
      if (isOffline(err)) markOffline();
      setState((s) => (s.data != null
        ? { ...s, stale: true, error: err, status: 'ready' }
        : { ...s, status: 'error', error: err }));
    });
    return () => { live = false; };
  }, [...deps, enabled, attempt]);

  // Back on the screen after a while, or back online: load again.
  useEffect(() => {
    if (!enabled) return undefined;
    const again = () => { if (document.visibilityState === 'visible') setAttempt((n) => n + 1); };
    document.addEventListener('visibilitychange', again);
    window.addEventListener('online', again);
    const off = onConnection((offline) => { if (!offline) again(); });
    // A write that waited has reached the server: show the server's answer.
    const sent = onOutbox((e) => { if (e.sent) again(); });
    return () => {
      sent();
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('online', again);
      off();
    };
  }, [enabled]);

  return {
    ...state,
    reload: () => setAttempt((n) => n + 1),
    update: (fn) => setState((s) => {
      if (s.data == null) return s;
      const data = fn(s.data);
      if (keep) writeKept(keep, data);
      return { ...s, data };
    }),
  };
}

const modules = new Map();

// useModule: a module import()ed when first needed; null until then.
export function useModule(name, load, enabled = true) {
  const [mod, setMod] = useState(() => modules.get(name) || null);
  useEffect(() => {
    if (!enabled || mod) return undefined;
    let live = true;
    load().then((m) => { modules.set(name, m); if (live) setMod(m); }).catch(() => {});
    return () => { live = false; };
  }, [name, enabled]);
  return enabled ? mod : null;
}
