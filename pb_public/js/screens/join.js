// Join (/join#CODE): a new resident turns an invite into an account and a
// place in the house. Signed out: name, email and password (an existing
// account joins with its own password). Signed in: one tap.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang, chosenLang } from '../i18n.js';
import { pb, fieldCodes } from '../pb.js';
import { navigate } from '../router.js';
import { houseTimeAndZone } from '../dates.js';
import { Button, Field, Loading, Toast, flameIcon, splitErrors } from '../ui.js';
import { LanguageChoice, saveChosenLang } from './signin.js';

const HOUSE_KEY = 'hearth.house'; // houses.js reads the chosen house from here

function codeFromHash() {
  let raw = location.hash.replace(/^#/, '');
  try { raw = decodeURIComponent(raw); } catch { /* keep it as it is */ }
  return raw.trim();
}

function placeText(info) {
  if (!info.room) return info.bed ? t('invite.bedOnly', { bed: info.bed }) : '';
  return info.bed ? t('home.roomBed', { room: info.room, bed: info.bed }) : t('home.room', { room: info.room });
}

// lookupError: the sentence to show under the code field for a failed look-up.
function lookupError(err) {
  const { fields, text } = splitErrors(err, ['code']);
  return fields.code || text;
}

export function Join({ user, houses }) {
  const [code, setCode] = useState(codeFromHash);
  const [typed, setTyped] = useState(code);
  const [attempt, setAttempt] = useState(0);
  const [look, setLook] = useState({ status: code ? 'loading' : 'idle', info: null, error: '' });

  // Another join link opened while this screen is up.
  useEffect(() => {
    const onHash = () => {
      const c = codeFromHash();
      if (c) { setTyped(c); setCode(c); }
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!code) return undefined;
    let live = true;
    setLook({ status: 'loading', info: null, error: '' });
    pb.send('/api/hearth/invites/lookup', { method: 'POST', body: { code } }).then((info) => {
      if (live) setLook({ status: 'ready', info, error: '' });
    }).catch((err) => {
      if (live) setLook({ status: 'idle', info: null, error: lookupError(err) });
    });
    return () => { live = false; };
  }, [code, attempt]);

  function submitCode(e) {
    e.preventDefault();
    const c = typed.trim();
    if (!c) {
      setLook({ status: 'idle', info: null, error: t('join.codeMissing') });
      return;
    }
    setCode(c);
    setAttempt((a) => a + 1);
  }

  function changeCode(message) {
    setCode('');
    setLook({ status: 'idle', info: null, error: message || '' });
    if (location.hash) history.replaceState(null, '', '/join');
  }

  let body;
  if (look.status === 'loading') body = html`<${Loading} label=${t('join.checking')} />`;
  else if (look.status === 'ready') {
    body = html`<${JoinForm} key=${code} code=${code} info=${look.info} user=${user} houses=${houses} onBadCode=${changeCode} />`;
  } else {
    body = html`<form class="card form" onSubmit=${submitCode} novalidate data-testid="join-code-form">
      <${Field} id="join-code" label=${t('join.code')} hint=${t('join.codeHint')} value=${typed} onInput=${setTyped}
        error=${look.error} autocomplete="off" autocapitalize="characters" spellcheck="false" translate="no"
        class="code-input" testid="join-code" />
      <${Button} type="submit" data-testid="join-lookup">${t('join.continue')}</${Button}>
    </form>
    ${user ? null : html`<p class="join-signin"><span class="muted">${t('join.haveAccount')}</span>
      <a class="btn btn-ghost" href="/signin" data-testid="join-signin">${t('join.signInLink')}</a></p>`}`;
  }

  return html`<section class="signin join" data-testid="join-screen">
    ${user ? null : html`<div class="signin-brand">${flameIcon}<span>${t('app.name')}</span></div>
      <${LanguageChoice} id="join-lang" />`}
    <h1 tabindex="-1">${t('join.title')}</h1>
    <p class="lead">${t('join.intro')}</p>
    ${body}
  </section>`;
}

const SIGNUP_FIELDS = ['name', 'email', 'password', 'passwordConfirm'];

function JoinForm({ code, info, user, houses, onBadCode }) {
  const [form, setForm] = useState({ name: '', email: '', password: '', passwordConfirm: '' });
  const [existing, setExisting] = useState(false); // the email has an account: its password is enough
  const [errors, setErrors] = useState({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const houseName = (info.house && info.house.name) || '';
  const where = placeText(info);
  // The house's clock, with its zone named when the phone's differs.
  const until = info.expires ? houseTimeAndZone(lang(), info.expires, (info.house && info.house.timezone) || undefined) : null;

  const set = (field) => (value) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function redeem(e) {
    e.preventDefault();
    setErrors({});
    setProblem('');
    let body = { code };
    if (!user) {
      body = {
        code,
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        passwordConfirm: existing ? form.password : form.passwordConfirm,
      };
    }
    setBusy(true);
    try {
      const res = await pb.send('/api/hearth/invites/redeem', { method: 'POST', body });
      try { localStorage.setItem(HOUSE_KEY, info.house.id); } catch { /* private mode */ }
      if (res && res.token && res.record) {
        // A new account takes the language this screen is in; an existing
        // one only a language picked here.
        const record = await saveChosenLang(res.token, res.record, existing ? chosenLang() : lang());
        pb.authStore.save(res.token, record);
      }
      if (user && houses) {
        houses.select(info.house.id);
        houses.reload();
      }
      navigate('/', { replace: true });
    } catch (err) {
      setBusy(false);
      const codes = fieldCodes(err);
      const { fields, text } = splitErrors(err, ['code', ...SIGNUP_FIELDS]);
      if (fields.code) {
        onBadCode(fields.code);
        return;
      }
      if (codes.password === 'validation_existing_account') setExisting(true);
      setErrors(fields);
      setProblem(Object.keys(fields).length && text === t('app.checkFields') ? '' : text);
    }
  }

  const intro = html`<div class="card join-house" data-testid="join-house">
    <p class="join-house-line">
      ${t('join.joining')} <strong data-testid="join-house-name">${houseName}</strong>${where ? html` <span class="nowrap" data-testid="join-place">(${where})</span>` : null}
    </p>
    ${until && until.text ? html`<p class="muted" data-testid="join-expires">${until.zone
      ? t('seen.expiresZone', { date: until.text, zone: until.zone }) : t('join.expires', { date: until.text })}</p>` : null}
  </div>`;

  if (user) {
    return html`${intro}
      <form class="card form" onSubmit=${redeem} novalidate data-testid="join-form">
        <p>${t('join.signedInAs', { name: user.name || user.email, email: user.email })}</p>
        <${Toast} kind="error" message=${problem || Object.values(errors).filter(Boolean).join(' ')} testid="join-error" />
        <${Button} type="submit" busy=${busy} busyLabel=${t('join.joiningBusy')} data-testid="join-submit">
          ${t('join.joinAs', { house: houseName, name: user.name || user.email })}</${Button}>
      </form>
      <p><button type="button" class="btn btn-ghost" onClick=${() => onBadCode('')} data-testid="join-change-code">${t('join.otherCode')}</button></p>`;
  }

  return html`${intro}
    <form class="card form" onSubmit=${redeem} novalidate data-testid="join-form">
      <p class="field-hint">${t('join.formIntro')}</p>
      <${Field} id="join-name" label=${t('join.name')} value=${form.name} onInput=${set('name')} error=${errors.name}
        autocomplete="name" maxlength="255" testid="join-name" />
      <${Field} id="join-email" type="email" label=${t('join.email')} value=${form.email} onInput=${set('email')} error=${errors.email}
        autocomplete="email" inputmode="email" autocapitalize="none" spellcheck="false" testid="join-email" />
      <${Field} id="join-password" type="password" label=${existing ? t('join.existingPassword') : t('join.password')}
        hint=${existing ? null : t('join.passwordHint')} value=${form.password} onInput=${set('password')} error=${errors.password}
        autocomplete=${existing ? 'current-password' : 'new-password'} testid="join-password" />
      ${existing ? null : html`<${Field} id="join-password-again" type="password" label=${t('join.passwordAgain')}
        value=${form.passwordConfirm} onInput=${set('passwordConfirm')} error=${errors.passwordConfirm}
        autocomplete="new-password" testid="join-password-again" />`}
      <${Toast} kind="error" message=${problem} testid="join-error" />
      <${Button} type="submit" busy=${busy} busyLabel=${t('join.joiningBusy')} data-testid="join-submit">
        ${t('join.submit', { house: houseName })}</${Button}>
    </form>
    <p><button type="button" class="btn btn-ghost" onClick=${() => onBadCode('')} data-testid="join-change-code">${t('join.otherCode')}</button></p>`;
}
