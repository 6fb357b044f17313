// Today and tonight (/manage/today): the manager's board of the house's
// day, from GET /api/hearth/houses/{id}/status. Per resident: the daily
// check-in (their mood face, or "Not yet"), tonight's curfew (home, home
// after curfew, not yet, away) and their chores (open, missed, to review),
// under the day's check-in deadline and tonight's curfew, those who need a
// manager first (the server's attention order). It stays live: any
// change to check-ins, chores or the roster reloads it (once, after a short
// pause, however many changes come together). A row opens the resident's
// history. The summaries the server sends after the deadline and the curfew
// link here.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, isOffline } from '../pb.js';
import { useLoad } from '../load.js';
import { formatClock, formatHouseDate, formatHouseTime } from '../dates.js';
import { Avatar, EmptyState, ErrorState, Loading, Toast } from '../ui.js';
import { MoodFace, moodLabel } from '../checkins.js';
import { managerGate, ScreenHead } from './manage.js';
import { PassDecision } from './manage-passes.js';

const LIVE_COLLECTIONS = ['checkins', 'chore_assignments', 'memberships', 'posts', 'passes'];
const DEBOUNCE_MS = 300;

const chevron = html`<svg class="icon chevron" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9.3 5.3a1 1 0 0 0 0 1.4L14.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l6-6a1 1 0 0 0 0-1.4l-6-6a1 1 0 0 0-1.4 0Z"/>
</svg>`;

export function ManageToday({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${Board} key=${houses.house.id} house=${houses.house} />`;
}

// curfewState: 'away', 'late', 'home' or 'none' for a row of the board.
export function curfewState(r) {
  if (r.status === 'away') return 'away';
  if (r.curfew_checkin) return r.late || r.curfew_checkin.late ? 'late' : 'home';
  return 'none';
}

// useLiveReload calls reload (debounced) whenever a record of the house
// changes in one of the collections, and after the realtime connection
// comes back (events sent meanwhile are lost). It reports whether the
// subscriptions are in place. Like the notification bell, it lets go of
// them when the browser puts the page away in its back/forward cache, and
// takes them up again (with a reload) when the page is shown from it.
export function useLiveReload(houseId, reload) {
  const [live, setLive] = useState(false);
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    let mounted = true;
    let timer = null;
    let gen = 0;
    let unsubs = [];
    const kick = (e) => {
      const r = e && e.record;
      if (r && r.house && r.house !== houseId) return; // another house of this manager
      clearTimeout(timer);
      timer = setTimeout(() => { if (mounted) latest.current(); }, DEBOUNCE_MS);
    };
    const start = async () => {
      const mine = ++gen;
      const got = [];
      let ok = true;
      try {
        for (const c of LIVE_COLLECTIONS) {
          got.push(await pb.collection(c).subscribe('*', kick));
          if (mine !== gen) break;
        }
        if (mine === gen) got.push(await pb.realtime.subscribe('PB_CONNECT', () => kick()));
      } catch {
        ok = false; // realtime unavailable: the board still loads on each visit
      }
      if (mine !== gen || !ok) {
        got.forEach((u) => u().catch(() => {}));
        return;
      }
      unsubs = got;
      setLive(true);
    };
    const stop = () => {
      gen++;
      clearTimeout(timer);
      unsubs.splice(0).forEach((u) => u().catch(() => {}));
    };
    const hide = () => { stop(); setLive(false); };
    const show = (e) => {
      if (!e.persisted) return;
      start();
      kick();
    };
    window.addEventListener('pagehide', hide);
    window.addEventListener('pageshow', show);
    start();
    return () => {
      mounted = false;
      stop();
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
    };
  }, [houseId]);
  return live;
}

function Board({ house }) {
  const [problem, setProblem] = useState('');
  // Managers' data: not kept on the phone. Back on the screen after a
  // while, useLoad loads again; a change in the house does too.
  const loaded = useLoad(() => pb.send(`/api/hearth/houses/${encodeURIComponent(house.id)}/status`, { method: 'GET' }), [house.id]);
  const live = useLiveReload(house.id, loaded.reload);
  // Loading again failed while the board shows: say so; loaded: clear it.
  const refreshError = loaded.data != null ? loaded.error : null;
  useEffect(() => {
    setProblem(refreshError ? (isOffline(refreshError) ? t('app.offline') : t('board.refreshError')) : '');
  }, [refreshError]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('board.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('board.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }

  const b = loaded.data;
  const tz = house.timezone;
  const rows = byUrgency(b);
  const checkedIn = rows.filter((r) => r.daily_checkin).length;
  const expectedHome = rows.filter((r) => r.status !== 'away');
  const home = expectedHome.filter((r) => r.curfew_checkin).length;

  return html`<section class="board" data-testid="board-screen" data-live=${live ? 'true' : 'false'} data-date=${b.date}>
    <${ScreenHead} title=${t('board.title')} house=${house} />
    <div class="card board-head">
      <p class="board-date">${formatHouseDate(lang(), tz)}</p>
      <dl class="facts">
        <div><dt>${t('board.deadlineLabel')}</dt><dd data-testid="board-deadline">${formatClock(lang(), b.deadline)}</dd></div>
        <div><dt>${t('board.curfewLabel')}</dt><dd data-testid="board-curfew">${b.curfew_at ? formatClock(lang(), b.curfew_at) : t('board.noCurfew')}</dd></div>
      </dl>
      <p class="board-summary" data-testid="board-summary">
        <span class="nowrap">${t('board.countCheckedIn', { done: checkedIn, total: rows.length })}</span>
        <span class="nowrap">${t('board.countHome', { done: home, total: expectedHome.length })}</span>
      </p>
      <p class=${'live-line' + (live ? ' is-live' : '')} data-testid="board-live">
        <span class="live-dot" aria-hidden="true"></span>${live ? t('board.live') : t('board.notLive')}
      </p>
    </div>
    <${Toast} kind="error" message=${problem} testid="board-error" />
    ${rows.length ? html`<ul class="board-rows" data-testid="board-rows">
      ${rows.map((r) => html`<${Row} key=${r.user} r=${r} tz=${tz} reasons=${reasonsOf(b, r.user)} />`)}
    </ul>` : html`<${EmptyState} testid="board-empty">${t('board.empty')}</${EmptyState}>`}
  </section>`;
}

function Row({ r, tz, reasons }) {
  const name = r.name || t('roster.unnamed');
  const curfew = curfewState(r);
  const d = r.daily_checkin;
  let curfewText;
  if (curfew === 'away') curfewText = t('board.curfewAway');
  else if (curfew === 'none') curfewText = t('board.notYet');
  else {
    const time = formatHouseTime(lang(), r.curfew_checkin.created, tz);
    curfewText = curfew === 'late' ? t('board.curfewLate', { time }) : t('board.curfewHome', { time });
    // Sent late because the phone was offline: the phone's time, as information.
    if (r.curfew_checkin.phone_time) {
      curfewText += ' ' + t('board.phoneTime', { time: formatHouseTime(lang(), r.curfew_checkin.phone_time, tz) });
    }
  }
  const chores = [];
  if (r.chores_open) chores.push(t('board.choresOpen', { count: r.chores_open }));
  if (r.chores_missed) chores.push(t('board.choresMissed', { count: r.chores_missed }));
  if (r.chores_to_review) chores.push(t('board.choresToReview', { count: r.chores_to_review }));

  return html`<li>
    <a class="board-row" href=${'/manage/resident?user=' + encodeURIComponent(r.user)} data-testid="board-row" data-user=${r.user}
        data-daily=${d ? 'done' : 'none'} data-mood=${d ? d.mood : ''} data-curfew=${curfew} data-reasons=${reasons.join(' ')}>
      <span class="board-row-head">
        <${Avatar} user=${{ id: r.user, name }} size=${36} />
        <span class="board-name" data-testid="board-name">${name}</span>
        ${r.status === 'away' ? html`<span class="tag tag-away">${t('home.away')}</span>` : null}
        ${chevron}
      </span>
      <${Reasons} reasons=${reasons} />
      <span class="board-facts">
        <span class="board-fact">
          <span class="board-fact-label">${t('board.dailyLabel')}</span>
          <span class=${'board-fact-value' + (d ? '' : ' is-waiting')} data-testid="board-daily">
            ${d ? html`<${MoodFace} mood=${d.mood} size=${24} /> ${t('care.moodCraving', { mood: moodLabel(d.mood), craving: Number(d.craving) || 0 })}` : t('board.notYet')}
          </span>
        </span>
        <span class="board-fact">
          <span class="board-fact-label">${t('board.tonightLabel')}</span>
          <span class=${'board-fact-value' + (curfew === 'none' ? ' is-waiting' : '') + (curfew === 'late' ? ' is-late' : '')}
            data-testid="board-curfew-status">${curfewText}</span>
        </span>
        <span class="board-fact">
          <span class="board-fact-label">${t('board.choresLabel')}</span>
          <span class=${'board-fact-value' + (r.chores_missed ? ' is-late' : '')} data-testid="board-chores">
            ${chores.length ? chores.join(' · ') : t('board.choresNone')}</span>
        </span>
      </span>
    </a>
  </li>`;
}

// byUrgency: the residents in the order of the server's attention (most
// urgent first), then the others by name as the server sends them.
export function byUrgency(b) {
  const rows = b.residents || [];
  const rank = new Map((b.attention || []).map((a, i) => [a.user, i]));
  return rows.map((r, i) => [r, rank.has(r.user) ? rank.get(r.user) : rows.length + i])
    .sort((x, y) => x[1] - y[1]).map((x) => x[0]);
}

function reasonsOf(b, user) {
  const a = (b.attention || []).find((x) => x.user === user);
  return a ? a.reasons : [];
}

function Reasons({ reasons }) {
  if (!reasons.length) return null;
  return html`<span class="reasons" data-testid="reasons">
    ${reasons.map((x) => html`<span class="reason" key=${x} data-reason=${x}>${t('care.reason.' + x)}</span>`)}
  </span>`;
}

// NeedsYou: the top of a manager's home: who needs them now, most urgent
// first, each one tap to the person (their history) or to their
// need-support post, a pass they asked for with "Approve" and "Decline"
// right there, and the chores waiting for review; then the way to the
// whole day. Live, like the board.
export function NeedsYou({ house, reviewCount }) {
  const [decided, setDecided] = useState('');
  const loaded = useLoad(() => pb.send(`/api/hearth/houses/${encodeURIComponent(house.id)}/status`, { method: 'GET' }), [house.id]);
  useLiveReload(house.id, loaded.reload);
  let body;
  if (loaded.status === 'loading') body = html`<${Loading} />`;
  else if (loaded.status === 'error') {
    body = html`<${ErrorState} message=${t('care.needsLoadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  } else {
    const b = loaded.data;
    const items = b.attention || [];
    const row = (u) => (b.residents || []).find((r) => r.user === u) || {};
    body = items.length || reviewCount ? html`<ul class="needs-list" data-testid="needs-list">
      ${items.map((a) => {
        const r = row(a.user);
        const d = r.daily_checkin;
        const name = a.name || t('roster.unnamed');
        return html`<li class="needs-item" key=${a.user} data-testid="needs-item" data-user=${a.user} data-reasons=${a.reasons.join(' ')}>
          <a class="needs-person" href=${'/manage/resident?user=' + encodeURIComponent(a.user)} data-testid="needs-person">
            <${Avatar} user=${{ id: a.user, name }} size=${36} />
            <span>
              <span class="needs-name">${name}</span>
              <${Reasons} reasons=${a.reasons} />
              ${d && a.reasons.includes('low_checkin') ? html`<span class="muted" data-testid="needs-mood">
                ${t('care.moodCraving', { mood: moodLabel(d.mood), craving: Number(d.craving) || 0 })}</span>` : null}
            </span>
          </a>
          ${a.post ? html`<a class="btn btn-support" href=${'/board/posts/' + encodeURIComponent(a.post)} data-testid="needs-post">${t('care.openPost')}</a>` : null}
          ${a.pass ? html`<${PassDecision} key=${a.pass} passId=${a.pass} onDone=${(r, words) => { setDecided(words); loaded.reload(); }} />` : null}
        </li>`;
      })}
      ${reviewCount ? html`<li class="needs-item" data-testid="needs-review">
        <a class="needs-person" href="/manage/review">${reviewCount > 99 ? t('manage.reviewWaitingMany') : t('manage.reviewWaiting', { count: reviewCount })}</a>
      </li>` : null}
    </ul>` : html`<p class="muted" data-testid="needs-none">${t('care.needsNone')}</p>`;
  }
  return html`<section class="needs" aria-labelledby="needs-title" data-testid="needs-you" data-state=${loaded.status}>
    <h2 id="needs-title" class="section-title">${t('care.needsTitle')}</h2>
    <${Toast} kind="success" message=${decided} onDismiss=${() => setDecided('')} testid="needs-decided" />
    ${body}
    <a class="btn btn-secondary" href="/manage/today" data-testid="needs-today">${t('manage.today')}</a>
  </section>`;
}
