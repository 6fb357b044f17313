// A resident's history (/manage/resident?user=ID), opened from the Today
// and tonight board: their last 14 days (a day without a daily check-in
// says so), their curfew
// check-ins, their outside meetings (a manager verifies one, as
// themselves, or takes a verification back) and their recent chores.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { useLoad } from '../load.js';
import { addDays, formatCalendarDate, formatHouseDateTime, formatHouseTime, ymdIn } from '../dates.js';
import { choreOf, choreTitle, StatusChip } from '../chores.js';
import { Avatar, Button, EmptyState, ErrorState, Loading, Toast, splitErrors } from '../ui.js';
import { formatName, meetingDate, meetingTitle, moodLabel, MoodFace, programName, ProofThumb, useFileToken } from '../checkins.js';
import { managerGate, ScreenHead } from './manage.js';
import { historyDays, MissingDay } from '../history-days.js';

const DAYS = 14;

// residentParam: the ?user= of the address.
function residentParam() {
  return new URLSearchParams(location.search).get('user') || '';
}

// useSearch re-reads the address's query after back and forward.
function useSearch() {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const again = () => setSearch(location.search);
    window.addEventListener('popstate', again);
    return () => window.removeEventListener('popstate', again);
  }, []);
  return search;
}

export function ManageResident({ user, houses }) {
  const search = useSearch();
  const gate = managerGate(houses);
  if (gate) return gate;
  const userId = residentParam();
  return html`<${History} key=${houses.house.id + search} house=${houses.house} userId=${userId} me=${user} />`;
}

async function loadHistory(houseId, userId) {
  const mine = { h: houseId, u: userId };
  const [ms, daily, curfew, meetings, chores] = await Promise.all([
    pb.collection('memberships').getList(1, 1, {
      filter: pb.filter('house = {:h} && user = {:u}', mine), expand: 'user', skipTotal: true,
    }),
    pb.collection('checkins').getList(1, DAYS, {
      filter: pb.filter('house = {:h} && user = {:u} && kind = "daily"', mine), sort: '-day', skipTotal: true,
    }),
    pb.collection('checkins').getList(1, DAYS, {
      filter: pb.filter('house = {:h} && user = {:u} && kind = "curfew"', mine), sort: '-day', skipTotal: true,
    }),
    pb.collection('meetings').getList(1, 30, {
      filter: pb.filter('house = {:h} && user = {:u}', mine), sort: '-date,-created', expand: 'verified_by', skipTotal: true,
    }),
    pb.collection('chore_assignments').getList(1, DAYS, {
      filter: pb.filter('house = {:h} && assignee = {:u} && due <= {:now}', { ...mine, now: new Date(Date.now() + 86400000) }),
      sort: '-due', expand: 'chore', skipTotal: true,
    }),
  ]);
  return {
    membership: ms.items[0] || null,
    daily: daily.items,
    curfew: curfew.items,
    meetings: meetings.items,
    chores: chores.items,
  };
}

function History({ house, userId, me }) {
  const [notice, setNotice] = useState({ kind: 'success', text: '' });
  const [busyId, setBusyId] = useState('');
  const [itemError, setItemError] = useState({ id: '', text: '' });
  const [token, newToken] = useFileToken();

  // A resident's history (their health data): never kept on the phone.
  const loaded = useLoad(() => loadHistory(house.id, userId), [house.id, userId], { enabled: !!userId });
  const data = loaded.data;
  const setData = loaded.update;

  const back = html`<${ScreenHead} title=${t('history.title')} house=${house} back="/manage/today" backLabel=${t('board.title')} />`;
  if (!userId || (loaded.status === 'ready' && !data.membership)) {
    return html`<section class="history" data-testid="history-screen">
      ${back}
      <${EmptyState} testid="history-not-found">${t('history.notFound')}</${EmptyState}>
    </section>`;
  }
  if (loaded.status === 'loading') return html`<${Loading} label=${t('history.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('history.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }

  const tz = house.timezone;
  const m = data.membership;
  const person = (m.expand && m.expand.user) || { id: userId };
  const name = person.name || t('roster.unnamed');
  const today = ymdIn(tz);
  const recentDays = data.daily.filter((c) => c.day > addDays(today, -DAYS)).length;
  // Every day they lived here, with or without a check-in.
  const days = historyDays(data.daily, today, DAYS, m.move_in, m.status === 'active' || m.status === 'away' ? '' : m.move_out);

  async function verify(meeting, on) {
    setBusyId(meeting.id);
    setItemError({ id: '', text: '' });
    setNotice((n) => ({ ...n, text: '' }));
    try {
      const record = await pb.collection('meetings').update(meeting.id, { verified_by: on ? me.id : '' }, { expand: 'verified_by' });
      setData((d) => ({ ...d, meetings: d.meetings.map((x) => (x.id === record.id ? record : x)) }));
      const what = { title: meetingTitle(record), date: meetingDate(record) };
      setNotice({ kind: 'success', text: on ? t('history.verified', what) : t('history.unverified', what) });
    } catch (err) {
      if (handleWriteError(err)) return;
      if (err && err.status === 404) {
        setItemError({ id: meeting.id, text: t('history.meetingGone') });
        loaded.reload();
      } else {
        const { fields, text } = splitErrors(err, ['verified_by']);
        setItemError({ id: meeting.id, text: fields.verified_by || text });
      }
    } finally {
      setBusyId('');
    }
  }

  return html`<section class="history" data-testid="history-screen" data-user=${userId}>
    <${ScreenHead} title=${name} house=${house} back="/manage/today" backLabel=${t('board.title')} />
    <div class="card history-who">
      <${Avatar} user=${person} size=${56} />
      <div class="person-main">
        <p class="person-meta">${m.room ? (m.bed ? t('home.roomBed', { room: m.room, bed: m.bed }) : t('home.room', { room: m.room })) : t('home.noRoom')}</p>
        <p class="tags">
          <span class=${'tag ' + (m.status === 'away' ? 'tag-away' : 'tag-quiet')}>${t('roster.status.' + m.status)}</span>
        </p>
      </div>
    </div>
    <${Toast} kind="success" message=${notice.text} testid="history-message" onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />

    <section class="section-gap" aria-labelledby="history-daily-title" data-testid="history-daily">
      <div class="section-head">
        <h2 id="history-daily-title">${t('history.daily')}</h2>
        <span class="muted" data-testid="history-daily-count">${t('history.dailyCount', { count: recentDays, days: DAYS })}</span>
      </div>
      ${days.length ? html`<ul class="history-list">
        ${days.map((x) => (x.checkin ? html`<${DailyItem} key=${x.day} c=${x.checkin} />`
          : html`<${MissingDay} key=${x.day} day=${x.day} testid="history-daily-missing" />`))}
      </ul>` : html`<${EmptyState} testid="history-daily-empty">${t('history.dailyEmpty')}</${EmptyState}>`}
    </section>

    <section class="section-gap" aria-labelledby="history-curfew-title" data-testid="history-curfew">
      <div class="section-head"><h2 id="history-curfew-title">${t('history.curfew')}</h2></div>
      ${data.curfew.length ? html`<ul class="history-list">
        ${data.curfew.map((c) => html`<li class="history-item" key=${c.id} data-testid="history-curfew-item" data-late=${c.late ? 'true' : 'false'}>
          <p class="history-when">${t('history.night', { date: formatCalendarDate(lang(), c.day) })}</p>
          <p class=${c.late ? 'is-late' : ''}>${c.late ? t('board.curfewLate', { time: formatHouseTime(lang(), c.created, tz) })
            : t('board.curfewHome', { time: formatHouseTime(lang(), c.created, tz) })}</p>
        </li>`)}
      </ul>` : html`<${EmptyState} testid="history-curfew-empty">${t('history.curfewEmpty')}</${EmptyState}>`}
    </section>

    <section class="section-gap" aria-labelledby="history-meetings-title" data-testid="history-meetings">
      <div class="section-head"><h2 id="history-meetings-title">${t('history.meetings')}</h2></div>
      ${data.meetings.length ? html`<ul class="meeting-list">
        ${data.meetings.map((x) => html`<${MeetingItem} key=${x.id} m=${x} token=${token} onPhotoError=${newToken} busy=${busyId === x.id}
          disabled=${!!busyId && busyId !== x.id} error=${itemError.id === x.id ? itemError.text : ''}
          onVerify=${() => verify(x, true)} onUndo=${() => verify(x, false)} />`)}
      </ul>` : html`<${EmptyState} testid="history-meetings-empty">${t('history.meetingsEmpty')}</${EmptyState}>`}
    </section>

    <section class="section-gap" aria-labelledby="history-chores-title" data-testid="history-chores">
      <div class="section-head"><h2 id="history-chores-title">${t('history.chores')}</h2></div>
      ${data.chores.length ? html`<ul class="history-list">
        ${data.chores.map((a) => html`<li class="history-item history-chore" key=${a.id} data-testid="history-chore" data-status=${a.status}>
          <div class="chore-top">
            <p class="history-chore-title">${choreTitle(choreOf(a))}</p>
            <${StatusChip} status=${a.status} />
          </div>
          <p class="muted">${t('review.due', { when: formatHouseDateTime(lang(), a.due, tz) })}</p>
        </li>`)}
      </ul>` : html`<${EmptyState} testid="history-chores-empty">${t('history.choresEmpty')}</${EmptyState}>`}
    </section>
  </section>`;
}

function DailyItem({ c }) {
  return html`<li class="history-item checkin-item" data-testid="history-daily-item" data-day=${c.day} data-mood=${c.mood}>
    <${MoodFace} mood=${c.mood} size=${36} />
    <div class="checkin-item-main">
      <p class="history-when">${formatCalendarDate(lang(), c.day)}</p>
      <p><strong>${moodLabel(c.mood)}</strong><span aria-hidden="true"> · </span>${t('history.craving', { craving: Number(c.craving) || 0 })}</p>
      ${c.note ? html`<p class="checkin-note" data-testid="history-note">${c.note}</p>` : null}
    </div>
  </li>`;
}

function MeetingItem({ m, token, onPhotoError, busy, disabled, error, onVerify, onUndo }) {
  const verified = !!m.verified_by;
  const by = m.expand && m.expand.verified_by;
  return html`<li class="meeting-card" data-testid="history-meeting" data-id=${m.id} data-verified=${verified ? 'true' : 'false'}>
    <div class="meeting-main">
      <div class="meeting-top">
        <h3 class="meeting-title">${programName(m.program)}</h3>
        ${verified ? html`<span class="chip chip-verified" data-testid="meeting-verified">${t('meetings.verified')}</span>` : null}
      </div>
      ${m.name ? html`<p class="meeting-name">${m.name}</p>` : null}
      <p class="meeting-meta">
        <span class="nowrap">${meetingDate(m)}</span>
        ${m.format ? html`<span aria-hidden="true"> · </span><span class="nowrap">${formatName(m.format)}</span>` : null}
      </p>
      ${verified && by ? html`<p class="muted">${t('history.verifiedBy', { name: by.name || t('roster.unnamed') })}</p>` : null}
    </div>
    <${ProofThumb} meeting=${m} token=${token} onError=${onPhotoError} />
    <${Toast} kind="error" message=${error} testid="history-meeting-error" />
    <div class="panel-actions meeting-actions">
      ${verified
        ? html`<${Button} kind="secondary" busy=${busy} busyLabel=${t('history.saving')} disabled=${disabled} onClick=${onUndo}
            data-testid="meeting-unverify">${t('history.unverify')}</${Button}>`
        : html`<${Button} busy=${busy} busyLabel=${t('history.saving')} disabled=${disabled} onClick=${onVerify}
            data-testid="meeting-verify">${t('history.verify')}</${Button}>`}
    </div>
  </li>`;
}
