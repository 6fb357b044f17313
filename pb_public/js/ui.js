// Shared components: Avatar, Field, Choices, Button, Dialog, Header, Toast,
// and the small loading / error / empty states every screen uses.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';
import { avatarURL, fieldErrors, isOffline, serverMessage } from './pb.js';
import { countLabel } from './notify.js';
import { isAlumnus, isManager, isMember, isResident } from './membership.js';

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

// Field: a labelled input, textarea, select or checkbox with its hint and error text.
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
  let control;
  if (type === 'select') {
    control = html`<select ...${common} value=${value} onChange=${(e) => onInput(e.currentTarget.value)}>
        ${options.map((o) => html`<option value=${o.value} selected=${o.value === value}>${o.label}</option>`)}
      </select>`;
  } else if (type === 'textarea') {
    control = html`<textarea ...${common} value=${value} onInput=${(e) => onInput(e.currentTarget.value)}></textarea>`;
  } else {
    control = html`<input type=${type} ...${common} value=${value} onInput=${(e) => onInput(e.currentTarget.value)} />`;
  }
  return html`<div class=${'field' + (error ? ' has-error' : '')}>
    <label for=${id}>${label}</label>
    ${control}${hintEl}${errEl}
  </div>`;
}

// Choices: a group of radio buttons with a legend; each choice may carry a
// line that explains it.
export function Choices({ id, legend, value, options, onInput, error, testid }) {
  const errId = error ? id + '-error' : null;
  return html`<fieldset class=${'choices' + (error ? ' has-error' : '')} aria-describedby=${errId || undefined} data-testid=${testid}>
    <legend>${legend}</legend>
    ${options.map((o) => html`<label class="choice" key=${o.value}>
      <input type="radio" name=${id} value=${o.value} checked=${o.value === value}
        onChange=${() => onInput(o.value)} data-testid=${testid ? testid + '-' + o.value : undefined} />
      <span><span class="choice-label">${o.label}</span>${o.hint ? html`<span class="choice-hint">${o.hint}</span>` : null}</span>
    </label>`)}
    ${error ? html`<p class="field-error" id=${errId} data-testid=${testid ? testid + '-error' : undefined}>${error}</p>` : null}
  </fieldset>`;
}

// splitErrors sorts a failed write's answer: PocketBase's field errors for
// the fields the form shows, and one sentence for everything else (another
// field's error, a refusal with no field, no network). The server's words
// are shown as they are: Hearth writes them for people, in their language.
export function splitErrors(err, shown) {
  const all = fieldErrors(err);
  const fields = {};
  const rest = [];
  for (const [f, m] of Object.entries(all)) {
    if (shown.includes(f)) fields[f] = m;
    else rest.push(m);
  }
  let text = rest.join(' ');
  if (!Object.keys(all).length) {
    if (isOffline(err)) text = t('app.offline');
    else if (err && err.status === 429) text = t('app.tooMany');
    else text = serverMessage(err) || t('app.genericError');
  } else if (!text) {
    text = t('app.checkFields');
  }
  return { fields, text };
}

// Dialog: a modal <dialog> that opens when mounted and closes when unmounted;
// Escape and the close button ask the owner to close it. Focus goes back to
// where it was.
export function Dialog({ id, title, onClose, children, testid }) {
  const ref = useRef(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const d = ref.current;
    const before = document.activeElement;
    if (d && !d.open) {
      try { d.showModal(); } catch { d.setAttribute('open', ''); }
    }
    return () => {
      if (d && d.open) d.close();
      if (before && before.isConnected && typeof before.focus === 'function') before.focus({ preventScroll: true });
    };
  }, []);
  return html`<dialog ref=${ref} class="dialog" aria-labelledby=${id + '-title'} data-testid=${testid}
      onCancel=${(e) => { e.preventDefault(); close.current(); }}>
    <div class="dialog-head">
      <h2 id=${id + '-title'}>${title}</h2>
      <button type="button" class="icon-btn dialog-close" aria-label=${t('app.close')} title=${t('app.close')}
        onClick=${() => close.current()} data-testid=${testid ? testid + '-close' : undefined}>×</button>
    </div>
    <div class="dialog-body">${children}</div>
  </dialog>`;
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

// Header: home link, what the app adds (reach out: nav.js), the Manager
// badge (the way to the Manage area), the live notification bell and the
// way to your profile.
export function Header({ user, path, unread, live, isManager, children }) {
  const bellLabel = unread > 99 ? t('nav.bellMany') : t('nav.bell', { count: unread });
  const here = (p) => (path === p ? 'page' : undefined);
  return html`<header class="topbar" data-testid="header">
    <a class="brand" href="/" aria-label=${t('nav.homeLabel')} aria-current=${here('/')} data-testid="nav-home">
      ${flameIcon}<span class="brand-name">${t('app.name')}</span>
    </a>
    <nav class="topbar-actions" aria-label=${t('nav.main')}>
      ${children}
      ${isManager ? html`<a class="manage-link" href="/manage" aria-label=${t('nav.manage')} title=${t('nav.managerBadgeTitle')}
          aria-current=${path === '/manage' ? 'page' : path.startsWith('/manage/') ? 'true' : undefined} data-testid="nav-manage">
        <span class="badge-manager" data-testid="manager-badge" aria-hidden="true">${t('nav.managerBadge')}</span>
      </a>` : null}
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

// ---------- on every screen: reach out, and the places bar ----------

const NAV = {
  home: 'M12 3 2 12h3v8h5v-6h4v6h5v-8h3z',
  board: 'M4 3h16v14H8l-5 4V3z',
  chores: 'M9 16 5 12l-2 2 6 6L21 8l-2-2z',
  checkin: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 8h2v3H8zm6 0h2v3h-2zm-7 6h10a5 5 0 0 1-10 0z',
  events: 'M7 2h2v2h6V2h2v2h4v18H3V4h4zM5 10v10h14V10z',
  today: 'M4 5h16v2H4zm0 6h16v2H4zm0 6h10v2H4z',
  support: 'M12 21s-8.5-5.3-8.5-11.3A4.8 4.8 0 0 1 12 6.6a4.8 4.8 0 0 1 8.5 3.1C20.5 15.7 12 21 12 21Zm-1-11v3H8v2h3v3h2v-3h3v-2h-3v-3h-2Z',
};

const navIcon = (name) => html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path fill="currentColor" d=${NAV[name]} /></svg>`;

// places: the bar's [path, label, icon] for the membership.
export function places(m) {
  if (!m) return [];
  const all = [['/', 'navHome', 'home'], ['/board', 'navBoard', 'board']];
  if (isAlumnus(m)) return all;
  if (isResident(m)) all.push(['/chores', 'navChores', 'chores'], ['/checkin', 'navCheckin', 'checkin']);
  if (isManager(m)) all.push(['/manage/today', 'navToday', 'today']);
  all.push(['/events', 'navEvents', 'events']);
  return all;
}

// NavBar: the main places, at the bottom, the current one marked.
export function NavBar({ path, membership }) {
  const items = places(membership);
  return items.length ? html`<nav class="navbar" aria-label=${t('care.nav')} data-testid="navbar">
    ${items.map(([href, key, icon]) => html`<a key=${href} href=${href} class="navbar-item" data-testid=${'navbar-' + icon}
        aria-current=${href === path || (href === '/board' && path.startsWith('/board')) ? 'page' : undefined}>
      ${navIcon(icon)}<span>${t('care.' + key)}</span></a>`)}
  </nav>` : null;
}

// ReachOut: one tap to a need-support post, for members and alumni (who
// may post one).
export function ReachOut({ membership }) {
  return isMember(membership) || isAlumnus(membership) ? html`<a class="reach-out" href="/board/new?kind=support" aria-label=${t('care.reachOut')} data-testid="nav-reach-out">
    ${navIcon('support')}<span>${t('care.reachOutShort')}</span></a>` : null;
}
