// Whether the app is served over plain http from another machine (not
// https, not this machine): there the browser offers neither push
// notifications nor installing the app. Managers are told what they miss
// and where the way to HTTPS is written (docs/OPERATIONS.md, "HTTPS").
import { html } from './html.js';
import { t } from './i18n.js';

// isPlainHttp: http, and not this machine (the browser trusts localhost
// and 127.0.0.1 as if they were https).
export function isPlainHttp() {
  return location.protocol === 'http:' && !window.isSecureContext;
}

// HttpNotice: for a manager on plain http, what they miss and what to ask for.
export function HttpNotice() {
  if (!isPlainHttp()) return null;
  return html`<section class="card http-notice" role="note" aria-labelledby="http-notice-title" data-testid="http-notice">
    <h2 id="http-notice-title">${t('notifySettings.http.title')}</h2>
    <p>${t('notifySettings.http.body')}</p>
    <ul>
      <li>${t('notifySettings.http.missPush')}</li>
      <li>${t('notifySettings.http.missInstall')}</li>
    </ul>
    <p class="field-hint">${t('notifySettings.http.fix')}</p>
  </section>`;
}
