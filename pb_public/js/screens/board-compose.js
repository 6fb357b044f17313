// A new post on the house board (/board/new, /board/new?kind=support): a
// share, a win, a need-support post (members of the house) or an
// announcement (managers), its words and up to four photos from the
// camera or the gallery. Need support says plainly who will be told, and
// puts crisis resources on screen first: 988 (call or text, in the US),
// 911, SAMHSA, the managers' numbers and the partner's, where they share
// them (support.js).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { navigate } from '../router.js';
import { preparePhoto } from '../chores.js';
import { Button, Choices, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import {
  IMAGE_TYPES, kindsFor, MAX_BODY, MAX_IMAGE_BYTES, MAX_IMAGES, nameOf, setFlash,
} from '../board.js';
import { Crisis, usePartner } from '../support.js';
import { isAlumnus } from '../membership.js';

export function Compose({ user, houses }) {
  if (!houses.current) {
    if (houses.status === 'loading') return html`<${Loading} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
    return html`<section class="stack" data-testid="compose-screen">
      <h1 tabindex="-1">${t('compose.title')}</h1>
      <${EmptyState} testid="feed-no-house">${t('feed.noHouse')}</${EmptyState}>
      <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
    </section>`;
  }
  return html`<${ComposeForm} key=${houses.house.id} user=${user} houses=${houses} />`;
}

function isImage(file) {
  if (IMAGE_TYPES.includes(file.type)) return true;
  return !file.type && /\.(jpe?g|png|webp|gif|heic|heif)$/i.test(file.name || '');
}

const MB = Math.round(MAX_IMAGE_BYTES / (1024 * 1024));

const cameraIcon = html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9Zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"/>
</svg>`;

const galleryIcon = html`<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 2v9.6l4.3-4.3a1 1 0 0 1 1.4 0l3.3 3.3 2.3-2.3a1 1 0 0 1 1.4 0L20 15.6V6H4Zm12 2.5a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Z"/>
</svg>`;

let photoSeq = 0;

function ComposeForm({ user, houses }) {
  const house = houses.house;
  const membership = houses.current;
  const kinds = kindsFor(membership, houses.isManager);
  const wanted = new URLSearchParams(location.search).get('kind');
  const [kind, setKind] = useState(kinds.includes(wanted) ? wanted : 'share');
  const [body, setBody] = useState('');
  const [pin, setPin] = useState(false);
  const [photos, setPhotos] = useState([]); // {id, file, url}
  const [preparing, setPreparing] = useState(false);
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const urls = useRef(new Set());

  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const support = kind === 'support';

  async function add(fileList) {
    let files = [...(fileList || [])];
    if (!files.length) return;
    const notes = [];
    const room = MAX_IMAGES - photos.length;
    if (files.length > room) {
      notes.push(t('compose.photosMax', { count: MAX_IMAGES }));
      files = files.slice(0, Math.max(0, room));
    }
    setPreparing(true);
    const ready = [];
    for (const f of files) {
      if (!isImage(f)) {
        notes.push(t('compose.photoNotImage', { name: f.name || '' }));
        continue;
      }
      const small = await preparePhoto(f);
      if (small.size > MAX_IMAGE_BYTES) {
        notes.push(t('compose.photoTooBig', { name: f.name || '', mb: MB }));
        continue;
      }
      const url = URL.createObjectURL(small);
      urls.current.add(url);
      ready.push({ id: ++photoSeq, file: small, url });
    }
    setPreparing(false);
    setPhotos((list) => [...list, ...ready].slice(0, MAX_IMAGES));
    setErrors((e) => ({ ...e, images: notes.join(' ') || undefined }));
  }

  function removePhoto(p) {
    URL.revokeObjectURL(p.url);
    urls.current.delete(p.url);
    setPhotos((list) => list.filter((x) => x.id !== p.id));
    setErrors((e) => ({ ...e, images: undefined }));
  }

  function picked(e) {
    const input = e.currentTarget;
    const files = input.files ? [...input.files] : [];
    input.value = ''; // the same photo may be chosen again
    add(files);
  }

  async function submit(e) {
    e.preventDefault();
    if (!body.trim()) {
      setErrors({ body: t('feed.bodyEmpty') });
      document.getElementById('compose-body')?.focus();
      return;
    }
    setBusy(true);
    setErrors({});
    setProblem('');
    const data = new FormData();
    data.append('house', house.id);
    data.append('author', user.id);
    data.append('kind', kind);
    data.append('body', body.trim());
    if (kind === 'announcement' && pin) data.append('pinned', 'true');
    for (const p of photos) data.append('images', p.file);
    try {
      const rec = await pb.collection('posts').create(data);
      if (rec.kind === 'support') {
        setFlash(t('compose.supportSent'));
        navigate('/board/posts/' + rec.id);
      } else {
        setFlash(t('compose.posted'));
        navigate('/board');
      }
    } catch (err) {
      if (handleWriteError(err)) return;
      const { fields, text } = splitErrors(err, ['body', 'kind', 'images']);
      setErrors(fields);
      setProblem(Object.keys(fields).length ? '' : text);
      setBusy(false);
    }
  }

  const options = kinds.map((k) => ({ value: k, label: t('compose.kind.' + k), hint: t('compose.kindHint.' + k) }));
  return html`<section class=${'compose' + (support ? ' compose-support' : '')} data-testid="compose-screen" data-kind=${kind}>
    <div class="screen-head">
      <a class="back-link" href="/board"><span aria-hidden="true">‹ </span>${t('feed.back')}</a>
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${support ? t('compose.titleSupport') : t('compose.title')}</h1>
    </div>
    ${support ? html`<${Crisis} house=${house} membership=${membership} user=${user} />` : null}
    <form class="form" onSubmit=${submit} novalidate data-testid="compose-form">
      ${kinds.length > 1 ? html`<${Choices} id="compose-kind" legend=${t('compose.kindLegend')} value=${kind} options=${options}
        onInput=${(k) => { setKind(k); setErrors((x) => ({ ...x, kind: undefined })); }} error=${errors.kind} testid="compose-kind" />` : null}
      <div class="field-stack">
        <${Field} id="compose-body" type="textarea" label=${t('compose.bodyLabel.' + kind)} value=${body}
          onInput=${(v) => { setBody(v); if (errors.body) setErrors((x) => ({ ...x, body: undefined })); }}
          error=${errors.body} maxlength=${MAX_BODY} rows=${support ? 4 : 5}
          hint=${t('compose.counter', { n: body.length, max: MAX_BODY })} testid="compose-body" />
        ${support && !body ? html`<button type="button" class="btn btn-ghost align-start" onClick=${() => setBody(t('compose.supportWords'))}
          data-testid="compose-support-words">${t('compose.supportWordsButton')}</button>` : null}
      </div>
      ${kind === 'announcement' ? html`<${Field} id="compose-pin" type="checkbox" label=${t('compose.pin')} hint=${t('compose.pinHint')}
        checked=${pin} onInput=${setPin} testid="compose-pin" />` : null}
      <div class=${'field' + (errors.images ? ' has-error' : '')}>
        <p class="field-label">${t('compose.photos')}</p>
        <p class="field-hint" id="compose-photos-hint">${t('compose.photosHint', { count: MAX_IMAGES, mb: MB })}</p>
        ${photos.length ? html`<ul class="compose-photos" data-testid="compose-photos">
          ${photos.map((p, i) => html`<li key=${p.id} class="compose-photo">
            <img src=${p.url} alt=${t('compose.photoAlt', { n: i + 1 })} data-testid="compose-photo" />
            <button type="button" class="compose-photo-remove" aria-label=${t('compose.photoRemove', { n: i + 1 })}
              onClick=${() => removePhoto(p)} disabled=${busy} data-testid="compose-photo-remove">×</button>
          </li>`)}
        </ul>` : null}
        ${preparing ? html`<${Loading} label=${t('compose.preparing')} />` : null}
        ${photos.length < MAX_IMAGES ? html`<div class="button-row">
          <label class=${'btn btn-secondary file-btn' + (busy || preparing ? ' is-disabled' : '')} data-testid="compose-camera">
            ${cameraIcon}<span>${t('compose.camera')}</span>
            <input type="file" accept="image/*" capture="environment" disabled=${busy || preparing} onChange=${picked}
              aria-describedby="compose-photos-hint" data-testid="compose-camera-input" />
          </label>
          <label class=${'btn btn-secondary file-btn' + (busy || preparing ? ' is-disabled' : '')} data-testid="compose-gallery">
            ${galleryIcon}<span>${t('compose.gallery')}</span>
            <input type="file" accept=${IMAGE_TYPES.join(',')} multiple disabled=${busy || preparing} onChange=${picked}
              aria-describedby="compose-photos-hint" data-testid="compose-gallery-input" />
          </label>
        </div>` : html`<p class="muted" data-testid="compose-photos-full">${t('compose.photosFull', { count: MAX_IMAGES })}</p>`}
        ${errors.images ? html`<p class="field-error" data-testid="compose-photos-error">${errors.images}</p>` : null}
      </div>
      ${support ? html`<${WhoIsTold} membership=${membership} />` : null}
      <${Toast} kind="error" message=${problem} testid="compose-problem" />
      <div class="form-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('compose.posting')}
          disabled=${preparing} data-testid="compose-submit">${support ? t('compose.submitSupport') : t('compose.submit')}</${Button}>
      </div>
      <a class="btn btn-ghost align-start" href="/board" data-testid="compose-cancel">${t('feed.cancel')}</a>
    </form>
  </section>`;
}

// WhoIsTold: in plain words, who a need-support post reaches (see the
// server's SupportRecipients), right above the button that sends it.
function WhoIsTold({ membership }) {
  const partner = usePartner(membership);
  if (isAlumnus(membership)) {
    return html`<div class="support-who" data-testid="compose-who">
    <h2>${t('compose.whoTitle')}</h2>
    <p data-testid="compose-who-text">${t('careAlumni.who')}</p>
  </div>`;
  }
  return html`<div class="support-who" data-testid="compose-who">
    <h2>${t('compose.whoTitle')}</h2>
    <p data-testid="compose-who-text">${partner ? t('compose.whoPartner', { name: nameOf(partner) }) : t('compose.who')}</p>
    <p class="muted">${t('compose.whoAlumni')}</p>
  </div>`;
}
