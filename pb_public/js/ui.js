// Shared components: Avatar, Field, Button, Header, Toast, and the small
// loading / error / empty states every screen uses.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';
import { avatarURL } from './pb.js';
import { countLabel } from './notify.js';

export function initials(name) {
  const all = String(name || '').trim().split(/\s+/).filter(Boolean);
  const lettered = all.filter((w) => /^\p{L}/u.test(w));
  const words = lettered.length ? lettered : all;
  if (!words.length) return '?';
  const first = [...words[0]][0] || '';
  const last = words.length > 1 ? [...words[words.length - 1]][0] || '' : '';
  return (first + last).toUpperCase();
}

// hue gives each person a steady colour for their initials.
function hue(seed) {
  let h = 0;
  for (const c of String(seed || '')) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

// Avatar: the photo when there is one, else the initials. Decorative: the
// name is always written next to it.
export function Avatar({ user, size = 40 }) {
  const [broken, setBroken] = useState(false);
  const url = broken ? '' : avatarURL(user, size > 64 ? '200x200' : '100x100');
  const style = `--size:${size}px;--hue:${hue(user && user.id)}`;
  if (url) {
    return html`<img class="avatar" style=${style} src=${url} alt="" width=${size} height=${size}
      loading="lazy" onError=${() => setBroken(true)} />`;
  }
  return html`<span class="avatar avatar-initials" style=${style} aria-hidden="true">${initials(user && user.name)}</span>`;
}

// Field: a labelled input, select or checkbox with its hint and error text.
export function Field({ id, label, hint, error, type = 'text', value, checked, onInput, options, testid, ...rest }) {
  const hintId = hint ? id + '-hint' : null;
  const errId = error ? id + '-error' : null;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined, 'data-testid': testid, ...rest };
  const hintEl = hint ? html`<p class="field-hint" id=${hintId}>${hint}</p>` : null;
  const errEl = error ? html`<p class="field-error" id=${errId} data-testid=${testid ? testid + '-error' : undefined}>${error}</p>` : null;

  if (type === 'checkbox') {
    return html`<div class=${'field field-check' + (error ? ' has-error' : '')}>
      <label class="check" for=${id}>
        <input type="checkbox" ...${common} checked=${!!checked} onChange=${(e) => onInput(e.currentTarget.checked)} />
        <span>${label}</span>
      </label>
      ${hintEl}${errEl}
    </div>`;
  }
  const control = type === 'select'
    ? html`<select ...${common} value=${value} onChange=${(e) => onInput(e.currentTarget.value)}>
        ${options.map((o) => html`<option value=${o.value} selected=${o.value === value}>${o.label}</option>`)}
      </select>`
    : html`<input type=${type} ...${common} value=${value} onInput=${(e) => onInput(e.currentTarget.value)} />`;
  return html`<div class=${'field' + (error ? ' has-error' : '')}>
    <label for=${id}>${label}</label>
    ${control}${hintEl}${errEl}
  </div>`;
}

// Button: busy buttons keep their size and say what they are doing.
export function Button({ kind = 'primary', type = 'button', busy = false, busyLabel, children, disabled, ...rest }) {
  return html`<button type=${type} class=${'btn btn-' + kind} disabled=${disabled || busy} aria-busy=${busy ? 'true' : undefined} ...${rest}>
    ${busy && busyLabel ? busyLabel : children}
  </button>`;
}

// Toast: a message in a live region that exists before the message arrives,
// so screen readers announce it. Errors use role=alert.
export function Toast({ kind = 'success', message, onDismiss, testid }) {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class=${'toast toast-' + kind} role=${role} aria-live=${kind === 'error' ? 'assertive' : 'polite'} data-testid=${testid}>
    ${message ? html`<p>${message}</p>` : null}
    ${message && onDismiss ? html`<button type="button" class="toast-close" aria-label=${t('app.dismiss')} title=${t('app.dismiss')} onClick=${onDismiss}>×</button>` : null}
  </div>`;
}

export function Loading({ label }) {
  return html`<div class="state state-loading" role="status" data-testid="loading"><span class="spinner" aria-hidden="true"></span><p>${label || t('app.loading')}</p></div>`;
}

export function ErrorState({ message, err, onRetry, testid = 'error-state' }) {
  const detail = err && err.status === 0 ? t('app.offline') : t('app.genericError');
  return html`<div class="state state-error" role="alert" data-testid=${testid}>
    <p class="state-title">${message}</p>
    <p>${detail}</p>
    ${onRetry ? html`<${Button} kind="secondary" onClick=${onRetry}>${t('app.tryAgain')}</${Button}>` : null}
  </div>`;
}

export function EmptyState({ title, children, testid = 'empty-state' }) {
  return html`<div class="state state-empty" data-testid=${testid}>
    ${title ? html`<p class="state-title">${title}</p>` : null}
    <p>${children}</p>
  </div>`;
}

const bellIcon = html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"/>
</svg>`;

export const flameIcon = html`<svg class="brand-mark" viewBox="0 0 64 64" width="28" height="28" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M32 4c2 10 14 16 14 31a14 14 0 0 1-28 0c0-7 3-12 7-16 0 6 3 9 6 10-2-9 1-18 1-25Z"/>
  <path fill="var(--flame-core)" d="M32 33c1 5 7 7 7 13a7 7 0 0 1-14 0c0-4 2-6 4-8 0 3 2 4 3 4-1-3 0-6 0-9Z"/>
</svg>`;

// Header: home link, the Manager badge, the live notification bell and the
// way to your profile.
export function Header({ user, path, unread, live, isManager }) {
  const bellLabel = unread > 99 ? t('nav.bellMany') : t('nav.bell', { count: unread });
  const here = (p) => (path === p ? 'page' : undefined);
  return html`<header class="topbar" data-testid="header">
    <a class="brand" href="/" aria-label=${t('nav.homeLabel')} aria-current=${here('/')} data-testid="nav-home">
      ${flameIcon}<span class="brand-name">${t('app.name')}</span>
    </a>
    <nav class="topbar-actions" aria-label=${t('nav.main')}>
      ${isManager ? html`<span class="badge-manager" data-testid="manager-badge" title=${t('nav.managerBadgeTitle')}>${t('nav.managerBadge')}</span>` : null}
      <a class="icon-btn bell" href="/notifications" aria-label=${bellLabel} title=${bellLabel}
         aria-current=${here('/notifications')} data-testid="bell" data-count=${unread} data-live=${live ? 'true' : 'false'}>
        ${bellIcon}
        ${unread > 0 ? html`<span class="bell-count" data-testid="bell-count" aria-hidden="true">${countLabel(unread)}</span>` : null}
      </a>
      <a class="icon-btn profile-link" href="/profile" aria-label=${t('nav.profile')} title=${t('nav.profile')}
         aria-current=${here('/profile')} data-testid="nav-profile">
        <${Avatar} user=${user} size=${32} />
      </a>
    </nav>
  </header>`;
}
