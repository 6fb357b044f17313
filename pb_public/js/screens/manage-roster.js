// The manager's roster (/manage/roster): vacancies, the residents who live in
// the house (tap one to change their place, mark a pass, or move them out),
// the staff, and who has moved out.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleLoadError, isOffline } from '../pb.js';
import { useLoad } from '../load.js';
import { addDays, daysBetween, daysSober, formatCalendarDate, formatHouseShortDay, ymdIn } from '../dates.js';
import { Avatar, Button, Choices, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';
import { isAlumnus, isMember } from '../membership.js';

const chevron = html`<svg class="icon chevron" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9.3 5.3a1 1 0 0 0 0 1.4L14.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l6-6a1 1 0 0 0 0-1.4l-6-6a1 1 0 0 0-1.4 0Z"/>
</svg>`;

function userOf(m) {
  return (m.expand && m.expand.user) || { id: m.user };
}

function nameOf(m) {
  return userOf(m).name || t('roster.unnamed');
}

function firstName(m) {
  return nameOf(m).split(/\s+/)[0];
}

// Rooms sort as people read them: 2 before 10, and no room last.
function compareText(a, b) {
  if (!a !== !b) return a ? -1 : 1;
  return String(a || '').localeCompare(String(b || ''), undefined, { numeric: true, sensitivity: 'base' });
}

function byPlace(a, b) {
  return compareText(a.room, b.room) || compareText(a.bed, b.bed) || compareText(nameOf(a), nameOf(b));
}

function byMoveOut(a, b) {
  return String(b.move_out || '').localeCompare(String(a.move_out || '')) || compareText(nameOf(a), nameOf(b));
}

function placeText(m) {
  if (!m.room) return t('home.noRoom');
  return m.bed ? t('home.roomBed', { room: m.room, bed: m.bed }) : t('home.room', { room: m.room });
}

function dateText(value) {
  return formatCalendarDate(lang(), value);
}

async function loadRoster(houseId) {
  const [list, house] = await Promise.all([
    pb.collection('memberships').getList(1, 200, {
      filter: pb.filter('house = {:h}', { h: houseId }),
      expand: 'user,partner',
      sort: 'room,bed',
      skipTotal: true,
    }),
    pb.collection('houses').getOne(houseId),
  ]);
  return { items: list.items, house };
}

export function Roster({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${RosterView} key=${houses.house.id} first=${houses.house} />`;
}

function RosterView({ first }) {
  const [openId, setOpenId] = useState(null);
  const [notice, setNotice] = useState({ kind: 'success', text: '' });

  // Managers' data: not kept on the phone.
  const loaded = useLoad(() => loadRoster(first.id), [first.id]);
  // A refresh after a change that failed keeps what is on screen and says so.
  const refreshError = loaded.data != null ? loaded.error : null;
  useEffect(() => {
    if (refreshError) setNotice({ kind: 'error', text: isOffline(refreshError) ? t('app.offline') : t('roster.refreshError') });
  }, [refreshError]);

  const house = loaded.data ? loaded.data.house : first;
  const today = ymdIn(house.timezone);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('roster.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('roster.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const data = loaded.data;

  const residents = data.items.filter((m) => m.role === 'resident' && isMember(m)).sort(byPlace);
  const staff = data.items.filter((m) => m.role === 'manager').sort(byPlace);
  const movedOut = data.items.filter((m) => m.role === 'resident' && !isMember(m)).sort(byMoveOut);
  const members = data.items.filter(isMember);
  const open = residents.find((m) => m.id === openId) || null;

  // The changed record comes back from the server: show it at once, then
  // load the roster and the house again (someone else may have changed them).
  function changed(record, text) {
    setOpenId(null);
    loaded.update((d) => ({ ...d, items: d.items.map((m) => (m.id === record.id ? record : m)) }));
    setNotice({ kind: 'success', text });
    loaded.reload();
  }

  return html`<section class="roster" data-testid="roster-screen">
    <${ScreenHead} title=${t('roster.title')} house=${house} />
    <${Vacancies} house=${house} occupied=${residents.length} />
    <${Toast} kind="error" message=${notice.kind === 'error' ? notice.text : ''} testid="roster-error" />
    <${Toast} kind="success" message=${notice.kind === 'success' ? notice.text : ''} testid="roster-message"
      onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />

    <div class="section-head">
      <h2>${t('roster.residents')}</h2>
      <span class="muted" data-testid="roster-count">${t('roster.peopleCount', { count: residents.length })}</span>
    </div>
    ${residents.length ? html`<ul class="people" data-testid="roster-residents">
      ${residents.map((m) => html`<${ResidentRow} key=${m.id} m=${m} today=${today} tz=${house.timezone} onOpen=${() => { setNotice((n) => ({ ...n, text: '' })); setOpenId(m.id); }} />`)}
    </ul>` : html`<${EmptyState} testid="roster-empty">${t('roster.empty')}</${EmptyState}>`}

    <div class="section-head section-gap">
      <h2>${t('roster.staff')}</h2>
    </div>
    <p class="muted section-note">${t('roster.staffNote')}</p>
    ${staff.length ? html`<ul class="people" data-testid="roster-staff">
      ${staff.map((m) => html`<${StaffRow} key=${m.id} m=${m} />`)}
    </ul>` : html`<${EmptyState} testid="roster-staff-empty">${t('roster.staffEmpty')}</${EmptyState}>`}

    <div class="section-head section-gap">
      <h2>${t('roster.movedOut')}</h2>
      ${movedOut.length ? html`<span class="muted">${t('roster.peopleCount', { count: movedOut.length })}</span>` : null}
    </div>
    ${movedOut.length ? html`<ul class="people" data-testid="roster-moved-out">
      ${movedOut.map((m) => html`<${MovedOutRow} key=${m.id} m=${m} />`)}
    </ul>` : html`<${EmptyState} testid="roster-moved-out-empty">${t('roster.movedOutEmpty')}</${EmptyState}>`}

    ${open ? html`<${ResidentPanel} key=${open.id} m=${open} members=${members} house=${house} today=${today}
      onClose=${() => setOpenId(null)} onChanged=${changed} />` : null}
  </section>`;
}

function Vacancies({ house, occupied }) {
  const capacity = Number(house.capacity) || 0;
  if (capacity <= 0) {
    return html`<div class="card vacancies" data-testid="vacancies" data-capacity="0" data-occupied=${occupied}>
      <p class="vacancies-main">${t('roster.noLimit')}</p>
      <p class="muted">${t('roster.noLimitBody', { count: occupied })}</p>
      <a class="btn btn-secondary" href="/manage/invite" data-testid="roster-add">${t('manage.invite')}</a>
    </div>`;
  }
  const free = Math.max(0, capacity - occupied);
  const pct = Math.min(100, Math.round((occupied / capacity) * 100));
  return html`<div class="card vacancies" data-testid="vacancies" data-capacity=${capacity} data-occupied=${occupied} data-vacancies=${free}>
    <p class="vacancies-main" data-testid="vacancies-text">${t('roster.vacancies', { count: free })}</p>
    <div class="bar" aria-hidden="true"><span style=${`width:${pct}%`}></span></div>
    <p class="muted" data-testid="occupancy">${t('roster.occupancy', { taken: occupied, capacity })}</p>
    ${free > 0 ? html`<a class="btn btn-secondary" href="/manage/invite" data-testid="roster-add">${t('manage.invite')}</a>` : null}
  </div>`;
}

function SoberTag({ user, today }) {
  const days = user.sobriety_date ? daysSober(user.sobriety_date, today) : null;
  if (days === null) return null;
  return html`<span class="tag tag-sober" data-testid="days-sober" data-days=${days}>
    ${days === 0 ? t('home.soberToday') : t('home.daysSober', { count: days })}</span>`;
}

function AwayTag({ m }) {
  if (m.status !== 'away') return null;
  return html`<span class="tag tag-away" data-testid="away-tag">
    ${m.away_until ? t('home.awayUntil', { date: dateText(m.away_until) }) : t('home.away')}</span>`;
}

// RulesRead: when the resident said they read the house rules (the
// server's time, shown as the house's day), or that they have not yet.
function RulesRead({ m, tz }) {
  return html`<span class=${'person-meta' + (m.rules_read_at ? '' : ' is-waiting')} data-testid="roster-rules"
      data-read=${m.rules_read_at ? 'true' : 'false'}>
    ${m.rules_read_at ? t('seenManage.rulesReadOn', { date: formatHouseShortDay(lang(), m.rules_read_at, tz) }) : t('seenManage.rulesNotYet')}</span>`;
}

function ResidentRow({ m, today, tz, onOpen }) {
  const u = userOf(m);
  const partner = m.expand && m.expand.partner;
  const days = m.move_in ? daysBetween(m.move_in, today) : null;
  return html`<li data-testid="roster-resident" data-id=${m.id} data-user=${m.user} data-status=${m.status}>
    <button type="button" class="person person-button" onClick=${onOpen} aria-haspopup="dialog" data-testid="roster-open">
      <${Avatar} user=${u} size=${48} />
      <span class="person-main">
        <span class="person-name" data-testid="roster-name">${nameOf(m)}</span>
        <span class="person-meta" data-testid="roster-place">${placeText(m)}${m.phase ? ' · ' + t('roster.phase', { phase: m.phase }) : ''}</span>
        ${m.move_in ? html`<span class="person-meta">
          ${t('roster.movedIn', { date: dateText(m.move_in) })}
          ${days !== null ? html` · <span class="nowrap" data-testid="days-here" data-days=${days}>${t('roster.daysHere', { count: days })}</span>` : null}
        </span>` : null}
        ${partner ? html`<span class="person-meta" data-testid="roster-partner">${t('roster.partnerIs', { name: partner.name || t('roster.unnamed') })}</span>` : null}
        <${RulesRead} m=${m} tz=${tz} />
        <span class="tags"><${SoberTag} user=${u} today=${today} /><${AwayTag} m=${m} /></span>
      </span>
      ${chevron}
    </button>
  </li>`;
}

function StaffRow({ m }) {
  return html`<li class="person" data-testid="roster-staff-member" data-user=${m.user} data-status=${m.status}>
    <${Avatar} user=${userOf(m)} size=${48} />
    <div class="person-main">
      <p class="person-name">${nameOf(m)}</p>
      <p class="person-meta">${placeText(m)}</p>
      <p class="tags">
        <span class="tag tag-manager">${t('home.manager')}</span>
        ${m.status !== 'active' ? html`<span class="tag tag-quiet">${t('roster.status.' + m.status)}</span>` : null}
      </p>
    </div>
  </li>`;
}

function MovedOutRow({ m }) {
  return html`<li class="person person-top" data-testid="roster-moved-out-item" data-id=${m.id} data-user=${m.user} data-status=${m.status}>
    <${Avatar} user=${userOf(m)} size=${48} />
    <div class="person-main">
      <p class="person-name">${nameOf(m)}</p>
      <p class="person-meta">${m.move_out ? t('roster.movedOutOn', { date: dateText(m.move_out) }) : t('roster.movedOutNoDate')}</p>
      <p class="tags"><span class=${'tag ' + (isAlumnus(m) ? 'tag-sober' : 'tag-quiet')} data-testid="moved-out-status">${t('roster.status.' + m.status)}</span></p>
      ${m.exit_reason ? html`<p class="reason" data-testid="moved-out-reason">
        <span class="reason-label">${t('roster.reasonLabel')}</span> ${m.exit_reason}</p>` : null}
    </div>
  </li>`;
}

const PLACE_FIELDS = ['room', 'bed', 'phase', 'partner'];
const AWAY_FIELDS = ['away_until', 'status'];
const MOVE_OUT_FIELDS = ['move_out', 'status', 'exit_reason'];

function ResidentPanel({ m, members, house, today, onClose, onChanged }) {
  const name = nameOf(m);
  const first = firstName(m);
  const [view, setView] = useState('main'); // main | moveout | confirm
  const [place, setPlace] = useState({
    room: m.room || '', bed: m.bed || '', phase: m.phase ? String(m.phase) : '', partner: m.partner || '',
  });
  const [awayUntil, setAwayUntil] = useState(m.away_until ? m.away_until.slice(0, 10) : addDays(today, 1));
  const [out, setOut] = useState({ move_out: today, kind: 'alumni', exit_reason: '' });
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState('');

  async function patch(action, body, shown, message) {
    setBusy(action);
    setErrors({});
    setProblem('');
    try {
      const record = await pb.collection('memberships').update(m.id, body, { expand: 'user,partner' });
      onChanged(record, message(record));
    } catch (err) {
      if (handleLoadError(err)) return;
      const { fields, text } = splitErrors(err, shown);
      setErrors(fields);
      setProblem(text);
      setBusy('');
      if (action === 'discharge') setView('moveout');
    }
  }

  const setField = (setter, field) => (value) => {
    setter((f) => ({ ...f, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
    setProblem('');
  };

  function savePlace(e) {
    e.preventDefault();
    patch('place', {
      room: place.room.trim(),
      bed: place.bed.trim(),
      phase: place.phase ? Number(place.phase) : 0,
      partner: place.partner,
    }, PLACE_FIELDS, () => t('roster.savedPlace', { name: first }));
  }

  function markAway(e) {
    e.preventDefault();
    patch('away', { status: 'away', away_until: awayUntil }, AWAY_FIELDS,
      (r) => (r.away_until ? t('roster.markedAwayUntil', { name: first, date: dateText(r.away_until) }) : t('roster.markedAway', { name: first })));
  }

  function backHome() {
    patch('back', { status: 'active' }, AWAY_FIELDS, () => t('roster.welcomeBack', { name: first }));
  }

  function moveOut(kind) {
    patch(kind === 'discharged' ? 'discharge' : 'moveout', {
      status: kind, move_out: out.move_out, exit_reason: out.exit_reason.trim(),
    }, MOVE_OUT_FIELDS, () => (kind === 'discharged'
      ? t('roster.discharged', { name: first, house: house.name })
      : t('roster.movedOutAlumni', { name: first })));
  }

  function submitMoveOut(e) {
    e.preventDefault();
    if (out.kind === 'discharged') {
      setProblem('');
      setView('confirm');
    } else {
      moveOut('alumni');
    }
  }

  // The partner: only the resident chooses one (their partner reads their
  // check-ins); a manager sees who it is and can remove them.
  const partnerOptions = [{ value: '', label: t('roster.noPartner') }];
  if (m.partner) {
    const p = members.find((x) => x.user === m.partner);
    const former = m.expand && m.expand.partner;
    partnerOptions.push({
      value: m.partner,
      label: p ? nameOf(p) : t('roster.formerPartner', { name: (former && former.name) || t('roster.unnamed') }),
    });
  }
  const phaseOptions = [
    { value: '', label: t('roster.noPhase') },
    ...[1, 2, 3].map((n) => ({ value: String(n), label: t('roster.phase', { phase: n }) })),
  ];

  let body;
  if (view === 'confirm') {
    body = html`<div class="stack" data-testid="discharge-confirm" role="alertdialog" aria-labelledby="discharge-q">
      <p class="confirm-question" id="discharge-q">${t('roster.dischargeQuestion', { name, house: house.name })}</p>
      <p>${t('roster.dischargeExplain')}</p>
      <div class="panel-actions">
        <${Button} kind="danger" busy=${busy === 'discharge'} busyLabel=${t('roster.saving')} onClick=${() => moveOut('discharged')}
          data-testid="discharge-yes">${t('roster.dischargeYes', { name: first })}</${Button}>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${() => setView('moveout')} data-testid="discharge-no">${t('roster.goBack')}</${Button}>
      </div>
    </div>`;
  } else if (view === 'moveout') {
    body = html`<form class="form" onSubmit=${submitMoveOut} novalidate data-testid="moveout-form">
      <p>${t('roster.moveOutIntro', { name: first })}</p>
      <${Field} id="moveout-date" type="date" label=${t('roster.moveOutDate')} value=${out.move_out} max=${addDays(today, 366)}
        onInput=${setField(setOut, 'move_out')} error=${errors.move_out} testid="moveout-date" />
      <${Choices} id="moveout-kind" legend=${t('roster.moveOutKind')} value=${out.kind} onInput=${setField(setOut, 'kind')}
        error=${errors.status} testid="moveout-kind" options=${[
          { value: 'alumni', label: t('roster.kindAlumni'), hint: t('roster.kindAlumniHint') },
          { value: 'discharged', label: t('roster.kindDischarged'), hint: t('roster.kindDischargedHint') },
        ]} />
      <${Field} id="moveout-reason" type="textarea" label=${t('roster.reason')} hint=${t('roster.reasonHint')} value=${out.exit_reason}
        onInput=${setField(setOut, 'exit_reason')} error=${errors.exit_reason} rows="3" maxlength="2000" testid="moveout-reason" />
      <${Toast} kind="error" message=${problem} testid="panel-error" />
      <div class="panel-actions">
        <${Button} type="submit" kind=${out.kind === 'discharged' ? 'danger' : 'primary'} busy=${busy === 'moveout'} busyLabel=${t('roster.saving')}
          data-testid="moveout-submit">${out.kind === 'discharged' ? t('roster.continue') : t('roster.moveOutSubmit', { name: first })}</${Button}>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${() => { setErrors({}); setProblem(''); setView('main'); }}
          data-testid="moveout-cancel">${t('roster.goBack')}</${Button}>
      </div>
    </form>`;
  } else {
    body = html`<div class="panel-sections">
      <form class="form panel-section" onSubmit=${savePlace} novalidate data-testid="panel-place-form">
        <h3>${t('roster.placeTitle')}</h3>
        <div class="field-row">
          <${Field} id="panel-room" label=${t('roster.room')} value=${place.room} onInput=${setField(setPlace, 'room')}
            error=${errors.room} maxlength="40" testid="panel-room" />
          <${Field} id="panel-bed" label=${t('roster.bed')} value=${place.bed} onInput=${setField(setPlace, 'bed')}
            error=${errors.bed} maxlength="40" testid="panel-bed" />
        </div>
        <${Field} id="panel-phase" type="select" label=${t('roster.phaseLabel')} value=${place.phase} options=${phaseOptions}
          onInput=${setField(setPlace, 'phase')} error=${errors.phase} testid="panel-phase" />
        <${Field} id="panel-partner" type="select" label=${t('roster.partner')} hint=${t('roster.partnerHint')} value=${place.partner}
          options=${partnerOptions} onInput=${setField(setPlace, 'partner')} error=${errors.partner} testid="panel-partner" />
        <div class="form-actions">
          <${Button} type="submit" busy=${busy === 'place'} busyLabel=${t('roster.saving')} disabled=${!!busy && busy !== 'place'}
            data-testid="panel-save">${t('roster.save')}</${Button}>
        </div>
      </form>

      ${m.status === 'away' ? html`<div class="panel-section" data-testid="panel-away-section">
        <h3>${t('roster.passTitle')}</h3>
        <p>${m.away_until ? t('roster.awayNowUntil', { name: first, date: dateText(m.away_until) }) : t('roster.awayNow', { name: first })}</p>
        ${errors.status ? html`<p class="field-error" data-testid="panel-status-error">${errors.status}</p>` : null}
        <${Button} kind="secondary" busy=${busy === 'back'} busyLabel=${t('roster.saving')} disabled=${!!busy && busy !== 'back'}
          onClick=${backHome} data-testid="panel-back">${t('roster.backHome')}</${Button}>
      </div>` : html`<form class="form panel-section" onSubmit=${markAway} novalidate data-testid="panel-away-form">
        <h3>${t('roster.passTitle')}</h3>
        <${Field} id="panel-away-until" type="date" label=${t('roster.expectedBack')} hint=${t('roster.expectedBackHint')}
          value=${awayUntil} min=${today} onInput=${(v) => { setAwayUntil(v); setProblem(''); if (errors.away_until) setErrors((x) => ({ ...x, away_until: undefined })); }}
          error=${errors.away_until} testid="panel-away-until" />
        ${errors.status ? html`<p class="field-error" data-testid="panel-status-error">${errors.status}</p>` : null}
        <${Button} type="submit" kind="secondary" busy=${busy === 'away'} busyLabel=${t('roster.saving')} disabled=${!!busy && busy !== 'away'}
          data-testid="panel-away">${t('roster.markAway')}</${Button}>
      </form>`}

      <div class="panel-section">
        <h3>${t('roster.moveOutTitle')}</h3>
        <p class="muted">${t('roster.moveOutHint')}</p>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${() => { setErrors({}); setProblem(''); setView('moveout'); }}
          data-testid="panel-move-out">${t('roster.moveOut')}</${Button}>
      </div>
      <${Toast} kind="error" message=${problem} testid="panel-error" />
    </div>`;
  }

  const title = view === 'main' ? name : view === 'moveout' ? t('roster.moveOutTitleFor', { name }) : t('roster.dischargeTitle');
  return html`<${Dialog} id="resident-panel" title=${title} onClose=${busy ? () => {} : onClose} testid="resident-panel">
    <div class="panel-who">
      <${Avatar} user=${userOf(m)} size=${40} />
      <p class="muted">${placeText(m)}${m.move_in ? ' · ' + t('roster.movedIn', { date: dateText(m.move_in) }) : ''}</p>
    </div>
    ${body}
  </${Dialog}>`;
}
