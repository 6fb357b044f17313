// Events, shared by the home screen's "Coming up" card, the members' /events
// screen and the managers' screens: kinds and answers in words, when an
// event is in the house's time, saving a member's answer, and the Yes /
// Maybe / No buttons.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { t, lang } from './i18n.js';
import { pb, me, fieldCodes, handleWriteError } from './pb.js';
import { ErrorState, Loading, splitErrors } from './ui.js';
import { addDays, formatHouseDay, formatHouseTime, parseDate, ymdIn, ymdOf } from './dates.js';

export const KINDS = ['house_meeting', 'social', 'service', 'other'];
export const ANSWERS = ['yes', 'maybe', 'no'];

export function kindName(kind) {
  return KINDS.includes(kind) ? t('events.kind.' + kind) : t('events.kind.other');
}

export function eventTitle(ev) {
  return (ev && ev.title) || t('events.untitled');
}

// hasStarted / hasEnded: where the event stands at `now`.
export function hasStarted(ev, now = new Date()) {
  const s = parseDate(ev && ev.starts);
  return !!s && s.getTime() <= now.getTime();
}

export function hasEnded(ev, now = new Date()) {
  const e = parseDate(ev && ev.ends);
  return !!e && e.getTime() <= now.getTime();
}

// houseClock: the house-local wall-clock time of a datetime as 'HH:MM'.
export function houseClock(value, timeZone) {
  const d = parseDate(value);
  if (!d) return '';
  const opts = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone }).formatToParts(d);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', opts).formatToParts(d);
  }
  const get = (type) => (parts.find((p) => p.type === type) || { value: '00' }).value;
  return `${get('hour')}:${get('minute')}`;
}

// toPB: an instant as PocketBase writes datetimes.
export function toPB(d) {
  return d.toISOString().replace('T', ' ');
}

// dayName: "Today", "Tomorrow", or "Sunday, Mar 15", house-local.
export function dayName(value, timeZone, now = new Date()) {
  const day = ymdOf(value, timeZone);
  const today = ymdIn(timeZone, now);
  if (day === today) return t('events.today');
  if (day === addDays(today, 1)) return t('events.tomorrow');
  if (day === addDays(today, -1)) return t('events.yesterday');
  return formatHouseDay(lang(), value, timeZone);
}

// timeRange: "7:00 – 8:00 PM" in the house's time; an event that ends on
// another day names that day too.
export function timeRange(ev, timeZone) {
  const s = parseDate(ev.starts);
  const e = parseDate(ev.ends);
  if (!s) return '';
  if (!e) return formatHouseTime(lang(), ev.starts, timeZone);
  if (ymdOf(ev.starts, timeZone) !== ymdOf(ev.ends, timeZone)) {
    return t('events.range', { from: formatHouseTime(lang(), ev.starts, timeZone),
      to: formatHouseDay(lang(), ev.ends, timeZone) + ' ' + formatHouseTime(lang(), ev.ends, timeZone) });
  }
  try {
    const f = new Intl.DateTimeFormat(lang(), { timeStyle: 'short', timeZone });
    if (typeof f.formatRange === 'function') return f.formatRange(s, e);
  } catch { /* an unknown zone: the plain form below */ }
  return t('events.range', { from: formatHouseTime(lang(), ev.starts, timeZone), to: formatHouseTime(lang(), ev.ends, timeZone) });
}

// whenText: "Tomorrow · 7:00 – 8:00 PM".
export function whenText(ev, timeZone, now = new Date()) {
  return t('events.when', { day: dayName(ev.starts, timeZone, now), time: timeRange(ev, timeZone) });
}

// answerText: the person's own answer in words ("Not answered yet" when
// there is none: never a reproach).
export function answerText(status) {
  return ANSWERS.includes(status) ? t('events.yourAnswer.' + status) : t('events.yourAnswer.none');
}

// saidText: someone else's answer, for managers ("Said yes").
export function saidText(status) {
  return ANSWERS.includes(status) ? t('events.said.' + status) : t('events.said.none');
}

// saveRsvp records the signed-in member's answer to an event and returns
// their rsvp record. `id` is their answer's record when the caller knows
// it; `answered` says they answered before (so there is a record to find).
// An answer made meanwhile on another phone is found and changed.
export async function saveRsvp(eventId, status, { id = '', answered = false } = {}) {
  const user = me().id;
  const rsvps = pb.collection('rsvps');
  const find = () => rsvps.getFirstListItem(pb.filter('event = {:e} && user = {:u}', { e: eventId, u: user }), { skipTotal: true });
  if (id) return rsvps.update(id, { status });
  if (answered) {
    const row = await find();
    return rsvps.update(row.id, { status });
  }
  try {
    return await rsvps.create({ event: eventId, user, status });
  } catch (err) {
    if (fieldCodes(err).user !== 'validation_already_answered') throw err;
    const row = await find();
    return rsvps.update(row.id, { status });
  }
}

// answersClosed: the server said the event has started.
export function answersClosed(err) {
  return fieldCodes(err).status === 'validation_event_started';
}

// RsvpButtons: Yes / Maybe / No, one tap each, the current answer pressed
// and said in words. `label` names the event for screen readers. While an
// answer is being saved, taps wait (the buttons are not disabled, so focus
// stays on the one tapped).
export function RsvpButtons({ id, label, value, busy, onAnswer }) {
  const stateId = id + '-state';
  return html`<div class="rsvp" role="group" aria-label=${label} aria-busy=${busy ? 'true' : 'false'}
      data-testid="rsvp" data-answer=${value || ''} data-busy=${busy ? 'true' : 'false'}>
    <div class="rsvp-buttons">
      ${ANSWERS.map((a) => html`<button type="button" key=${a} class=${'rsvp-btn rsvp-' + a}
          aria-pressed=${value === a ? 'true' : 'false'} aria-describedby=${stateId}
          onClick=${() => { if (!busy && value !== a) onAnswer(a); }} data-testid=${'rsvp-' + a}>
        ${t('events.answer.' + a)}
      </button>`)}
    </div>
    <p class="rsvp-state muted" id=${stateId} data-testid="rsvp-state">${busy ? t('events.saving') : answerText(value)}</p>
  </div>`;
}

// EventTags: the kind, "Required" for a house meeting everyone comes to,
// and "Every week" for a weekly series.
export function EventTags({ ev }) {
  return html`<p class="tags event-tags">
    <span class="tag tag-quiet" data-testid="event-kind-tag">${kindName(ev.kind)}</span>
    ${ev.required ? html`<span class="tag tag-required" data-testid="event-required-tag">${t('events.required')}</span>` : null}
    ${ev.series ? html`<span class="tag tag-quiet" data-testid="event-weekly-tag">${t('events.weekly')}</span>` : null}
  </p>`;
}

// EventCard: one event for members: what, when and where in the house's
// time, and their answer. Answers close when the event starts; afterwards
// the card says whether a manager noted them there (never that they were
// not).
export function EventCard({ ev, timeZone, now = new Date(), answer, attended = false, busy = false, error = '', onAnswer, details = false, level = 3 }) {
  const Heading = level === 4 ? 'h4' : 'h3';
  const started = hasStarted(ev, now);
  const ended = hasEnded(ev, now);
  const titleId = 'event-' + ev.id + '-title';
  let footer;
  if (!started) {
    footer = html`<${RsvpButtons} id=${'event-' + ev.id + '-rsvp'} value=${answer} busy=${busy} onAnswer=${onAnswer}
      label=${t('events.rsvpLabel', { title: eventTitle(ev) })} />`;
  } else {
    footer = html`<p class="event-status muted" data-testid="event-status">
      ${!ended ? t('events.happeningNow') : attended ? t('events.youWereThere')
        : ANSWERS.includes(answer) ? t('events.youSaid.' + answer) : t('events.over')}</p>`;
  }
  return html`<li class=${'event-card' + (started && !ended ? ' event-now' : '')} data-testid="event" data-id=${ev.id}
      data-answer=${answer || ''}>
    <${Heading} class="event-title" id=${titleId} data-testid="event-card-title">${eventTitle(ev)}</${Heading}>
    <p class="event-when"><time datetime=${String(ev.starts).replace(' ', 'T')} data-testid="event-when">${whenText(ev, timeZone, now)}</time></p>
    ${ev.location ? html`<p class="event-where muted" data-testid="event-card-location">${ev.location}</p>` : null}
    <${EventTags} ev=${ev} />
    ${details && ev.description ? html`<p class="event-description">${ev.description}</p>` : null}
    ${footer}
    ${error ? html`<p class="field-error" role="alert" data-testid="event-error">${error}</p>` : null}
  </li>`;
}

// refusal: the words for an answer the server did not take.
export function refusal(err) {
  if (err && err.status === 404) return t('events.gone');
  return splitErrors(err, []).text;
}

// How many of the week's events the home card shows.
const HOME_SHOWN = 3;

// ---------- home card ----------

// ComingUp: the house's next events from today's data, each with one-tap
// answers. `today` is useToday's state, shared with the check-in card.
export function ComingUp({ house, today }) {
  const [busy, setBusy] = useState({});
  const [problem, setProblem] = useState({ id: '', text: '' });
  const now = new Date();

  async function answer(ev, status) {
    const before = ev.rsvp;
    const set = (value) => today.update((d) => ({ ...d, events: d.events.map((x) => (x.id === ev.id ? { ...x, rsvp: value } : x)) }));
    setProblem({ id: '', text: '' });
    setBusy((b) => ({ ...b, [ev.id]: true }));
    set(status);
    try {
      await saveRsvp(ev.id, status, { answered: !!before });
    } catch (err) {
      set(before);
      if (handleWriteError(err)) return;
      setProblem({ id: ev.id, text: refusal(err) });
      if (answersClosed(err) || (err && err.status === 404)) today.reload();
    } finally {
      setBusy((b) => ({ ...b, [ev.id]: false }));
    }
  }

  let body;
  if (today.status === 'loading') body = html`<${Loading} label=${t('events.loading')} />`;
  else if (today.status === 'error') {
    body = html`<${ErrorState} message=${t('events.loadError')} err=${today.error} onRetry=${today.reload} testid="home-events-error" />`;
  } else {
    const events = (today.data.events || []).filter((ev) => !hasEnded(ev, now));
    const shown = events.slice(0, HOME_SHOWN);
    const more = events.length - shown.length;
    body = html`
      ${shown.length ? html`<ul class="event-list" data-testid="home-events-list">
        ${shown.map((ev) => html`<${EventCard} key=${ev.id} ev=${ev} timeZone=${house.timezone} now=${now}
          answer=${ev.rsvp} attended=${ev.attended} busy=${!!busy[ev.id]} onAnswer=${(s) => answer(ev, s)}
          error=${problem.id === ev.id ? problem.text : ''} />`)}
      </ul>` : html`<p class="muted" data-testid="home-events-empty">${t('events.homeEmpty')}</p>`}
      ${more > 0 ? html`<p class="muted" data-testid="home-events-more">${t('events.homeMore', { count: more })}</p>` : null}`;
  }
  return html`<section class="card events-card" aria-labelledby="events-card-title" data-testid="home-events" data-state=${today.status}>
    <h2 id="events-card-title">${t('events.cardTitle')}</h2>
    ${body}
    <a class="btn btn-secondary" href="/events" data-testid="home-events-link">${t('events.seeAll')}</a>
  </section>`;
}
