// Sign-in (/signin), and the language choice it shares with the join
// screen: a person picks English or Spanish before there is an account, the
// phone remembers it, and signing in or joining keeps it in their profile.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang, chooseLang, chosenLang, forgetChosenLang, LANGUAGES } from '../i18n.js';
import { pb, isOffline, takeEndedReason } from '../pb.js';
import { Button, Choices, Field, Toast, flameIcon } from '../ui.js';

// LanguageChoice: English or Español, before sign-in. Each name is written
// in its own language, so it is found whatever the screen is in.
export function LanguageChoice({ id }) {
  const options = LANGUAGES.map((l) => ({ value: l, label: t('profile.languageNames.' + l) }));
  return html`<div class="lang-choice">
    <${Choices} id=${id} legend=${t('signin.language')} value=${lang()} options=${options}
      onInput=${chooseLang} testid="lang-choice" />
  </div>`;
}

// saveChosenLang keeps a language picked before sign-in in the new
// session's profile (users.language, see docs/API.md), before the session
// starts, so the app opens in it at once. want is the language to keep, or
// null to keep the profile's own. It answers the record to start with.
export async function saveChosenLang(token, record, want) {
  forgetChosenLang();
  if (!want || !record || record.language === want) return record;
  try {
    return await pb.send('/api/collections/users/records/' + encodeURIComponent(record.id), {
      method: 'PATCH',
      body: { language: want },
      headers: { Authorization: token },
    });
  } catch {
    // Not kept on the server this time: this phone still shows it, and the
    // profile screen can save it later.
    return { ...record, language: want };
  }
}

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
      // The answer is kept by hand (as authWithPassword would) once a
      // language picked here is in the profile, so the app does not open
      // in the profile's old language first.
      const auth = await pb.send('/api/collections/users/auth-with-password', {
        method: 'POST',
        body: { identity: email.trim(), password },
      });
      const record = await saveChosenLang(auth.token, auth.record, chosenLang());
      pb.authStore.save(auth.token, record);
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
    <${LanguageChoice} id="signin-lang" />
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
