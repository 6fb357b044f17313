// The resident's passes (/passes): ask for a pass (the first and last day
// away, where, a phone number there, a note) and see one's own, with what
// a manager decided (and why, when declined), and cancel one that is asked
// for or not over yet (an approved one that has started: "I'm back
// early"). It replaces the paper sign-out sheet; docs/API.md, "Passes".
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { useLoad } from '../load.js';
import { addDays, formatCalendarDate, ymdIn } from '../dates.js';
import { Button, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { residentGate } from '../gate.js';
import { isMember, isResident } from '../membership.js';

const FIELDS = ['starts', 'ends', 'destination', 'phone', 'note'];

// passDates: a pass's days in words ("Dec 12, 2026 – Dec 14, 2026").
export function passDates(p) {
  return t('passes.dates', { from: formatCalendarDate(lang(), p.starts), to: formatCalendarDate(lang(), p.ends) });
}

export function Passes({ user, houses }) {
  const gate = residentGate(houses, {
    name: 'passes', title: 'passes.title', body: 'passes.notResident', loading: 'passes.loading',
    allowed: (m) => isMember(m) && isResident(m),
  });
  if (gate) return gate;
  return html`<${PassesView} key=${houses.house.id} house=${houses.house} user=${user} membership=${houses.current} />`;
}

function PassesView({ house, user, membership }) {
  const [notice, setNotice] = useState('');
  const [formKey, setFormKey] = useState(0);
  const loaded = useLoad(() => pb.collection('passes').getList(1, 100, {
    filter: pb.filter('house = {:h} && user = {:u}', { h: house.id, u: user.id }),
    sort: '-starts,-created', skipTotal: true,
  }).then((r) => r.items), [house.id, user.id]);
  const today = ymdIn(house.timezone);

  let list;
  if (loaded.status === 'loading') list = html`<${Loading} label=${t('passes.loading')} />`;
  else if (loaded.status === 'error') list = html`<${ErrorState} message=${t('passes.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  else if (!loaded.data.length) list = html`<${EmptyState} testid="passes-empty">${t('passes.empty')}</${EmptyState}>`;
  else {
    list = html`<ul class="stack pass-list" data-testid="passes-list">
      ${loaded.data.map((p) => html`<${PassCard} key=${p.id} pass=${p} today=${today}
        onChanged=${(r, text) => { loaded.update((items) => items.map((x) => (x.id === r.id ? r : x))); setNotice(text); }} />`)}
    </ul>`;
  }
  return html`<section class="stack passes" data-testid="passes-screen">
    <div class="screen-head">
      <h1 tabindex="-1">${t('passes.title')}</h1>
    </div>
    <p class="lead">${t('passes.intro')}</p>
    ${membership && membership.status === 'away' && membership.away_until ? html`<p class="card pass-away" data-testid="passes-away-now">
      ${t('passes.awayNow', { date: formatCalendarDate(lang(), membership.away_until) })}</p>` : null}
    <${Toast} kind="success" message=${notice} onDismiss=${() => setNotice('')} testid="passes-notice" />
    <${AskForm} key=${formKey} house=${house} user=${user} today=${today}
      onAsked=${(r) => { loaded.update((items) => [r, ...(items || [])]); setNotice(t('passes.asked')); setFormKey((k) => k + 1); }} />
    <section aria-labelledby="passes-mine-title" class="stack">
      <h2 id="passes-mine-title">${t('passes.mine')}</h2>
      ${list}
    </section>
  </section>`;
}

function AskForm({ house, user, today, onAsked }) {
  const [v, setV] = useState({ starts: today, ends: addDays(today, 1), destination: '', phone: '', note: '' });
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k) => (x) => setV((o) => ({ ...o, [k]: x }));
  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem('');
    try {
      const r = await pb.collection('passes').create({ house: house.id, user: user.id, ...v });
      onAsked(r);
    } catch (err) {
      if (handleWriteError(err)) return;
      const { fields, text } = splitErrors(err, FIELDS);
      setErrors(fields);
      setProblem(text);
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="card stack pass-form" onSubmit=${submit} noValidate data-testid="pass-form">
    <h2>${t('passes.askTitle')}</h2>
    <div class="field-row">
      <${Field} id="pass-starts" type="date" label=${t('passes.starts')} value=${v.starts} min=${today} onInput=${set('starts')}
        error=${errors.starts} testid="pass-starts" required />
      <${Field} id="pass-ends" type="date" label=${t('passes.ends')} value=${v.ends} min=${v.starts || today} onInput=${set('ends')}
        hint=${t('passes.endsHint')} error=${errors.ends} testid="pass-ends" required />
    </div>
    <${Field} id="pass-destination" label=${t('passes.destination')} hint=${t('passes.destinationHint')} value=${v.destination}
      onInput=${set('destination')} error=${errors.destination} testid="pass-destination" maxLength="200" required />
    <${Field} id="pass-phone" type="tel" label=${t('passes.phone')} hint=${t('passes.phoneHint')} value=${v.phone}
      onInput=${set('phone')} error=${errors.phone} testid="pass-phone" autocomplete="tel" maxLength="40" required />
    <${Field} id="pass-note" type="textarea" label=${t('passes.note')} value=${v.note} onInput=${set('note')}
      error=${errors.note} testid="pass-note" maxLength="1000" rows="3" />
    ${problem ? html`<p class="field-error" role="alert" data-testid="pass-form-error">${problem}</p>` : null}
    <div class="form-actions">
      <${Button} type="submit" busy=${busy} busyLabel=${t('passes.asking')} data-testid="pass-ask">${t('passes.ask')}</${Button}>
    </div>
  </form>`;
}

function PassCard({ pass: p, today, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const starts = String(p.starts).slice(0, 10);
  const ends = String(p.ends).slice(0, 10);
  const open = p.status === 'requested' || (p.status === 'approved' && ends >= today);
  const running = p.status === 'approved' && starts <= today && today <= ends;
  async function cancel() {
    setBusy(true);
    setError('');
    try {
      const r = await pb.collection('passes').update(p.id, { status: 'cancelled' });
      onChanged(r, t('passes.cancelled'));
    } catch (err) {
      if (handleWriteError(err)) return;
      setError(splitErrors(err, []).text || t('passes.cancelError'));
    } finally {
      setBusy(false);
    }
  }
  return html`<li class=${'card stack pass-card pass-' + p.status} data-testid="pass-card" data-status=${p.status} data-id=${p.id}>
    <p class="pass-card-head">
      <span class="person-name">${passDates(p)}</span>
      <span class=${'tag pass-tag pass-tag-' + p.status} data-testid="pass-status">${t('passes.status.' + p.status)}</span>
    </p>
    <p>${p.destination}</p>
    <p class="muted">${p.phone}</p>
    ${p.note ? html`<p class="muted">${p.note}</p>` : null}
    ${p.status === 'declined' && p.reason ? html`<p data-testid="pass-reason">${t('passes.reason', { reason: p.reason })}</p>` : null}
    ${open ? html`<${Button} kind="secondary" busy=${busy} busyLabel=${t('passes.cancelling')} onClick=${cancel} data-testid="pass-cancel">
      ${running ? t('passes.cancelBack') : t('passes.cancel')}</${Button}>` : null}
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
  </li>`;
}
