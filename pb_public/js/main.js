// Boot and top-level routing. Signed out: the sign-in screen, whatever the
// path, except /join (an invite works before there is an account). Signed
// in: the header and the screen for the path.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { t, setLang, useLang } from './i18n.js';
import { pb, endSession, isAuthError } from './pb.js';
import { navigate, useRoute } from './router.js';
import { useHouses } from './houses.js';
import { startNotifications, stopNotifications, useUnread } from './notify.js';
import { Header } from './ui.js';
import { registerServiceWorker } from './offline.js';
import { ConnectionBanner } from './connection.js';
import { startOutbox } from './outbox.js';
import { SignIn } from './screens/signin.js';
import { Home } from './screens/home.js';
import { Profile } from './screens/profile.js';
import { Notifications } from './screens/notifications.js';
import { Manage } from './screens/manage.js';
import { Roster } from './screens/roster.js';
import { Invite } from './screens/invite.js';
import { Join } from './screens/join.js';
import { HouseSettings } from './screens/house-settings.js';
import { Rules } from './screens/rules.js';
import { Partner } from './screens/partner.js';
import { MyChores } from './screens/chores.js';
import { ManageChores } from './screens/manage-chores.js';
import { Review } from './screens/review.js';
import { ChorePoints } from './screens/chore-points.js';
import { Checkin } from './screens/checkin.js';
import { Meetings } from './screens/meetings.js';
import { ManageToday } from './screens/manage-today.js';
import { ManageResident } from './screens/manage-resident.js';
import { Events } from './screens/events.js';
import { ManageEvents, ManageEvent } from './screens/manage-events.js';
import { Board, PostScreen } from './screens/board.js';
import { Compose } from './screens/board-compose.js';

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
    const screen = path === '/join' ? html`<${Join} user=${null} houses=${null} />` : html`<${SignIn} />`;
    return html`<${ConnectionBanner} />
      <main id="main" ref=${mainRef} tabindex="-1" class="main main-signin">${screen}</main>`;
  }
  if (path === '/signin') return null;

  let screen;
  switch (path) {
    case '/': screen = html`<${Home} user=${user} houses=${houses} />`; break;
    case '/profile': screen = html`<${Profile} key=${user.id} user=${user} houses=${houses} />`; break;
    case '/notifications': screen = html`<${Notifications} user=${user} timeZone=${houses.house && houses.house.timezone} />`; break;
    case '/manage': screen = html`<${Manage} houses=${houses} />`; break;
    case '/manage/roster': screen = html`<${Roster} houses=${houses} />`; break;
    case '/manage/invite': screen = html`<${Invite} houses=${houses} />`; break;
    case '/manage/house': screen = html`<${HouseSettings} houses=${houses} />`; break;
    case '/join': screen = html`<${Join} user=${user} houses=${houses} />`; break;
    case '/rules': screen = html`<${Rules} houses=${houses} />`; break;
    case '/partner': screen = html`<${Partner} user=${user} houses=${houses} />`; break;
    case '/chores': screen = html`<${MyChores} user=${user} houses=${houses} />`; break;
    case '/manage/chores': screen = html`<${ManageChores} houses=${houses} />`; break;
    case '/manage/review': screen = html`<${Review} user=${user} houses=${houses} />`; break;
    case '/manage/chore-points': screen = html`<${ChorePoints} houses=${houses} />`; break;
    case '/checkin': screen = html`<${Checkin} user=${user} houses=${houses} />`; break;
    case '/meetings': screen = html`<${Meetings} user=${user} houses=${houses} />`; break;
    case '/manage/today': screen = html`<${ManageToday} houses=${houses} />`; break;
    case '/manage/resident': screen = html`<${ManageResident} user=${user} houses=${houses} />`; break;
    case '/events': screen = html`<${Events} houses=${houses} />`; break;
    case '/manage/events': screen = html`<${ManageEvents} houses=${houses} />`; break;
    case '/manage/event': screen = html`<${ManageEvent} houses=${houses} />`; break;
    case '/board': screen = html`<${Board} user=${user} houses=${houses} />`; break;
    case '/board/new': screen = html`<${Compose} key=${location.search} user=${user} houses=${houses} />`; break;
    default: {
      // /board/posts/ID: one post, where the board's notifications lead.
      const post = /^\/board\/posts\/([a-z0-9]{1,40})\/?$/i.exec(path);
      screen = post ? html`<${PostScreen} user=${user} houses=${houses} postId=${post[1]} />` : html`<${NotFound} />`;
    }
  }
  return html`
    <a class="skip-link" href="#main" onClick=${(e) => { e.preventDefault(); mainRef.current?.focus(); }}>${t('app.skipToContent')}</a>
    <${Header} user=${user} path=${path} unread=${unread.count} live=${unread.live} isManager=${houses.isManager} />
    <${ConnectionBanner} />
    <main id="main" ref=${mainRef} tabindex="-1" class="main">${screen}</main>`;
}

// A token that expired while the phone slept: say so on the sign-in screen.
if (pb.authStore.token && !pb.authStore.isValid) endSession('expired');

render(html`<${App} />`, document.getElementById('app'));
registerServiceWorker();

// Check the saved session with the server (it may have been revoked) and
// pick up profile changes made on another device.
if (pb.authStore.isValid) {
  pb.collection('users').authRefresh().catch((err) => {
    if (isAuthError(err)) endSession('expired');
  });
}
