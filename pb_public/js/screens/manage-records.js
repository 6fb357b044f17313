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
import { formatHouseDateTime, formatCalendarDate, houseInstant, ymdIn } from '../dates.js';
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

function nowHHMM(tz) {
  return new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
}

// ---------- drug tests ----------

export function ManageTests({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${TestsAdmin} key=${houses.house.id} house=${houses.house} />`;
}

function TestsAdmin({ house }) {
  const [notice, setNotice] = useState('');
  const loaded = useLoad(() => Promise.all([
    loadPeople(house),
    pb.collection('drug_tests').getList(1, 100, {
      filter: pb.filter('house = {:h}', { h: house.id }), sort: '-tested_at', expand: 'user', skipTotal: true,
    }),
  ]).then(([people, tests]) => ({ people, tests: tests.items })), [house.id]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('staffAdmin.loading')} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('staffAdmin.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const { people, tests } = loaded.data;
  return html`<section class="staff-records" data-testid="tests-screen">
    <${ScreenHead} title=${t('staffAdmin.testsTitle')} house=${house} />
    <p class="lead">${t('staffAdmin.testsIntro')}</p>
    <${Toast} kind="success" message=${notice} testid="tests-message" onDismiss=${() => setNotice('')} />
    <${TestForm} house=${house} people=${people.filter((p) => p.role === 'resident')}
      onSaved=${(r) => { setNotice(t('staffAdmin.testSaved', { name: (people.find((p) => p.id === r.user) || {}).name || '' })); loaded.reload(); }} />
    <${RandomPick} house=${house} />
    <section class="section-gap" aria-labelledby="tests-list-title">
      <div class="section-head"><h2 id="tests-list-title">${t('staffAdmin.testsList')}</h2></div>
      ${tests.length ? html`<ul class="people" data-testid="tests-list">${tests.map((r) => html`<li key=${r.id} class="person-row" data-testid="test-row">
        <span class="person-text">
          <span class="person-name">${nameOf(r.expand && r.expand.user)} · ${resultName(r.result)}</span>
          <span class="muted">${formatHouseDateTime(lang(), r.tested_at, house.timezone)} · ${methodName(r.method)}${r.observed ? ' · ' + t('staff.observed') : ''}
            ${substancesOf(r).length ? ' · ' + substancesOf(r).map(substanceName).join(', ') : ''}${r.corrects ? ' · ' + t('staff.correction') : ''}</span>
        </span>
      </li>`)}</ul>` : html`<${EmptyState} testid="tests-empty">${t('staffAdmin.testsEmpty')}</${EmptyState}>`}
    </section>
  </section>`;
}

// RandomPick: Hearth picks residents for a random test, fairly, and
// records the pick (POST /api/hearth/houses/{id}/random-tests).
function RandomPick({ house }) {
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
  </section>`;
}

function TestForm({ house, people, onSaved }) {
  const blank = { user: '', result: 'negative', method: 'urine', substances: [], observed: true, notes: '', file: null };
  const [f, setF] = useState(blank);
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
    data.append('tested_at', new Date().toISOString());
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
      setErrors(splitErrors(err, ['user', 'result', 'substances', 'method', 'document', 'notes']));
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card stack" onSubmit=${submit} data-testid="test-form" novalidate>
    <h2>${t('staffAdmin.testNew')}</h2>
    <${Field} id="test-user" type="select" label=${t('staffAdmin.person')} value=${f.user} onInput=${set('user')} testid="test-user"
      error=${errors.fields.user} options=${[{ value: '', label: t('staffAdmin.pickPerson') }, ...people.map((p) => ({ value: p.id, label: p.name }))]} />
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
    <${Button} type="submit" busy=${busy} busyLabel=${t('staffAdmin.saving')} data-testid="test-save">${t('staffAdmin.testSave')}</${Button}>
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
  const loaded = useLoad(() => Promise.all([
    loadPeople(house),
    pb.collection('incidents').getList(1, 100, {
      filter: pb.filter('house = {:h}', { h: house.id }), sort: '-occurred_at', expand: 'people', skipTotal: true,
    }),
  ]).then(([people, incidents]) => ({ people, incidents: incidents.items })), [house.id]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('staffAdmin.loading')} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('staffAdmin.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const { people, incidents } = loaded.data;
  return html`<section class="staff-records" data-testid="incidents-screen">
    <${ScreenHead} title=${t('staffAdmin.incidentsTitle')} house=${house} />
    <p class="lead">${t('staffAdmin.incidentsIntro')}</p>
    <${Toast} kind="success" message=${notice} testid="incidents-message" onDismiss=${() => setNotice('')} />
    <${IncidentForm} house=${house} people=${people} onSaved=${() => { setNotice(t('staffAdmin.incidentSaved')); loaded.reload(); }} />
    <section class="section-gap" aria-labelledby="incidents-list-title">
      <div class="section-head"><h2 id="incidents-list-title">${t('staffAdmin.incidentsList')}</h2></div>
      ${incidents.length ? html`<ul class="people" data-testid="incidents-list">${incidents.map((r) => {
        const named = (r.expand && r.expand.people) || [];
        const acks = r.acknowledged || {};
        return html`<li key=${r.id} class="person-row" data-testid="incident-row">
          <span class="person-text">
            <span class="person-name">${kindName(r.kind)} · ${severityName(r.severity)}${r.status === 'closed' ? ' · ' + t('staffAdmin.closed') : ''}</span>
            <span class="muted">${formatHouseDateTime(lang(), r.occurred_at, house.timezone)}${named.length ? ' · ' + named.map(nameOf).join(', ') : ''}</span>
            ${r.follow_up_by ? html`<span class="muted">${t('staffAdmin.followUpOn', { date: formatCalendarDate(lang(), r.follow_up_by) })}</span>` : null}
            ${r.agreement ? html`<span class="muted" data-testid="incident-acks">${t('staffAdmin.acknowledgedCount', { count: named.filter((u) => acks[u.id]).length, total: named.length })}</span>` : null}
          </span>
        </li>`;
      })}</ul>` : html`<${EmptyState} testid="incidents-empty">${t('staffAdmin.incidentsEmpty')}</${EmptyState}>`}
    </section>
  </section>`;
}

function IncidentForm({ house, people, onSaved }) {
  const blank = () => ({ kind: 'rule_violation', severity: 'minor', people: [], description: '', actions: '',
    date: ymdIn(house.timezone), time: nowHHMM(house.timezone), follow_up_by: '', agreement: '' });
  const [f, setF] = useState(blank);
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
      });
      setF(blank());
      onSaved();
    } catch (err) {
      setErrors(splitErrors(err, ['kind', 'severity', 'people', 'description', 'actions', 'occurred_at', 'follow_up_by', 'agreement']));
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card stack" onSubmit=${submit} data-testid="incident-form" novalidate>
    <h2>${t('staffAdmin.incidentNew')}</h2>
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
    <${Button} type="submit" busy=${busy} busyLabel=${t('staffAdmin.saving')} data-testid="incident-save">${t('staffAdmin.incidentSave')}</${Button}>
  </form>`;
}
