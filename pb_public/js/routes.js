// The app's screens by path, in one table. Every screen but the first ones
// (home, sign-in) is loaded when it is first opened (import()), so a phone
// downloads a screen's code only when someone opens it: a resident's phone
// never downloads the managers' screens (js/screens/manage-*.js), and the
// first visit downloads only what the home screen needs. The service
// worker keeps what was opened once for offline use (docs/API.md, "Offline").
//
// A route: {path, load, component, props?, parts?}. path is exact, or a
// RegExp whose groups go to props; props(ctx, match) builds the screen's
// props from {user, houses} (default: both); parts names the parts of the
// dictionary the screen needs beyond the first-load one (js/i18n.js,
// loadParts), loaded with the screen's module.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { t, loadParts, partsReady, useLang } from './i18n.js';
import { isOffline } from './pb.js';
import { ErrorState, Loading } from './ui.js';
import { Home } from './screens/home.js';

const both = ({ user, houses }) => ({ user, houses });
const housesOnly = ({ houses }) => ({ houses });
// The parts of the dictionary a screen loads (js/i18n/<part>.<lang>.js):
// the screens' strings, and the managers' strings on top of them.
const SCREENS = ['screens'];
const MANAGE = ['screens', 'manage'];

export const ROUTES = [
  { path: '/', screen: Home },
  { path: '/profile', parts: SCREENS, load: () => import('./screens/profile.js'), component: 'Profile',
    props: ({ user, houses }) => ({ key: user.id, user, houses }) },
  { path: '/me/record', parts: SCREENS, load: () => import('./screens/my-record.js'), component: 'MyRecord' },
  { path: '/settings/notifications', parts: MANAGE, load: () => import('./screens/settings-notifications.js'), component: 'NotificationSettings' },
  { path: '/notifications', parts: SCREENS, load: () => import('./screens/notifications.js'), component: 'Notifications',
    props: ({ user, houses }) => ({ user, timeZone: houses.house && houses.house.timezone }) },
  { path: '/join', parts: SCREENS, load: () => import('./screens/join.js'), component: 'Join' },
  { path: '/rules', parts: SCREENS, load: () => import('./screens/rules.js'), component: 'Rules', props: housesOnly },
  { path: '/partner', parts: SCREENS, load: () => import('./screens/partner.js'), component: 'Partner' },
  { path: '/chores', parts: SCREENS, load: () => import('./screens/chores.js'), component: 'MyChores' },
  { path: '/checkin', parts: SCREENS, load: () => import('./screens/checkin.js'), component: 'Checkin' },
  { path: '/meetings', parts: SCREENS, load: () => import('./screens/meetings.js'), component: 'Meetings' },
  { path: '/events', parts: SCREENS, load: () => import('./screens/events.js'), component: 'Events', props: housesOnly },
  { path: '/board', parts: SCREENS, load: () => import('./screens/board.js'), component: 'Board' },
  { path: '/board/new', parts: SCREENS, load: () => import('./screens/board-compose.js'), component: 'Compose',
    props: ({ user, houses }) => ({ key: location.search, user, houses }) },
  { path: /^\/board\/posts\/([a-z0-9]{1,40})\/?$/i, parts: SCREENS, load: () => import('./screens/board.js'), component: 'PostScreen',
    props: ({ user, houses }, m) => ({ user, houses, postId: m[1] }) },
  { path: '/my-records', parts: SCREENS, load: () => import('./screens/my-staff-records.js'), component: 'MyStaffRecords' },
  { path: '/first-day', parts: SCREENS, load: () => import('./screens/first-day.js'), component: 'FirstDay' },
  // The managers' screens.
  { path: '/manage', parts: MANAGE, load: () => import('./screens/manage.js'), component: 'Manage', props: housesOnly },
  { path: '/manage/today', parts: MANAGE, load: () => import('./screens/manage-today.js'), component: 'ManageToday', props: housesOnly },
  { path: '/manage/resident', parts: MANAGE, load: () => import('./screens/manage-resident.js'), component: 'ManageResident' },
  { path: '/manage/roster', parts: MANAGE, load: () => import('./screens/manage-roster.js'), component: 'Roster', props: housesOnly },
  { path: '/manage/invite', parts: MANAGE, load: () => import('./screens/manage-invite.js'), component: 'Invite', props: housesOnly },
  { path: '/manage/house', parts: MANAGE, load: () => import('./screens/manage-house.js'), component: 'HouseSettings', props: housesOnly },
  { path: '/manage/chores', parts: MANAGE, load: () => import('./screens/manage-chores.js'), component: 'ManageChores', props: housesOnly },
  { path: '/manage/review', parts: MANAGE, load: () => import('./screens/manage-review.js'), component: 'Review' },
  { path: '/manage/chore-points', parts: MANAGE, load: () => import('./screens/manage-chore-points.js'), component: 'ChorePoints', props: housesOnly },
  { path: '/manage/events', parts: MANAGE, load: () => import('./screens/manage-events.js'), component: 'ManageEvents', props: housesOnly },
  { path: '/manage/reports', parts: MANAGE, load: () => import('./screens/manage-reports.js'), component: 'ManageReports', props: housesOnly },
  { path: '/manage/tests', parts: MANAGE, load: () => import('./screens/manage-records.js'), component: 'ManageTests', props: housesOnly },
  { path: '/manage/incidents', parts: MANAGE, load: () => import('./screens/manage-records.js'), component: 'ManageIncidents', props: housesOnly },
  // Passes (kept together for merging).
  { path: '/passes', parts: SCREENS, load: () => import('./screens/passes.js'), component: 'Passes' },
  { path: '/manage/passes', parts: MANAGE, load: () => import('./screens/manage-passes.js'), component: 'ManagePasses', props: housesOnly },
  { path: '/manage/event', parts: MANAGE, load: () => import('./screens/manage-events.js'), component: 'ManageEvent', props: housesOnly },
];

// match finds the route for a path: {route, match} or null.
export function match(path) {
  for (const route of ROUTES) {
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, match: [path] };
    } else {
      const m = route.path.exec(path);
      if (m) return { route, match: m };
    }
  }
  return null;
}

const loaded = new Map();

// Screen renders a route's screen, loading its module first if need be.
export function Screen({ found, ctx }) {
  const { route, match: m } = found;
  const props = (route.props || both)(ctx, m);
  const l = useLang();
  const ready = () => partsReady(route.parts) && loaded.get(route.load);
  const [mod, setMod] = useState(() => ready() || null);
  const [error, setError] = useState(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (route.screen) return undefined;
    const have = ready();
    if (have) { setMod(have); return undefined; }
    let live = true;
    setMod(null);
    setError(null);
    // The screen's module and its strings together: no flash of keys.
    Promise.all([loaded.get(route.load) || route.load(), loadParts(route.parts)]).then(([x]) => {
      loaded.set(route.load, x);
      if (live) setMod(x);
    }).catch((err) => { if (live) setError(err); });
    return () => { live = false; };
  }, [route, attempt, l]);

  if (route.screen) return html`<${route.screen} ...${props} />`;
  if (error) {
    // A screen never opened before cannot be loaded without a connection.
    const offline = !navigator.onLine || isOffline(error) || error instanceof TypeError;
    return html`<${ErrorState} message=${t('app.screenLoadError')} err=${offline ? { status: 0 } : null}
      onRetry=${() => setAttempt((n) => n + 1)} testid="screen-load-error" />`;
  }
  // A language switch that has not brought the screen's parts yet (the
  // effect above loads them) shows the loading state, never a key.
  if (!mod || !partsReady(route.parts)) return html`<${Loading} label=${t('app.loading')} />`;
  const C = mod[route.component];
  return html`<${C} ...${props} />`;
}
