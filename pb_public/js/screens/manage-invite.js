// Add resident (/manage/invite): a manager makes a single-use invite, shows
// its QR code or code to the new resident (or sends the link), and sees the
// invites that wait to be used.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, fieldCodes, handleLoadError } from '../pb.js';
import { useLoad } from '../load.js';
import { formatHouseDateTime, formatWhen } from '../dates.js';
import { Button, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';

export function Invite({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${InviteView} key=${houses.house.id} house=${houses.house} />`;
}

function placeText(room, bed) {
  if (!room) return bed ? t('invite.bedOnly', { bed }) : t('invite.noPlace');
  return bed ? t('home.roomBed', { room, bed }) : t('home.room', { room });
}

function InviteView({ house }) {
  const [form, setForm] = useState({ room: '', bed: '', email: '' });
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState(null);
  const [pendingKey, setPendingKey] = useState(0);
  const resultRef = useRef(null);

  useEffect(() => {
    // Bring the new code into view, and let a screen reader start there.
    if (invite && resultRef.current) {
      resultRef.current.scrollIntoView({ block: 'start' });
      resultRef.current.focus({ preventScroll: true });
    }
  }, [invite]);

  const set = (field) => (value) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function create(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem('');
    try {
      const res = await pb.send('/api/hearth/houses/' + encodeURIComponent(house.id) + '/invites', {
        method: 'POST',
        body: { room: form.room.trim(), bed: form.bed.trim(), email: form.email.trim() },
      });
      setInvite(res);
      setPendingKey((k) => k + 1);
    } catch (err) {
      if (handleLoadError(err)) return;
      const { fields, text } = splitErrors(err, ['room', 'bed', 'email']);
      // The server answers in the person's language too; for these the
      // screen has its own words, which name what to do here.
      if (fieldCodes(err).email === 'validation_invalid_email') fields.email = t('inviteEmail.invalid');
      if (fieldCodes(err).email === 'validation_email_off') fields.email = t('inviteEmail.off');
      if (fieldCodes(err).email === 'validation_email_limit') fields.email = t('inviteEmail.limit');
      setErrors(fields);
      setProblem(text);
    } finally {
      setBusy(false);
    }
  }

  function another() {
    setInvite(null);
    setForm({ room: '', bed: '', email: '' });
    setTimeout(() => document.getElementById('invite-room')?.focus(), 0);
  }

  return html`<section class="invite" data-testid="invite-screen">
    <${ScreenHead} title=${t('invite.title')} house=${house} />
    ${invite ? html`<div ref=${resultRef} tabindex="-1" class="invite-focus">
      <${InviteResult} invite=${invite} house=${house} onAnother=${another} />
    </div>` : html`<form class="card form" onSubmit=${create} novalidate data-testid="invite-form">
      <p>${t('invite.intro', { house: house.name })}</p>
      <div class="field-row">
        <${Field} id="invite-room" label=${t('invite.room')} value=${form.room} onInput=${set('room')}
          error=${errors.room} maxlength="40" testid="invite-room" />
        <${Field} id="invite-bed" label=${t('invite.bed')} value=${form.bed} onInput=${set('bed')}
          error=${errors.bed} maxlength="40" testid="invite-bed" />
      </div>
      <p class="field-hint">${t('invite.placeHint')}</p>
      <${Field} id="invite-email" type="email" label=${t('inviteEmail.label')} hint=${t('inviteEmail.hint')}
        value=${form.email} onInput=${set('email')} error=${errors.email} maxlength="254"
        autocomplete="off" inputmode="email" spellcheck="false" testid="invite-email" />
      <${Toast} kind="error" message=${problem} testid="invite-error" />
      <div class="form-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('invite.creating')} data-testid="invite-create">${t('invite.create')}</${Button}>
      </div>
    </form>`}
    <${Pending} house=${house} reloadKey=${pendingKey}
      onRevoked=${(id) => setInvite((inv) => (inv && inv.id === id ? null : inv))} />
  </section>`;
}

function InviteResult({ invite, house, onAnother }) {
  const urlRef = useRef(null);
  const [copyMsg, setCopyMsg] = useState('');
  const canShare = typeof navigator.share === 'function';
  const qr = typeof invite.qr === 'string' && invite.qr.startsWith('data:image/') ? invite.qr : '';
  const where = placeText(invite.room, invite.bed);
  const expires = formatHouseDateTime(lang(), invite.expires, house.timezone);

  async function copy() {
    setCopyMsg('');
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(invite.url);
        setCopyMsg(t('invite.copied'));
        return;
      }
    } catch { /* fall back to selecting the text */ }
    const input = urlRef.current;
    let ok = false;
    if (input) {
      input.focus();
      input.select();
      input.setSelectionRange(0, input.value.length);
      try { ok = document.execCommand('copy'); } catch { ok = false; }
    }
    setCopyMsg(ok ? t('invite.copied') : t('invite.copyManual'));
  }

  async function share() {
    try {
      await navigator.share({ title: t('invite.shareTitle', { house: house.name }), text: t('invite.shareText', { house: house.name }), url: invite.url });
    } catch { /* the person closed the share sheet */ }
  }

  return html`<div class="card invite-result" data-testid="invite-result" data-id=${invite.id}>
    <h2>${t('invite.readyTitle')}</h2>
    <${LoopbackWarning} invite=${invite} />
    <p>${t('invite.readyBody', { house: house.name })} <span class="nowrap" data-testid="invite-place">(${where})</span></p>
    ${qr ? html`<div class="qr-frame">
      <img class="qr" src=${qr} width="264" height="264" alt=${t('invite.qrAlt', { house: house.name })} data-testid="invite-qr" />
    </div>` : null}
    <p class="field-hint">${t('invite.codeLabel')}</p>
    <p class="invite-code" data-testid="invite-code" translate="no">${invite.code}</p>
    <p class="muted" data-testid="invite-expires">${t('invite.expires', { date: expires })}</p>
    ${invite.emailed ? html`<p class="muted" role="status" data-testid="invite-emailed">${t('inviteEmail.queued', { email: invite.emailed })}</p>` : null}
    <div class="field">
      <label for="invite-url">${t('invite.link')}</label>
      <input id="invite-url" type="text" readonly value=${invite.url} ref=${urlRef} data-testid="invite-url"
        onFocus=${(e) => e.currentTarget.select()} spellcheck="false" />
    </div>
    <div class="button-row">
      <${Button} kind="primary" onClick=${copy} data-testid="invite-copy">${t('invite.copy')}</${Button}>
      ${canShare ? html`<${Button} kind="secondary" onClick=${share} data-testid="invite-share">${t('invite.share')}</${Button}>` : null}
    </div>
    <${Toast} kind="success" message=${copyMsg} testid="invite-copied" />
    <p class="muted">${t('invite.onceNote')}</p>
    <div class="form-actions">
      <${Button} kind="secondary" onClick=${onAnother} data-testid="invite-another">${t('invite.another')}</${Button}>
    </div>
  </div>`;
}

// isLoopbackHost: whether a host names this machine only (the server
// says so for the link it made; the page's own address counts too).
function isLoopbackHost(host) {
  const h = String(host || '').toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function hostOf(url) {
  try { return new URL(url).host; } catch { return ''; }
}

// LoopbackWarning: a link made at 127.0.0.1 or localhost cannot be opened
// by a phone; say so plainly and give the addresses the server found for
// this machine on the house network (lan_urls).
function LoopbackWarning({ invite }) {
  const host = hostOf(invite.url);
  if (!invite.loopback && !isLoopbackHost(host)) return null;
  const urls = Array.isArray(invite.lan_urls) ? invite.lan_urls.filter((u) => typeof u === 'string' && /^https?:\/\//.test(u)) : [];
  return html`<div class="notice invite-loopback" role="note" data-testid="invite-loopback">
    <p class="invite-loopback-title"><strong>${t('seenManage.loopbackTitle')}</strong></p>
    <p>${t('seenManage.loopbackBody', { host })}</p>
    ${urls.length ? html`<p>${t('seenManage.loopbackUse', { count: urls.length })}</p>
      <ul class="invite-lan-urls" data-testid="invite-lan-urls">
        ${urls.map((u) => html`<li key=${u} translate="no" data-testid="invite-lan-url">${u}</li>`)}
      </ul>
      <p class="muted">${t('seenManage.loopbackTip')}</p>`
      : html`<p>${t('seenManage.loopbackNone')}</p>`}
  </div>`;
}

function Pending({ house, reloadKey, onRevoked }) {
  const [busyId, setBusyId] = useState('');
  const [message, setMessage] = useState({ kind: 'success', text: '' });

  // Managers' data: not kept on the phone.
  const loaded = useLoad(async () => {
    const res = await pb.collection('invites').getList(1, 50, {
      filter: pb.filter('house = {:h} && used_at = "" && revoked = false && expires > @now', { h: house.id }),
      sort: '-created',
      expand: 'created_by',
      skipTotal: true,
    });
    return res.items;
  }, [house.id, reloadKey]);
  const state = { status: loaded.status, error: loaded.error, items: loaded.data || [] };

  async function revoke(inv) {
    setBusyId(inv.id);
    setMessage({ kind: 'success', text: '' });
    try {
      await pb.collection('invites').update(inv.id, { revoked: true });
      loaded.update((items) => items.filter((x) => x.id !== inv.id));
      onRevoked(inv.id); // the code shown above, if it is this one, no longer works
      setMessage({ kind: 'success', text: t('invite.revoked', { place: placeText(inv.room, inv.bed) }) });
    } catch (err) {
      if (handleLoadError(err)) return;
      setMessage({ kind: 'error', text: splitErrors(err, []).text });
    } finally {
      setBusyId('');
    }
  }

  let list;
  if (state.status === 'loading') list = html`<${Loading} label=${t('invite.pendingLoading')} />`;
  else if (state.status === 'error') {
    list = html`<${ErrorState} message=${t('invite.pendingError')} err=${state.error} onRetry=${loaded.reload} />`;
  } else if (!state.items.length) {
    list = html`<${EmptyState} testid="pending-empty">${t('invite.pendingEmpty')}</${EmptyState}>`;
  } else {
    list = html`<ul class="people" data-testid="pending-invites">
      ${state.items.map((inv) => {
        const where = placeText(inv.room, inv.bed);
        const by = inv.expand && inv.expand.created_by;
        const made = formatWhen(lang(), inv.created, house.timezone);
        return html`<li class="person pending" key=${inv.id} data-testid="pending-invite" data-id=${inv.id}>
          <div class="person-main">
            <p class="person-name">${where}${inv.hint ? html` <span class="code-hint" translate="no">…${inv.hint}</span>` : null}</p>
            <p class="person-meta">${by && by.name ? t('invite.madeBy', { when: made, name: by.name }) : t('invite.made', { when: made })}</p>
            <p class="person-meta">${t('invite.expires', { date: formatHouseDateTime(lang(), inv.expires, house.timezone) })}</p>
          </div>
          <${Button} kind="secondary" busy=${busyId === inv.id} busyLabel=${t('invite.revoking')} onClick=${() => revoke(inv)}
            aria-label=${t('invite.revokeLabel', { place: where })} data-testid="pending-revoke">${t('invite.revoke')}</${Button}>
        </li>`;
      })}
    </ul>`;
  }

  return html`<div class="pending-invites">
    <div class="section-head section-gap">
      <h2>${t('invite.pendingTitle')}</h2>
    </div>
    <p class="muted section-note">${t('invite.pendingNote')}</p>
    <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="pending-error" />
    <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="pending-message"
      onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
    ${list}
  </div>`;
}
