// Outside meetings (/meetings): this week's meetings against what the house
// expects (weeks run Monday to Sunday, house-local), a form to log one
// (program, optional name, in person or online, the day, an optional photo
// of a signed slip taken with the phone's camera), and the recent log with
// its "Verified" tags. A meeting not yet verified can be corrected or
// deleted; a verified one is settled.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { useLoad } from '../load.js';
import { KeptNote } from '../connection.js';
import { pb, handleWriteError } from '../pb.js';
import { addDays, weekStart, ymdIn } from '../dates.js';
import { PhotoButton, preparePhoto } from '../chores.js';
import { Button, Choices, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import {
  checksIn, FORMATS, formatName, formatWeekday, meetingDate, meetingTitle, programName, programOptions, ProofThumb, useFileToken, weekText,
  pendingRecord,
} from '../checkins.js';
import { sendOrKeep } from '../outbox.js';
import { residentGate } from '../gate.js';

const WEEKS_SHOWN = 8;

function dayOf(m) {
  return String(m.date || '').slice(0, 10);
}

function loadMeetings(houseId, userId, from) {
  return pb.collection('meetings').getList(1, 200, {
    filter: pb.filter('house = {:h} && user = {:u} && date >= {:from}', { h: houseId, u: userId, from: from + ' 00:00:00.000Z' }),
    sort: '-date,-created',
    skipTotal: true,
  });
}

export function Meetings({ user, houses }) {
  const gate = residentGate(houses, {
    name: 'meetings', title: 'meetings.title', body: 'meetings.notResident', loading: 'meetings.loading', allowed: checksIn,
  });
  if (gate) return gate;
  return html`<${MeetingsView} key=${houses.house.id} house=${houses.house} user=${user} />`;
}

function MeetingsView({ house, user }) {
  const [notice, setNotice] = useState({ kind: 'success', text: '' }); // about the list
  const [formNotice, setFormNotice] = useState(''); // about the form
  const [dialog, setDialog] = useState(null); // {kind: 'edit' | 'delete', m}
  const [formKey, setFormKey] = useState(0);
  const [token, newToken] = useFileToken();

  // The log, kept on the phone: opened without a connection, the screen
  // shows it and a meeting logged then waits to be sent.
  const loaded = useLoad(async () => {
    const today = ymdIn(house.timezone);
    const from = addDays(weekStart(today), -7 * (WEEKS_SHOWN - 1));
    const res = await loadMeetings(house.id, user.id, from);
    return { items: res.items, today };
  }, [house.id, user.id], { keep: 'meetings.' + house.id });
  const state = { status: loaded.status, error: loaded.error, ...(loaded.data || { items: [], today: '' }) };
  const setState = (fn) => loaded.update((d) => {
    const next = fn({ ...d });
    return { items: next.items, today: next.today };
  });
  const setAttempt = () => loaded.reload();

  if (state.status === 'loading') return html`<${Loading} label=${t('meetings.loading')} />`;
  if (state.status === 'error') {
    return html`<${ErrorState} message=${t('meetings.loadError')} err=${state.error} onRetry=${loaded.reload} />`;
  }

  const today = state.today;
  const monday = weekStart(today);
  const sunday = addDays(monday, 6);
  const done = state.items.filter((m) => dayOf(m) >= monday && dayOf(m) <= sunday).length;
  const expected = Number(house.meetings_per_week) || 0;
  const last = state.items[0];

  // logged: a meeting saved, or kept on the phone to be sent (queued).
  function logged(record, queued) {
    setState((s) => ({ ...s, items: [record, ...s.items].sort(byNewest) }));
    setFormKey((k) => k + 1); // a fresh form for the next one
    setFormNotice(queued ? t('offline.queued') : t('meetings.logged'));
    if (!queued) setAttempt((a) => a + 1);
  }

  function changed(record, text) {
    setDialog(null);
    setState((s) => ({ ...s, items: s.items.map((m) => (m.id === record.id ? record : m)).sort(byNewest) }));
    setNotice({ kind: 'success', text });
  }

  function removed(m) {
    setDialog(null);
    setState((s) => ({ ...s, items: s.items.filter((x) => x.id !== m.id) }));
    setNotice({ kind: 'success', text: t('meetings.deleted') });
  }

  // A meeting that could not be changed (verified or deleted meanwhile):
  // say so and show the log as it is now.
  function stale() {
    setDialog(null);
    setNotice({ kind: 'error', text: t('meetings.gone') });
    setAttempt((a) => a + 1);
  }

  const pct = expected > 0 ? Math.min(100, Math.round((done / expected) * 100)) : 0;
  return html`<section class="meetings" data-testid="meetings-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('meetings.title')}</h1>
    </div>
    <p class="lead">${t('meetings.lead')}</p>
    <${KeptNote} state=${loaded} />

    <section class="card week-card" aria-labelledby="meetings-week-title" data-testid="meetings-week" data-done=${done} data-expected=${expected}>
      <h2 id="meetings-week-title">${t('meetings.thisWeek')}</h2>
      <p class="week-big" data-testid="meetings-week-text">${weekText(done, expected)}</p>
      ${expected > 0 ? html`<div class="bar" aria-hidden="true"><span style=${'width:' + pct + '%'}></span></div>` : null}
      <p class="muted">${t('meetings.weekRange', { from: formatWeekday(monday), to: formatWeekday(sunday) })}</p>
      ${expected > 0 && done >= expected ? html`<p class="week-reached" data-testid="meetings-week-reached">${t('meetings.weekReached')}</p>` : null}
    </section>

    <section class="card section-gap-sm" aria-labelledby="meeting-log-title">
      <h2 id="meeting-log-title" class="section-title">${t('meetings.logTitle')}</h2>
      <${MeetingForm} key=${formKey} idPrefix="meeting" house=${house} user=${user} today=${today}
        initial=${{ program: last ? last.program : 'aa', format: last && last.format ? last.format : 'in_person' }}
        onSaved=${logged} onStale=${stale} onBusy=${() => { setFormNotice(''); setNotice((n) => ({ ...n, text: '' })); }} />
      <${Toast} kind="success" message=${formNotice} testid="meetings-message" onDismiss=${() => setFormNotice('')} />
    </section>

    <div class="section-head section-gap">
      <h2>${t('meetings.recent')}</h2>
    </div>
    <p class="muted section-note">${t('meetings.recentNote', { count: WEEKS_SHOWN })}</p>
    <${Toast} kind="error" message=${notice.kind === 'error' ? notice.text : ''} testid="meetings-error" />
    <${Toast} kind="success" message=${notice.kind === 'success' ? notice.text : ''} testid="meetings-list-message"
      onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />
    ${state.items.length ? html`<ul class="meeting-list" data-testid="meetings-list">
      ${state.items.map((m) => html`<${MeetingItem} key=${m.id} m=${m} token=${token} onPhotoError=${newToken}
        onEdit=${() => { setNotice((n) => ({ ...n, text: '' })); setFormNotice(''); setDialog({ kind: 'edit', m }); }}
        onDelete=${() => { setNotice((n) => ({ ...n, text: '' })); setFormNotice(''); setDialog({ kind: 'delete', m }); }} />`)}
    </ul>` : html`<${EmptyState} testid="meetings-empty">${t('meetings.empty')}</${EmptyState}>`}

    ${dialog && dialog.kind === 'edit' ? html`<${Dialog} id="meeting-edit" title=${t('meetings.editTitle')} onClose=${() => setDialog(null)}
        testid="meeting-edit">
      <${MeetingForm} idPrefix="meeting-edit" house=${house} user=${user} today=${today} meeting=${dialog.m}
        onSaved=${(r) => changed(r, t('meetings.updated'))} onStale=${stale} onCancel=${() => setDialog(null)} />
    </${Dialog}>` : null}
    ${dialog && dialog.kind === 'delete' ? html`<${DeleteDialog} m=${dialog.m} onClose=${() => setDialog(null)}
      onDone=${removed} onStale=${stale} />` : null}
  </section>`;
}

function byNewest(a, b) {
  return dayOf(b).localeCompare(dayOf(a)) || String(b.created || '').localeCompare(String(a.created || ''));
}

function MeetingItem({ m, token, onPhotoError, onEdit, onDelete }) {
  const verified = !!m.verified_by;
  return html`<li class="meeting-card" data-testid="meeting" data-id=${m.id} data-verified=${verified ? 'true' : 'false'}>
    <div class="meeting-main">
      <div class="meeting-top">
        <h3 class="meeting-title" data-testid="meeting-title">${programName(m.program)}</h3>
        ${verified ? html`<span class="chip chip-verified" data-testid="meeting-verified">${t('meetings.verified')}</span>` : null}
      </div>
      ${m.name ? html`<p class="meeting-name" data-testid="meeting-name">${m.name}</p>` : null}
      <p class="meeting-meta">
        <span class="nowrap" data-testid="meeting-date">${meetingDate(m)}</span>
        ${m.format ? html`<span aria-hidden="true"> · </span><span class="nowrap">${formatName(m.format)}</span>` : null}
      </p>
    </div>
    <${ProofThumb} meeting=${m} token=${token} onError=${onPhotoError} />
    ${m.pending ? html`<p class="muted" data-testid="meeting-pending">${t('offline.waiting')}</p>` : null}
    ${verified || m.pending ? null : html`<div class="panel-actions meeting-actions">
      <${Button} kind="secondary" onClick=${onEdit} aria-haspopup="dialog" aria-label=${t('meetings.editLabel', { title: meetingTitle(m), date: meetingDate(m) })}
        data-testid="meeting-edit-open">${t('meetings.edit')}</${Button}>
      <${Button} kind="secondary" onClick=${onDelete} aria-haspopup="dialog" aria-label=${t('meetings.deleteLabel', { title: meetingTitle(m), date: meetingDate(m) })}
        data-testid="meeting-delete-open">${t('meetings.delete')}</${Button}>
    </div>`}
  </li>`;
}

// MeetingForm logs a new meeting, or corrects `meeting` when given.
function MeetingForm({ idPrefix, house, user, today, meeting, initial, onSaved, onStale, onCancel, onBusy }) {
  const editing = !!meeting;
  const [form, setForm] = useState(() => (editing ? {
    program: meeting.program || 'other', name: meeting.name || '', format: meeting.format || 'in_person', date: dayOf(meeting),
  } : { program: initial.program, name: '', format: initial.format, date: today }));
  const [photo, setPhoto] = useState(null); // {file, url} ready to send, or null
  const [preparing, setPreparing] = useState(false);
  const [dropProof, setDropProof] = useState(false);
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => () => { if (photo) URL.revokeObjectURL(photo.url); }, [photo]);

  const set = (field) => (v) => {
    setForm((f) => ({ ...f, [field]: v }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function pick(file) {
    setPreparing(true);
    setErrors((e) => ({ ...e, proof: undefined }));
    const ready = await preparePhoto(file);
    setPreparing(false);
    setPhoto({ file: ready, url: URL.createObjectURL(ready) });
    setDropProof(false);
  }

  async function submit(e) {
    e.preventDefault();
    const errs = {};
    if (!form.date) errs.date = t('meetings.dateMissing');
    else if (form.date > today) errs.date = t('meetings.dateFuture');
    if (Object.keys(errs).length) {
      setErrors(errs);
      document.getElementById(idPrefix + '-date')?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setProblem('');
    if (onBusy) onBusy();
    const body = new FormData();
    if (!editing) {
      body.append('house', house.id);
      body.append('user', user.id);
    }
    body.append('date', form.date);
    body.append('program', form.program);
    body.append('name', form.name.trim());
    body.append('format', form.format);
    if (photo) body.append('proof', photo.file);
    else if (editing && dropProof) body.append('proof', '');
    try {
      if (editing) {
        onSaved(await pb.collection('meetings').update(meeting.id, body));
      } else {
        // A new meeting waits on the phone when there is no connection.
        const res = await sendOrKeep({
          collection: 'meetings',
          body: { house: house.id, user: user.id, date: form.date, program: form.program, name: form.name.trim(), format: form.format },
          files: photo ? { proof: photo.file } : undefined,
        });
        if (res.queued) onSaved(pendingRecord(res.queued), true);
        else onSaved(res.record);
      }
    } catch (err) {
      if (handleWriteError(err)) return;
      setBusy(false);
      if (editing && err && err.status === 404) {
        onStale();
        return;
      }
      const { fields, text } = splitErrors(err, ['date', 'program', 'name', 'format', 'proof']);
      setErrors(fields);
      setProblem(Object.keys(fields).length ? '' : text);
    }
  }

  const hasProof = photo || (editing && meeting.proof && !dropProof);
  return html`<form class="form meeting-form" onSubmit=${submit} novalidate data-testid=${idPrefix + '-form'}>
    <${Field} id=${idPrefix + '-program'} type="select" label=${t('meetings.programLabel')} value=${form.program}
      options=${programOptions()} onInput=${set('program')} error=${errors.program} testid=${idPrefix + '-program'} />
    <${Field} id=${idPrefix + '-name'} label=${t('meetings.name')} hint=${t('meetings.nameHint')} value=${form.name}
      onInput=${set('name')} error=${errors.name} maxlength="200" autocomplete="off" testid=${idPrefix + '-name'} />
    <${Choices} id=${idPrefix + '-format'} legend=${t('meetings.formatLabel')} value=${form.format}
      options=${FORMATS.map((f) => ({ value: f, label: formatName(f) }))} onInput=${set('format')} error=${errors.format}
      testid=${idPrefix + '-format'} />
    <${Field} id=${idPrefix + '-date'} type="date" label=${t('meetings.date')} hint=${t('meetings.dateHint')} value=${form.date}
      max=${today} onInput=${set('date')} error=${errors.date} required testid=${idPrefix + '-date'} />
    <div class=${'field' + (errors.proof ? ' has-error' : '')}>
      <p class="field-label" id=${idPrefix + '-proof-label'}>${t('meetings.proof')}</p>
      <p class="field-hint" id=${idPrefix + '-proof-hint'}>${t('meetings.proofHint')}</p>
      ${preparing ? html`<${Loading} label=${t('meetings.preparing')} />` : null}
      ${photo ? html`<div class="proof-preview"><img src=${photo.url} alt=${t('meetings.proofPreviewAlt')} data-testid=${idPrefix + '-proof-preview'} /></div>`
        : hasProof ? html`<p data-testid=${idPrefix + '-proof-kept'}>${t('meetings.proofAttached')}</p>` : null}
      <div class="button-row">
        <${PhotoButton} kind="secondary" label=${hasProof ? t('meetings.replacePhoto') : t('meetings.addPhoto')} onPick=${pick}
          disabled=${busy || preparing} describedBy=${idPrefix + '-proof-hint'} testid=${idPrefix + '-proof'} />
        ${hasProof ? html`<${Button} kind="secondary" disabled=${busy} data-testid=${idPrefix + '-proof-remove'}
          onClick=${() => { setPhoto(null); setDropProof(true); }}>${t('meetings.removePhoto')}</${Button}>` : null}
      </div>
      ${errors.proof ? html`<p class="field-error">${errors.proof}</p>` : null}
    </div>
    <${Toast} kind="error" message=${problem} testid=${idPrefix + '-problem'} />
    <div class="panel-actions">
      <${Button} type="submit" busy=${busy} busyLabel=${t('meetings.saving')} disabled=${preparing}
        data-testid=${idPrefix + '-save'}>${editing ? t('meetings.saveChanges') : t('meetings.save')}</${Button}>
      ${onCancel ? html`<${Button} kind="secondary" disabled=${busy} onClick=${onCancel} data-testid=${idPrefix + '-cancel'}>${t('meetings.cancel')}</${Button}>` : null}
    </div>
  </form>`;
}

function DeleteDialog({ m, onClose, onDone, onStale }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  async function remove() {
    setBusy(true);
    setProblem('');
    try {
      await pb.collection('meetings').delete(m.id);
      onDone(m);
    } catch (err) {
      if (handleWriteError(err)) return;
      setBusy(false);
      if (err && err.status === 404) onStale();
      else setProblem(splitErrors(err, []).text);
    }
  }
  return html`<${Dialog} id="meeting-delete" title=${t('meetings.deleteTitle')} onClose=${busy ? () => {} : onClose} testid="meeting-delete">
    <p class="confirm-question">${t('meetings.deleteQuestion', { title: meetingTitle(m), date: meetingDate(m) })}</p>
    <p>${t('meetings.deleteExplain')}</p>
    <${Toast} kind="error" message=${problem} testid="meeting-delete-problem" />
    <div class="panel-actions">
      <${Button} kind="danger" busy=${busy} busyLabel=${t('meetings.deleting')} onClick=${remove} data-testid="meeting-delete-yes">
        ${t('meetings.deleteYes')}</${Button}>
      <${Button} kind="secondary" disabled=${busy} onClick=${onClose} data-testid="meeting-delete-cancel">${t('meetings.cancel')}</${Button}>
    </div>
  </${Dialog}>`;
}
