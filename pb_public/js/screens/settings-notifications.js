// The notification settings (/settings/notifications): push on this
// device (turned on from a tap, never on load), a test notification, how
// much push and email bring (off / important / all), a manager's daily
// digest, and quiet hours. Where push cannot work, it says why and what to
// do. See docs/API.md, "Web app", "Push notifications".
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, handleLoadError, handleWriteError, isOffline } from '../pb.js';
import { useLoad } from '../load.js';
import { isManager } from '../membership.js';
import { Button, Choices, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { currentSubscription, pushState, sendTest, turnOff, turnOn } from '../push.js';

const LEVELS = ['off', 'important', 'all'];
const QUIET_START = '22:00';
const QUIET_END = '07:00';
const SAVED_FIELDS = ['push_notifications', 'email_notifications', 'email_digest', 'quiet_start', 'quiet_end'];

// managesAnyHouse: the default email level is `important` for an active
// manager of any house, `off` otherwise (the server decides the same way).
function managesAnyHouse(houses) {
  return !!houses && houses.memberships.some(isManager);
}

// emailUsable: email goes only to a verified address.
function emailUsable(r) {
  return !!(r.email && r.verified);
}

function toForm(r, manager) {
  const quiet = !!(r.quiet_start && r.quiet_end);
  return {
    push_notifications: LEVELS.includes(r.push_notifications) ? r.push_notifications : 'all',
    email_notifications: LEVELS.includes(r.email_notifications) ? r.email_notifications : manager ? 'important' : 'off',
    email_digest: !!r.email_digest,
    quiet,
    quiet_start: quiet ? r.quiet_start : '',
    quiet_end: quiet ? r.quiet_end : '',
  };
}

// changes: only what the person changed goes to the server, so an unchosen
// level stays unchosen (and keeps following the default).
function changes(form, initial) {
  const out = {};
  for (const k of ['push_notifications', 'email_notifications', 'email_digest']) {
    if (form[k] !== initial[k]) out[k] = form[k];
  }
  const start = form.quiet ? form.quiet_start : '';
  const end = form.quiet ? form.quiet_end : '';
  if (start !== initial.quiet_start || end !== initial.quiet_end) {
    out.quiet_start = start;
    out.quiet_end = end;
  }
  return out;
}

function checkQuiet(form) {
  if (!form.quiet) return {};
  const e = {};
  if (!/^\d\d:\d\d$/.test(form.quiet_start)) e.quiet_start = t('notifySettings.quietMissing');
  if (!/^\d\d:\d\d$/.test(form.quiet_end)) e.quiet_end = t('notifySettings.quietMissing');
  if (!e.quiet_start && !e.quiet_end && form.quiet_start === form.quiet_end) e.quiet_end = t('notifySettings.quietSame');
  return e;
}

export function NotificationSettings({ user, houses }) {
  const loaded = useLoad(() => pb.collection('users').getOne(user.id), [user.id]);
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('notifySettings.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  if (loaded.status === 'loading') return html`<${Loading} label=${t('notifySettings.loading')} />`;
  const record = loaded.data;
  return html`<section class="notify-settings" data-testid="notify-settings">
    <div class="screen-head">
      <a class="back-link" href="/profile"><span aria-hidden="true">‹ </span>${t('notifySettings.back')}</a>
      <h1 tabindex="-1">${t('notifySettings.title')}</h1>
    </div>
    <p class="lead">${t('notifySettings.intro')}</p>
    <${ThisDevice} pushLevel=${record.push_notifications || 'all'} manager=${managesAnyHouse(houses)} />
    <${Levels} key=${record.id} record=${record} manager=${managesAnyHouse(houses)}
      onSaved=${(saved) => loaded.update(() => saved)} />
  </section>`;
}

// ThisDevice: push on this phone or computer.
function ThisDevice({ pushLevel, manager }) {
  const why = pushState();
  // A manager is the one to ask for HTTPS: they are told where it is explained.
  const whyText = why === 'insecure' && manager ? 'insecureManager' : why;
  const subs = useLoad(async () => {
    const [records, sub] = await Promise.all([
      pb.collection('push_subscriptions').getFullList({ fields: 'id,endpoint' }),
      currentSubscription(),
    ]);
    return { records, endpoint: sub ? sub.endpoint : '' };
  }, []);
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState({ kind: 'success', text: '' });

  const data = subs.data || { records: [], endpoint: '' };
  const on = !!data.endpoint && data.records.some((r) => r.endpoint === data.endpoint);
  const others = data.records.filter((r) => r.endpoint !== data.endpoint).length;

  function fail(err) {
    if (handleWriteError(err) || handleLoadError(err)) return;
    let text;
    if (err && err.pushCode) text = t('notifySettings.pushError.' + err.pushCode);
    else if (isOffline(err)) text = t('app.offline');
    else text = splitErrors(err, []).text;
    setMessage({ kind: 'error', text });
  }

  async function act(what, fn, done) {
    setBusy(what);
    setMessage({ kind: 'success', text: '' });
    try {
      const result = await fn();
      setMessage({ kind: 'success', text: done(result) });
      subs.reload();
    } catch (err) {
      fail(err);
      subs.reload();
    } finally {
      setBusy('');
    }
  }

  const enable = () => act('on', turnOn, () => t('notifySettings.pushOnDone'));
  const disable = () => act('off', () => turnOff(data.records), () => t('notifySettings.pushOffDone'));
  const test = () => act('test', sendTest, (n) => (n > 0 ? t('notifySettings.testSent', { count: n }) : t('notifySettings.testNone')));

  let body;
  if (why !== 'ok') {
    body = html`<div class="push-why" data-testid="push-why" data-state=${why}>
      <p><strong>${t('notifySettings.why.' + why + 'Title')}</strong></p>
      <p>${t('notifySettings.why.' + whyText)}</p>
    </div>`;
  } else if (subs.status === 'loading') {
    body = html`<${Loading} label=${t('notifySettings.loading')} />`;
  } else if (subs.status === 'error' && !subs.data) {
    body = html`<${ErrorState} message=${t('notifySettings.loadError')} err=${subs.error} onRetry=${subs.reload} />`;
  } else {
    body = html`<div class="push-device" data-testid="push-device" data-state=${on ? 'on' : 'off'}>
      <p data-testid="push-device-state">${on ? t('notifySettings.pushOn') : t('notifySettings.pushOff')}</p>
      ${on && pushLevel === 'off' ? html`<p class="field-hint" data-testid="push-level-off-note">${t('notifySettings.pushLevelOffNote')}</p>` : null}
      <div class="form-actions">
        ${on
          ? html`<${Button} kind="secondary" busy=${busy === 'off'} busyLabel=${t('notifySettings.turningOff')} disabled=${!!busy}
              onClick=${disable} data-testid="push-off">${t('notifySettings.turnOff')}</${Button}>`
          : html`<${Button} busy=${busy === 'on'} busyLabel=${t('notifySettings.turningOn')} disabled=${!!busy}
              onClick=${enable} data-testid="push-on">${t('notifySettings.turnOn')}</${Button}>`}
      </div>
      ${!on ? html`<p class="field-hint">${t('notifySettings.askHint')}</p>` : null}
    </div>`;
  }

  return html`<section class="card push-card" aria-labelledby="push-card-title" data-testid="push-card">
    <h2 id="push-card-title">${t('notifySettings.deviceTitle')}</h2>
    ${body}
    ${others > 0 ? html`<p class="field-hint" data-testid="push-others">${t('notifySettings.otherDevices', { count: others })}</p>` : null}
    ${on || others > 0 ? html`<div class="form-actions">
      <${Button} kind="secondary" busy=${busy === 'test'} busyLabel=${t('notifySettings.testSending')} disabled=${!!busy}
        onClick=${test} data-testid="push-test">${t('notifySettings.test')}</${Button}>
    </div>` : null}
    <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="push-error" />
    <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="push-message"
      onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
  </section>`;
}

// Levels: how much push and email bring, the digest and quiet hours, kept
// with one Save.
function Levels({ record, manager, onSaved }) {
  const initial = toForm(record, manager);
  const [edited, setForm] = useState(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const form = edited || initial;
  const mail = emailUsable(record);

  const set = (field) => (value) => {
    setForm((f) => {
      const next = { ...(f || form), [field]: value };
      // Turning quiet hours on starts from a usual night.
      if (field === 'quiet' && value && !next.quiet_start && !next.quiet_end) {
        next.quiet_start = QUIET_START;
        next.quiet_end = QUIET_END;
      }
      return next;
    });
    setErrors((e) => ({ ...e, [field]: undefined, ...(field === 'quiet' ? { quiet_start: undefined, quiet_end: undefined } : {}) }));
    setMessage({ kind: 'success', text: '' });
  };

  async function save(e) {
    e.preventDefault();
    const local = checkQuiet(form);
    if (Object.keys(local).length) {
      setErrors(local);
      setMessage({ kind: 'error', text: t('app.checkFields') });
      return;
    }
    const body = changes(form, initial);
    if (!Object.keys(body).length) {
      setMessage({ kind: 'success', text: t('notifySettings.nothingChanged') });
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage({ kind: 'success', text: '' });
    try {
      const saved = await pb.collection('users').update(record.id, body);
      onSaved(saved);
      setForm(null);
      setMessage({ kind: 'success', text: t('notifySettings.saved') });
    } catch (err) {
      if (handleWriteError(err)) return;
      const { fields, text } = splitErrors(err, SAVED_FIELDS);
      setErrors(fields);
      setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  const levelOptions = (channel) => LEVELS.map((v) => ({
    value: v, label: t('notifySettings.level.' + v), hint: t('notifySettings.' + channel + 'Hint.' + v),
  }));
  const defaultNote = (raw) => (raw ? null : html`<p class="field-hint" data-testid="level-default">${t('notifySettings.defaultNote')}</p>`);

  return html`<form class="form" onSubmit=${save} novalidate data-testid="notify-form">
    <section class="card" aria-labelledby="push-level-title">
      <h2 id="push-level-title">${t('notifySettings.pushTitle')}</h2>
      <${Choices} id="push-level" legend=${t('notifySettings.pushLegend')} value=${form.push_notifications}
        options=${levelOptions('push')} onInput=${set('push_notifications')} error=${errors.push_notifications} testid="push-level" />
      ${defaultNote(record.push_notifications)}
    </section>
    <section class="card" aria-labelledby="email-level-title">
      <h2 id="email-level-title">${t('notifySettings.emailTitle')}</h2>
      ${mail
        ? html`<p class="field-hint">${t('notifySettings.emailTo', { email: record.email })}</p>`
        : html`<p class="notice" data-testid="email-unavailable">${record.email ? t('notifySettings.emailUnverified') : t('notifySettings.emailMissing')}</p>`}
      <fieldset class="plain-fieldset" disabled=${!mail}>
        <${Choices} id="email-level" legend=${t('notifySettings.emailLegend')} value=${form.email_notifications}
          options=${levelOptions('email')} onInput=${set('email_notifications')} error=${errors.email_notifications} testid="email-level" />
        ${mail ? defaultNote(record.email_notifications) : null}
        ${manager ? html`<${Field} id="email-digest" type="checkbox" label=${t('notifySettings.digest')} hint=${t('notifySettings.digestHint')}
          checked=${form.email_digest} onInput=${set('email_digest')} error=${errors.email_digest}
          disabled=${!mail || form.email_notifications === 'off'} testid="email-digest" />` : null}
      </fieldset>
    </section>
    <section class="card" aria-labelledby="quiet-title">
      <h2 id="quiet-title">${t('notifySettings.quietTitle')}</h2>
      <p class="field-hint">${t('notifySettings.quietIntro')}</p>
      <${Field} id="quiet-on" type="checkbox" label=${t('notifySettings.quietOn')} checked=${form.quiet}
        onInput=${set('quiet')} testid="quiet-on" />
      ${form.quiet ? html`<div class="quiet-times">
        <${Field} id="quiet-start" type="time" label=${t('notifySettings.quietStart')} value=${form.quiet_start}
          onInput=${set('quiet_start')} error=${errors.quiet_start} testid="quiet-start" />
        <${Field} id="quiet-end" type="time" label=${t('notifySettings.quietEnd')} value=${form.quiet_end}
          onInput=${set('quiet_end')} error=${errors.quiet_end} testid="quiet-end" />
      </div>` : html`<p class="muted" data-testid="quiet-none">${t('notifySettings.quietNone')}</p>`}
    </section>
    <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="notify-error" />
    <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="notify-saved"
      onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
    <div class="form-actions">
      <${Button} type="submit" busy=${busy} busyLabel=${t('notifySettings.saving')} data-testid="notify-save">${t('notifySettings.save')}</${Button}>
    </div>
  </form>`;
}
