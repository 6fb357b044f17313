// The banner under the header that tells the person about the connection:
// offline (what they see was kept from earlier; what they send waits),
// back online, writes still waiting or refused, a new version of the app.
// Announced politely to screen readers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';
import { useOffline, useUpdateReady } from './offline.js';
import { forgetRefusals, onOutbox, refusals, useWaiting } from './outbox.js';

// ConnectionBanner: offline, back online for a few seconds, writes
// waiting or refused, or a new version to load.
export function ConnectionBanner() {
  const off = useOffline();
  const update = useUpdateReady();
  const waiting = useWaiting();
  const [refused, setRefused] = useState(() => refusals().map((r) => r.message || t('app.genericError')));
  useEffect(() => onOutbox((e) => {
    if (e.refusals) setRefused(e.refusals.map((r) => r.message || t('app.genericError')));
  }), []);
  const [back, setBack] = useState(false);
  const wasOff = useRef(off);
  useEffect(() => {
    if (off) { wasOff.current = true; setBack(false); return undefined; }
    if (!wasOff.current) return undefined;
    wasOff.current = false;
    setBack(true);
    const id = setTimeout(() => setBack(false), 4000);
    return () => clearTimeout(id);
  }, [off]);

  let body = null;
  const queued = waiting > 0
    ? html`<span class="banner-line" data-testid="outbox-waiting" data-count=${waiting}>${t('offline.queuedCount', { count: waiting })}</span>` : null;
  if (refused.length) {
    body = html`<div class="banner banner-refused" data-testid="outbox-refused">
      <p>${t('offline.refused')}</p>
      <ul>${refused.map((m, i) => html`<li key=${i}>${m}</li>`)}</ul>
      <button type="button" class="btn btn-small" onClick=${forgetRefusals}>${t('app.dismiss')}</button>
    </div>`;
  } else if (off) {
    body = html`<p class="banner banner-offline" data-testid="offline-banner">${t('offline.offline')} ${queued}</p>`;
  } else if (queued) {
    body = html`<p class="banner banner-online">${queued}</p>`;
  } else if (back) {
    body = html`<p class="banner banner-online" data-testid="online-banner">${t('offline.back')}</p>`;
  } else if (update) {
    body = html`<p class="banner banner-update" data-testid="update-banner">${t('offline.updated')}
      <button type="button" class="btn btn-small" onClick=${() => location.reload()} data-testid="update-reload">${t('offline.reload')}</button></p>`;
  }
  return html`<div role="status" aria-live="polite" class="banner-slot">${body}</div>`;
}

// KeptNote: under a screen that shows what it kept from earlier.
export function KeptNote({ state }) {
  if (!state || !state.stale || !state.savedAt) return null;
  const at = new Date(state.savedAt);
  const when = at.toLocaleString(document.documentElement.lang || undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
  return html`<p class="kept-note muted" data-testid="kept-note">${t('offline.kept', { when })}</p>`;
}
