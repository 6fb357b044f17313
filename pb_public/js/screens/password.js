// Changing one's own password, on the profile screen. PocketBase asks for
// the current password and signs every other device out when it changes;
// this device signs in again with the new one at once.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, fieldCodes, handleLoadError, isOffline } from '../pb.js';
import { Button, Field, Toast } from '../ui.js';

const EMPTY = { oldPassword: '', password: '', passwordConfirm: '' };

// The server's codes, in the person's language.
const MESSAGES = {
  oldPassword: { validation_required: 'password.currentMissing', validation_invalid_old_password: 'password.currentWrong' },
  password: { validation_required: 'password.newMissing', validation_min_text_constraint: 'password.tooShort' },
  passwordConfirm: { validation_required: 'password.repeatMissing', validation_values_mismatch: 'password.mismatch' },
};

export function PasswordChange({ user }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState({ kind: 'success', text: '' });

  const set = (field) => (value) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function change(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage({ kind: 'success', text: '' });
    try {
      await pb.collection('users').update(user.id, form);
      await pb.collection('users').authWithPassword(user.email, form.password);
      setForm(EMPTY);
      setMessage({ kind: 'success', text: t('password.changed') });
    } catch (err) {
      if (err.status !== 400 && handleLoadError(err)) return;
      const codes = fieldCodes(err);
      const fe = {};
      for (const [field, code] of Object.entries(codes)) {
        const key = MESSAGES[field] && MESSAGES[field][code];
        fe[field] = key ? t(key) : (err.response.data[field] || {}).message;
      }
      setErrors(fe);
      const text = Object.keys(fe).length ? '' : isOffline(err) ? t('app.offline') : t('app.genericError');
      setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="form password-form" onSubmit=${change} novalidate data-testid="password-form">
    <fieldset class="card">
      <legend>${t('password.title')}</legend>
      <p class="field-hint">${t('password.intro')}</p>
      <${Field} id="password-current" type="password" label=${t('password.current')} value=${form.oldPassword}
        onInput=${set('oldPassword')} error=${errors.oldPassword} autocomplete="current-password" testid="password-current" />
      <${Field} id="password-new" type="password" label=${t('password.new')} hint=${t('password.newHint')} value=${form.password}
        onInput=${set('password')} error=${errors.password} autocomplete="new-password" testid="password-new" />
      <${Field} id="password-repeat" type="password" label=${t('password.repeat')} value=${form.passwordConfirm}
        onInput=${set('passwordConfirm')} error=${errors.passwordConfirm} autocomplete="new-password" testid="password-repeat" />
      <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="password-error" />
      <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="password-changed"
        onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
      <div class="form-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('password.changing')} data-testid="password-save">${t('password.save')}</${Button}>
      </div>
    </fieldset>
  </form>`;
}
