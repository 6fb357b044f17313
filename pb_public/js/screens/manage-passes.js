// Managers and passes: PassDecision (a pass waiting, with its days, where,
// the phone there and the note, and "Approve" / "Decline" with a reason),
// shown in "Needs you now" (manage-today.js) and here; and /manage/passes,
// the house's passes to decide, those running and those coming up, like
// the sign-out sheet on the office wall. docs/API.md, "Passes".
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { useLoad } from '../load.js';
import { formatCalendarDate, ymdIn } from '../dates.js';
import { Avatar, Button, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';

function dates(p) {
  return t('managePasses.dates', { from: formatCalendarDate(lang(), p.starts), to: formatCalendarDate(lang(), p.ends) });
}

function nameOf(p) {
  return (p.expand && p.expand.user && p.expand.user.name) || t('roster.unnamed');
}

// PassDetails: the days, where, the phone there and the note.
function PassDetails({ pass: p }) {
  return html`<div class="pass-details">
    <p class="person-name" data-testid="pass-dates">${dates(p)}</p>
    <p>${t('managePasses.where', { place: p.destination })}</p>
    <p><a class="btn btn-secondary" href=${'tel:' + String(p.phone).replace(/[^0-9+]/g, '')} data-testid="pass-call">${t('managePasses.phone', { phone: p.phone })}</a></p>
    ${p.note ? html`<p class="muted">${t('managePasses.note', { note: p.note })}</p>` : null}
  </div>`;
}

// PassDecision: one pass waiting for a decision, loaded by id (passId) or
// given (pass); onDone(record, words) after a decision.
export function PassDecision({ passId, pass, onDone }) {
  const loaded = useLoad(() => (pass ? Promise.resolve(pass) : pb.collection('passes').getOne(passId, { expand: 'user' })), [passId, pass && pass.id]);
  const [mode, setMode] = useState(''); // '' or 'decline'
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState('');
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  if (loaded.status === 'loading') return html`<${Loading} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('managePasses.loadOneError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const p = loaded.data;
  const name = nameOf(p);
  async function decide(status) {
    setBusy(status);
    setErrors({});
    setProblem('');
    try {
      const body = status === 'declined' ? { status, reason } : { status };
      const r = await pb.collection('passes').update(p.id, body);
      onDone(r, t(status === 'approved' ? 'managePasses.approved' : 'managePasses.declined', { name }));
    } catch (err) {
      if (handleWriteError(err)) return;
      const { fields, text } = splitErrors(err, ['reason']);
      setErrors(fields);
      setProblem(Object.keys(fields).length ? '' : text || t('managePasses.error'));
    } finally {
      setBusy('');
    }
  }
  return html`<div class="pass-decision stack" data-testid="pass-decision" data-pass=${p.id}>
    <${PassDetails} pass=${p} />
    ${mode === 'decline' ? html`<form class="stack" noValidate onSubmit=${(e) => { e.preventDefault(); decide('declined'); }}>
      <${Field} id=${'pass-reason-' + p.id} type="textarea" rows="3" maxLength="1000" label=${t('managePasses.declineReason', { name })}
        hint=${t('managePasses.declineReasonHint')} value=${reason} onInput=${setReason} error=${errors.reason} testid="pass-reason" required />
      <div class="form-actions">
        <${Button} type="submit" kind="danger" busy=${busy === 'declined'} busyLabel=${t('managePasses.declining')}
          data-testid="pass-decline-send">${t('managePasses.declineSend')}</${Button}>
        <${Button} kind="ghost" onClick=${() => setMode('')} data-testid="pass-decline-back">${t('managePasses.back')}</${Button}>
      </div>
    </form>` : html`<div class="form-actions">
      <${Button} busy=${busy === 'approved'} busyLabel=${t('managePasses.approving')} onClick=${() => decide('approved')}
        data-testid="pass-approve">${t('managePasses.approve')}</${Button}>
      <${Button} kind="secondary" onClick=${() => setMode('decline')} data-testid="pass-decline">${t('managePasses.decline')}</${Button}>
    </div>`}
    ${problem ? html`<p class="field-error" role="alert" data-testid="pass-decision-error">${problem}</p>` : null}
  </div>`;
}

export function ManagePasses({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${PassesBoard} key=${houses.house.id} house=${houses.house} />`;
}

function PassesBoard({ house }) {
  const today = ymdIn(house.timezone);
  const [notice, setNotice] = useState('');
  // Waiting ones and approved ones, not over yet (a request whose days
  // are over can no longer be approved).
  const loaded = useLoad(() => pb.collection('passes').getList(1, 200, {
    filter: pb.filter('house = {:h} && (status = "requested" || status = "approved") && ends >= {:today}',
      { h: house.id, today: today + ' 00:00:00.000Z' }),
    sort: 'starts,created', expand: 'user', skipTotal: true,
  }).then((r) => r.items), [house.id]);
  if (loaded.status === 'loading') return html`<${Loading} label=${t('managePasses.loading')} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('managePasses.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const items = loaded.data;
  const waiting = items.filter((p) => p.status === 'requested');
  const current = items.filter((p) => p.status === 'approved' && String(p.starts).slice(0, 10) <= today);
  const upcoming = items.filter((p) => p.status === 'approved' && String(p.starts).slice(0, 10) > today);
  const drop = (r, text) => { loaded.update((xs) => (r.status === 'approved' ? xs.map((x) => (x.id === r.id ? { ...r, expand: x.expand } : x)) : xs.filter((x) => x.id !== r.id))); setNotice(text); };
  const person = (p) => html`<span class="pass-person"><${Avatar} user=${{ id: p.user, name: nameOf(p) }} size=${36} /><span>${nameOf(p)}</span></span>`;
  const section = (title, list, testid, row) => (list.length ? html`<section class="stack" aria-label=${title} data-testid=${testid}>
    <h2>${title}</h2>
    <ul class="stack pass-list">${list.map((p) => html`<li key=${p.id} class="card stack" data-testid="manage-pass" data-status=${p.status}>${person(p)}${row(p)}</li>`)}</ul>
  </section>` : null);
  return html`<section class="stack manage-passes" data-testid="manage-passes">
    <${ScreenHead} title=${t('managePasses.title')} house=${house} />
    <${Toast} kind="success" message=${notice} onDismiss=${() => setNotice('')} testid="manage-passes-notice" />
    ${items.length ? null : html`<${EmptyState} testid="manage-passes-empty">${t('managePasses.none')}</${EmptyState}>`}
    ${section(t('managePasses.waiting'), waiting, 'passes-waiting', (p) => html`<${PassDecision} pass=${p} onDone=${drop} />`)}
    ${section(t('managePasses.current'), current, 'passes-current', (p) => html`<${PassDetails} pass=${p} /><${EndPass} pass=${p} onDone=${drop} />`)}
    ${section(t('managePasses.upcoming'), upcoming, 'passes-upcoming', (p) => html`<${PassDetails} pass=${p} /><${EndPass} pass=${p} onDone=${drop} />`)}
  </section>`;
}

// EndPass: a manager ends an approved pass (back early, or withdrawn).
function EndPass({ pass: p, onDone }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function end() {
    setBusy(true);
    setError('');
    try {
      const r = await pb.collection('passes').update(p.id, { status: 'cancelled' });
      onDone(r, t('managePasses.ended', { name: nameOf(p) }));
    } catch (err) {
      if (handleWriteError(err)) return;
      setError(splitErrors(err, []).text || t('managePasses.error'));
    } finally {
      setBusy(false);
    }
  }
  return html`<div>
    <${Button} kind="secondary" busy=${busy} busyLabel=${t('managePasses.ending')} onClick=${end} data-testid="pass-end">${t('managePasses.end')}</${Button}>
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
  </div>`;
}
