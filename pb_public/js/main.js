// Boot and top-level routing. Signed out: the sign-in screen, whatever the
// path, except /join (an invite works before there is an account). Signed
// in: the header and the screen for the path.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { t, lang, setLang, useLang } from './i18n.js';
import { pb, endSession, isAuthError, onSignedOut } from './pb.js';
import { navigate, useRoute } from './router.js';
import { useHouses } from './houses.js';
import { startNotifications, stopNotifications, useUnread } from './notify.js';
import { Header, NavBar, ReachOut } from './ui.js';
import { registerServiceWorker } from './offline.js';
import { ConnectionBanner } from './connection.js';
import { startOutbox } from './outbox.js';
import { countVisit } from './install.js';
import { SignIn } from './screens/signin.js';
import { match, Screen } from './routes.js';

// Paths a signed-out visitor may open.
const PUBLIC_PATHS = ['/signin', '/join'];

function currentUser() {
  return pb.authStore.isValid ? pb.authStore.record : null;
}

function useAuthUser() {
  const [user, setUser] = useState(currentUser);
  useEffect(() => pb.authStore.onChange(() => setUser(currentUser())), []);
  return user;
}

function NotFound() {
  return html`<section class="stack" data-testid="not-found">
    <h1 tabindex="-1">${t('app.notFoundTitle')}</h1>
    <p>${t('app.notFoundBody')}</p>
    <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
  </section>`;
}

function App() {
  useLang();
  const path = useRoute();
  const user = useAuthUser();
  const userId = user ? user.id : null;
  const houses = useHouses(userId);
  const unread = useUnread();
  const mainRef = useRef(null);
  const firstPath = useRef(true);

  // The user's own language follows them from device to device.
  useEffect(() => {
    if (user && user.language) setLang(user.language);
  }, [user && user.language]);

  useEffect(() => {
    if (userId) startNotifications(userId);
    else stopNotifications();
    // What waited on the phone goes now (after a sign-in, too).
    if (userId) startOutbox();
  }, [userId]);

  useEffect(() => {
    if (!user && !PUBLIC_PATHS.includes(path)) navigate('/signin', { replace: true });
    else if (user && path === '/signin') navigate('/', { replace: true });
  }, [userId, path]);

  // After an in-app navigation, start reading from the top of the new screen.
  useEffect(() => {
    if (firstPath.current) { firstPath.current = false; return; }
    window.scrollTo(0, 0);
    const h1 = mainRef.current && mainRef.current.querySelector('h1');
    (h1 || mainRef.current)?.focus({ preventScroll: true });
  }, [path]);

  if (!user) {
    const join = path === '/join' ? match('/join') : null;
    const screen = join ? html`<${Screen} found=${join} ctx=${{ user: null, houses: null }} />` : html`<${SignIn} />`;
    return html`<${ConnectionBanner} />
      <main id="main" ref=${mainRef} tabindex="-1" class="main main-signin">${screen}</main>`;
  }
  if (path === '/signin') return null;

  const found = match(path);
  const screen = found ? html`<${Screen} found=${found} ctx=${{ user, houses }} />` : html`<${NotFound} />`;
  return html`
    <a class="skip-link" href="#main" onClick=${(e) => { e.preventDefault(); mainRef.current?.focus(); }}>${t('app.skipToContent')}</a>
    <${Header} user=${user} path=${path} unread=${unread.count} live=${unread.live} isManager=${houses.isManager}>
      <${ReachOut} membership=${houses.current} />
    </${Header}>
    <${ConnectionBanner} />
    <main id="main" ref=${mainRef} tabindex="-1" class=${'main' + (houses.current ? ' with-nav' : '')}>${screen}</main>
    <${NavBar} path=${path} membership=${houses.current} />`;
}

// A token that expired while the phone slept: say so on the sign-in screen.
if (pb.authStore.token && !pb.authStore.isValid) endSession('expired');

// The dictionary of the phone's language comes first: every screen speaks.
await setLang(lang());
countVisit();

// Push on this device (js/push.js, loaded only where push may be on): a
// deliberate sign-out stops the person's notifications here, with their
// token taken before the session is cleared; the service worker may ask
// for the token to renew a subscription (pushsubscriptionchange in sw.js).
onSignedOut(() => {
  const token = pb.authStore.token;
  if (!token || !('PushManager' in window) || Notification.permission !== 'granted') return;
  import('./push.js').then((m) => m.forgetDevice(token)).catch(() => {});
});
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (!e.data || e.data.type !== 'hearth-token' || !e.ports || !e.ports[0]) return;
    e.ports[0].postMessage(pb.authStore.isValid ? pb.authStore.token : '');
  });
}
render(html`<${App} />`, document.getElementById('app'));
registerServiceWorker();

// Check the saved session with the server (it may have been revoked) and
// pick up profile changes made on another device.
if (pb.authStore.isValid) {
  pb.collection('users').authRefresh().catch((err) => {
    if (isAuthError(err)) endSession('expired');
  });
}
