// Chores, shared by the resident's and the managers' screens: statuses and
// their chips, cadences in words, protected photo URLs, the camera button,
// getting a phone photo small enough for slow Wi-Fi, and the number of
// chores that wait for a manager's look.
import { html } from './html.js';
import { t, lang } from './i18n.js';
import { pb, me } from './pb.js';
import { addDays, formatClock, houseInstant, weekdayName, ymdIn } from './dates.js';
import { useLoad } from './load.js';

export const STATUSES = ['open', 'done', 'approved', 'rejected', 'missed', 'excused'];

// choreOf: the assignment's chore (expanded), or a stand-in with no title.
export function choreOf(a) {
  return (a && a.expand && a.expand.chore) || { id: a && a.chore, title: '' };
}

export function choreTitle(chore) {
  return (chore && chore.title) || t('chores.untitled');
}

export function assigneeOf(a) {
  return (a && a.expand && a.expand.assignee) || { id: a && a.assignee };
}

// StatusChip: the assignment's status in a few calm words.
export function StatusChip({ status }) {
  const s = STATUSES.includes(status) ? status : 'open';
  return html`<span class=${'chip chip-' + s} data-testid="chore-status" data-status=${s}>${t('chores.status.' + s)}</span>`;
}

export function pointsText(n) {
  return t('chores.points', { count: Number(n) || 0 });
}

// cadenceText: "Every day at 6:00 PM", "Every Monday at 6:00 PM", "Every month on day 15 at 6:00 PM".
export function cadenceText(chore) {
  const time = formatClock(lang(), chore.due_time);
  if (chore.cadence === 'weekly') return t('chores.cadenceWeekly', { day: weekdayName(lang(), Number(chore.weekday) || 0), time });
  if (chore.cadence === 'monthly') return t('chores.cadenceMonthly', { day: Number(chore.monthday) || 1, time });
  return t('chores.cadenceDaily', { time });
}

// photoToken: a short-lived token that opens protected files ('' when it
// cannot be had: the images then fail to load and say so in their alt text).
export async function photoToken() {
  try {
    return await pb.files.getToken();
  } catch {
    return '';
  }
}

export function photoURL(record, token, thumb) {
  if (!record || !record.photo) return '';
  const opts = {};
  if (token) opts.token = token;
  if (thumb) opts.thumb = thumb;
  return pb.files.getURL(record, record.photo, opts);
}

const KEEP_BYTES = 1024 * 1024;

async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bmp, width: bmp.width, height: bmp.height, done: () => bmp.close && bmp.close() };
    } catch { /* an older browser, or a format it cannot read: try an <img> */ }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = await new Promise((resolve, reject) => {
      const i = new Image();
      i.onload = () => resolve(i);
      i.onerror = reject;
      i.src = url;
    });
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, done: () => URL.revokeObjectURL(url) };
  } catch (err) {
    URL.revokeObjectURL(url);
    throw err;
  }
}

// preparePhoto makes a phone photo small enough for cheap phones on slow
// Wi-Fi: at most `max` pixels on its long side, as a JPEG. A small photo,
// or one this browser cannot draw (HEIC on some phones), goes as it is.
export async function preparePhoto(file, { max = 1600, quality = 0.8 } = {}) {
  let img;
  try {
    img = await decode(file);
  } catch {
    return file;
  }
  try {
    const scale = Math.min(1, max / Math.max(img.width, img.height));
    if (!(scale < 1) && file.size <= KEEP_BYTES) return file;
    const w = Math.max(1, Math.round(img.width * scale));
    const h = Math.max(1, Math.round(img.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img.source, 0, 0, w, h);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    canvas.width = 0; // let a cheap phone have its memory back
    if (!blob || (!(scale < 1) && blob.size >= file.size)) return file;
    const base = String(file.name || 'photo').replace(/\.[^.]*$/, '') || 'photo';
    return new File([blob], base + '.jpg', { type: 'image/jpeg', lastModified: Date.now() });
  } catch {
    return file;
  } finally {
    img.done();
  }
}

const cameraIcon = html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9Zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"/>
</svg>`;

// PhotoButton: a big button that opens the phone's camera (or its photos,
// where there is no camera). The file input lies over the whole button, so
// a tap anywhere on it is a tap on the input.
export function PhotoButton({ label, onPick, testid, kind = 'primary', disabled, describedBy }) {
  function picked(e) {
    const input = e.currentTarget;
    const file = input.files && input.files[0];
    input.value = ''; // the same photo may be chosen again later
    if (file) onPick(file);
  }
  return html`<label class=${'btn btn-' + kind + ' file-btn' + (disabled ? ' is-disabled' : '')} data-testid=${testid}>
    ${cameraIcon}<span>${label}</span>
    <input type="file" accept="image/*" capture="environment" disabled=${disabled} onChange=${picked}
      aria-describedby=${describedBy} data-testid=${testid ? testid + '-input' : undefined} />
  </label>`;
}

// useReviewCount: how many done chores of the house wait for this manager's
// look (their own wait for someone else). Null until known; 100 means "100 or more".
export function useReviewCount(houseId, enabled) {
  const user = me();
  const userId = user ? user.id : '';
  const on = !!(enabled && houseId && userId);
  // On failure the count stays unknown: the link still works; the count is a nicety.
  const loaded = useLoad(async () => {
    const res = await pb.collection('chore_assignments').getList(1, 100, {
      filter: pb.filter('house = {:h} && status = "done" && assignee != {:me}', { h: houseId, me: userId }),
      fields: 'id',
      skipTotal: true,
    });
    return { of: houseId + '/' + userId, count: res.items.length };
  }, [houseId, userId], { enabled: on });
  // Only this house's count (another house's stays until this one comes).
  return on && loaded.data && loaded.data.of === houseId + '/' + userId ? loaded.data.count : null;
}

// TO_DO: the assignment statuses still to do.
export const TO_DO = ['open', 'rejected'];

// myAssignments: the person's assignments in the house due from `fromDay`
// (inclusive) to `toDay` (exclusive), house-local days, soonest first.
export function myAssignments(house, userId, fromDay, toDay) {
  return pb.collection('chore_assignments').getList(1, 100, {
    filter: pb.filter('house = {:h} && assignee = {:me} && due >= {:from} && due < {:to}', {
      h: house.id, me: userId, from: houseInstant(fromDay, house.timezone), to: houseInstant(toDay, house.timezone),
    }),
    sort: 'due',
    expand: 'chore',
    skipTotal: true,
  });
}

// ---------- home card ----------

// ChoresToday: the home screen's card: how many of today's chores are still
// to do, and the way to them.
// only: shown only when the person has chores today (a manager in a rotation).
export function ChoresToday({ house, user, only }) {
  const today = ymdIn(house.timezone);
  const loaded = useLoad(async () => {
    const res = await myAssignments(house, user.id, today, addDays(today, 1));
    return { total: res.items.length, open: res.items.filter((a) => TO_DO.includes(a.status)).length };
  }, [house.id, user.id, today], { keep: 'chores-today.' + house.id + '.' + today });
  const state = { status: loaded.status, ...(loaded.data || { total: 0, open: 0 }) };

  let line;
  if (state.status === 'loading') line = t('chores.homeLoading');
  else if (state.status === 'error') line = t('chores.homeError');
  else if (state.open > 0) line = t('chores.homeOpen', { count: state.open });
  else if (state.total > 0) line = t('chores.homeAllDone');
  else line = t('chores.homeNone');
  if (only && !state.total) return null;

  return html`<a class="chores-card" href="/chores" data-testid="home-chores" data-state=${state.status}
      data-open=${state.status === 'ready' ? state.open : undefined}>
    <span class="chores-card-text">
      <span class="chores-card-title">${t('chores.homeTitle')}</span>
      <span class="chores-card-line" data-testid="home-chores-line">${line}</span>
    </span>
    ${state.status === 'ready' && state.open > 0
      ? html`<span class="chores-card-count" aria-hidden="true" data-testid="home-chores-count">${state.open}</span>` : null}
    <span class="chores-card-go">${t('chores.homeLink')}</span>
  </a>`;
}
