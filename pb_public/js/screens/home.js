import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { daysBetween, daysSober, formatCalendarDate, formatClock, formatHouseDate, formatHouseTime, ymdIn } from '../dates.js';
import { pb, fieldCodes, handleWriteError, me } from '../pb.js';
import { Avatar, Button, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { useLoad, useModule } from '../load.js';
import { KeptNote } from '../connection.js';
import { InstallCard } from '../install.js';
import { HttpNotice } from '../secure.js';
import { checksIn, DailyCheckin, pendingRecord, useToday, weekText, withCurfew } from '../checkins.js';
import { sendOrKeep } from '../outbox.js';
import { ManageLinks } from './manage.js';
import { ChoresToday, useReviewCount } from '../chores.js';
import { ComingUp } from '../events.js';
import { Icon, useReportCount } from '../board-basics.js';
import { isAlumnus, isMember, isResident, MEMBER_FILTER } from '../membership.js';

// useNow ticks every minute so the date turns over at the house's midnight.
function useNow() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 60 * 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function Home({ user, houses }) {
  if (houses.status === 'loading') return html`<${Loading} label=${t('home.loading')} />`;
  if (houses.status === 'error') {
    return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
  }
  if (!houses.current) {
    return html`<section class="stack" data-testid="no-house">
      <h1 tabindex="-1">${t('home.noHouseTitle')}</h1>
      <${EmptyState}>${t('home.noHouseBody')}</${EmptyState}>
    </section>`;
  }
  return html`<${HouseView} key=${houses.house.id} user=${user} houses=${houses} />`;
}

function HouseSwitcher({ houses }) {
  if (houses.memberships.length < 2) return null;
  const options = houses.memberships.map((m) => ({ value: m.house, label: m.expand.house.name }));
  return html`<div class="house-switcher">
    <${Field} id="house-switch" type="select" label=${t('home.switchHouse')} value=${houses.current.house}
      options=${options} onInput=${houses.select} testid="house-switch" />
  </div>`;
}

function HouseView({ user, houses }) {
  const house = houses.house;
  const membership = houses.current;
  const now = useNow();
  const today = ymdIn(house.timezone, now);

  const alumni = isAlumnus(membership);
  // A manager who does not live in the house: no resident cards.
  const resident = checksIn(membership);
  const manager = houses.isManager;
  const reviewCount = useReviewCount(house.id, houses.isManager);
  // One GET /api/hearth/today for the check-in card and the events card.
  const day = useToday(house.id, !alumni);
  const reportCount = useReportCount(house.id, houses.isManager);

  // Alumni keep the house board, not the roster: there is no list to load.
  const housemates = useLoad(async () => {
    const res = await pb.collection('memberships').getList(1, 200, {
      filter: pb.filter('house = {:h} && ' + MEMBER_FILTER, { h: house.id }),
      expand: 'user',
      sort: 'room',
      skipTotal: true,
    });
    return res.items;
  }, [house.id], { keep: 'housemates.' + house.id, enabled: !alumni });
  const state = { ...housemates, items: housemates.data || [] };

  let list;
  if (state.status === 'loading') list = html`<${Loading} label=${t('home.loading')} />`;
  else if (state.status === 'error') {
    list = html`<${ErrorState} message=${t('home.loadError')} err=${state.error} onRetry=${housemates.reload} />`;
  } else if (!state.items.length) {
    list = html`<${EmptyState} testid="housemates-empty">${t('home.emptyHousemates')}</${EmptyState}>`;
  } else {
    list = html`<ul class="people" data-testid="housemates">
      ${state.items.map((m) => html`<${Housemate} key=${m.id} membership=${m} isMe=${m.user === user.id} today=${today} />`)}
    </ul>`;
  }

  const manage = manager ? html`<section class="home-manage" aria-labelledby="home-manage-title" data-testid="home-manage">
      <h2 id="home-manage-title" class="section-title">${t('home.manage')}</h2>
      <${ManageLinks} reviewCount=${reviewCount} reportCount=${reportCount} />
    </section>` : null;
  return html`<section class="home" data-testid="home-screen" data-manager=${manager ? 'true' : undefined}>
    <div class="house-hero">
      <p class="eyebrow">${manager ? t('care.managerEyebrow') : t('home.todayLabel')}</p>
      <h1 tabindex="-1" data-testid="house-name">${house.name}</h1>
      <p class="house-date" data-testid="house-date">
        <time datetime=${today}>${formatHouseDate(lang(), house.timezone, now)}</time>
      </p>
    </div>
    <${KeptNote} state=${houses.stale ? houses : day.stale ? day : null} />
    <${HouseSwitcher} houses=${houses} />
    ${manager ? html`<${NeedsYouNow} house=${house} reviewCount=${reviewCount} />` : null}
    <${FirstDayCard} house=${house} membership=${membership} />
    ${resident ? html`<${CheckinCard} house=${house} membership=${membership} today=${day} />` : null}
    ${alumni ? null : html`<${ChoresToday} house=${house} user=${user} only=${!resident} />`}
    ${alumni ? null : html`<${ComingUp} house=${house} today=${day} />`}
    ${alumni ? null : html`<${BoardLinks} membership=${membership} />`}
    ${manager ? manage : null}
    <${InstallCard} />
    ${manager ? html`<${HttpNotice} />` : null}
    ${alumni ? html`<p class="notice" data-testid="alumni-note">${t('home.alumniNote')}</p>
      <${BoardLinks} membership=${membership} />
      <${AlumniCrisis} house=${house} membership=${membership} user=${user} />
      <${Stay} membership=${membership} house=${house} />
      <${QuickLinks} alumni=${true} />` : html`
      <${QuickLinks} alumni=${!resident} />
      <div class="section-head">
        <h2>${t('home.housemates')}</h2>
        ${state.status === 'ready' && state.items.length
          ? html`<span class="muted" data-testid="housemates-count">${t('home.housematesCount', { count: state.items.length })}</span>`
          : null}
      </div>
      ${list}`}
  </section>`;
}

// NeedsYouNow: the manager's "Needs you now" (manage-today.js, loaded for
// managers only: never on a resident's phone).
function NeedsYouNow({ house, reviewCount }) {
  const mod = useModule('manage-today', () => import('./manage-today.js'), true, ['screens', 'manage']);
  return mod ? html`<${mod.NeedsYou} house=${house} reviewCount=${reviewCount} />` : html`<${Loading} />`;
}

// FirstDayCard: a new resident's way into their first-day guide, until
// the server has it done (first-day.js, loaded only then).
function FirstDayCard({ house, membership }) {
  const due = isResident(membership) && !membership.guide_done_at;
  const mod = useModule('first-day', () => import('./first-day.js'), due, ['screens']);
  return mod ? html`<${mod.FirstDayCard} house=${house} />` : null;
}

// CheckinCard: the resident's day on the home screen, from one request to
// GET /api/hearth/today: the daily check-in (a face and "Check in"), the
// streak, days sober, tonight's "I'm home" and the week's meetings.
function CheckinCard({ house, membership, today }) {
  let body;
  if (today.status === 'loading') body = html`<${Loading} label=${t('checkin.loading')} />`;
  else if (today.status === 'error') {
    body = html`<${ErrorState} message=${t('checkin.loadError')} err=${today.error} onRetry=${today.reload} testid="checkin-error" />`;
  } else {
    const d = today.data;
    const c = d.checkin;
    body = html`
      ${c.daily ? null : html`<p class="muted checkin-by">${t('checkin.by', { time: formatClock(lang(), c.deadline) })}</p>`}
      <${DailyCheckin} house=${house} membership=${membership} today=${today} idPrefix="home-checkin" />
      <${Tonight} house=${house} today=${today} />
      <div class="checkin-stats">
        <a class="stat-link" href="/meetings" data-testid="home-meetings" data-done=${d.meetings.done} data-expected=${d.meetings.expected}>
          <span class="stat-label">${t('checkin.meetings')}</span>
          <span class="stat-value" data-testid="home-meetings-text">${weekText(d.meetings.done, d.meetings.expected)}</span>
        </a>
        <a class="stat-link" href="/passes" data-testid="home-passes">
          <span class="stat-label">${t('passLinks.mine')}</span>
          <span class="stat-value">${t('passLinks.mineBody')}</span>
        </a>
        ${d.days_sober !== null && d.days_sober !== undefined ? html`<p class="stat" data-testid="home-days-sober" data-days=${d.days_sober}>
          <span class="stat-label">${t('checkin.sober')}</span>
          <span class="stat-value">${t('checkin.soberDays', { count: d.days_sober })}</span>
        </p>` : null}
      </div>`;
  }
  const streak = today.status === 'ready' ? today.data.checkin.streak : null;
  return html`<section class="card checkin-card" aria-labelledby="checkin-card-title" data-testid="checkin-card" data-state=${today.status}>
    <div class="checkin-card-head">
      <h2 id="checkin-card-title">${t('checkin.cardTitle')}</h2>
      ${streak !== null ? html`<span class="streak" data-testid="checkin-streak" data-streak=${streak}>${t('checkin.streak', { count: streak })}</span>` : null}
    </div>
    ${body}
  </section>`;
}

// Tonight: the curfew check-in, "I'm home". Residents away on a pass have
// none; after it, the time it was made, and a gentle word if it was late.
function Tonight({ house, today }) {
  const d = today.data;
  const c = d.checkin;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  async function home() {
    setBusy(true);
    setProblem('');
    try {
      const res = await sendOrKeep({
        collection: 'checkins', body: { house: house.id, user: me().id, kind: 'curfew' }, phoneTimeField: 'phone_time',
      });
      today.update((x) => withCurfew(x, res.queued ? pendingRecord(res.queued) : res.record));
    } catch (err) {
      if (handleWriteError(err)) return;
      const code = fieldCodes(err).kind;
      setProblem(splitErrors(err, []).text);
      if (code === 'validation_already_checked_in' || code === 'validation_away_exempt') today.reload();
    } finally {
      setBusy(false);
    }
  }

  let content;
  if (c.curfew && c.curfew.pending) {
    content = html`<div class="tonight-done" data-testid="curfew-done" data-pending="true">
      <p class="tonight-home"><span aria-hidden="true">✓ </span>${t('checkin.homeAt', { time: formatHouseTime(lang(), c.curfew.created, house.timezone) })}</p>
      <p class="muted" data-testid="curfew-queued">${t('offline.queued')}</p>
    </div>`;
  } else if (c.curfew) {
    const sentLate = c.curfew.phone_time
      ? t('offline.sentLate', { when: formatHouseTime(lang(), c.curfew.phone_time, house.timezone) }) : '';
    content = html`<div class="tonight-done" data-testid="curfew-done" data-late=${c.curfew.late ? 'true' : 'false'}>
      <p class="tonight-home"><span aria-hidden="true">✓ </span>${t('checkin.homeAt', { time: formatHouseTime(lang(), c.curfew.created, house.timezone) })}</p>
      ${sentLate ? html`<p class="muted" data-testid="curfew-sent-late">${sentLate}</p>` : null}
      ${c.curfew.late ? html`<p class="muted" data-testid="curfew-late">${t('checkin.homeLate')}</p>` : null}
    </div>`;
  } else if (d.status === 'away') {
    content = html`<p class="muted" data-testid="curfew-away">${t('checkin.awayExempt')}</p>`;
  } else {
    content = html`<p class="muted" id="tonight-hint">${c.curfew_at ? t('checkin.curfewAt', { time: formatClock(lang(), c.curfew_at) }) : t('checkin.noCurfew')}
        ${' '}${t('checkin.imHomeHint')}</p>
      <${Button} kind="secondary" busy=${busy} busyLabel=${t('checkin.sending')} onClick=${home} aria-describedby="tonight-hint"
        data-testid="curfew-home">${t('checkin.imHome')}</${Button}>`;
  }
  return html`<div class="tonight" data-testid="tonight">
    <h3>${t('checkin.tonight')}</h3>
    ${content}
    <${Toast} kind="error" message=${problem} testid="curfew-problem" />
  </div>`;
}

// BoardLinks: the way to the house board, and for those who live in the
// house, one tap to reach out for support.
function BoardLinks({ membership }) {
  return html`<div class="home-board">
    <a class="link-card link-card-board" href="/board" data-testid="home-board">
      <span class="link-card-text">
        <span class="link-card-title">${t('home.board')}</span>
        <span class="link-card-body">${isAlumnus(membership) ? t('home.boardBodyAlumni') : t('home.boardBody')}</span>
      </span>
      <svg class="icon chevron" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M9.3 5.3a1 1 0 0 0 0 1.4L14.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l6-6a1 1 0 0 0 0-1.4l-6-6a1 1 0 0 0-1.4 0Z"/>
      </svg>
    </a>
    ${isMember(membership) || isAlumnus(membership) ? html`<a class="btn btn-support" href="/board/new?kind=support" data-testid="home-support">
      <${Icon} name="support" />${t('feed.reachOut')}</a>` : null}
  </div>`;
}

// AlumniCrisis: on an alumnus's home, who to call now (support.js's
// Crisis, loaded when the home shows it); the crisis lines until it loads.
function AlumniCrisis({ house, membership, user }) {
  const mod = useModule('support', () => import('../support.js'), true, ['screens']);
  return mod ? html`<${mod.Crisis} house=${house} membership=${membership} user=${user} title=${t('careAlumni.crisisTitle')} />`
    : html`<p class="support-lines" data-testid="support-lines">
    <a class="btn btn-primary" href="tel:988">${t('compose.call988')}</a>
    <a class="btn btn-secondary" href="sms:988">${t('compose.text988')}</a>
    <a class="btn btn-secondary" href="tel:911">${t('compose.call911')}</a></p>`;
}

// QuickLinks: the house's pages everyone in it may open.
function QuickLinks({ alumni }) {
  return html`<nav class="quick-links" aria-label=${t('home.houseLinks')}>
    <a class="btn btn-secondary" href="/rules" data-testid="home-rules">${t('home.rules')}</a>
    ${alumni ? null : html`<a class="btn btn-secondary" href="/partner" data-testid="home-partner">${t('home.partner')}</a>`}
  </nav>`;
}

// Stay: an alumnus's own time in the house, from their membership.
function Stay({ membership: m, house }) {
  const days = m.move_in && m.move_out ? daysBetween(m.move_in, m.move_out) : null;
  return html`<div class="card stay" data-testid="alumni-stay">
    <h2>${t('home.stayTitle', { house: house.name })}</h2>
    <dl class="facts">
      <div><dt>${t('home.stayIn')}</dt><dd data-testid="stay-move-in">${m.move_in ? formatCalendarDate(lang(), m.move_in) : t('home.stayUnknown')}</dd></div>
      <div><dt>${t('home.stayOut')}</dt><dd data-testid="stay-move-out">${m.move_out ? formatCalendarDate(lang(), m.move_out) : t('home.stayUnknown')}</dd></div>
    </dl>
    ${days !== null ? html`<p class="muted" data-testid="stay-days" data-days=${days}>${t('home.stayDays', { count: days })}</p>` : null}
  </div>`;
}

function where(m) {
  if (!m.room) return t('home.noRoom');
  return m.bed ? t('home.roomBed', { room: m.room, bed: m.bed }) : t('home.room', { room: m.room });
}

function Housemate({ membership: m, isMe, today }) {
  const u = (m.expand && m.expand.user) || { id: m.user };
  const name = u.name || t('home.unnamed');
  const days = u.sobriety_date ? daysSober(u.sobriety_date, today) : null;
  const away = m.status === 'away';
  const awayText = away && m.away_until ? t('home.awayUntil', { date: formatCalendarDate(lang(), m.away_until) }) : t('home.away');
  return html`<li class="person" data-testid="housemate" data-user=${u.id} data-status=${m.status}>
    <${Avatar} user=${u} size=${48} />
    <div class="person-main">
      <p class="person-name">
        <span data-testid="housemate-name">${name}</span>
        ${isMe ? html` <span class="you">(${t('home.you')})</span>` : null}
      </p>
      <p class="person-meta">${where(m)}</p>
      <p class="tags">
        ${days !== null ? html`<span class="tag tag-sober" data-testid="days-sober" data-days=${days}>
          ${days === 0 ? t('home.soberToday') : t('home.daysSober', { count: days })}</span>` : null}
        ${away ? html`<span class="tag tag-away" data-testid="away-tag">${awayText}</span>` : null}
        ${m.role === 'manager' ? html`<span class="tag tag-manager">${t('home.manager')}</span>` : null}
      </p>
    </div>
    ${u.phone && !isMe ? html`<a class="btn btn-secondary btn-call" href=${'tel:' + u.phone.replace(/[^\d+]/g, '')}
        aria-label=${t('home.callLabel', { name })} data-testid="call">${t('home.call')}</a>` : null}
  </li>`;
}
