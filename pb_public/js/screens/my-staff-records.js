// The resident's staff records (/my-records): their own drug tests and the
// incidents naming them, in every house, and for an incident with a
// corrective agreement an "I have read this agreement" button (POST
// /api/hearth/incidents/{id}/acknowledge). Plain words, never a verdict.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, me } from '../pb.js';
import { useLoad } from '../load.js';
import { formatCalendarDate, formatHouseDateTime } from '../dates.js';
import { Button, EmptyState, ErrorState, Loading } from '../ui.js';
import { kindName, methodName, resultName, severityName, substanceName, substancesOf } from '../staff-records.js';

export function MyStaffRecords() {
  const user = me();
  const loaded = useLoad(() => Promise.all([
    pb.collection('drug_tests').getList(1, 200, {
      filter: pb.filter('user = {:u}', { u: user.id }), sort: '-tested_at', expand: 'house', skipTotal: true,
    }),
    pb.collection('incidents').getList(1, 200, {
      // Not people.id: the filter guard refuses a path through a
      // multi-relation (docs/API.md, "Filters, sorts and subscriptions").
      filter: pb.filter('people ~ {:u}', { u: user.id }), sort: '-occurred_at', expand: 'house', skipTotal: true,
    }),
  ]).then(([tests, incidents]) => ({ tests: tests.items, incidents: incidents.items })), [user && user.id]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('myStaff.loading')} />`;
  if (loaded.status === 'error') return html`<${ErrorState} message=${t('myStaff.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  const { tests, incidents } = loaded.data;
  const tz = (r) => (r.expand && r.expand.house && r.expand.house.timezone) || undefined;
  return html`<section class="stack my-staff-records" data-testid="my-staff-records">
    <div class="screen-head">
      <a class="back-link" href="/profile"><span aria-hidden="true">‹ </span>${t('myStaff.back')}</a>
      <h1 tabindex="-1">${t('myStaff.title')}</h1>
    </div>
    <p class="lead">${t('myStaff.intro')}</p>

    <section aria-labelledby="my-tests-title">
      <h2 id="my-tests-title">${t('myStaff.tests')}</h2>
      ${tests.length ? html`<ul class="people staff-list" data-testid="my-tests">${tests.map((r) => html`<li key=${r.id} class="person-row staff-row" data-testid="my-test">
        <span class="person-text">
          <span class="person-name">${formatHouseDateTime(lang(), r.tested_at, tz(r))} · ${resultName(r.result)}</span>
          <span class="muted">${methodName(r.method)}${r.observed ? ' · ' + t('staff.observed') : ''}${substancesOf(r).length ? ' · ' + substancesOf(r).map(substanceName).join(', ') : ''}${r.corrects ? ' · ' + t('staff.correction') : ''}</span>
          ${r.notes ? html`<span class="muted">${r.notes}</span>` : null}
        </span>
      </li>`)}</ul>` : html`<${EmptyState} testid="my-tests-empty">${t('myStaff.testsEmpty')}</${EmptyState}>`}
    </section>

    <section aria-labelledby="my-incidents-title">
      <h2 id="my-incidents-title">${t('myStaff.incidents')}</h2>
      ${incidents.length ? html`<ul class="people" data-testid="my-incidents">${incidents.map((r) => html`<${IncidentCard} key=${r.id}
        incident=${r} userId=${user.id} timeZone=${tz(r)} onAcknowledged=${(acks) => loaded.update((d) => ({ ...d,
          incidents: d.incidents.map((x) => (x.id === r.id ? { ...x, acknowledged: acks } : x)) }))} />`)}</ul>`
        : html`<${EmptyState} testid="my-incidents-empty">${t('myStaff.incidentsEmpty')}</${EmptyState}>`}
    </section>
  </section>`;
}

function IncidentCard({ incident: r, userId, timeZone, onAcknowledged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const acked = (r.acknowledged || {})[userId];
  async function acknowledge() {
    setBusy(true);
    setError('');
    try {
      const res = await pb.send('/api/hearth/incidents/' + encodeURIComponent(r.id) + '/acknowledge', { method: 'POST' });
      onAcknowledged(res.acknowledged || {});
    } catch {
      setError(t('myStaff.ackError'));
    } finally {
      setBusy(false);
    }
  }
  return html`<li class="card stack" data-testid="my-incident">
    <p class="person-name">${kindName(r.kind)} · ${severityName(r.severity)}</p>
    <p class="muted">${formatHouseDateTime(lang(), r.occurred_at, timeZone)}</p>
    <p>${r.description}</p>
    ${r.actions ? html`<p><strong>${t('myStaff.actions')}</strong> ${r.actions}</p>` : null}
    ${r.follow_up_by ? html`<p class="muted">${t('myStaff.followUpOn', { date: formatCalendarDate(lang(), r.follow_up_by) })}</p>` : null}
    ${r.agreement ? html`<div class="stack" data-testid="my-agreement">
      <p><strong>${t('myStaff.agreement')}</strong> ${r.agreement}</p>
      ${acked ? html`<p class="muted" data-testid="my-agreement-acked">${t('myStaff.acknowledgedOn', { date: formatHouseDateTime(lang(), acked, timeZone) })}</p>`
        : html`<${Button} busy=${busy} busyLabel=${t('myStaff.acknowledging')} onClick=${acknowledge} data-testid="my-agreement-ack">${t('myStaff.acknowledge')}</${Button}>`}
      ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
    </div>` : null}
  </li>`;
}
