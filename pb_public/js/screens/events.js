// Events for members: the home screen's "Coming up" card (from the day that
// GET /api/hearth/today already brings: no request of its own) and the
// /events screen: the next four weeks of house meetings and sober socials,
// each answered Yes / Maybe / No with one tap until it starts, and the last
// two weeks folded away below. Alumni keep the house, not its events.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, handleWriteError, me } from '../pb.js';
import { useLoad } from '../load.js';
import { KeptNote } from '../connection.js';
import { addDays, houseInstant, parseDate, weekStart, ymdIn, ymdOf } from '../dates.js';
import { answersClosed, EventCard, hasEnded, refusal, saveRsvp } from '../events.js';
import { EmptyState, ErrorState, Loading, splitErrors } from '../ui.js';
import { isAlumnus } from '../membership.js';

// How far ahead /events looks, and how far back its folded list goes.
const AHEAD_DAYS = 28;
const PAST_DAYS = 14;

// The home card is in ../events.js, so home does not load this screen.
export { ComingUp } from '../events.js';

// ---------- /events ----------

export function Events({ houses }) {
  if (houses.status === 'loading' && !houses.current) return html`<${Loading} label=${t('events.loading')} />`;
  if (houses.status === 'error' && !houses.current) {
    return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
  }
  if (!houses.current || isAlumnus(houses.current)) {
    return html`<section class="stack" data-testid="events-not-member">
      <h1 tabindex="-1">${t('events.title')}</h1>
      <${EmptyState}>${houses.current ? t('events.alumniNote') : t('home.noHouseBody')}</${EmptyState}>
      <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
    </section>`;
  }
  return html`<${EventsView} key=${houses.house.id} house=${houses.house} isManager=${houses.isManager} />`;
}

async function loadEvents(house, now) {
  const tz = house.timezone;
  const today = ymdIn(tz, now);
  const range = {
    h: house.id,
    u: me().id,
    from: houseInstant(addDays(today, -PAST_DAYS), tz),
    to: houseInstant(addDays(today, AHEAD_DAYS + 1), tz),
  };
  const [events, rsvps] = await Promise.all([
    pb.collection('events').getList(1, 200, {
      filter: pb.filter('house = {:h} && starts >= {:from} && starts < {:to}', range),
      sort: 'starts',
      skipTotal: true,
    }),
    pb.collection('rsvps').getList(1, 200, {
      filter: pb.filter('user = {:u} && event.house = {:h} && event.starts >= {:from} && event.starts < {:to}', range),
      fields: 'id,event,status,attended',
      skipTotal: true,
    }),
  ]);
  return { events: events.items, rsvps: Object.fromEntries(rsvps.items.map((r) => [r.event, r])) };
}

function EventsView({ house, isManager }) {
  const [busy, setBusy] = useState({});
  const [problem, setProblem] = useState({ id: '', text: '' });
  const now = new Date();

  // The house's events and one's answers, kept on the phone.
  const loaded = useLoad(() => loadEvents(house, new Date()), [house.id], { keep: 'events.' + house.id });

  if (loaded.status === 'loading') return html`<${Loading} label=${t('events.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('events.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const data = loaded.data;

  async function answer(ev, status) {
    const before = data.rsvps[ev.id];
    const put = (r) => loaded.update((d) => ({ ...d, rsvps: { ...d.rsvps, [ev.id]: r } }));
    setProblem({ id: '', text: '' });
    setBusy((b) => ({ ...b, [ev.id]: true }));
    put({ ...(before || { event: ev.id }), status });
    try {
      put(await saveRsvp(ev.id, status, { id: before ? before.id : '' }));
    } catch (err) {
      put(before);
      if (handleWriteError(err)) return;
      setProblem({ id: ev.id, text: refusal(err) });
      if (answersClosed(err) || (err && err.status === 404)) loaded.reload();
    } finally {
      setBusy((b) => ({ ...b, [ev.id]: false }));
    }
  }

  const upcoming = data.events.filter((ev) => !hasEnded(ev, now));
  const past = data.events.filter((ev) => hasEnded(ev, now))
    .sort((a, b) => parseDate(b.starts) - parseDate(a.starts));
  const card = (ev) => {
    const r = data.rsvps[ev.id];
    return html`<${EventCard} key=${ev.id} ev=${ev} timeZone=${house.timezone} now=${now} details=${!hasEnded(ev, now)} level=${4}
      answer=${r && r.status} attended=${!!(r && r.attended)} busy=${!!busy[ev.id]}
      onAnswer=${(s) => answer(ev, s)} error=${problem.id === ev.id ? problem.text : ''} />`;
  };
  // The next four weeks by week (Monday to Sunday, house-local): this
  // week, next week, later.
  const monday = weekStart(ymdIn(house.timezone, now));
  const weekOf = (ev) => {
    const w = weekStart(ymdOf(ev.starts, house.timezone));
    return w <= monday ? 'thisWeek' : w === addDays(monday, 7) ? 'nextWeek' : 'later';
  };
  const groups = ['thisWeek', 'nextWeek', 'later']
    .map((g) => ({ g, items: upcoming.filter((ev) => weekOf(ev) === g) }))
    .filter((x) => x.items.length);

  return html`<section class="events" data-testid="events-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('events.title')}</h1>
    </div>
    <p class="lead">${t('events.intro')}</p>
    <${KeptNote} state=${loaded} />
    ${isManager ? html`<a class="btn btn-secondary events-manage" href="/manage/events" data-testid="events-manage">${t('events.manageLink')}</a>` : null}

    <section aria-labelledby="events-upcoming-title" data-testid="events-upcoming">
      <div class="section-head"><h2 id="events-upcoming-title">${t('events.upcoming')}</h2></div>
      ${groups.length ? groups.map(({ g, items }) => html`<h3 class="list-label" key=${g}>${t('events.' + g)}</h3>
        <ul class="event-list" data-testid=${'events-' + g}>${items.map(card)}</ul>`)
        : html`<${EmptyState} testid="events-empty">${t('events.empty')}</${EmptyState}>`}
    </section>

    ${past.length ? html`<details class="events-past section-gap" data-testid="events-past">
      <summary data-testid="events-past-toggle">${t('events.past', { count: past.length })}</summary>
      <ul class="event-list" aria-label=${t('events.pastLabel')}>${past.map(card)}</ul>
    </details>` : null}
  </section>`;
}
