// My chores (/chores): the resident's chores for today first, then what is
// still to do from before, and the rest of this week (Monday to Sunday,
// house-local). One tap marks a chore done; a chore that needs a photo opens
// the phone's camera, shows the photo, then sends it. A chore a manager sent
// back shows their reason and "Do it again". Also the home screen's
// "Chores today" card.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { addDays, formatHouseDay, formatHouseTime, formatWhen, houseInstant, weekStart, ymdIn, ymdOf } from '../dates.js';
import { choreOf, choreTitle, myAssignments, pointsText, PhotoButton, preparePhoto, StatusChip, TO_DO } from '../chores.js';
// The home screen's card is in ../chores.js, so home does not load this screen.
export { ChoresToday } from '../chores.js';
import { Button, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { useLoad } from '../load.js';
import { sendOrKeep } from '../outbox.js';
import { residentGate } from '../gate.js';
import { KeptNote } from '../connection.js';

// doneWrite: marking a chore done, as the outbox sends it. Sent late, it
// goes only while the chore is still open or sent back: once it is done or
// reviewed, the write has already reached the house.
function doneWrite(a, body, files) {
  return {
    collection: 'chore_assignments', recordId: a.id, body, files,
    onlyFrom: TO_DO, options: { expand: 'chore' },
  };
}

// pendingDone: the chore as it shows while its "done" waits on the phone.
function pendingDone(a) {
  return { ...a, status: 'done', done_at: '', pending: true };
}

// ---------- the screen ----------

export function MyChores({ user, houses }) {
  const gate = residentGate(houses, { name: 'chores', title: 'chores.title', body: 'chores.notLiving', loading: 'chores.loading' });
  if (gate) return gate;
  return html`<${ChoresView} key=${houses.house.id} house=${houses.house} user=${user} />`;
}

function ChoresView({ house, user }) {
  const [notice, setNotice] = useState('');
  const [busyId, setBusyId] = useState('');
  const [cardError, setCardError] = useState({ id: '', text: '' }); // a refusal, shown on its card
  const [photo, setPhoto] = useState(null); // {a, file}: a photo on its way

  // The week's chores, kept on the phone: opened without a connection, the
  // screen shows what it last loaded. Back on the screen after a while (the
  // phone slept, a manager looked at a chore meanwhile), useLoad loads again.
  const loaded = useLoad(async () => {
    const today = ymdIn(house.timezone);
    const monday = weekStart(today);
    // From a week back (this week's Monday is within it, and a chore sent
    // back last week can still be done again) to this week's Sunday.
    const res = await myAssignments(house, user.id, addDays(today, -7), addDays(monday, 7));
    return { items: res.items, today };
  }, [house.id, user.id], { keep: 'chores.' + house.id });

  if (loaded.status === 'loading') return html`<${Loading} label=${t('chores.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('chores.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }

  const state = loaded.data;
  const tz = house.timezone;
  const today = state.today;
  const monday = weekStart(today);
  const dayOf = (a) => ymdOf(a.due, tz);
  const todays = state.items.filter((a) => dayOf(a) === today);
  const before = state.items.filter((a) => dayOf(a) < today);
  const stillToDo = before.filter((a) => TO_DO.includes(a.status));
  const earlier = before.filter((a) => !TO_DO.includes(a.status) && dayOf(a) >= monday);
  const later = state.items.filter((a) => dayOf(a) > today);

  function replace(record) {
    loaded.update((s) => ({ ...s, items: s.items.map((x) => (x.id === record.id ? { ...x, ...record, expand: record.expand || x.expand } : x)) }));
  }

  // sent: a chore marked done, on the server or kept on the phone (queued)
  // until the connection returns.
  function sent(record, queued) {
    replace(record);
    setPhoto(null);
    setNotice(queued ? t('offline.queued') : t('chores.sent', { title: choreTitle(choreOf(record)) }));
  }

  // markDone: one tap for a chore that needs no photo.
  async function markDone(a) {
    setBusyId(a.id);
    setNotice('');
    setCardError({ id: '', text: '' });
    try {
      const res = await sendOrKeep(doneWrite(a, { status: 'done' }));
      if (res.queued) sent(pendingDone(a), true);
      else sent(res.record);
    } catch (err) {
      if (handleWriteError(err)) return;
      setCardError({ id: a.id, text: refusal(err, ['status']) });
      // The chore may have changed (it needs a photo now): show it as it is.
      if (err && err.status === 400) loaded.reload();
    } finally {
      setBusyId('');
    }
  }

  function pick(a, file) {
    setNotice('');
    setCardError({ id: '', text: '' });
    setPhoto({ a, file });
  }

  const card = (a) => html`<${ChoreCard} key=${a.id} a=${a} tz=${tz} today=${today} busy=${busyId === a.id}
    disabled=${!!busyId && busyId !== a.id} error=${cardError.id === a.id ? cardError.text : ''} onDone=${() => markDone(a)} onPhoto=${(file) => pick(a, file)} />`;

  return html`<section class="chores" data-testid="chores-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('chores.title')}</h1>
    </div>
    <${KeptNote} state=${loaded} />
    <${Toast} kind="success" message=${notice} testid="chores-message" onDismiss=${() => setNotice('')} />

    <section aria-labelledby="chores-today-title" data-testid="chores-today">
      <div class="section-head">
        <h2 id="chores-today-title">${t('chores.today')}</h2>
        <span class="muted">${formatHouseDay(lang(), houseInstant(today, tz, '12:00').toISOString(), tz)}</span>
      </div>
      ${todays.length ? html`<ul class="chore-list">${todays.map(card)}</ul>`
        : html`<${EmptyState} testid="chores-today-empty">${t('chores.todayEmpty')}</${EmptyState}>`}
    </section>

    ${stillToDo.length ? html`<section class="section-gap" aria-labelledby="chores-before-title" data-testid="chores-before">
      <div class="section-head"><h2 id="chores-before-title">${t('chores.stillToDo')}</h2></div>
      <ul class="chore-list">${stillToDo.map(card)}</ul>
    </section>` : null}

    <section class="section-gap" aria-labelledby="chores-week-title" data-testid="chores-week">
      <div class="section-head"><h2 id="chores-week-title">${t('chores.thisWeek')}</h2></div>
      ${later.length || earlier.length ? html`
        ${later.length ? html`<h3 class="list-label">${t('chores.laterThisWeek')}</h3>
          <ul class="chore-list" data-testid="chores-later">${later.map(card)}</ul>` : null}
        ${earlier.length ? html`<h3 class="list-label">${t('chores.earlierThisWeek')}</h3>
          <ul class="chore-list" data-testid="chores-earlier">${earlier.map(card)}</ul>` : null}`
        : html`<${EmptyState} testid="chores-week-empty">${t('chores.weekEmpty')}</${EmptyState}>`}
    </section>

    ${photo ? html`<${PhotoDialog} key=${photo.a.id} a=${photo.a} file=${photo.file}
      onPick=${(file) => pick(photo.a, file)} onClose=${() => setPhoto(null)} onSent=${sent} />` : null}
  </section>`;
}

// refusal: the words for a change the server did not take.
function refusal(err, shown) {
  if (err && err.status === 404) return t('chores.gone');
  const { fields, text } = splitErrors(err, shown);
  return Object.values(fields).filter(Boolean).join(' ') || text;
}

function ChoreCard({ a, tz, today, busy, disabled, error, onDone, onPhoto }) {
  const chore = choreOf(a);
  const title = choreTitle(chore);
  const day = ymdOf(a.due, tz);
  const time = formatHouseTime(lang(), a.due, tz);
  const when = day === today ? t('chores.dueAt', { time }) : t('chores.dueOn', { day: formatHouseDay(lang(), a.due, tz), time });
  const canDo = TO_DO.includes(a.status);
  const again = a.status === 'rejected';
  const noteId = 'chore-' + a.id + '-photo-note';
  const points = Number(a.points) || Number(chore.points) || 0;

  let action = null;
  if (canDo && chore.needs_photo) {
    action = html`<${PhotoButton} label=${again ? t('chores.doAgainPhoto') : t('chores.takePhoto')} onPick=${onPhoto}
      disabled=${disabled} describedBy=${noteId} testid="chore-photo" />`;
  } else if (canDo) {
    action = html`<${Button} busy=${busy} busyLabel=${t('chores.marking')} disabled=${disabled} onClick=${onDone}
      data-testid="chore-done">${again ? t('chores.doAgain') : t('chores.markDone')}</${Button}>`;
  }

  return html`<li class=${'chore-card chore-' + a.status} data-testid="chore" data-id=${a.id} data-status=${a.status}>
    <div class="chore-top">
      <h3 class="chore-title" data-testid="chore-title">${title}</h3>
      <${StatusChip} status=${a.status} />
    </div>
    <p class="chore-meta">
      <span class="nowrap" data-testid="chore-due">${when}</span>
      <span aria-hidden="true"> · </span><span class="nowrap">${pointsText(points)}</span>
    </p>
    ${chore.description ? html`<p class="chore-description">${chore.description}</p>` : null}
    ${chore.needs_photo && canDo ? html`<p class="chore-photo-note" id=${noteId}>${t('chores.photoNeeded')}</p>` : null}
    ${again ? html`<p class="reason" data-testid="chore-review-note">
      <span class="reason-label">${t('chores.sentBack')}</span> ${a.review_note || t('chores.sentBackNoReason')}</p>` : null}
    ${a.status === 'excused' && a.review_note ? html`<p class="reason reason-calm" data-testid="chore-review-note">
      <span class="reason-label">${t('chores.excusedNote')}</span> ${a.review_note}</p>` : null}
    <${StatusLine} a=${a} tz=${tz} />
    <${Toast} kind="error" message=${error} testid="chore-error" />
    ${action ? html`<div class="chore-actions">${action}</div>` : null}
  </li>`;
}

function StatusLine({ a, tz }) {
  let text = '';
  if (a.status === 'done') text = a.done_at ? t('chores.doneWaitingAt', { when: formatWhen(lang(), a.done_at, tz) }) : t('chores.doneWaiting');
  if (a.pending) text = t('offline.waiting');
  else if (a.status === 'approved') text = t('chores.approvedLine');
  else if (a.status === 'missed') text = t('chores.missedLine');
  else if (a.status === 'excused') text = t('chores.excusedLine');
  if (!text) return null;
  return html`<p class="chore-line" data-testid="chore-line">${text}</p>`;
}

// PhotoDialog: the chosen photo, made small enough to send, with an
// optional note; "Send" marks the chore done with it.
function PhotoDialog({ a, file, onPick, onClose, onSent }) {
  const title = choreTitle(choreOf(a));
  const [ready, setReady] = useState(null); // the file to send
  const [preview, setPreview] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  useEffect(() => {
    let live = true;
    let url = '';
    setReady(null);
    setPreview('');
    setErrors((e) => ({ ...e, photo: undefined }));
    preparePhoto(file).then((f) => {
      if (!live) return;
      url = URL.createObjectURL(f);
      setReady(f);
      setPreview(url);
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [file]);

  async function send() {
    if (!ready) return;
    setBusy(true);
    setErrors({});
    setProblem('');
    const body = { status: 'done' };
    if (note.trim()) body.note = note.trim();
    try {
      const res = await sendOrKeep(doneWrite(a, body, { photo: ready }));
      if (res.queued) onSent(pendingDone(a), true);
      else onSent(res.record);
    } catch (err) {
      if (handleWriteError(err)) return;
      if (err && err.status === 404) {
        setProblem(t('chores.gone'));
      } else {
        const { fields, text } = splitErrors(err, ['photo', 'note']);
        setErrors(fields);
        setProblem(Object.keys(fields).length ? '' : text);
      }
      setBusy(false);
    }
  }

  return html`<${Dialog} id="photo-dialog" title=${a.status === 'rejected' ? t('chores.photoTitleAgain') : t('chores.photoTitle')}
      onClose=${busy ? () => {} : onClose} testid="photo-dialog">
    <p class="photo-for">${title}</p>
    <div class="photo-preview" data-testid="photo-preview-box">
      ${preview ? html`<img src=${preview} alt=${t('chores.photoAlt', { title })} data-testid="photo-preview" />`
        : html`<${Loading} label=${t('chores.preparing')} />`}
    </div>
    ${errors.photo ? html`<p class="field-error" data-testid="photo-error">${errors.photo}</p>` : null}
    <${PhotoButton} kind="secondary" label=${t('chores.retake')} onPick=${onPick} disabled=${busy} testid="photo-retake" />
    <${Field} id="photo-note" type="textarea" label=${t('chores.note')} hint=${t('chores.noteHint')} value=${note}
      onInput=${(v) => { setNote(v); if (errors.note) setErrors((e) => ({ ...e, note: undefined })); }}
      error=${errors.note} rows="2" maxlength="1000" testid="photo-note" />
    <${Toast} kind="error" message=${problem} testid="photo-problem" />
    <div class="panel-actions">
      <${Button} busy=${busy} busyLabel=${t('chores.sending')} disabled=${!ready} onClick=${send}
        data-testid="photo-send">${t('chores.send')}</${Button}>
      <${Button} kind="secondary" disabled=${busy} onClick=${onClose} data-testid="photo-cancel">${t('chores.cancel')}</${Button}>
    </div>
    ${busy ? html`<p class="muted" role="status">${t('chores.sendingSlow')}</p>` : null}
  </${Dialog}>`;
}
