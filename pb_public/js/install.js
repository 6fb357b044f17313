// A gentle offer to keep Hearth on the home screen, after a few visits:
// Chromium's own install prompt where the browser offers one
// (beforeinstallprompt), and the steps in words on an iPhone, where Safari
// has no prompt. "Not now" is remembered for a month. Nothing shows once
// the app is installed.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';

const VISITS_KEY = 'hearth.visits';
const LATER_KEY = 'hearth.installLater';
const VISITS_BEFORE = 3;
const LATER_DAYS = 30;

let deferred = null;
const listeners = new Set();

function visits() {
  try { return Number(localStorage.getItem(VISITS_KEY)) || 0; } catch { return 0; }
}

// countVisit counts this visit (once per tab).
export function countVisit() {
  try {
    if (sessionStorage.getItem(VISITS_KEY)) return;
    sessionStorage.setItem(VISITS_KEY, '1');
    localStorage.setItem(VISITS_KEY, String(visits() + 1));
  } catch { /* private mode */ }
}

window.addEventListener('beforeinstallprompt', (e) => {
  e.preventDefault(); // offered in the app's own words, when the time is right
  deferred = e;
  listeners.forEach((fn) => fn());
});
window.addEventListener('appinstalled', () => {
  deferred = null;
  listeners.forEach((fn) => fn());
});

function installed() {
  return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
}

function isIPhone() {
  return /iphone|ipad|ipod/i.test(navigator.userAgent) && !installed();
}

function laterUntil() {
  try { return Number(localStorage.getItem(LATER_KEY)) || 0; } catch { return 0; }
}

// InstallCard: the offer, or nothing.
export function InstallCard() {
  const [, tick] = useState(0);
  const [later, setLater] = useState(laterUntil);
  useEffect(() => {
    const fn = () => tick((n) => n + 1);
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, []);
  if (installed() || visits() < VISITS_BEFORE || later > Date.now()) return null;
  const iphone = isIPhone();
  if (!deferred && !iphone) return null;

  function notNow() {
    const until = Date.now() + LATER_DAYS * 24 * 60 * 60 * 1000;
    try { localStorage.setItem(LATER_KEY, String(until)); } catch { /* private mode */ }
    setLater(until);
  }
  async function install() {
    const e = deferred;
    if (!e) return;
    deferred = null;
    await e.prompt();
    tick((n) => n + 1);
  }

  return html`<section class="card install-card" aria-labelledby="install-title" data-testid="install-card">
    <h2 id="install-title">${t('install.title')}</h2>
    <p>${iphone && !deferred ? t('install.iphoneSteps') : t('install.body')}</p>
    <div class="install-actions">
      ${deferred ? html`<button type="button" class="btn btn-primary" onClick=${install} data-testid="install-add">${t('install.add')}</button>` : null}
      <button type="button" class="btn btn-secondary" onClick=${notNow} data-testid="install-later">${t('install.later')}</button>
    </div>
  </section>`;
}
