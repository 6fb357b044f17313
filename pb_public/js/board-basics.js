// What the home screen and the managers' menu need of the board, without
// the board itself: the count of reports waiting, the drawn icons, and
// tel: links. board.js re-exports them.
import { html } from './html.js';
import { pb } from './pb.js';
import { useLoad } from './load.js';

// ---------- reports (managers) ----------

// loadReports: the house's reports a manager may read (never those about
// their own posts), newest first.
export function loadReports(houseId) {
  return pb.collection('reports').getList(1, 100, {
    filter: pb.filter('house = {:h}', { h: houseId }),
    sort: '-created',
    expand: 'reporter',
    skipTotal: true,
  });
}

// useReportCount: how many reports wait in the house, for the manager's
// link (null until known; 100 means "100 or more").
export function useReportCount(houseId, enabled) {
  const on = !!(enabled && houseId);
  // On failure the count stays unknown: the link still works.
  const loaded = useLoad(async () => {
    const res = await pb.collection('reports').getList(1, 100, {
      filter: pb.filter('house = {:h}', { h: houseId }), fields: 'id', skipTotal: true,
    });
    return { house: houseId, count: res.items.length };
  }, [houseId], { enabled: on });
  // Only this house's count (another house's stays until this one comes).
  return on && loaded.data && loaded.data.house === houseId ? loaded.data.count : null;
}

// ---------- icons (drawn, not emoji: cheap phones draw emoji differently) ----------

const svg = (d, size = 20) => html`<svg class="icon" viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false">
  <path fill="currentColor" d=${d} />
</svg>`;

export const ICONS = {
  me_too: 'M8 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm8 0a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM1.5 20c0-3.6 2.9-6.5 6.5-6.5 1.6 0 3 .6 4 1.5 1-.9 2.4-1.5 4-1.5 3.6 0 6.5 2.9 6.5 6.5V21h-21v-1Z',
  proud: 'M12 2.5l2.9 5.9 6.5.9-4.7 4.6 1.1 6.5L12 17.3l-5.8 3.1 1.1-6.5-4.7-4.6 6.5-.9L12 2.5Z',
  hug: 'M12 7.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-9.2 2.3a1.3 1.3 0 0 1 1.8-.4C6.8 10.8 9.3 11.5 12 11.5s5.2-.7 7.4-2.1a1.3 1.3 0 1 1 1.4 2.2c-1.5 1-3.2 1.7-5 2.1V22h-2.6v-5h-2.4v5H8.2v-8.3c-1.8-.4-3.5-1.1-5-2.1a1.3 1.3 0 0 1-.4-1.8Z',
  heart: 'M12 21s-8.5-5.3-8.5-11.3A4.8 4.8 0 0 1 12 6.6a4.8 4.8 0 0 1 8.5 3.1C20.5 15.7 12 21 12 21Z',
  win: 'M6 3h12v2h3v3a5 5 0 0 1-4.6 5 5.5 5.5 0 0 1-3.4 3v2.5h4V21H7v-2.5h4V16a5.5 5.5 0 0 1-3.4-3A5 5 0 0 1 3 8V5h3V3Zm0 4H5v1a3 3 0 0 0 1.4 2.5A7 7 0 0 1 6 8V7Zm12 0v1c0 .9-.1 1.7-.4 2.5A3 3 0 0 0 19 8V7h-1Z',
  support: 'M12 21s-8.5-5.3-8.5-11.3A4.8 4.8 0 0 1 12 6.6a4.8 4.8 0 0 1 8.5 3.1C20.5 15.7 12 21 12 21Zm-1-11v3H8v2h3v3h2v-3h3v-2h-3v-3h-2Z',
  announcement: 'M3 10v4a1 1 0 0 0 1 1h2l4 5h2v-5l8 4V5l-8 4H4a1 1 0 0 0-1 1Z',
  milestone: 'M12 1.5l2.4 5.3 5.6.6-4.2 3.8 1.2 5.6L12 14l-5 2.8 1.2-5.6L4 7.4l5.6-.6L12 1.5ZM5 18l1 2.5L8.5 21 6 22l-1 2.5L4 22l-2.5-1L4 20.5 5 18Zm14-1 .8 1.7 1.7.8-1.7.8-.8 1.7-.8-1.7-1.7-.8 1.7-.8.8-1.7Z',
  share: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z',
  pin: 'M14.5 2 22 9.5l-2 .8-4 4 .5 5-1.5 1.5-4.2-4.2L5 22.4 3.6 21l5.8-5.8L5.2 11 6.7 9.5l5 .5 4-4 .8-4Z',
  more: 'M5 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z',
  comment: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm3 5v2h10V9H7Zm0 4v2h7v-2H7Z',
  phone: 'M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.6 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.6 3.6a1 1 0 0 1-.25 1l-2.25 2.2Z',
  text: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2Zm3 6v2h2V9H7Zm4 0v2h2V9h-2Zm4 0v2h2V9h-2Z',
};

export function Icon({ name, size = 20 }) {
  return svg(ICONS[name] || ICONS.share, size);
}

// telHref: a phone number as a tel: link.
export function telHref(phone) {
  return 'tel:' + String(phone || '').replace(/[^\d+]/g, '');
}
