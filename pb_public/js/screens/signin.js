import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, isOffline, takeEndedReason } from '../pb.js';
import { Button, Field, Toast, flameIcon } from '../ui.js';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [notice] = useState(() => {
    const reason = takeEndedReason();
    return reason === 'expired' ? t('signin.expired') : reason === 'signout' ? t('signin.signedOut') : '';
  });

  async function submit(e) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t('signin.missing'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      // Success changes the auth store; the app then leaves this screen.
      await pb.collection('users').authWithPassword(email.trim(), password);
    } catch (err) {
      setBusy(false);
      if (err.status === 400) setError(t('signin.wrong'));
      else if (err.status === 429) setError(t('signin.tooMany'));
      else if (isOffline(err)) setError(t('app.offline'));
      else setError(t('app.genericError'));
    }
  }

  return html`<section class="signin" data-testid="signin-screen">
    <div class="signin-brand">${flameIcon}<span>${t('app.name')}</span></div>
    <h1 tabindex="-1">${t('signin.title')}</h1>
    <p class="lead">${t('signin.intro')}</p>
    ${notice ? html`<p class="notice" data-testid="signin-notice">${notice}</p>` : null}
    <form class="card form" onSubmit=${submit} novalidate data-testid="signin-form">
      <${Field} id="signin-email" type="email" label=${t('signin.email')} value=${email} onInput=${setEmail}
        autocomplete="username" inputmode="email" autocapitalize="none" spellcheck="false" required testid="signin-email" />
      <${Field} id="signin-password" type="password" label=${t('signin.password')} value=${password} onInput=${setPassword}
        autocomplete="current-password" required testid="signin-password" />
      <${Toast} kind="error" message=${error} testid="signin-error" />
      <${Button} type="submit" busy=${busy} busyLabel=${t('signin.submitting')} data-testid="signin-submit">${t('signin.submit')}</${Button}>
    </form>
    <p class="join-link"><a class="btn btn-secondary" href="/join" data-testid="signin-join">${t('signin.join')}</a></p>
    <p class="muted">${t('signin.help')}</p>
    <p class="muted">${t('signin.forgot')}</p>
  </section>`;
}
