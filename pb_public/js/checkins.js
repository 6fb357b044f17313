// Check-ins and meetings, shared by the resident's home card, the /checkin
// and /meetings screens, the partner's view and the managers' board and
// history: the mood faces, the daily check-in form, the resident's day from
// GET /api/hearth/today, meeting programs in words, and slip photos.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { t, lang } from './i18n.js';
import { pb, me, fieldCodes, handleWriteError } from './pb.js';
import { useLoad, useModule } from './load.js';
import { sendOrKeep } from './outbox.js';
import { formatCalendarDate } from './dates.js';
import { photoToken } from './chores.js';
import { Button, Dialog, Loading, Toast, splitErrors } from './ui.js';
import { isResident } from './membership.js';

export const MOODS = [1, 2, 3, 4, 5];
export const CRAVINGS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const PROGRAMS = ['aa', 'na', 'ca', 'smart', 'recovery_dharma', 'celebrate_recovery', 'refuge', 'other'];
export const FORMATS = ['in_person', 'online'];

// checksIn: whether this membership makes daily and curfew check-ins
// (residents living in the house or away on a pass; not managers, not alumni).
export function checksIn(m) {
  return isResident(m);
}

export function moodLabel(mood) {
  return MOODS.includes(Number(mood)) ? t('checkin.mood.' + mood) : '';
}

// The mouth of each face, from a frown (1) to a wide smile (5).
const MOUTHS = {
  1: 'M15 34 Q24 25 33 34',
  2: 'M16 32 Q24 28 32 32',
  3: 'M16 31 L32 31',
  4: 'M15 29 Q24 36 33 29',
  5: 'M14 27 Q24 40 34 27 Z',
};

// MoodFace: a drawn face for a mood from 1 (very low) to 5 (great). No
// emoji: cheap phones and the house PC draw them differently, or not at all.
export function MoodFace({ mood, size = 40, label }) {
  const m = MOODS.includes(Number(mood)) ? Number(mood) : 3;
  const labelled = !!label;
  return html`<svg class=${'mood-face mood-' + m} viewBox="0 0 48 48" width=${size} height=${size} focusable="false"
      role=${labelled ? 'img' : undefined} aria-label=${labelled ? label : undefined} aria-hidden=${labelled ? undefined : 'true'}
      data-testid="mood-face" data-mood=${m}>
    <circle cx="24" cy="24" r="22" class="mood-face-bg" />
    <circle cx="17" cy="19" r="2.8" fill="currentColor" />
    <circle cx="31" cy="19" r="2.8" fill="currentColor" />
    <path d=${MOUTHS[m]} fill=${m === 5 ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="3"
      stroke-linecap="round" stroke-linejoin="round" />
  </svg>`;
}

// ---------- the resident's day ----------

// useToday loads GET /api/hearth/today for the house: the day's check-ins,
// the streak, days sober and the week's meetings, in one request. A reload
// keeps what is shown until the answer comes.
export function useToday(houseId, enabled = true) {
  return useLoad(
    () => pb.send('/api/hearth/today', { method: 'GET', query: { house: houseId } }),
    [houseId],
    { keep: houseId ? 'today.' + houseId : '', enabled: enabled && !!houseId },
  );
}

// withDaily: the day after the person's daily check-in was saved.
export function withDaily(data, record) {
  const had = !!data.checkin.daily;
  return { ...data, checkin: { ...data.checkin, daily: record, streak: had ? data.checkin.streak : (data.checkin.streak || 0) + 1 } };
}

export function withCurfew(data, record) {
  return { ...data, checkin: { ...data.checkin, curfew: record } };
}

// ---------- the daily check-in form ----------

function MoodPicker({ id, value, onInput, error }) {
  const errId = error ? id + '-error' : null;
  return html`<fieldset class=${'mood-picker' + (error ? ' has-error' : '')} aria-describedby=${errId || undefined} data-testid="mood-picker">
    <legend>${t('checkin.moodQuestion')}</legend>
    <div class="mood-options">
      ${MOODS.map((m) => html`<label class="mood-option" key=${m} data-testid=${'mood-' + m}>
        <input type="radio" class="visually-hidden" name=${id} value=${m} checked=${value === m} onChange=${() => onInput(m)} />
        <${MoodFace} mood=${m} size=${40} />
        <span class="mood-option-label">${moodLabel(m)}</span>
      </label>`)}
    </div>
    ${error ? html`<p class="field-error" id=${errId} data-testid="mood-error">${error}</p>` : null}
  </fieldset>`;
}

function CravingPicker({ id, value, onInput, error }) {
  const errId = error ? id + '-error' : null;
  const hintId = id + '-hint';
  return html`<fieldset class=${'craving-picker' + (error ? ' has-error' : '')} aria-describedby=${[hintId, errId].filter(Boolean).join(' ')}
      data-testid="craving-picker">
    <legend>${t('checkin.cravingQuestion')}</legend>
    <p class="field-hint" id=${hintId}>${t('checkin.cravingHint')}</p>
    <div class="craving-options">
      ${CRAVINGS.map((c) => html`<label class="craving-option" key=${c} data-testid=${'craving-' + c}>
        <input type="radio" class="visually-hidden" name=${id} value=${c} checked=${value === c} onChange=${() => onInput(c)}
          aria-label=${t('checkin.cravingValue', { value: c })} />
        <span aria-hidden="true">${c}</span>
      </label>`)}
    </div>
    ${error ? html`<p class="field-error" id=${errId} data-testid="craving-error">${error}</p>` : null}
  </fieldset>`;
}

// CheckinForm: the daily check-in: a face, a craving (none, 0, is chosen
// like the others) and "Check in"; the note waits behind "Add a note".
// onSaved gets the new record; onQueued the write kept on the phone to be
// sent later (no connection); onAlready the server's words when today's
// check-in was made meanwhile (on another phone).
export function CheckinForm({ house, idPrefix = 'checkin', onSaved, onQueued, onAlready }) {
  const [mood, setMood] = useState(0);
  const [craving, setCraving] = useState(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    if (!mood || craving === null) {
      setErrors({ mood: mood ? undefined : t('checkin.moodMissing'), craving: craving === null ? t('care.cravingMissing') : undefined });
      return;
    }
    setBusy(true);
    setErrors({});
    setProblem('');
    try {
      const res = await sendOrKeep({
        collection: 'checkins',
        body: { house: house.id, user: me().id, kind: 'daily', mood, craving, note: note.trim() },
        phoneTimeField: 'phone_time',
      });
      if (res.queued) onQueued(res.queued);
      else onSaved(res.record);
    } catch (err) {
      if (handleWriteError(err)) return;
      setBusy(false);
      if (fieldCodes(err).kind === 'validation_already_checked_in') {
        onAlready(splitErrors(err, []).text);
        return;
      }
      const { fields, text } = splitErrors(err, ['mood', 'craving', 'note']);
      setErrors(fields);
      setProblem(Object.keys(fields).length ? '' : text);
    }
  }

  return html`<form class="checkin-form" onSubmit=${submit} novalidate data-testid="checkin-form">
    <${MoodPicker} id=${idPrefix + '-mood'} value=${mood} error=${errors.mood}
      onInput=${(m) => { setMood(m); setErrors((x) => ({ ...x, mood: undefined })); }} />
    <${CravingPicker} id=${idPrefix + '-craving'} value=${craving} error=${errors.craving}
      onInput=${(c) => { setCraving(c); setErrors((x) => ({ ...x, craving: undefined })); }} />
    <details class="disclosure" open=${!!errors.note || undefined}>
      <summary data-testid="checkin-note-toggle">${t('checkin.addNote')}</summary>
      <div class=${'field' + (errors.note ? ' has-error' : '')}>
        <label for=${idPrefix + '-note'}>${t('checkin.note')}</label>
        <textarea id=${idPrefix + '-note'} rows="3" maxlength="2000" value=${note} data-testid="checkin-note"
          aria-describedby=${idPrefix + '-note-hint'} onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
        <p class="field-hint" id=${idPrefix + '-note-hint'}>${t('checkin.noteHint')}</p>
        ${errors.note ? html`<p class="field-error">${errors.note}</p>` : null}
      </div>
    </details>
    <${Toast} kind="error" message=${problem} testid="checkin-problem" />
    <${Button} type="submit" busy=${busy} busyLabel=${t('checkin.sending')} data-testid="checkin-submit">${t('checkin.submit')}</${Button}>
  </form>`;
}

// pendingRecord: a write kept in the outbox, shown as the record it will be.
export function pendingRecord(write) {
  return { ...write.body, id: write.id, pending: true, created: new Date(write.queuedAt).toISOString() };
}

// CheckinDone: today's check-in as it was made (or kept to be sent).
export function CheckinDone({ daily }) {
  return html`<div class="checkin-done" data-testid="checkin-done" data-mood=${daily.mood} data-pending=${daily.pending ? 'true' : undefined}>
    <${MoodFace} mood=${daily.mood} size=${48} />
    <div>
      <p class="checkin-done-title">${t('checkin.doneTitle')}</p>
      <p class="muted">${t('checkin.doneLine', { mood: moodLabel(daily.mood), craving: Number(daily.craving) || 0 })}</p>
    </div>
  </div>`;
}

// isLow: mood 1 or a craving at or above the house's support_craving (7
// by default): the server's domain.LowCheckin.
export function isLow(daily, house) {
  const max = house && typeof house.support_craving === 'number' ? house.support_craving : 7;
  return !!daily && (Number(daily.mood) === 1 || Number(daily.craving) >= max);
}

// LowSupport: support.js's SupportNow; the crisis lines until it loads.
function LowSupport({ house, membership }) {
  const mod = useModule('support', () => import('./support.js'));
  return mod && membership ? html`<${mod.SupportNow} house=${house} membership=${membership} user=${me()} />`
    : html`<p class="support-lines" data-testid="support-lines">
    <a class="btn btn-primary" href="tel:988">${t('compose.call988')}</a>
    <a class="btn btn-secondary" href="sms:988">${t('compose.text988')}</a>
    <a class="btn btn-secondary" href="tel:911">${t('compose.call911')}</a>
    <a class="btn btn-support" href="/board/new?kind=support">${t('care.reachOut')}</a></p>`;
}

// DailyCheckin: the form until today's check-in is made, then what it was
// (and support when low). `today` is useToday()'s answer.
export function DailyCheckin({ house, membership, today, idPrefix }) {
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const data = today.data;
  const daily = data.checkin.daily;
  return html`<div class="daily-checkin" data-testid="daily-checkin" data-done=${daily ? 'true' : 'false'}>
    <${Toast} kind="success" message=${message.text} testid="checkin-message"
      onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
    ${daily ? html`<${CheckinDone} daily=${daily} />` : html`<${CheckinForm} house=${house} idPrefix=${idPrefix}
      onSaved=${(record) => { today.update((d) => withDaily(d, record)); setMessage({ kind: 'success', text: isLow(record, house) ? t('care.thanks') : t('checkin.thanks') }); }}
      onQueued=${(write) => { today.update((d) => withDaily(d, pendingRecord(write))); setMessage({ kind: 'success', text: t('offline.queued') }); }}
      onAlready=${(text) => { setMessage({ kind: 'success', text }); today.reload(); }} />`}
    ${isLow(daily, house) ? html`<${LowSupport} house=${house} membership=${membership} />` : null}
  </div>`;
}

// ---------- meetings ----------

export function programName(p) {
  return PROGRAMS.includes(p) ? t('meetings.program.' + p) : t('meetings.program.other');
}

export function programOptions() {
  return PROGRAMS.map((p) => ({ value: p, label: t('meetings.programLong.' + p) }));
}

export function formatName(f) {
  return FORMATS.includes(f) ? t('meetings.format.' + f) : '';
}

// meetingTitle: "NA · Just for Today".
export function meetingTitle(m) {
  return m.name ? `${programName(m.program)} · ${m.name}` : programName(m.program);
}

export function meetingDate(m) {
  return formatCalendarDate(lang(), m.date);
}

// formatWeekday: a 'YYYY-MM-DD' day as "Monday, Nov 23".
export function formatWeekday(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(ymd || ''));
  if (!m) return '';
  return new Intl.DateTimeFormat(lang(), { timeZone: 'UTC', weekday: 'long', month: 'short', day: 'numeric' })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

// weekText: "2 of 3 this week", or "2 this week" when the house expects none.
export function weekText(done, expected) {
  return expected > 0 ? t('meetings.weekOf', { done, expected }) : t('meetings.weekCount', { count: done });
}

// ProofThumb: the signed slip's photo, small; a tap shows it large. Slips
// are protected files, opened with a short-lived token; onError asks for a
// new one when it has run out.
export function ProofThumb({ meeting, token, onError }) {
  const [open, setOpen] = useState(false);
  if (!meeting.proof) return null;
  const src = token ? pb.files.getURL(meeting, meeting.proof, { token, thumb: '120x120' }) : '';
  return html`<button type="button" class="proof-thumb" onClick=${() => setOpen(true)} aria-haspopup="dialog"
      aria-label=${t('meetings.proofOpen', { title: meetingTitle(meeting) })} data-testid="meeting-proof">
    ${token ? html`<img src=${src} alt="" width="56" height="56" onError=${onError} />` : null}
  </button>
  ${open ? html`<${ProofView} meeting=${meeting} onClose=${() => setOpen(false)} />` : null}`;
}

function ProofView({ meeting, onClose }) {
  const [url, setUrl] = useState('');
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    photoToken().then((token) => {
      if (live) setUrl(pb.files.getURL(meeting, meeting.proof, token ? { token } : {}));
    });
    return () => { live = false; };
  }, [meeting.id]);
  return html`<${Dialog} id="proof-view" title=${t('meetings.proofTitle')} onClose=${onClose} testid="proof-view">
    <p class="muted">${meetingTitle(meeting)} · ${meetingDate(meeting)}</p>
    <div class="photo-full">
      ${failed ? html`<p class="muted">${t('meetings.proofFailed')}</p>`
        : url ? html`<img src=${url} alt=${t('meetings.proofAlt', { title: meetingTitle(meeting) })} onError=${() => setFailed(true)}
          data-testid="proof-view-img" />`
        : html`<${Loading} />`}
    </div>
    <${Button} kind="secondary" onClick=${onClose} data-testid="proof-view-close">${t('app.close')}</${Button}>
  </${Dialog}>`;
}

// useFileToken: a file token for protected slip photos ('' until it comes,
// or when it cannot be had), and a way to get a new one when a photo did
// not load because it ran out (not more than every 20 seconds).
export function useFileToken() {
  const [token, setToken] = useState('');
  const at = useRef(0);
  const live = useRef(true);
  const refresh = () => {
    if (Date.now() - at.current < 20000) return;
    at.current = Date.now();
    photoToken().then((tk) => { if (live.current && tk) setToken(tk); });
  };
  useEffect(() => {
    live.current = true;
    refresh();
    return () => { live.current = false; };
  }, []);
  return [token, refresh];
}
