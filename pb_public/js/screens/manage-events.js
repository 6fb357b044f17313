// Managers' events: the house's events (/manage/events) with the editor for
// a new or existing one (one-off or weekly, times in the house's own
// timezone), and one event's page (/manage/event?id=ID) with who answered
// what and, once it has started, attendance: a tick for each resident who
// was there. Deleting asks first.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError, isOffline, fieldCodes } from '../pb.js';
import { useLoad } from '../load.js';
import { addDays, daysBetween, formatHouseDay, houseInstant, parseDate, weekdayName, weekdayOf, ymdIn, ymdOf } from '../dates.js';
import { navigate } from '../router.js';
import { ANSWERS, EventTags, eventTitle, hasEnded, hasStarted, houseClock, KINDS, kindName, saidText, toPB, whenText } from '../events.js';
import { Avatar, Button, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';
import { RESIDENT_FILTER } from '../membership.js';

const PAST_DAYS = 14;
const WEEKS_FIRST = 4;
const WEEKS_MOST = 12;

const chevron = html`<svg class="icon chevron" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9.3 5.3a1 1 0 0 0 0 1.4L14.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l6-6a1 1 0 0 0 0-1.4l-6-6a1 1 0 0 0-1.4 0Z"/>
</svg>`;

function nameOf(u) {
  return (u && u.name) || t('roster.unnamed');
}

// ---------- the list ----------

export function ManageEvents({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${EventsAdmin} key=${houses.house.id} house=${houses.house} />`;
}

// loadAdmin: the house's events from two weeks back to `weeks` ahead, and
// a tally of the answers and attendance of each.
async function loadAdmin(house, weeks) {
  const tz = house.timezone;
  const today = ymdIn(tz);
  const range = {
    h: house.id,
    from: houseInstant(addDays(today, -PAST_DAYS), tz),
    to: houseInstant(addDays(today, weeks * 7 + 1), tz),
  };
  const [events, rsvps] = await Promise.all([
    pb.collection('events').getList(1, 500, {
      filter: pb.filter('house = {:h} && starts >= {:from} && starts < {:to}', range),
      sort: 'starts',
      skipTotal: true,
    }),
    pb.collection('rsvps').getList(1, 1000, {
      filter: pb.filter('event.house = {:h} && event.starts >= {:from} && event.starts < {:to}', range),
      fields: 'event,status,attended',
      skipTotal: true,
    }),
  ]);
  const tallies = {};
  for (const r of rsvps.items) {
    const n = tallies[r.event] || (tallies[r.event] = { yes: 0, maybe: 0, no: 0, attended: 0 });
    if (ANSWERS.includes(r.status)) n[r.status]++;
    if (r.attended) n.attended++;
  }
  return { events: events.items, tallies };
}

function EventsAdmin({ house }) {
  const [weeks, setWeeks] = useState(WEEKS_FIRST);
  const [editing, setEditing] = useState(null);
  const [notice, setNotice] = useState({ kind: 'success', text: '' });
  const now = new Date();

  // Managers' data: not kept on the phone.
  const loaded = useLoad(() => loadAdmin(house, weeks), [house.id, weeks]);
  // Loading again failed while the list shows: say so above it.
  const refreshError = loaded.data != null ? loaded.error : null;
  useEffect(() => {
    if (refreshError) setNotice({ kind: 'error', text: isOffline(refreshError) ? t('app.offline') : t('events.admin.refreshError') });
  }, [refreshError]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('events.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('events.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const data = loaded.data;

  function saved(record, isNew) {
    setEditing(null);
    loaded.reload(); // a new weekly event brings its next weeks
    const title = eventTitle(record);
    let text = t('events.admin.saved', { title });
    if (isNew) {
      text = record.repeat === 'weekly'
        ? t('events.admin.addedWeekly', { title, day: weekdayName(lang(), weekdayOf(ymdOf(record.starts, house.timezone))) })
        : t('events.admin.added', { title });
    }
    setNotice({ kind: 'success', text });
  }

  const happening = data.events.filter((ev) => hasStarted(ev, now) && !hasEnded(ev, now));
  const upcoming = data.events.filter((ev) => !hasStarted(ev, now));
  const past = data.events.filter((ev) => hasEnded(ev, now)).sort((a, b) => parseDate(b.starts) - parseDate(a.starts));
  const row = (ev) => html`<${EventRow} key=${ev.id} ev=${ev} house=${house} now=${now} tally=${data.tallies[ev.id]} />`;

  return html`<section class="events-admin" data-testid="events-admin-screen">
    <${ScreenHead} title=${t('events.admin.title')} house=${house} />
    <p class="lead">${t('events.admin.intro')}</p>
    <div class="button-row toolbar-start">
      <${Button} onClick=${() => { setNotice((n) => ({ ...n, text: '' })); setEditing({}); }} data-testid="events-add">${t('events.admin.add')}</${Button}>
    </div>
    <${Toast} kind="error" message=${notice.kind === 'error' ? notice.text : ''} testid="events-admin-error" />
    <${Toast} kind="success" message=${notice.kind === 'success' ? notice.text : ''} testid="events-admin-message"
      onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />

    ${happening.length ? html`<section class="section-gap" aria-labelledby="events-now-title" data-testid="events-admin-now">
      <div class="section-head"><h2 id="events-now-title">${t('events.admin.now')}</h2></div>
      <ul class="people">${happening.map(row)}</ul>
    </section>` : null}

    <section class="section-gap" aria-labelledby="events-admin-upcoming-title" data-testid="events-admin-upcoming">
      <div class="section-head">
        <h2 id="events-admin-upcoming-title">${t('events.admin.upcoming')}</h2>
        <span class="muted">${t('events.admin.weeksAhead', { count: weeks })}</span>
      </div>
      ${upcoming.length ? html`<ul class="people">${upcoming.map(row)}</ul>`
        : html`<${EmptyState} testid="events-admin-empty">${t('events.admin.empty')}</${EmptyState}>`}
      ${weeks < WEEKS_MOST ? html`<div class="button-row after-card">
        <${Button} kind="secondary" onClick=${() => setWeeks((w) => Math.min(WEEKS_MOST, w + WEEKS_FIRST))}
          data-testid="events-admin-more">${t('events.admin.showMore')}</${Button}>
      </div>` : null}
    </section>

    <section class="section-gap" aria-labelledby="events-admin-past-title" data-testid="events-admin-past">
      <div class="section-head"><h2 id="events-admin-past-title">${t('events.admin.past')}</h2></div>
      <p class="muted section-note">${t('events.admin.pastNote')}</p>
      ${past.length ? html`<ul class="people">${past.map(row)}</ul>`
        : html`<${EmptyState} testid="events-admin-past-empty">${t('events.admin.pastEmpty')}</${EmptyState}>`}
    </section>

    ${editing ? html`<${EventEditor} key=${editing.id || 'new'} ev=${editing} house=${house}
      onClose=${() => setEditing(null)} onSaved=${saved} onDeleted=${() => {}} />` : null}
  </section>`;
}

// tallyText: the answers so far, or who was there.
function tallyText(ev, tally, now) {
  const n = tally || { yes: 0, maybe: 0, no: 0, attended: 0 };
  if (hasStarted(ev, now)) {
    return n.attended ? t('events.admin.wereThere', { count: n.attended }) : t('events.admin.noAttendanceYet');
  }
  if (!n.yes && !n.maybe && !n.no) return t('events.admin.noAnswersYet');
  return t('events.admin.tally', { yes: n.yes, maybe: n.maybe, no: n.no });
}

function EventRow({ ev, house, now, tally }) {
  return html`<li data-testid="event-row" data-id=${ev.id}>
    <a class="person person-button event-row" href=${'/manage/event?id=' + encodeURIComponent(ev.id)} data-testid="event-open">
      <span class="person-main">
        <span class="person-name" data-testid="event-row-title">${eventTitle(ev)}</span>
        <span class="person-meta" data-testid="event-row-when">${whenText(ev, house.timezone, now)}</span>
        <span class="person-meta" data-testid="event-row-tally">${tallyText(ev, tally, now)}</span>
        <${EventTags} ev=${ev} />
      </span>
      ${chevron}
    </a>
  </li>`;
}

// ---------- the editor ----------

const FIELDS = ['title', 'kind', 'starts', 'ends', 'location', 'required', 'description', 'repeat', 'repeat_until'];

function toForm(ev, tz) {
  if (!ev.id) {
    return { title: '', kind: 'house_meeting', date: ymdIn(tz), start: '19:00', end: '20:00', endDays: 0,
      repeat: false, until: '', location: '', required: false, description: '' };
  }
  const day = ymdOf(ev.starts, tz);
  return {
    title: ev.title || '',
    kind: KINDS.includes(ev.kind) ? ev.kind : 'other',
    date: day,
    start: houseClock(ev.starts, tz),
    end: houseClock(ev.ends, tz),
    // An event that ends on a later day (made elsewhere) keeps that gap.
    endDays: Math.max(0, daysBetween(day, ymdOf(ev.ends, tz)) || 0),
    repeat: ev.repeat === 'weekly',
    until: ev.repeat_until ? String(ev.repeat_until).slice(0, 10) : '',
    location: ev.location || '',
    required: !!ev.required,
    description: ev.description || '',
  };
}

export function EventEditor({ ev, house, onClose, onSaved, onDeleted }) {
  const tz = house.timezone;
  const isNew = !ev.id;
  const inSeries = !!ev.series;
  const [form, setForm] = useState(() => toForm(ev, tz));
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState('');
  const [confirming, setConfirming] = useState(false);

  const set = (field, ...clears) => (value) => {
    setForm((f) => ({ ...f, [field]: value }));
    setProblem('');
    setErrors((e) => {
      const next = { ...e };
      for (const k of [field, ...clears]) next[k] = undefined;
      return next;
    });
  };

  async function save(e) {
    e.preventDefault();
    const local = {};
    if (!form.title.trim()) local.title = t('events.admin.titleMissing');
    if (!form.date) local.date = t('events.admin.dateMissing');
    if (!form.start) local.starts = t('events.admin.startMissing');
    if (!form.end) local.ends = t('events.admin.endMissing');
    if (Object.keys(local).length) {
      setErrors(local);
      setProblem('');
      const first = ['title', 'date', 'starts', 'ends'].find((k) => local[k]);
      document.getElementById({ title: 'event-title', date: 'event-date', starts: 'event-start', ends: 'event-end' }[first])?.focus();
      return;
    }
    setBusy('save');
    setErrors({});
    setProblem('');
    const starts = houseInstant(form.date, tz, form.start);
    const ends = houseInstant(addDays(form.date, form.endDays), tz, form.end);
    const body = {
      title: form.title.trim(),
      kind: form.kind,
      starts: toPB(starts),
      ends: toPB(ends),
      location: form.location.trim(),
      required: form.required,
      description: form.description.trim(),
      repeat: form.repeat ? 'weekly' : '',
      repeat_until: form.repeat ? form.until : '',
    };
    try {
      const record = isNew
        ? await pb.collection('events').create({ house: house.id, ...body })
        : await pb.collection('events').update(ev.id, body);
      onSaved(record, isNew);
    } catch (err) {
      if (handleWriteError(err)) return;
      if (err && err.status === 404) {
        setProblem(t('events.admin.gone'));
      } else {
        const shown = FIELDS.filter((f) => f !== 'repeat_until' || form.repeat);
        const { fields, text } = splitErrors(err, shown);
        setErrors(fields);
        setProblem(text);
        const first = ['title', 'kind', 'starts', 'ends', 'repeat_until'].find((k) => fields[k]);
        const ids = { title: 'event-title', kind: 'event-kind', starts: 'event-start', ends: 'event-end', repeat_until: 'event-until' };
        if (first) document.getElementById(ids[first])?.focus();
      }
      setBusy('');
    }
  }

  async function remove() {
    setBusy('delete');
    setProblem('');
    try {
      await pb.collection('events').delete(ev.id);
      onDeleted(ev);
    } catch (err) {
      if (handleWriteError(err)) return;
      setProblem(err && err.status === 404 ? t('events.admin.gone') : splitErrors(err, []).text);
      setBusy('');
    }
  }

  const title = isNew ? t('events.admin.newTitle') : confirming ? t('events.admin.deleteTitle') : t('events.admin.editTitle');

  if (confirming) {
    return html`<${Dialog} id="event-editor" title=${title} onClose=${busy ? () => {} : onClose} testid="event-editor">
      <div class="stack" role="alertdialog" aria-labelledby="event-delete-q" data-testid="event-delete-confirm">
        <p class="confirm-question" id="event-delete-q">${t('events.admin.deleteQuestion', { title: eventTitle(ev), day: formatHouseDay(lang(), ev.starts, tz) })}</p>
        <p>${inSeries ? t('events.admin.deleteExplainSeries') : t('events.admin.deleteExplain')}</p>
        <${Toast} kind="error" message=${problem} testid="event-editor-error" />
        <div class="panel-actions">
          <${Button} kind="danger" busy=${busy === 'delete'} busyLabel=${t('events.admin.deleting')} onClick=${remove}
            data-testid="event-delete-yes">${t('events.admin.deleteYes')}</${Button}>
          <${Button} kind="secondary" disabled=${!!busy} onClick=${() => { setProblem(''); setConfirming(false); }}
            data-testid="event-delete-no">${t('roster.goBack')}</${Button}>
        </div>
      </div>
    </${Dialog}>`;
  }

  const kinds = KINDS.map((k) => ({ value: k, label: kindName(k) }));
  const weekday = form.date ? weekdayName(lang(), weekdayOf(form.date)) : '';
  const endsSeries = inSeries && ev.repeat === 'weekly' && !form.repeat;

  return html`<${Dialog} id="event-editor" title=${title} onClose=${busy ? () => {} : onClose} testid="event-editor">
    <form class="form" onSubmit=${save} novalidate data-testid="event-form">
      ${inSeries ? html`<p class="notice event-series-note" data-testid="event-series-note">${t('events.admin.seriesNote')}</p>` : null}
      <${Field} id="event-title" label=${t('events.admin.eventTitle')} hint=${t('events.admin.eventTitleHint')} value=${form.title}
        onInput=${set('title')} error=${errors.title} maxlength="200" required testid="event-title" />
      <${Field} id="event-kind" type="select" label=${t('events.admin.kind')} value=${form.kind} options=${kinds}
        onInput=${set('kind')} error=${errors.kind} testid="event-kind" />
      <${Field} id="event-date" type="date" label=${t('events.admin.date')} value=${form.date}
        onInput=${set('date', 'starts', 'ends')} error=${errors.date} required testid="event-date" />
      <div class="field-row">
        <${Field} id="event-start" type="time" label=${t('events.admin.start')} value=${form.start}
          onInput=${set('start', 'starts')} error=${errors.starts} required testid="event-start" />
        <${Field} id="event-end" type="time" label=${t('events.admin.end')} value=${form.end}
          onInput=${set('end', 'ends')} error=${errors.ends} required testid="event-end" />
      </div>
      <p class="field-hint field-after">${t('events.admin.timeHint', { tz })}</p>
      <${Field} id="event-repeat" type="checkbox" label=${weekday ? t('events.admin.repeatOn', { day: weekday }) : t('events.admin.repeat')}
        hint=${endsSeries ? t('events.admin.repeatEnds') : t('events.admin.repeatHint')}
        checked=${form.repeat} onInput=${set('repeat', 'repeat_until')} error=${errors.repeat} testid="event-repeat" />
      ${form.repeat ? html`<${Field} id="event-until" type="date" label=${t('events.admin.until')} hint=${t('events.admin.untilHint')}
        value=${form.until} min=${form.date} onInput=${set('until', 'repeat_until')} error=${errors.repeat_until} testid="event-until" />` : null}
      <${Field} id="event-location" label=${t('events.admin.location')} hint=${t('events.admin.locationHint')} value=${form.location}
        onInput=${set('location')} error=${errors.location} maxlength="200" testid="event-location" />
      <${Field} id="event-required" type="checkbox" label=${t('events.admin.required')} hint=${t('events.admin.requiredHint')}
        checked=${form.required} onInput=${set('required')} error=${errors.required} testid="event-required" />
      <${Field} id="event-description" type="textarea" label=${t('events.admin.description')} hint=${t('events.admin.descriptionHint')}
        value=${form.description} onInput=${set('description')} error=${errors.description} rows="3" maxlength="2000"
        testid="event-description" />
      <${Toast} kind="error" message=${problem} testid="event-editor-error" />
      <div class="panel-actions">
        <${Button} type="submit" busy=${busy === 'save'} busyLabel=${t('events.admin.saving')} disabled=${!!busy && busy !== 'save'}
          data-testid="event-save">${isNew ? t('events.admin.create') : t('events.admin.save')}</${Button}>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${onClose} data-testid="event-cancel">${t('chores.cancel')}</${Button}>
      </div>
      ${isNew ? null : html`<div class="panel-section danger-zone">
        <h3>${t('events.admin.deleteSection')}</h3>
        <p class="muted">${inSeries ? t('events.admin.deleteHintSeries') : t('events.admin.deleteHint')}</p>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${() => { setProblem(''); setConfirming(true); }}
          data-testid="event-delete">${t('events.admin.delete')}</${Button}>
      </div>`}
    </form>
  </${Dialog}>`;
}

// ---------- one event: answers and attendance ----------

function eventParam() {
  return new URLSearchParams(location.search).get('id') || '';
}

export function ManageEvent({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  const id = eventParam();
  return html`<${EventPage} key=${houses.house.id + id} house=${houses.house} eventId=${id} />`;
}

async function loadEvent(house, eventId) {
  const [ev, roster, rsvps] = await Promise.all([
    pb.collection('events').getOne(eventId),
    pb.collection('memberships').getList(1, 200, {
      filter: pb.filter('house = {:h} && ' + RESIDENT_FILTER, { h: house.id }),
      expand: 'user',
      sort: 'room,bed',
      skipTotal: true,
    }),
    pb.collection('rsvps').getList(1, 500, {
      filter: pb.filter('event = {:e}', { e: eventId }),
      expand: 'user',
      skipTotal: true,
    }),
  ]);
  if (ev.house !== house.id) {
    const err = new Error('another house');
    err.status = 404;
    throw err;
  }
  return { ev, roster: roster.items, rsvps: rsvps.items };
}

// people: the house's residents, and anyone else who answered (a manager,
// someone who has since moved out), by name, each with their answer.
function people(roster, rsvps) {
  const byUser = new Map(rsvps.map((r) => [r.user, r]));
  const out = roster.map((m) => ({ id: m.user, user: (m.expand && m.expand.user) || { id: m.user }, away: m.status === 'away', rsvp: byUser.get(m.user) || null }));
  for (const r of rsvps) {
    if (!out.some((p) => p.id === r.user)) out.push({ id: r.user, user: (r.expand && r.expand.user) || { id: r.user }, away: false, rsvp: r, other: true });
  }
  return out.sort((a, b) => nameOf(a.user).localeCompare(nameOf(b.user)));
}

function EventPage({ house, eventId }) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState({});
  const [notice, setNotice] = useState({ kind: 'success', text: '' });
  const now = new Date();

  // Managers' data: not kept on the phone.
  const loaded = useLoad(() => loadEvent(house, eventId), [house.id, eventId], { enabled: !!eventId });
  const setData = loaded.update;

  // Gone (deleted meanwhile, or another house's), also while it showed.
  if (!eventId || (loaded.error && loaded.error.status === 404)) {
    return html`<section class="stack" data-testid="event-missing">
      <${ScreenHead} title=${t('events.admin.missingTitle')} back="/manage/events" backLabel=${t('events.admin.title')} />
      <${EmptyState}>${t('events.admin.missingBody')}</${EmptyState}>
    </section>`;
  }
  if (loaded.status === 'loading') return html`<${Loading} label=${t('events.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('events.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const data = loaded.data;

  const ev = data.ev;
  const tz = house.timezone;
  const started = hasStarted(ev, now);
  const list = people(data.roster, data.rsvps);

  function putRsvp(userId, r) {
    setData((d) => ({ ...d, rsvps: r ? [...d.rsvps.filter((x) => x.user !== userId), r] : d.rsvps.filter((x) => x.user !== userId) }));
  }

  async function mark(p, on) {
    const before = p.rsvp;
    setNotice((n) => ({ ...n, text: '' }));
    setBusy((b) => ({ ...b, [p.id]: true }));
    putRsvp(p.id, { ...(before || { event: ev.id, user: p.id, status: '' }), attended: on, expand: { user: p.user } });
    try {
      const r = before
        ? await pb.collection('rsvps').update(before.id, { attended: on }, { expand: 'user' })
        : await pb.collection('rsvps').create({ event: ev.id, user: p.id, attended: on }, { expand: 'user' });
      putRsvp(p.id, r);
    } catch (err) {
      putRsvp(p.id, before);
      if (handleWriteError(err)) return;
      setNotice({ kind: 'error', text: t('events.admin.markFailed', { name: nameOf(p.user) }) + ' ' + splitErrors(err, []).text });
      if (fieldCodes(err).user === 'validation_already_answered') loaded.reload();
    } finally {
      setBusy((b) => ({ ...b, [p.id]: false }));
    }
  }

  const counts = { yes: 0, maybe: 0, no: 0, none: 0, attended: 0 };
  for (const p of list) {
    const s = p.rsvp && p.rsvp.status;
    counts[ANSWERS.includes(s) ? s : 'none']++;
    if (p.rsvp && p.rsvp.attended) counts.attended++;
  }

  return html`<section class="event-page" data-testid="event-page" data-id=${ev.id} data-started=${started ? 'true' : 'false'}>
    <${ScreenHead} title=${eventTitle(ev)} house=${house} back="/manage/events" backLabel=${t('events.admin.title')} />
    <div class="card event-summary">
      <p class="event-when"><time datetime=${String(ev.starts).replace(' ', 'T')} data-testid="event-page-when">${whenText(ev, tz, now)}</time></p>
      ${ev.location ? html`<p class="muted">${ev.location}</p>` : null}
      <${EventTags} ev=${ev} />
      ${ev.description ? html`<p class="event-description">${ev.description}</p>` : null}
      <div class="button-row">
        <${Button} kind="secondary" onClick=${() => { setNotice((n) => ({ ...n, text: '' })); setEditing(true); }}
          data-testid="event-edit">${t('events.admin.edit')}</${Button}>
      </div>
    </div>
    <${Toast} kind="error" message=${notice.kind === 'error' ? notice.text : ''} testid="event-page-error" />
    <${Toast} kind="success" message=${notice.kind === 'success' ? notice.text : ''} testid="event-page-message"
      onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />

    <section class="section-gap" aria-labelledby="event-people-title" data-testid=${started ? 'attendance' : 'answers'}>
      <div class="section-head">
        <h2 id="event-people-title">${started ? t('events.admin.attendance') : t('events.admin.answers')}</h2>
        <span class="muted" data-testid="event-people-count" aria-live="polite">${started
          ? t('events.admin.attendedCount', { count: counts.attended, total: list.length })
          : t('events.admin.answerCounts', { yes: counts.yes, maybe: counts.maybe, no: counts.no, none: counts.none })}</span>
      </div>
      <p class="muted section-note">${started ? t('events.admin.attendanceHint') : t('events.admin.answersHint')}</p>
      ${list.length ? html`<ul class="people attend-list">
        ${list.map((p) => started
          ? html`<${AttendRow} key=${p.id} p=${p} busy=${!!busy[p.id]} onMark=${(on) => mark(p, on)} />`
          : html`<${AnswerRow} key=${p.id} p=${p} />`)}
      </ul>` : html`<${EmptyState} testid="event-people-empty">${t('events.admin.nobody')}</${EmptyState}>`}
    </section>

    ${editing ? html`<${EventEditor} ev=${ev} house=${house} onClose=${() => setEditing(false)}
      onSaved=${(r) => { setEditing(false); setData((d) => ({ ...d, ev: r })); setNotice({ kind: 'success', text: t('events.admin.saved', { title: eventTitle(r) }) }); }}
      onDeleted=${() => navigate('/manage/events')} />` : null}
  </section>`;
}

function personMeta(p) {
  const bits = [saidText(p.rsvp && p.rsvp.status)];
  if (p.away) bits.push(t('home.away'));
  return bits.join(' · ');
}

function AnswerRow({ p }) {
  const s = (p.rsvp && p.rsvp.status) || '';
  return html`<li class="person attend-row" data-testid="attendance-person" data-user=${p.id} data-rsvp=${s}>
    <${Avatar} user=${p.user} size=${40} />
    <span class="person-main">
      <span class="person-name" data-testid="attendance-name">${nameOf(p.user)}</span>
      <span class="visually-hidden" data-testid="attendance-answer">${saidText(s)}</span>
      ${p.away ? html`<span class="person-meta">${t('home.away')}</span>` : null}
    </span>
    <span class=${'chip answer-chip answer-' + (s || 'none')} aria-hidden="true">${t('events.answerShort.' + (s || 'none'))}</span>
  </li>`;
}

function AttendRow({ p, busy, onMark }) {
  const s = (p.rsvp && p.rsvp.status) || '';
  const on = !!(p.rsvp && p.rsvp.attended);
  const id = 'attend-' + p.id;
  return html`<li class="attend-item" data-testid="attendance-person" data-user=${p.id} data-rsvp=${s} data-attended=${on ? 'true' : 'false'}
      data-busy=${busy ? 'true' : 'false'}>
    <label class=${'person attend-row attend-toggle' + (on ? ' is-there' : '')} for=${id}>
      <${Avatar} user=${p.user} size=${40} />
      <span class="person-main">
        <span class="person-name" data-testid="attendance-name">${nameOf(p.user)}</span>
        <span class="person-meta" id=${id + '-meta'} data-testid="attendance-answer">${personMeta(p)}</span>
      </span>
      <span class="attend-check">
        <input type="checkbox" id=${id} checked=${on} aria-disabled=${busy ? 'true' : undefined}
          onClick=${(e) => { if (busy) e.preventDefault(); }}
          aria-label=${t('events.admin.wasThereLabel', { name: nameOf(p.user) })} aria-describedby=${id + '-meta'}
          onChange=${(e) => onMark(e.currentTarget.checked)} data-testid="attendance-toggle" />
        <span class="attend-word" aria-hidden="true">${on ? t('events.admin.there') : t('events.admin.markThere')}</span>
      </span>
    </label>
  </li>`;
}
