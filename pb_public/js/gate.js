// residentGate: the resident screens' twin of managerGate (screens/manage.js).
// It returns what to show instead of a screen for someone living in the
// house (check-in, meetings, chores, partner) while the houses load, when
// they fail, or when the person does not live in the current house; null
// when the screen may show. A reload of the houses keeps the current one, so
// an open form is not thrown away meanwhile.
import { html } from './html.js';
import { t } from './i18n.js';
import { isMember } from './membership.js';
import { EmptyState, ErrorState, Loading } from './ui.js';

// houses: the houses state (houses.js). name: the screen's name, giving
// its testids (name-screen, name-unavailable); title, body: the words
// (i18n keys) for someone who does not live there; loading: the waiting
// label's key, if any; allowed: who may see the screen (members by default).
export function residentGate(houses, { name, title, body, loading = '', allowed = isMember }) {
  if (!houses.current) {
    if (houses.status === 'loading') return html`<${Loading} label=${loading ? t(loading) : undefined} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
  }
  if (!allowed(houses.current)) {
    return html`<section class="stack" data-testid=${name + '-screen'}>
      <h1 tabindex="-1">${t(title)}</h1>
      <${EmptyState} testid=${name + '-unavailable'}>${t(body)}</${EmptyState}>
      <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
    </section>`;
  }
  return null;
}
