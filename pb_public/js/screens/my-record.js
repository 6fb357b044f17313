// MyRecord: "What Hearth holds about me" (docs/API.md, GET
// /api/hearth/me/record): in plain words, what Hearth keeps about the
// person in every house they live or lived in, and who looked at it, when.
// Their own data: not kept on the phone.
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb } from '../pb.js';
import { useLoad } from '../load.js';
import { formatCalendarDate, formatWhen } from '../dates.js';
import { ErrorState, Loading } from '../ui.js';

// KINDS are the lists the answer holds, in the order the screen shows them;
// STAFF_KINDS the staff records' (their words in myRecordStaff).
const KINDS = ['memberships', 'checkins', 'meetings', 'chores'];
const STAFF_KINDS = ['drug_tests', 'incidents'];

// WHATS are the reads and writes the screen names in its own words.
const WHATS = ['view.checkins', 'list.checkins', 'view.meetings', 'list.meetings', 'view.users',
  'export.users', 'export.houses', 'create.memberships', 'update.memberships', 'delete.memberships'];

function what(r) {
  const k = r.action + '.' + r.collection;
  if (STAFF_KINDS.includes(r.collection) && ['view', 'list', 'create', 'update', 'delete'].includes(r.action)) {
    return t('myRecordStaff.what.' + k);
  }
  return t(WHATS.includes(k) ? 'myRecord.what.' + k : 'myRecord.what.other');
}

function count(list) {
  return Array.isArray(list) ? list.length : 0;
}

const ROLES = ['manager', 'resident'];

function readerOf(r) {
  if (r.actor_kind === 'superuser') return t('myRecord.byAdmin');
  if (r.actor_kind === 'system') return t('myRecord.byHearth');
  const role = ROLES.includes(r.role) ? t('myRecord.role.' + r.role) : '';
  return r.name ? (role ? t('myRecord.byNamed', { name: r.name, role }) : r.name) : t('myRecord.bySomeone');
}

export function MyRecord() {
  const state = useLoad(() => pb.send('/api/hearth/me/record', { method: 'GET' }), []);
  if (state.status === 'loading') return html`<${Loading} label=${t('myRecord.loading')} />`;
  if (state.status === 'error') {
    return html`<${ErrorState} message=${t('myRecord.loadError')} err=${state.error} onRetry=${state.reload} />`;
  }
  const d = state.data || {};
  const houses = Array.isArray(d.houses) ? d.houses : [];
  const reads = Array.isArray(d.reads) ? d.reads : [];
  const houseName = (id) => (houses.find((h) => h.id === id) || {}).name || '';
  return html`<main class="screen my-record" data-testid="my-record">
    <h1>${t('myRecord.title')}</h1>
    <p class="field-hint">${t('myRecord.intro')}</p>
    <section class="card" aria-labelledby="my-record-held">
      <h2 id="my-record-held">${t('myRecord.heldTitle')}</h2>
      ${houses.length ? html`<p>${t('myRecord.houses', { houses: houses.map((h) => h.name).join(', ') })}</p>` : null}
      <ul data-testid="my-record-held">
        ${KINDS.map((k) => html`<li key=${k} data-kind=${k}>${t('myRecord.kind.' + k, { count: count(d[k]) })}</li>`)}
        ${STAFF_KINDS.map((k) => html`<li key=${k} data-kind=${k}>${t('myRecordStaff.kind.' + k, { count: count(d[k]) })}</li>`)}
      </ul>
    </section>
    <section class="card" aria-labelledby="my-record-reads">
      <h2 id="my-record-reads">${t('myRecord.readsTitle')}</h2>
      ${reads.length === 0
        ? html`<p data-testid="my-record-no-reads">${t('myRecord.noReads')}</p>`
        : html`<ul data-testid="my-record-reads">
            ${reads.map((r, i) => html`<li key=${i} data-testid="my-record-read" data-what=${r.action + '.' + r.collection}>
              ${t('myRecord.read', {
                who: readerOf(r),
                what: what(r),
                house: houseName(r.house),
                when: formatWhen(lang(), r.at) || formatCalendarDate(lang(), r.at) || r.at,
              })}
            </li>`)}
          </ul>`}
    </section>
  </main>`;
}
