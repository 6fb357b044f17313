import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleLoadError, isOffline } from '../pb.js';
import { navigate, isInternalPath } from '../router.js';
import { formatHouseDateTime, formatWhen } from '../dates.js';
import { markedAllRead, markedRead, onNotificationEvent, useUnread } from '../notify.js';
import { Button, EmptyState, ErrorState, Loading, Toast } from '../ui.js';

const PER_PAGE = 20;

function byNewest(a, b) {
  return a.created < b.created ? 1 : a.created > b.created ? -1 : 0;
}

export function Notifications({ user, timeZone }) {
  const [items, setItems] = useState([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [status, setStatus] = useState('loading'); // loading | ready | error | more
  const [error, setError] = useState(null);
  const [attempt, setAttempt] = useState(0);
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

  useEffect(() => {
    let live = true;
    setStatus('loading');
    fetchPage(1).then((res) => {
      if (!live) return;
      setItems(res.items);
      setPage(1);
      setHasMore(res.items.length === PER_PAGE);
      setStatus('ready');
    }).catch((err) => {
      if (!live || handleLoadError(err)) return;
      setError(err);
      setStatus('error');
    });
    return () => { live = false; };
  }, [user.id, attempt]);

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
    setStatus('more');
    try {
      const res = await fetchPage(page + 1);
      setItems((list) => {
        const seen = new Set(list.map((n) => n.id));
        return [...list, ...res.items.filter((n) => !seen.has(n.id))];
      });
      setPage(page + 1);
      setHasMore(res.items.length === PER_PAGE);
    } catch (err) {
      if (handleLoadError(err)) return;
      setMessage({ kind: 'error', text: isOffline(err) ? t('app.offline') : t('app.genericError') });
    }
    setStatus('ready');
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
  if (status === 'loading') body = html`<${Loading} label=${t('notifications.loading')} />`;
  else if (status === 'error') {
    body = html`<${ErrorState} message=${t('notifications.loadError')} err=${error} onRetry=${() => setAttempt((a) => a + 1)} />`;
  } else if (!items.length) {
    body = html`<${EmptyState} testid="notifications-empty">${t('notifications.empty')}</${EmptyState}>`;
  } else {
    body = html`<ul class="notices" data-testid="notifications">
      ${items.map((n) => html`<li key=${n.id}>
        <${Notice} n=${n} timeZone=${timeZone} onOpen=${() => open(n)} />
      </li>`)}
    </ul>
    ${hasMore ? html`<div class="more">
      <${Button} kind="secondary" busy=${status === 'more'} busyLabel=${t('notifications.loadingMore')}
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
