// Managers' staff records: /manage/tests records a drug test in a few taps
// on a phone (the resident, the result, what was found, observed or not, a
// photo of the form) and lists the house's tests; /manage/incidents writes
// an incident (kind, severity, the people involved, what happened, what
// was done, a follow-up date and a corrective agreement) and lists them
// with who has acknowledged the agreement. A record changes only in its
// first day: after that a correction is a new record (docs/API.md, "Staff
// records").
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb } from '../pb.js';
import { useLoad } from '../load.js';
import { photoToken } from '../chores.js';
import { formatHouseDateTime, formatCalendarDate, houseInstant, parseDate, ymdIn, ymdOf } from '../dates.js';
import { Button, Choices, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';
import { MEMBER_FILTER } from '../membership.js';
import { INCIDENT_KINDS, kindName, methodName, resultName, SEVERITIES, severityName, substanceName, substancesOf,
  SUBSTANCES, TEST_METHODS, TEST_RESULTS } from '../staff-records.js';

function nameOf(u) {
  return (u && u.name) || t('roster.unnamed');
}

// loadPeople: the people who live in the house (active or away), by name.
async function loadPeople(house) {
  const ms = await pb.collection('memberships').getFullList({
    filter: pb.filter('house = {:h} && ' + MEMBER_FILTER, { h: house.id }),
    expand: 'user',
  });
  return ms.filter((m) => m.expand && m.expand.user).map((m) => ({ id: m.user, role: m.role, name: nameOf(m.expand.user) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// hhmmOf: the house-local time of day of a stored instant, "HH:MM".
function hhmmOf(value, tz) {
  const d = parseDate(value);
  return d ? nowHHMM(tz, d) : '';
}

function nowHHMM(tz, at = new Date()) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

// ---------- drug tests ----------

export function ManageTests({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${TestsAdmin} key=${houses.house.id} house=${houses.house} />`;
}

function TestsAdmin({ house }) {
  const [notice, setNotice] = useState('');
  const [correcting, setCorrecting] = useState(null);
  const [saved, setSaved] = useState(0); // a new form after each save: the file input empties too
  const loaded = useLoad(() => Promise.all([
    loadPeople(house),
    pb.collection('drug_tests').getList(1, 100, {
      filter: pb.filter('house = {:h}', { h: house.id }), sort: '-tested_at', expand: 'user', skipTotal: true,
    }),
  ]).then(([people, tests]) => ({ people, tests: tests.items })), [house.id]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('staffAdmin.loading')} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('staffAdmin.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const { people, tests } = loaded.data;
  // correctedBy: the test that corrects each one, by the old one's id.
  const correctedBy = {};
  for (const r of tests) if (r.corrects) correctedBy[r.corrects] = r;
  const byId = Object.fromEntries(tests.map((r) => [r.id, r]));
  function correct(r) {
    setCorrecting(r);
    requestAnimationFrame(() => { const el = document.getElementById('test-form-title'); if (el) el.scrollIntoView({ block: 'start' }); });
  }
  return html`<section class="staff-records" data-testid="tests-screen">
    <${ScreenHead} title=${t('staffAdmin.testsTitle')} house=${house} />
    <p class="lead">${t('staffAdmin.testsIntro')}</p>
    <${Toast} kind="success" message=${notice} testid="tests-message" onDismiss=${() => setNotice('')} />
    <${TestForm} key=${correcting ? correcting.id : 'new' + saved} house=${house} people=${people.filter((p) => p.role === 'resident')}
      correcting=${correcting} onCancel=${() => setCorrecting(null)}
      onSaved=${(r) => { setCorrecting(null); setSaved((n) => n + 1); setNotice(t('staffAdmin.testSaved', { name: (people.find((p) => p.id === r.user) || {}).name || '' })); loaded.reload(); }} />
    <${RandomPick} house=${house} />
    <section class="section-gap" aria-labelledby="tests-list-title">
      <div class="section-head"><h2 id="tests-list-title">${t('staffAdmin.testsList')}</h2></div>
      ${tests.length ? html`<ul class="people staff-list" data-testid="tests-list">${tests.map((r) => html`<li key=${r.id} class="person-row staff-row" data-testid="test-row" data-id=${r.id} data-user=${r.user}>
        <span class="person-text">
          <span class="person-name">${nameOf(r.expand && r.expand.user)} · ${resultName(r.result)}</span>
          <span class="muted">${formatHouseDateTime(lang(), r.tested_at, house.timezone)} · ${methodName(r.method)}${r.observed ? ' · ' + t('staff.observed') : ''}
            ${substancesOf(r).length ? ' · ' + substancesOf(r).map(substanceName).join(', ') : ''}</span>
          ${r.corrects ? html`<span class="muted" data-testid="test-corrects">${byId[r.corrects]
            ? t('staffActions.correctsTest', { date: formatHouseDateTime(lang(), byId[r.corrects].tested_at, house.timezone) })
            : t('staffActions.correctsOlder')}</span>` : null}
          ${correctedBy[r.id] ? html`<span class="staff-state" data-testid="test-corrected">${t('staffActions.corrected', {
            date: formatHouseDateTime(lang(), correctedBy[r.id].created, house.timezone) })}</span>` : null}
          <span class="staff-actions">
            ${r.document ? html`<${DocumentLink} record=${r} />` : null}
            ${correctedBy[r.id] ? null : html`<${Button} kind="secondary" onClick=${() => correct(r)} data-testid="test-correct">${t('staffActions.correct')}</${Button}>`}
          </span>
        </span>
      </li>`)}</ul>` : html`<${EmptyState} testid="tests-empty">${t('staffAdmin.testsEmpty')}</${EmptyState}>`}
    </section>
  </section>`;
}

// DocumentLink: a test's form, protected: opened through a short-lived
// file token asked for when the manager taps (docs/API.md, "drug_tests";
// the download is recorded in the audit trail).
function DocumentLink({ record }) {
  const [url, setUrl] = useState(null);
  const [busy, setBusy] = useState(false);
  const isPDF = /\.pdf$/i.test(record.document);
  async function open() {
    setBusy(true);
    const token = await photoToken();
    setBusy(false);
    setUrl({
      full: pb.files.getURL(record, record.document, token ? { token } : {}),
      thumb: isPDF ? '' : pb.files.getURL(record, record.document, token ? { token, thumb: '480x0' } : { thumb: '480x0' }),
    });
  }
  if (!url) {
    return html`<${Button} kind="secondary" busy=${busy} busyLabel=${t('staffAdmin.loading')} onClick=${open} data-testid="test-document-view">${t('staffActions.viewForm')}</${Button}>`;
  }
  return html`<span class="staff-document" data-testid="test-document-shown">
    ${url.thumb ? html`<img src=${url.thumb} alt=${t('staffActions.formAlt')} loading="lazy" />` : null}
    <a class="btn btn-secondary" href=${url.full} target="_blank" rel="noopener noreferrer" data-testid="test-document-link">${t('staffActions.openForm')}</a>
  </span>`;
}

// RandomPicks: the house's random test picks, newest first, one entry per
// pick (the people picked together), with when, who asked and among how
// many; today's marked as such.
function RandomPicks({ house, version }) {
  const loaded = useLoad(() => pb.collection('random_test_picks').getList(1, 200, {
    filter: pb.filter('house = {:h}', { h: house.id }), sort: '-created', expand: 'user,picked_by', skipTotal: true,
  }).then((res) => res.items), [house.id, version]);
  if (loaded.status === 'loading') return null;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('staffAdmin.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const draws = [];
  const byDraw = {};
  for (const p of loaded.data) {
    if (!byDraw[p.draw]) {
      byDraw[p.draw] = { draw: p.draw, created: p.created, pool: p.pool, by: p.expand && p.expand.picked_by, people: [] };
      draws.push(byDraw[p.draw]);
    }
    byDraw[p.draw].people.push(nameOf(p.expand && p.expand.user));
  }
  const today = ymdIn(house.timezone);
  return html`<section class="section-gap" aria-labelledby="picks-title" data-testid="random-picks">
    <div class="section-head"><h2 id="picks-title">${t('staffActions.picksTitle')}</h2></div>
    ${draws.length ? html`<ul class="people staff-list">${draws.map((d) => html`<li key=${d.draw} class="person-row staff-row" data-testid="random-pick-row">
      <span class="person-text">
        <span class="person-name">${ymdOf(d.created, house.timezone) === today ? html`<span class="staff-state" data-testid="random-pick-today">${t('staffActions.today')}</span> ` : null}${d.people.join(', ')}</span>
        <span class="muted">${t('staffActions.pickWhen', { when: formatHouseDateTime(lang(), d.created, house.timezone),
          name: d.by ? nameOf(d.by) : t('staffActions.someone'), count: d.people.length, pool: d.pool || d.people.length })}</span>
      </span>
    </li>`)}</ul>` : html`<${EmptyState} testid="random-picks-empty">${t('staffActions.picksEmpty')}</${EmptyState}>`}
  </section>`;
}

// RandomPick: Hearth picks residents for a random test, fairly, and
// records the pick (POST /api/hearth/houses/{id}/random-tests).
function RandomPick({ house }) {
  const [version, setVersion] = useState(0);
  const [count, setCount] = useState('1');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const [error, setError] = useState('');
  async function pick() {
    setBusy(true);
    setError('');
    try {
      setResult(await pb.send('/api/hearth/houses/' + encodeURIComponent(house.id) + '/random-tests',
        { method: 'POST', body: { count: Number(count) || 0 } }));
      setVersion((v) => v + 1);
    } catch (err) {
      setError(splitErrors(err, []).text);
    } finally {
      setBusy(false);
    }
  }
  return html`<section class="card stack" data-testid="random-pick">
    <h2>${t('staffAdmin.randomTitle')}</h2>
    <p class="field-hint">${t('staffAdmin.randomIntro')}</p>
    <${Field} id="random-count" type="number" min="1" max="50" label=${t('staffAdmin.randomCount')} value=${count}
      onInput=${setCount} testid="random-count" />
    <${Button} kind="secondary" busy=${busy} busyLabel=${t('staffAdmin.saving')} onClick=${pick} data-testid="random-pick-button">${t('staffAdmin.randomPick')}</${Button}>
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
    ${result ? html`<div data-testid="random-picked">
      <p>${result.picked.length ? t('staffAdmin.randomPicked', { count: result.picked.length, pool: result.pool }) : t('staffAdmin.randomNone')}</p>
      <ul>${result.picked.map((p) => html`<li key=${p.user}>${p.name || t('roster.unnamed')}</li>`)}</ul>
    </div>` : null}
  </section>
  <${RandomPicks} house=${house} version=${version} />`;
}

function TestForm({ house, people, onSaved, correcting, onCancel }) {
  const blank = { user: '', result: 'negative', method: 'urine', substances: [], observed: true, notes: '', file: null };
  const [f, setF] = useState(() => (correcting ? {
    ...blank, user: correcting.user, result: correcting.result, method: correcting.method,
    substances: substancesOf(correcting), observed: correcting.observed, notes: '',
  } : blank));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({ fields: {}, text: '' });
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const toggle = (s) => setF((x) => ({ ...x, substances: x.substances.includes(s) ? x.substances.filter((y) => y !== s) : [...x.substances, s] }));

  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({ fields: {}, text: '' });
    const data = new FormData();
    data.append('house', house.id);
    data.append('user', f.user);
    // A correction is about the test it corrects: the same person and time.
    data.append('tested_at', correcting ? correcting.tested_at : new Date().toISOString());
    if (correcting) data.append('corrects', correcting.id);
    data.append('result', f.result);
    data.append('method', f.method);
    data.append('substances', JSON.stringify(f.result === 'positive' ? f.substances : []));
    data.append('observed', f.observed ? 'true' : 'false');
    data.append('notes', f.notes);
    if (f.file) data.append('document', f.file);
    try {
      const r = await pb.collection('drug_tests').create(data);
      setF(blank);
      onSaved(r);
    } catch (err) {
      setErrors(splitErrors(err, ['user', 'result', 'substances', 'method', 'document', 'notes', 'corrects']));
    } finally {
      setBusy(false);
    }
  }

  const who = correcting ? nameOf(correcting.expand && correcting.expand.user) : '';
  return html`<form class="card stack" onSubmit=${submit} data-testid="test-form" novalidate>
    <h2 id="test-form-title">${correcting ? t('staffActions.correctTestTitle') : t('staffAdmin.testNew')}</h2>
    ${correcting ? html`<p class="field-hint" data-testid="test-correcting">${t('staffActions.correctTestIntro', {
      name: who, date: formatHouseDateTime(lang(), correcting.tested_at, house.timezone) })}</p>
      ${errors.fields.corrects ? html`<p class="field-error">${errors.fields.corrects}</p>` : null}` : html`
    <${Field} id="test-user" type="select" label=${t('staffAdmin.person')} value=${f.user} onInput=${set('user')} testid="test-user"
      error=${errors.fields.user} options=${[{ value: '', label: t('staffAdmin.pickPerson') }, ...people.map((p) => ({ value: p.id, label: p.name }))]} />`}
    <${Choices} id="test-result" legend=${t('staffAdmin.result')} value=${f.result} onInput=${set('result')} testid="test-result"
      error=${errors.fields.result} options=${TEST_RESULTS.map((v) => ({ value: v, label: resultName(v) }))} />
    ${f.result === 'positive' ? html`<fieldset class=${'choices' + (errors.fields.substances ? ' has-error' : '')} data-testid="test-substances">
      <legend>${t('staffAdmin.substances')}</legend>
      ${SUBSTANCES.map((s) => html`<label class="choice" key=${s}><input type="checkbox" checked=${f.substances.includes(s)}
        onChange=${() => toggle(s)} data-testid=${'test-substance-' + s} /><span><span class="choice-label">${substanceName(s)}</span></span></label>`)}
      ${errors.fields.substances ? html`<p class="field-error" data-testid="test-substances-error">${errors.fields.substances}</p>` : null}
    </fieldset>` : null}
    <${Field} id="test-method" type="select" label=${t('staffAdmin.method')} value=${f.method} onInput=${set('method')}
      options=${TEST_METHODS.map((v) => ({ value: v, label: methodName(v) }))} testid="test-method" />
    <${Field} id="test-observed" type="checkbox" label=${t('staffAdmin.observed')} checked=${f.observed} onInput=${set('observed')} testid="test-observed" />
    <div class="field">
      <label for="test-document">${t('staffAdmin.photo')}</label>
      <input id="test-document" type="file" accept="image/*,application/pdf" capture="environment" data-testid="test-document"
        onChange=${(e) => set('file')(e.currentTarget.files[0] || null)} />
      <p class="field-hint">${t('staffAdmin.photoHint')}</p>
      ${errors.fields.document ? html`<p class="field-error">${errors.fields.document}</p>` : null}
    </div>
    <${Field} id="test-notes" type="textarea" label=${t('staffAdmin.notes')} value=${f.notes} onInput=${set('notes')} testid="test-notes" />
    ${errors.text ? html`<p class="field-error" role="alert" data-testid="test-error">${errors.text}</p>` : null}
    <${Button} type="submit" busy=${busy} busyLabel=${t('staffAdmin.saving')} data-testid="test-save">${correcting ? t('staffActions.saveCorrection') : t('staffAdmin.testSave')}</${Button}>
    ${correcting ? html`<${Button} kind="secondary" onClick=${onCancel} data-testid="test-correct-cancel">${t('staffActions.cancel')}</${Button}>` : null}
  </form>`;
}

// ---------- incidents ----------

export function ManageIncidents({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${IncidentsAdmin} key=${houses.house.id} house=${houses.house} />`;
}

function IncidentsAdmin({ house }) {
  const [notice, setNotice] = useState('');
  const [correcting, setCorrecting] = useState(null);
  const loaded = useLoad(() => Promise.all([
    loadPeople(house),
    pb.collection('incidents').getList(1, 100, {
      filter: pb.filter('house = {:h}', { h: house.id }), sort: '-occurred_at', expand: 'people', skipTotal: true,
    }),
  ]).then(([people, incidents]) => ({ people, incidents: incidents.items })), [house.id]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('staffAdmin.loading')} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('staffAdmin.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const { people, incidents } = loaded.data;
  const correctedBy = {};
  for (const r of incidents) if (r.corrects) correctedBy[r.corrects] = r;
  const byId = Object.fromEntries(incidents.map((r) => [r.id, r]));
  function correct(r) {
    setCorrecting(r);
    requestAnimationFrame(() => { const el = document.getElementById('incident-form-title'); if (el) el.scrollIntoView({ block: 'start' }); });
  }
  return html`<section class="staff-records" data-testid="incidents-screen">
    <${ScreenHead} title=${t('staffAdmin.incidentsTitle')} house=${house} />
    <p class="lead">${t('staffAdmin.incidentsIntro')}</p>
    <${Toast} kind="success" message=${notice} testid="incidents-message" onDismiss=${() => setNotice('')} />
    <${IncidentForm} key=${correcting ? correcting.id : 'new'} house=${house} people=${people} correcting=${correcting}
      onCancel=${() => setCorrecting(null)}
      onSaved=${() => { setCorrecting(null); setNotice(t('staffAdmin.incidentSaved')); loaded.reload(); }} />
    <section class="section-gap" aria-labelledby="incidents-list-title">
      <div class="section-head"><h2 id="incidents-list-title">${t('staffAdmin.incidentsList')}</h2></div>
      ${incidents.length ? html`<ul class="people staff-list" data-testid="incidents-list">${incidents.map((r) => html`<${IncidentRow} key=${r.id}
        r=${r} house=${house} old=${r.corrects ? byId[r.corrects] : null} correctedBy=${correctedBy[r.id]}
        onCorrect=${() => correct(r)} onChanged=${(msg) => { setNotice(msg); loaded.reload(); }} />`)}</ul>`
        : html`<${EmptyState} testid="incidents-empty">${t('staffAdmin.incidentsEmpty')}</${EmptyState}>`}
    </section>
  </section>`;
}

// IncidentRow: an incident, whether it is open or closed, who has read its
// agreement and when, and what a manager can do: close or reopen it (at
// any time) and record a correction (a new incident pointing at it).
function IncidentRow({ r, house, old, correctedBy, onCorrect, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const named = (r.expand && r.expand.people) || [];
  const acks = r.acknowledged || {};
  const closed = r.status === 'closed';
  async function setStatus(status) {
    setBusy(true);
    setError('');
    try {
      await pb.collection('incidents').update(r.id, { status });
      onChanged(status === 'closed' ? t('staffActions.closedDone') : t('staffActions.reopenedDone'));
    } catch (err) {
      setError(splitErrors(err, []).text);
    } finally {
      setBusy(false);
    }
  }
  return html`<li class="person-row staff-row" data-testid="incident-row" data-id=${r.id}>
    <span class="person-text">
      <span class="person-name">${kindName(r.kind)} · ${severityName(r.severity)}
        <span class=${'staff-state is-after' + (closed ? ' is-closed' : '')} data-testid="incident-status">${closed ? t('staffActions.stateClosed') : t('staffActions.stateOpen')}</span></span>
      <span class="muted">${formatHouseDateTime(lang(), r.occurred_at, house.timezone)}${named.length ? ' · ' + named.map(nameOf).join(', ') : ''}</span>
      ${r.follow_up_by ? html`<span class="muted">${t('staffAdmin.followUpOn', { date: formatCalendarDate(lang(), r.follow_up_by) })}</span>` : null}
      ${r.corrects ? html`<span class="muted" data-testid="incident-corrects">${old
        ? t('staffActions.correctsIncident', { date: formatHouseDateTime(lang(), old.occurred_at, house.timezone) })
        : t('staffActions.correctsOlder')}</span>` : null}
      ${correctedBy ? html`<span class="staff-state" data-testid="incident-corrected">${t('staffActions.corrected', {
        date: formatHouseDateTime(lang(), correctedBy.created, house.timezone) })}</span>` : null}
      ${r.agreement && named.length ? html`<span class="muted" data-testid="incident-acks">${t('staffAdmin.acknowledgedCount', { count: named.filter((u) => acks[u.id]).length, total: named.length })}</span>
        <ul class="staff-acks">${named.map((u) => html`<li key=${u.id} data-testid="incident-ack">${acks[u.id]
          ? t('staffActions.ackRead', { name: nameOf(u), date: formatHouseDateTime(lang(), acks[u.id], house.timezone) })
          : t('staffActions.ackNotYet', { name: nameOf(u) })}</li>`)}</ul>` : null}
      ${error ? html`<span class="field-error" role="alert">${error}</span>` : null}
      <span class="staff-actions">
        <${Button} kind="secondary" busy=${busy} busyLabel=${t('staffAdmin.saving')} onClick=${() => setStatus(closed ? 'open' : 'closed')}
          data-testid=${closed ? 'incident-reopen' : 'incident-close'}>${closed ? t('staffActions.reopen') : t('staffActions.close')}</${Button}>
        ${correctedBy ? null : html`<${Button} kind="secondary" onClick=${onCorrect} data-testid="incident-correct">${t('staffActions.correct')}</${Button}>`}
      </span>
    </span>
  </li>`;
}

function IncidentForm({ house, people, onSaved, correcting, onCancel }) {
  const blank = () => ({ kind: 'rule_violation', severity: 'minor', people: [], description: '', actions: '',
    date: ymdIn(house.timezone), time: nowHHMM(house.timezone), follow_up_by: '', agreement: '' });
  // A correction starts from the incident it corrects: change what was wrong.
  const fromOld = () => ({ kind: correcting.kind, severity: correcting.severity, people: correcting.people || [],
    description: correcting.description, actions: correcting.actions, agreement: correcting.agreement,
    date: ymdOf(correcting.occurred_at, house.timezone), time: hhmmOf(correcting.occurred_at, house.timezone),
    follow_up_by: correcting.follow_up_by ? String(correcting.follow_up_by).slice(0, 10) : '' });
  const [f, setF] = useState(() => (correcting ? fromOld() : blank()));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({ fields: {}, text: '' });
  const set = (k) => (v) => setF((x) => ({ ...x, [k]: v }));
  const toggle = (id) => setF((x) => ({ ...x, people: x.people.includes(id) ? x.people.filter((y) => y !== id) : [...x.people, id] }));

  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({ fields: {}, text: '' });
    try {
      await pb.collection('incidents').create({
        house: house.id, kind: f.kind, severity: f.severity, people: f.people, description: f.description,
        actions: f.actions, agreement: f.agreement, occurred_at: houseInstant(f.date, house.timezone, f.time),
        follow_up_by: f.follow_up_by ? f.follow_up_by + ' 12:00:00.000Z' : '', // a calendar day
        ...(correcting ? { corrects: correcting.id } : {}),
      });
      setF(blank());
      onSaved();
    } catch (err) {
      setErrors(splitErrors(err, ['kind', 'severity', 'people', 'description', 'actions', 'occurred_at', 'follow_up_by', 'agreement', 'corrects']));
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card stack" onSubmit=${submit} data-testid="incident-form" novalidate>
    <h2 id="incident-form-title">${correcting ? t('staffActions.correctIncidentTitle') : t('staffAdmin.incidentNew')}</h2>
    ${correcting ? html`<p class="field-hint" data-testid="incident-correcting">${t('staffActions.correctIncidentIntro', {
      date: formatHouseDateTime(lang(), correcting.occurred_at, house.timezone) })}</p>
      ${errors.fields.corrects ? html`<p class="field-error">${errors.fields.corrects}</p>` : null}` : null}
    <${Field} id="incident-kind" type="select" label=${t('staffAdmin.kind')} value=${f.kind} onInput=${set('kind')} testid="incident-kind"
      error=${errors.fields.kind} options=${INCIDENT_KINDS.map((v) => ({ value: v, label: kindName(v) }))} />
    <${Choices} id="incident-severity" legend=${t('staffAdmin.severity')} value=${f.severity} onInput=${set('severity')} testid="incident-severity"
      error=${errors.fields.severity} options=${SEVERITIES.map((v) => ({ value: v, label: severityName(v), hint: t('staffAdmin.severityHint.' + v) }))} />
    <div class="field-row">
      <${Field} id="incident-date" type="date" label=${t('staffAdmin.date')} value=${f.date} onInput=${set('date')} testid="incident-date"
        error=${errors.fields.occurred_at} />
      <${Field} id="incident-time" type="time" label=${t('staffAdmin.time')} value=${f.time} onInput=${set('time')} testid="incident-time" />
    </div>
    <fieldset class=${'choices' + (errors.fields.people ? ' has-error' : '')} data-testid="incident-people">
      <legend>${t('staffAdmin.people')}</legend>
      ${people.map((p) => html`<label class="choice" key=${p.id}><input type="checkbox" checked=${f.people.includes(p.id)}
        onChange=${() => toggle(p.id)} data-testid=${'incident-person-' + p.id} /><span><span class="choice-label">${p.name}</span></span></label>`)}
      ${errors.fields.people ? html`<p class="field-error">${errors.fields.people}</p>` : null}
    </fieldset>
    <${Field} id="incident-description" type="textarea" label=${t('staffAdmin.description')} value=${f.description}
      onInput=${set('description')} error=${errors.fields.description} testid="incident-description" />
    <${Field} id="incident-actions" type="textarea" label=${t('staffAdmin.actions')} hint=${t('staffAdmin.actionsHint')} value=${f.actions}
      onInput=${set('actions')} error=${errors.fields.actions} testid="incident-actions" />
    <${Field} id="incident-follow-up" type="date" label=${t('staffAdmin.followUp')} value=${f.follow_up_by}
      onInput=${set('follow_up_by')} error=${errors.fields.follow_up_by} testid="incident-follow-up" />
    <${Field} id="incident-agreement" type="textarea" label=${t('staffAdmin.agreement')} hint=${t('staffAdmin.agreementHint')} value=${f.agreement}
      onInput=${set('agreement')} error=${errors.fields.agreement} testid="incident-agreement" />
    ${errors.text ? html`<p class="field-error" role="alert" data-testid="incident-error">${errors.text}</p>` : null}
    <${Button} type="submit" busy=${busy} busyLabel=${t('staffAdmin.saving')} data-testid="incident-save">${correcting ? t('staffActions.saveCorrection') : t('staffAdmin.incidentSave')}</${Button}>
    ${correcting ? html`<${Button} kind="secondary" onClick=${onCancel} data-testid="incident-correct-cancel">${t('staffActions.cancel')}</${Button}>` : null}
  </form>`;
}
