// The one PocketBase client of the app. The auth token and record live in
// localStorage, so a resident stays signed in on their phone.
import PocketBase, { LocalAuthStore } from 'pocketbase';
import { forgetKept } from './offline.js';
import { lang } from './i18n.js';

export const pb = new PocketBase(location.origin, new LocalAuthStore('hearth_auth'));

// Screens guard against stale answers themselves; the SDK's automatic
// cancellation of "duplicate" requests would only surface as spurious errors.
pb.autoCancellation(false);

// Every request says the language the screen is in, so a refusal comes back
// in it: the server answers a signed-in person in their profile's language
// and anyone else (sign-in, joining) in Accept-Language's. The SDK would say
// en-US.
pb.beforeSend = (url, options) => {
  options.headers = { ...options.headers, 'Accept-Language': lang() };
  return { url, options };
};

export function me() {
  return pb.authStore.isValid ? pb.authStore.record : null;
}

// isAuthError: the token is missing, expired or no longer accepted.
export function isAuthError(err) {
  return !!err && (err.status === 401 || err.status === 403);
}

// isOffline: the request never got an answer (no network, server down).
export function isOffline(err) {
  return !!err && err.status === 0 && !err.isAbort;
}

let endedReason = '';
const onSignOut = new Set();

// onSignedOut calls fn(userId) when a person signs out on purpose (the
// outbox forgets their waiting writes); it returns the unsubscribe.
export function onSignedOut(fn) {
  onSignOut.add(fn);
  return () => onSignOut.delete(fn);
}

// endSession signs out and remembers why, so the sign-in screen can say so.
// What screens kept is wiped; a deliberate sign-out ('signout') also wipes
// the person's writes still waiting to be sent, while an expired session
// keeps them for when the same person signs in again.
export function endSession(reason = '') {
  endedReason = reason;
  const userId = pb.authStore.record ? pb.authStore.record.id : '';
  try { pb.realtime.unsubscribe(); } catch { /* not connected */ }
  forgetKept();
  if (reason === 'signout') onSignOut.forEach((fn) => fn(userId));
  pb.authStore.clear();
}

// takeEndedReason returns (once) why the last session ended: 'expired', 'signout' or ''.
export function takeEndedReason() {
  const r = endedReason;
  endedReason = '';
  return r;
}

// handleLoadError ends the session on an auth failure and reports whether it did.
export function handleLoadError(err) {
  if (isAuthError(err)) {
    endSession('expired');
    return true;
  }
  return false;
}

// handleWriteError ends the session only when the server no longer knows
// the person (401) and reports whether it did. A refused change (400, 403)
// is not a lost session: its message is for the person to read.
export function handleWriteError(err) {
  if (err && err.status === 401) {
    endSession('expired');
    return true;
  }
  return false;
}

// fieldErrors maps PocketBase's validation answer to {field: message}.
export function fieldErrors(err) {
  const data = err && err.response && err.response.data;
  const out = {};
  if (data && typeof data === 'object') {
    for (const [field, v] of Object.entries(data)) {
      if (v && typeof v.message === 'string') out[field] = v.message;
    }
  }
  return out;
}

// fieldCodes maps PocketBase's validation answer to {field: code}.
export function fieldCodes(err) {
  const data = err && err.response && err.response.data;
  const out = {};
  if (data && typeof data === 'object') {
    for (const [field, v] of Object.entries(data)) {
      if (v && typeof v.code === 'string') out[field] = v.code;
    }
  }
  return out;
}

// serverMessage: the server's own sentence for a refused request that has no
// field errors (Hearth's hooks write them for people), else ''.
export function serverMessage(err) {
  if (!err || (err.status !== 400 && err.status !== 403)) return '';
  const msg = err.response && err.response.message;
  return typeof msg === 'string' ? msg : '';
}

export function avatarURL(user, thumb = '96x96') {
  if (!user || !user.avatar) return '';
  return pb.files.getURL(user, user.avatar, { thumb });
}
