import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleLoadError, isOffline } from '../pb.js';
import { navigate, isInternalPath } from '../router.js';
import { formatHouseDateTime, formatWhen } from '../dates.js';
import { markedAllRead, markedRead, onNotificationEvent, useUnread } from '../notify.js';
import { Button, EmptyState, ErrorState, Loading, Toast } from '../ui.js';
import { useLoad } from '../load.js';
import { KeptNote } from '../connection.js';

const PER_PAGE = 20;

function byNewest(a, b) {
  return a.created < b.created ? 1 : a.created > b.created ? -1 : 0;
}

export function Notifications({ user, timeZone }) {
  const [loadingMore, setLoadingMore] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const unread = useUnread().count;

  function fetchPage(p) {
    return pb.collection('notifications').getList(p, PER_PAGE, {
      filter: pb.filter('user = {:u}', { u: user.id }),
      sort: '-created',
      skipTotal: true,
    });
  }

  // The pages shown so far: loading again (back on the screen, back
  // online) brings as many as were shown.
  const pages = useRef(1);
  // One's notifications, kept on the phone.
  const loaded = useLoad(async () => {
    const shown = pages.current;
    const res = await pb.collection('notifications').getList(1, PER_PAGE * shown, {
      filter: pb.filter('user = {:u}', { u: user.id }),
      sort: '-created',
      skipTotal: true,
    });
    return { items: res.items, hasMore: res.items.length === PER_PAGE * shown };
  }, [user.id], { keep: 'notifications' });
  const items = loaded.data ? loaded.data.items : [];
  const hasMore = loaded.data ? loaded.data.hasMore : false;
  const setItems = (fn) => loaded.update((d) => ({ ...d, items: fn(d.items) }));

  // Live: new ones appear on top, read state follows other tabs and devices.
  useEffect(() => onNotificationEvent((e) => {
    setItems((list) => {
      const rest = list.filter((n) => n.id !== e.record.id);
      if (e.action === 'delete') return rest;
      if (e.action === 'create') return [e.record, ...rest].sort(byNewest);
      return list.map((n) => (n.id === e.record.id ? { ...n, ...e.record } : n));
    });
  }), []);

  async function more() {
    setLoadingMore(true);
    try {
      const next = pages.current + 1;
      const res = await fetchPage(next);
      pages.current = next;
      loaded.update((d) => {
        const seen = new Set(d.items.map((n) => n.id));
        return { items: [...d.items, ...res.items.filter((n) => !seen.has(n.id))], hasMore: res.items.length === PER_PAGE };
      });
    } catch (err) {
      if (handleLoadError(err)) return;
      setMessage({ kind: 'error', text: isOffline(err) ? t('app.offline') : t('app.genericError') });
    }
    setLoadingMore(false);
  }

  async function open(n) {
    if (!n.read) {
      setItems((list) => list.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
      markedRead(n.id);
      try {
        await pb.collection('notifications').update(n.id, { read: true });
      } catch (err) {
        if (handleLoadError(err)) return;
        setItems((list) => list.map((x) => (x.id === n.id ? { ...x, read: false } : x)));
        setMessage({ kind: 'error', text: t('notifications.markError') });
        return;
      }
    }
    if (n.link && isInternalPath(n.link)) navigate(n.link);
  }

  async function markAll() {
    setMarkingAll(true);
    setMessage({ kind: 'success', text: '' });
    try {
      await pb.send('/api/hearth/notifications/read-all', { method: 'POST' });
      setItems((list) => list.map((n) => ({ ...n, read: true })));
      markedAllRead();
      setMessage({ kind: 'success', text: t('notifications.allRead') });
    } catch (err) {
      if (handleLoadError(err)) return;
      setMessage({ kind: 'error', text: isOffline(err) ? t('app.offline') : t('app.genericError') });
    } finally {
      setMarkingAll(false);
    }
  }

  let body;
  if (loaded.status === 'loading') body = html`<${Loading} label=${t('notifications.loading')} />`;
  else if (loaded.status === 'error') {
    body = html`<${ErrorState} message=${t('notifications.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  } else if (!items.length) {
    body = html`<${EmptyState} testid="notifications-empty">${t('notifications.empty')}</${EmptyState}>`;
  } else {
    body = html`<ul class="notices" data-testid="notifications">
      ${items.map((n) => html`<li key=${n.id}>
        <${Notice} n=${n} timeZone=${timeZone} onOpen=${() => open(n)} />
      </li>`)}
    </ul>
    ${hasMore ? html`<div class="more">
      <${Button} kind="secondary" busy=${loadingMore} busyLabel=${t('notifications.loadingMore')}
        onClick=${more} data-testid="notifications-more">${t('notifications.showMore')}</${Button}>
    </div>` : null}`;
  }

  return html`<section class="notifications" data-testid="notifications-screen">
    <div class="section-head">
      <h1 tabindex="-1">${t('notifications.title')}</h1>
      ${unread > 0 ? html`<span class="muted" data-testid="notifications-unread">${t('notifications.unreadCount', { count: unread })}</span>` : null}
    </div>
    ${unread > 0 || items.some((n) => !n.read) ? html`<div class="toolbar">
      <${Button} kind="secondary" busy=${markingAll} busyLabel=${t('notifications.markingAll')}
        onClick=${markAll} data-testid="mark-all-read">${t('notifications.markAll')}</${Button}>
    </div>` : null}
    <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="notifications-error" />
    <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="notifications-message" />
    <${KeptNote} state=${loaded} />
    ${body}
  </section>`;
}

function Notice({ n, timeZone, onOpen }) {
  const when = formatWhen(lang(), n.created, timeZone);
  return html`<button type="button" class=${'notice-item' + (n.read ? '' : ' unread')} onClick=${onOpen}
      data-testid="notification" data-id=${n.id} data-read=${n.read ? 'true' : 'false'}>
    <span class="notice-top">
      ${n.read ? null : html`<span class="dot" aria-hidden="true"></span><span class="visually-hidden">${t('notifications.unread')}: </span>`}
      <span class="notice-title" data-testid="notification-title">${n.title}</span>
    </span>
    ${n.body ? html`<span class="notice-body">${n.body}</span>` : null}
    ${when ? html`<time class="notice-time" datetime=${n.created ? n.created.replace(' ', 'T') : undefined}
      title=${formatHouseDateTime(lang(), n.created, timeZone)}>${when}</time>` : null}
  </button>`;
}
