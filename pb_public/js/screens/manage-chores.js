// The house's chores (/manage/chores): the list (active first), and the
// editor for a new or existing chore: title, what to do, how often (with
// the weekday or the day of the month for its cadence), due time, points,
// photo proof, active, and who shares it. Deleting asks first.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError, isOffline } from '../pb.js';
import { useLoad } from '../load.js';
import { weekdayName } from '../dates.js';
import { cadenceText, choreTitle, pointsText } from '../chores.js';
import { Button, Choices, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { LinkCard, managerGate, ScreenHead } from './manage.js';
import { MEMBER_FILTER } from '../membership.js';

const chevron = html`<svg class="icon chevron" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9.3 5.3a1 1 0 0 0 0 1.4L14.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l6-6a1 1 0 0 0 0-1.4l-6-6a1 1 0 0 0-1.4 0Z"/>
</svg>`;

function nameOf(u) {
  return (u && u.name) || t('roster.unnamed');
}

function byTitle(a, b) {
  return String(a.title || '').localeCompare(String(b.title || ''), undefined, { numeric: true, sensitivity: 'base' });
}

// Active chores first, each group by title.
function byActive(a, b) {
  return (a.active === b.active ? 0 : a.active ? -1 : 1) || byTitle(a, b);
}

async function loadChores(houseId) {
  const [chores, people] = await Promise.all([
    pb.collection('chores').getList(1, 200, {
      filter: pb.filter('house = {:h}', { h: houseId }),
      sort: '-active,title',
      expand: 'rotation',
      skipTotal: true,
    }),
    pb.collection('memberships').getList(1, 200, {
      filter: pb.filter('house = {:h} && ' + MEMBER_FILTER, { h: houseId }),
      expand: 'user',
      sort: 'room,bed',
      skipTotal: true,
    }),
  ]);
  return { chores: chores.items, people: people.items };
}

export function ManageChores({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${ChoresAdmin} key=${houses.house.id} house=${houses.house} />`;
}

function ChoresAdmin({ house }) {
  const [editing, setEditing] = useState(null); // a chore, or {} for a new one
  const [notice, setNotice] = useState({ kind: 'success', text: '' });

  // Managers' data: not kept on the phone.
  const loaded = useLoad(() => loadChores(house.id), [house.id]);
  // Loading again failed while the list shows: say so above it.
  const refreshError = loaded.data != null ? loaded.error : null;
  useEffect(() => {
    if (refreshError) setNotice({ kind: 'error', text: isOffline(refreshError) ? t('app.offline') : t('choresAdmin.refreshError') });
  }, [refreshError]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('choresAdmin.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('choresAdmin.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const data = loaded.data;
  const setData = loaded.update;

  const chores = [...data.chores].sort(byActive);
  const active = chores.filter((c) => c.active);
  const paused = chores.filter((c) => !c.active);
  const people = new Map(data.people.map((m) => [m.user, m]));

  function open(chore) {
    setNotice((n) => ({ ...n, text: '' }));
    setEditing(chore);
  }

  function saved(record, isNew) {
    setEditing(null);
    setData((d) => ({ ...d, chores: isNew ? [...d.chores, record] : d.chores.map((c) => (c.id === record.id ? record : c)) }));
    setNotice({ kind: 'success', text: isNew ? t('choresAdmin.added', { title: choreTitle(record) }) : t('choresAdmin.saved', { title: choreTitle(record) }) });
  }

  function deleted(chore) {
    setEditing(null);
    setData((d) => ({ ...d, chores: d.chores.filter((c) => c.id !== chore.id) }));
    setNotice({ kind: 'success', text: t('choresAdmin.deleted', { title: choreTitle(chore) }) });
  }

  const row = (c) => html`<${ChoreRow} key=${c.id} chore=${c} people=${people} onOpen=${() => open(c)} />`;

  return html`<section class="chores-admin" data-testid="chores-admin-screen">
    <${ScreenHead} title=${t('choresAdmin.title')} house=${house} />
    <p class="lead">${t('choresAdmin.intro')}</p>
    <div class="button-row toolbar-start">
      <${Button} onClick=${() => open({})} data-testid="chores-add">${t('choresAdmin.add')}</${Button}>
    </div>
    <${Toast} kind="error" message=${notice.kind === 'error' ? notice.text : ''} testid="chores-admin-error" />
    <${Toast} kind="success" message=${notice.kind === 'success' ? notice.text : ''} testid="chores-admin-message"
      onDismiss=${() => setNotice((n) => ({ ...n, text: '' }))} />

    <div class="section-head section-gap">
      <h2>${t('choresAdmin.active')}</h2>
      <span class="muted" data-testid="chores-active-count">${t('choresAdmin.count', { count: active.length })}</span>
    </div>
    ${active.length ? html`<ul class="people" data-testid="chores-active">${active.map(row)}</ul>`
      : html`<${EmptyState} testid="chores-active-empty">${t('choresAdmin.emptyActive')}</${EmptyState}>`}

    ${paused.length ? html`<div class="section-head section-gap">
        <h2>${t('choresAdmin.paused')}</h2>
        <span class="muted">${t('choresAdmin.count', { count: paused.length })}</span>
      </div>
      <p class="muted section-note">${t('choresAdmin.pausedNote')}</p>
      <ul class="people" data-testid="chores-paused">${paused.map(row)}</ul>` : null}

    <ul class="link-cards section-gap">
      <li><${LinkCard} href="/manage/review" title=${t('manage.review')} body=${t('manage.reviewBody')} testid="chores-to-review" /></li>
      <li><${LinkCard} href="/manage/chore-points" title=${t('manage.points')} body=${t('manage.pointsBody')} testid="chores-to-points" /></li>
    </ul>

    ${editing ? html`<${ChoreEditor} key=${editing.id || 'new'} chore=${editing} house=${house} people=${data.people}
      onClose=${() => setEditing(null)} onSaved=${saved} onDeleted=${deleted} />` : null}
  </section>`;
}

// formerName: the name of someone in a chore's rotation who no longer lives
// in the house (alumni are still visible to managers; others are not).
function formerName(chore, id) {
  const u = ((chore.expand && chore.expand.rotation) || []).find((x) => x.id === id);
  return (u && u.name) || '';
}

function rotationText(chore, people) {
  const ids = chore.rotation || [];
  if (!ids.length) return t('choresAdmin.everyone');
  const names = ids.map((id) => {
    const m = people.get(id);
    if (m) return nameOf(m.expand && m.expand.user);
    const former = formerName(chore, id);
    return former ? t('choresAdmin.formerName', { name: former }) : t('choresAdmin.someoneGone');
  });
  return t('choresAdmin.sharedBy', { names: names.join(', ') });
}

function ChoreRow({ chore, people, onOpen }) {
  return html`<li data-testid="chore-row" data-id=${chore.id} data-active=${chore.active ? 'true' : 'false'}>
    <button type="button" class="person person-button chore-row" onClick=${onOpen} aria-haspopup="dialog" data-testid="chore-open">
      <span class="person-main">
        <span class="person-name" data-testid="chore-row-title">${choreTitle(chore)}</span>
        <span class="person-meta" data-testid="chore-row-when">${cadenceText(chore)}</span>
        <span class="person-meta">${rotationText(chore, people)}</span>
        <span class="tags">
          <span class="tag tag-quiet">${pointsText(chore.points)}</span>
          ${chore.needs_photo ? html`<span class="tag tag-photo" data-testid="chore-row-photo">${t('choresAdmin.photoTag')}</span>` : null}
          ${chore.active ? null : html`<span class="tag tag-away" data-testid="chore-row-paused">${t('choresAdmin.pausedTag')}</span>`}
        </span>
      </span>
      ${chevron}
    </button>
  </li>`;
}

const FIELDS = ['title', 'description', 'cadence', 'weekday', 'monthday', 'due_time', 'points', 'needs_photo', 'active', 'rotation'];

function toForm(c) {
  const isNew = !c.id;
  return {
    title: c.title || '',
    description: c.description || '',
    cadence: c.cadence || 'daily',
    weekday: c.cadence === 'weekly' ? String(Number(c.weekday) || 0) : '1',
    monthday: c.cadence === 'monthly' && Number(c.monthday) >= 1 ? String(c.monthday) : '1',
    due_time: c.due_time || (isNew ? '10:00' : ''),
    points: String(Number(c.points) >= 1 ? c.points : 1),
    needs_photo: !!c.needs_photo,
    active: isNew ? true : !!c.active,
    rotation: [...(c.rotation || [])],
  };
}

function ChoreEditor({ chore, house, people, onClose, onSaved, onDeleted }) {
  const isNew = !chore.id;
  const [form, setForm] = useState(() => toForm(chore));
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState('');
  const [confirming, setConfirming] = useState(false);

  const set = (field) => (value) => {
    setForm((f) => ({ ...f, [field]: value }));
    setProblem('');
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function toggle(userId, on) {
    setForm((f) => ({ ...f, rotation: on ? [...f.rotation.filter((x) => x !== userId), userId] : f.rotation.filter((x) => x !== userId) }));
    if (errors.rotation) setErrors((e) => ({ ...e, rotation: undefined }));
  }

  // The fields on screen: the weekday only for weekly chores, the day of the
  // month only for monthly ones. An error on a hidden field is said in words.
  const shown = FIELDS.filter((f) => (f !== 'weekday' || form.cadence === 'weekly') && (f !== 'monthday' || form.cadence === 'monthly'));

  async function save(e) {
    e.preventDefault();
    const local = {};
    if (!form.title.trim()) local.title = t('choresAdmin.titleMissing');
    if (!form.due_time) local.due_time = t('choresAdmin.timeMissing');
    if (Object.keys(local).length) {
      setErrors(local);
      setProblem('');
      document.getElementById(local.title ? 'chore-title' : 'chore-due-time')?.focus();
      return;
    }
    setBusy('save');
    setErrors({});
    setProblem('');
    const body = {
      title: form.title.trim(),
      description: form.description.trim(),
      cadence: form.cadence,
      weekday: form.cadence === 'weekly' ? Number(form.weekday) : 0,
      monthday: form.cadence === 'monthly' ? Number(form.monthday) : 0,
      due_time: form.due_time,
      points: Number(form.points),
      needs_photo: form.needs_photo,
      active: form.active,
      rotation: form.rotation,
    };
    try {
      const record = isNew
        ? await pb.collection('chores').create({ house: house.id, ...body }, { expand: 'rotation' })
        : await pb.collection('chores').update(chore.id, body, { expand: 'rotation' });
      onSaved(record, isNew);
    } catch (err) {
      if (handleWriteError(err)) return;
      if (err && err.status === 404) {
        setProblem(t('choresAdmin.gone'));
      } else {
        const { fields, text } = splitErrors(err, shown);
        setErrors(fields);
        setProblem(text);
      }
      setBusy('');
    }
  }

  async function remove() {
    setBusy('delete');
    setProblem('');
    try {
      await pb.collection('chores').delete(chore.id);
      onDeleted(chore);
    } catch (err) {
      if (handleWriteError(err)) return;
      setProblem(err && err.status === 404 ? t('choresAdmin.gone') : splitErrors(err, []).text);
      setBusy('');
    }
  }

  const title = isNew ? t('choresAdmin.newTitle') : confirming ? t('choresAdmin.deleteTitle') : t('choresAdmin.editTitle');

  if (confirming) {
    return html`<${Dialog} id="chore-editor" title=${title} onClose=${busy ? () => {} : onClose} testid="chore-editor">
      <div class="stack" role="alertdialog" aria-labelledby="chore-delete-q" data-testid="chore-delete-confirm">
        <p class="confirm-question" id="chore-delete-q">${t('choresAdmin.deleteQuestion', { title: choreTitle(chore) })}</p>
        <p>${t('choresAdmin.deleteExplain')}</p>
        <${Toast} kind="error" message=${problem} testid="chore-editor-error" />
        <div class="panel-actions">
          <${Button} kind="danger" busy=${busy === 'delete'} busyLabel=${t('choresAdmin.deleting')} onClick=${remove}
            data-testid="chore-delete-yes">${t('choresAdmin.deleteYes')}</${Button}>
          <${Button} kind="secondary" disabled=${!!busy} onClick=${() => { setProblem(''); setConfirming(false); }}
            data-testid="chore-delete-no">${t('roster.goBack')}</${Button}>
        </div>
      </div>
    </${Dialog}>`;
  }

  // Who may share it: everyone living in the house now, and anyone still in
  // its rotation who has left (so the choice shows as it is).
  const options = people.map((m) => ({ id: m.user, name: nameOf(m.expand && m.expand.user), away: m.status === 'away', manager: m.role === 'manager' }))
    .sort((a, b) => (a.manager === b.manager ? 0 : a.manager ? 1 : -1) || a.name.localeCompare(b.name));
  for (const id of form.rotation) {
    if (!options.some((o) => o.id === id)) options.push({ id, name: formerName(chore, id) || t('choresAdmin.someone'), gone: true });
  }
  const weekdays = [1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: String(d), label: weekdayName(lang(), d) }));
  const monthdays = Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
  const pointChoices = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: pointsText(i + 1) }));

  return html`<${Dialog} id="chore-editor" title=${title} onClose=${busy ? () => {} : onClose} testid="chore-editor">
    <form class="form" onSubmit=${save} novalidate data-testid="chore-form">
      <${Field} id="chore-title" label=${t('choresAdmin.choreTitle')} hint=${t('choresAdmin.choreTitleHint')} value=${form.title}
        onInput=${set('title')} error=${errors.title} maxlength="120" required testid="chore-title" />
      <${Field} id="chore-description" type="textarea" label=${t('choresAdmin.description')} hint=${t('choresAdmin.descriptionHint')}
        value=${form.description} onInput=${set('description')} error=${errors.description} rows="3" maxlength="2000"
        testid="chore-description" />
      <${Choices} id="chore-cadence" legend=${t('choresAdmin.cadence')} value=${form.cadence} onInput=${set('cadence')}
        error=${errors.cadence} testid="chore-cadence" options=${[
          { value: 'daily', label: t('choresAdmin.daily') },
          { value: 'weekly', label: t('choresAdmin.weekly') },
          { value: 'monthly', label: t('choresAdmin.monthly'), hint: t('choresAdmin.monthlyHint') },
        ]} />
      ${form.cadence === 'weekly' ? html`<${Field} id="chore-weekday" type="select" label=${t('choresAdmin.weekday')} value=${form.weekday}
        options=${weekdays} onInput=${set('weekday')} error=${errors.weekday} testid="chore-weekday" />` : null}
      ${form.cadence === 'monthly' ? html`<${Field} id="chore-monthday" type="select" label=${t('choresAdmin.monthday')} value=${form.monthday}
        options=${monthdays} onInput=${set('monthday')} error=${errors.monthday} testid="chore-monthday" />` : null}
      <div class="field-row">
        <${Field} id="chore-due-time" type="time" label=${t('choresAdmin.dueTime')} value=${form.due_time}
          onInput=${set('due_time')} error=${errors.due_time} required testid="chore-due-time" />
        <${Field} id="chore-points" type="select" label=${t('choresAdmin.pointsLabel')} value=${form.points}
          options=${pointChoices} onInput=${set('points')} error=${errors.points} testid="chore-points" />
      </div>
      <p class="field-hint field-after">${t('choresAdmin.dueTimeHint', { tz: house.timezone })}</p>
      <${Field} id="chore-needs-photo" type="checkbox" label=${t('choresAdmin.needsPhoto')} hint=${t('choresAdmin.needsPhotoHint')}
        checked=${form.needs_photo} onInput=${set('needs_photo')} error=${errors.needs_photo} testid="chore-needs-photo" />
      <${Field} id="chore-active" type="checkbox" label=${t('choresAdmin.activeLabel')} hint=${t('choresAdmin.activeHint')}
        checked=${form.active} onInput=${set('active')} error=${errors.active} testid="chore-active" />
      <fieldset class=${'choices rotation' + (errors.rotation ? ' has-error' : '')} data-testid="chore-rotation"
          aria-describedby=${'chore-rotation-hint' + (errors.rotation ? ' chore-rotation-error' : '')}>
        <legend>${t('choresAdmin.rotation')}</legend>
        <p class="field-hint" id="chore-rotation-hint" data-testid="chore-rotation-hint" data-count=${form.rotation.length}>
          ${form.rotation.length ? t('choresAdmin.rotationSome', { count: form.rotation.length }) : t('choresAdmin.rotationEveryone')}</p>
        ${options.length ? options.map((o) => html`<label class="choice" key=${o.id}>
          <input type="checkbox" checked=${form.rotation.includes(o.id)} onChange=${(e) => toggle(o.id, e.currentTarget.checked)}
            data-testid="chore-rotation-person" data-user=${o.id} />
          <span><span class="choice-label">${o.name}</span>
            ${o.away ? html`<span class="choice-hint">${t('choresAdmin.awayHint')}</span>` : null}
            ${o.manager ? html`<span class="choice-hint">${t('home.manager')}</span>` : null}
            ${o.gone ? html`<span class="choice-hint">${t('choresAdmin.goneHint')}</span>` : null}</span>
        </label>`) : html`<p class="muted">${t('choresAdmin.nobody')}</p>`}
        ${errors.rotation ? html`<p class="field-error" id="chore-rotation-error" data-testid="chore-rotation-error">${errors.rotation}</p>` : null}
      </fieldset>
      <${Toast} kind="error" message=${problem} testid="chore-editor-error" />
      <div class="panel-actions">
        <${Button} type="submit" busy=${busy === 'save'} busyLabel=${t('choresAdmin.saving')} disabled=${!!busy && busy !== 'save'}
          data-testid="chore-save">${isNew ? t('choresAdmin.create') : t('choresAdmin.save')}</${Button}>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${onClose} data-testid="chore-cancel">${t('chores.cancel')}</${Button}>
      </div>
      ${isNew ? null : html`<div class="panel-section danger-zone">
        <h3>${t('choresAdmin.deleteSection')}</h3>
        <p class="muted">${t('choresAdmin.deleteHint')}</p>
        <${Button} kind="secondary" disabled=${!!busy} onClick=${() => { setProblem(''); setConfirming(true); }}
          data-testid="chore-delete">${t('choresAdmin.delete')}</${Button}>
      </div>`}
    </form>
  </${Dialog}>`;
}
