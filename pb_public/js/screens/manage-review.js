// Review chores (/manage/review): the house's chores marked done, oldest
// due first, with their photos (tap one to see it large); a manager approves
// one or sends it back with a reason. Below, the chores not done over the
// last 7 days (missed, or open past their due time), which a manager may
// excuse. A manager's own chore waits for another manager.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError, isOffline } from '../pb.js';
import { useLoad } from '../load.js';
import { formatHouseDateTime, formatWhen } from '../dates.js';
import { assigneeOf, choreOf, choreTitle, photoToken, photoURL, pointsText, StatusChip } from '../chores.js';
import { Avatar, Button, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';

const DAY = 86400000;

function nameOf(u) {
  return (u && u.name) || t('roster.unnamed');
}

function firstName(u) {
  return nameOf(u).split(/\s+/)[0];
}

async function loadReview(houseId) {
  const now = new Date();
  const [waiting, notDone, token] = await Promise.all([
    pb.collection('chore_assignments').getList(1, 100, {
      filter: pb.filter('house = {:h} && status = "done"', { h: houseId }),
      sort: 'due',
      expand: 'chore,assignee',
      skipTotal: true,
    }),
    pb.collection('chore_assignments').getList(1, 100, {
      filter: pb.filter('house = {:h} && due >= {:from} && ((status = "open" && due < {:now}) || status = "missed")', {
        h: houseId, from: new Date(now.getTime() - 7 * DAY), now,
      }),
      sort: '-due',
      expand: 'chore,assignee',
      skipTotal: true,
    }),
    photoToken(),
  ]);
  return { waiting: waiting.items, notDone: notDone.items, token };
}

export function Review({ houses, user }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${ReviewView} key=${houses.house.id} house=${houses.house} user=${user} />`;
}

function ReviewView({ house, user }) {
  const [notice, setNotice] = useState({ kind: 'success', text: '' });
  const [busyId, setBusyId] = useState('');
  const [itemError, setItemError] = useState({ id: '', text: '' }); // a refusal, shown on its card
  const [dialog, setDialog] = useState(null); // {kind: 'photo' | 'reject' | 'excuse', a}
  const tokenAt = useRef(0);

  // Managers' data: not kept on the phone. Back on the screen after a
  // while, useLoad loads again.
  const loaded = useLoad(async () => {
    const d = await loadReview(house.id);
    tokenAt.current = Date.now();
    return d;
  }, [house.id]);
  // Loading again failed while the lists show: say so above them.
  const refreshError = loaded.data != null ? loaded.error : null;
  useEffect(() => {
    if (refreshError) setNotice({ kind: 'error', text: isOffline(refreshError) ? t('app.offline') : t('review.refreshError') });
  }, [refreshError]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('review.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('review.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const data = loaded.data;
  const setData = loaded.update;

  const tz = house.timezone;

  // A photo that did not load: its file token may have run out. Get a new
  // one (not more than every 20 seconds); the photos load again with it.
  function photoFailed() {
    if (Date.now() - tokenAt.current < 20000) return;
    tokenAt.current = Date.now();
    photoToken().then((token) => { if (token) setData((d) => ({ ...d, token })); });
  }

  function settled(a, text) {
    setDialog(null);
    setData((d) => ({ ...d, waiting: d.waiting.filter((x) => x.id !== a.id), notDone: d.notDone.filter((x) => x.id !== a.id) }));
    setNotice({ kind: 'success', text });
  }

  async function approve(a) {
    setBusyId(a.id);
    setNotice((n) => ({ ...n, text: '' }));
    setItemError({ id: '', text: '' });
    try {
      await pb.collection('chore_assignments').update(a.id, { status: 'approved' });
      settled(a, t('review.approved', { name: firstName(assigneeOf(a)), title: choreTitle(choreOf(a)) }));
    } catch (err) {
      if (handleWriteError(err)) return;
      setItemError({ id: a.id, text: refusal(err) });
    } finally {
      setBusyId('');
    }
  }

  const mine = (a) => a.assignee === user.id;
  const open = (kind, a) => { setNotice((n) => ({ ...n, text: '' })); setItemError({ id: '', text: '' }); setDialog({ kind, a }); };

  return html`<section class="review" data-testid="review-screen">
    <${ScreenHead} title=${t('review.title')} house=${house} />
    <p class="lead">${t('review.intro')}</p>
    <${Toast} kind="error" message=${notice.kind === 'error' ? notice.text : ''} testid="review-error" />
    <${Toast} kind="success" message=${notice.kind === 'success' ? notice.text : ''} testid="review-message"
      onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />

    <div class="section-head">
      <h2>${t('review.waiting')}</h2>
      <span class="muted" data-testid="review-waiting-count">${t('review.count', { count: data.waiting.length })}</span>
    </div>
    ${data.waiting.length ? html`<ul class="chore-list" data-testid="review-waiting">
      ${data.waiting.map((a) => html`<${WaitingCard} key=${a.id} a=${a} tz=${tz} token=${data.token} mine=${mine(a)}
        busy=${busyId === a.id} disabled=${!!busyId && busyId !== a.id} error=${itemError.id === a.id ? itemError.text : ''} onApprove=${() => approve(a)}
        onReject=${() => open('reject', a)} onPhoto=${() => open('photo', a)} onPhotoError=${photoFailed} />`)}
    </ul>` : html`<${EmptyState} testid="review-empty">${t('review.empty')}</${EmptyState}>`}

    <div class="section-head section-gap">
      <h2>${t('review.notDone')}</h2>
      <span class="muted" data-testid="review-not-done-count">${t('review.count', { count: data.notDone.length })}</span>
    </div>
    <p class="muted section-note">${t('review.notDoneNote')}</p>
    ${data.notDone.length ? html`<ul class="chore-list" data-testid="review-not-done">
      ${data.notDone.map((a) => html`<${NotDoneCard} key=${a.id} a=${a} tz=${tz} mine=${mine(a)}
        disabled=${!!busyId} onExcuse=${() => open('excuse', a)} />`)}
    </ul>` : html`<${EmptyState} testid="review-not-done-empty">${t('review.notDoneEmpty')}</${EmptyState}>`}

    ${dialog && dialog.kind === 'photo' ? html`<${PhotoView} a=${dialog.a} onClose=${() => setDialog(null)} />` : null}
    ${dialog && dialog.kind === 'reject' ? html`<${ReasonDialog} kind="reject" a=${dialog.a} onClose=${() => setDialog(null)}
      onDone=${(a) => settled(a, t('review.rejected', { name: firstName(assigneeOf(a)) }))} />` : null}
    ${dialog && dialog.kind === 'excuse' ? html`<${ReasonDialog} kind="excuse" a=${dialog.a} onClose=${() => setDialog(null)}
      onDone=${(a) => settled(a, t('review.excused', { name: firstName(assigneeOf(a)), title: choreTitle(choreOf(a)) }))} />` : null}
  </section>`;
}

// refusal: the server's words for a change it did not take.
function refusal(err, shown = []) {
  if (err && err.status === 404) return t('review.gone');
  const { fields, text } = splitErrors(err, shown);
  return Object.values(fields).filter(Boolean).join(' ') || text;
}

function Who({ a }) {
  const u = assigneeOf(a);
  return html`<div class="review-who">
    <${Avatar} user=${u} size=${40} />
    <div class="person-main">
      <p class="person-name" data-testid="review-name">${nameOf(u)}</p>
      <p class="review-chore" data-testid="review-chore">${choreTitle(choreOf(a))}</p>
    </div>
  </div>`;
}

function WaitingCard({ a, tz, token, mine, busy, disabled, error, onApprove, onReject, onPhoto, onPhotoError }) {
  const chore = choreOf(a);
  const u = assigneeOf(a);
  const thumb = photoURL(a, token, '480x0');
  return html`<li class="chore-card review-card" data-testid="review-item" data-id=${a.id} data-mine=${mine ? 'true' : 'false'}>
    <${Who} a=${a} />
    <p class="chore-meta">
      <span class="nowrap">${t('review.due', { when: formatHouseDateTime(lang(), a.due, tz) })}</span>
      <span aria-hidden="true"> · </span><span class="nowrap">${pointsText(a.points || chore.points)}</span>
    </p>
    ${a.done_at ? html`<p class="chore-line">${t('review.doneAt', { when: formatWhen(lang(), a.done_at, tz) })}</p>` : null}
    ${a.photo ? html`<button type="button" class="thumb-btn" onClick=${onPhoto} aria-haspopup="dialog" data-testid="review-photo"
        aria-label=${t('review.photoOpen', { name: firstName(u), title: choreTitle(chore) })}>
        <img src=${thumb} alt="" onError=${onPhotoError} data-testid="review-thumb" />
        <span class="thumb-hint" aria-hidden="true">${t('review.tapToEnlarge')}</span>
      </button>` : html`<p class="muted" data-testid="review-no-photo">${chore.needs_photo ? t('review.photoMissing') : t('review.noPhoto')}</p>`}
    ${a.note ? html`<p class="reason reason-calm" data-testid="review-note"><span class="reason-label">${t('review.theirNote')}</span> ${a.note}</p>` : null}
    <${Toast} kind="error" message=${error} testid="review-item-error" />
    ${mine ? html`<p class="own-note" data-testid="review-own">${t('review.own')}</p>` : html`<div class="panel-actions">
      <${Button} busy=${busy} busyLabel=${t('review.approving')} disabled=${disabled} onClick=${onApprove}
        data-testid="review-approve">${t('review.approve')}</${Button}>
      <${Button} kind="secondary" disabled=${disabled || busy} onClick=${onReject} aria-haspopup="dialog"
        data-testid="review-reject">${t('review.reject')}</${Button}>
    </div>`}
  </li>`;
}

function NotDoneCard({ a, tz, mine, disabled, onExcuse }) {
  return html`<li class="chore-card review-card" data-testid="not-done-item" data-id=${a.id} data-status=${a.status} data-mine=${mine ? 'true' : 'false'}>
    <div class="chore-top">
      <${Who} a=${a} />
      <${StatusChip} status=${a.status} />
    </div>
    <p class="chore-meta">
      <span class="nowrap">${t('review.due', { when: formatHouseDateTime(lang(), a.due, tz) })}</span>
      <span aria-hidden="true"> · </span><span class="nowrap">${pointsText(a.points || choreOf(a).points)}</span>
    </p>
    ${mine ? html`<p class="own-note" data-testid="review-own">${t('review.ownExcuse')}</p>` : html`<div class="panel-actions">
      <${Button} kind="secondary" disabled=${disabled} onClick=${onExcuse} aria-haspopup="dialog"
        data-testid="review-excuse">${t('review.excuse')}</${Button}>
    </div>`}
  </li>`;
}

// PhotoView: the photo at full size, with a fresh file token.
function PhotoView({ a, onClose }) {
  const [url, setUrl] = useState('');
  const [failed, setFailed] = useState(false);
  const title = choreTitle(choreOf(a));
  const name = nameOf(assigneeOf(a));
  useEffect(() => {
    let live = true;
    photoToken().then((token) => { if (live) setUrl(photoURL(a, token)); });
    return () => { live = false; };
  }, [a.id]);
  return html`<${Dialog} id="photo-view" title=${title} onClose=${onClose} testid="photo-view">
    <p class="muted">${t('review.photoBy', { name })}</p>
    <div class="photo-full">
      ${failed ? html`<p class="muted" data-testid="photo-view-failed">${t('review.photoFailed')}</p>`
        : url ? html`<img src=${url} alt=${t('review.photoAlt', { name, title })} onError=${() => setFailed(true)} data-testid="photo-view-img" />`
        : html`<${Loading} />`}
    </div>
    <${Button} kind="secondary" onClick=${onClose} data-testid="photo-view-close">${t('app.close')}</${Button}>
  </${Dialog}>`;
}

// ReasonDialog: "Send back" asks why (the resident reads it, so it is
// required); "Excuse" takes an optional note.
function ReasonDialog({ kind, a, onClose, onDone }) {
  const reject = kind === 'reject';
  const u = assigneeOf(a);
  const title = choreTitle(choreOf(a));
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const id = reject ? 'reject-reason' : 'excuse-note';

  async function submit(e) {
    e.preventDefault();
    const text = reason.trim();
    if (reject && !text) {
      setError(t('review.reasonMissing'));
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    setError('');
    setProblem('');
    try {
      const body = reject ? { status: 'rejected', review_note: text } : { status: 'excused', review_note: text };
      const record = await pb.collection('chore_assignments').update(a.id, body);
      onDone({ ...a, ...record, expand: a.expand });
    } catch (err) {
      if (handleWriteError(err)) return;
      if (err && err.status === 404) setProblem(t('review.gone'));
      else {
        const { fields, text: rest } = splitErrors(err, ['review_note']);
        setError(fields.review_note || '');
        setProblem(fields.review_note ? '' : rest);
      }
      setBusy(false);
    }
  }

  return html`<${Dialog} id=${kind + '-dialog'} title=${reject ? t('review.rejectTitle') : t('review.excuseTitle')}
      onClose=${busy ? () => {} : onClose} testid=${kind + '-dialog'}>
    <form class="form" onSubmit=${submit} novalidate data-testid=${kind + '-form'}>
      <p>${reject ? t('review.rejectIntro', { name: firstName(u), title }) : t('review.excuseIntro', { name: firstName(u), title })}</p>
      <${Field} id=${id} type="textarea" label=${reject ? t('review.reason') : t('review.excuseNote')}
        hint=${reject ? t('review.reasonHint') : t('review.excuseNoteHint')} value=${reason}
        onInput=${(v) => { setReason(v); if (error) setError(''); }} error=${error} rows="3" maxlength="1000"
        required=${reject} testid=${id} />
      <${Toast} kind="error" message=${problem} testid=${kind + '-problem'} />
      <div class="panel-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('review.saving')} data-testid=${kind + '-send'}>
          ${reject ? t('review.rejectSend') : t('review.excuseSend')}</${Button}>
        <${Button} kind="secondary" disabled=${busy} onClick=${onClose} data-testid=${kind + '-cancel'}>${t('chores.cancel')}</${Button}>
      </div>
    </form>
  </${Dialog}>`;
}
