// The app's screens by path, in one table. Every screen but the first ones
// (home, sign-in) is loaded when it is first opened (import()), so a phone
// downloads a screen's code only when someone opens it: a resident's phone
// never downloads the managers' screens (js/screens/manage-*.js), and the
// first visit downloads only what the home screen needs. The service
// worker keeps what was opened once for offline use (docs/API.md, "Offline").
//
// A route: {path, load, component, props?}. path is exact, or a RegExp whose
// groups go to props; props(ctx, match) builds the screen's props from
// {user, houses} (default: both).
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';
import { isOffline } from './pb.js';
import { ErrorState, Loading } from './ui.js';
import { Home } from './screens/home.js';

const both = ({ user, houses }) => ({ user, houses });
const housesOnly = ({ houses }) => ({ houses });

export const ROUTES = [
  { path: '/', screen: Home },
  { path: '/profile', load: () => import('./screens/profile.js'), component: 'Profile',
    props: ({ user, houses }) => ({ key: user.id, user, houses }) },
  { path: '/settings/notifications', load: () => import('./screens/settings-notifications.js'), component: 'NotificationSettings' },
  { path: '/notifications', load: () => import('./screens/notifications.js'), component: 'Notifications',
    props: ({ user, houses }) => ({ user, timeZone: houses.house && houses.house.timezone }) },
  { path: '/join', load: () => import('./screens/join.js'), component: 'Join' },
  { path: '/rules', load: () => import('./screens/rules.js'), component: 'Rules', props: housesOnly },
  { path: '/partner', load: () => import('./screens/partner.js'), component: 'Partner' },
  { path: '/chores', load: () => import('./screens/chores.js'), component: 'MyChores' },
  { path: '/checkin', load: () => import('./screens/checkin.js'), component: 'Checkin' },
  { path: '/meetings', load: () => import('./screens/meetings.js'), component: 'Meetings' },
  { path: '/events', load: () => import('./screens/events.js'), component: 'Events', props: housesOnly },
  { path: '/board', load: () => import('./screens/board.js'), component: 'Board' },
  { path: '/board/new', load: () => import('./screens/board-compose.js'), component: 'Compose',
    props: ({ user, houses }) => ({ key: location.search, user, houses }) },
  { path: /^\/board\/posts\/([a-z0-9]{1,40})\/?$/i, load: () => import('./screens/board.js'), component: 'PostScreen',
    props: ({ user, houses }, m) => ({ user, houses, postId: m[1] }) },
  // The managers' screens.
  { path: '/manage', load: () => import('./screens/manage.js'), component: 'Manage', props: housesOnly },
  { path: '/manage/today', load: () => import('./screens/manage-today.js'), component: 'ManageToday', props: housesOnly },
  { path: '/manage/resident', load: () => import('./screens/manage-resident.js'), component: 'ManageResident' },
  { path: '/manage/roster', load: () => import('./screens/manage-roster.js'), component: 'Roster', props: housesOnly },
  { path: '/manage/invite', load: () => import('./screens/manage-invite.js'), component: 'Invite', props: housesOnly },
  { path: '/manage/house', load: () => import('./screens/manage-house.js'), component: 'HouseSettings', props: housesOnly },
  { path: '/manage/chores', load: () => import('./screens/manage-chores.js'), component: 'ManageChores', props: housesOnly },
  { path: '/manage/review', load: () => import('./screens/manage-review.js'), component: 'Review' },
  { path: '/manage/chore-points', load: () => import('./screens/manage-chore-points.js'), component: 'ChorePoints', props: housesOnly },
  { path: '/manage/events', load: () => import('./screens/manage-events.js'), component: 'ManageEvents', props: housesOnly },
  { path: '/manage/reports', load: () => import('./screens/manage-reports.js'), component: 'ManageReports', props: housesOnly },
  { path: '/manage/event', load: () => import('./screens/manage-events.js'), component: 'ManageEvent', props: housesOnly },
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
  const [mod, setMod] = useState(() => loaded.get(route.load) || null);
  const [error, setError] = useState(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (route.screen) return undefined;
    const have = loaded.get(route.load);
    if (have) { setMod(have); return undefined; }
    let live = true;
    setMod(null);
    setError(null);
    route.load().then((x) => {
      loaded.set(route.load, x);
      if (live) setMod(x);
    }).catch((err) => { if (live) setError(err); });
    return () => { live = false; };
  }, [route, attempt]);

  if (route.screen) return html`<${route.screen} ...${props} />`;
  if (error) {
    // A screen never opened before cannot be loaded without a connection.
    const offline = !navigator.onLine || isOffline(error) || error instanceof TypeError;
    return html`<${ErrorState} message=${t('app.screenLoadError')} err=${offline ? { status: 0 } : null}
      onRetry=${() => setAttempt((n) => n + 1)} testid="screen-load-error" />`;
  }
  if (!mod) return html`<${Loading} label=${t('app.loading')} />`;
  const C = mod[route.component];
  return html`<${C} ...${props} />`;
}
