// The Manage area: the hub at /manage, the links to its screens (also shown
// on the home screen), and the gate every manager screen passes first.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { EmptyState, ErrorState, Loading } from '../ui.js';
import { useReviewCount } from '../chores.js';
import { useReportCount } from '../board-basics.js';
import { HttpNotice } from '../secure.js';

const chevron = html`<svg class="icon chevron" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="currentColor" d="M9.3 5.3a1 1 0 0 0 0 1.4L14.6 12l-5.3 5.3a1 1 0 1 0 1.4 1.4l6-6a1 1 0 0 0 0-1.4l-6-6a1 1 0 0 0-1.4 0Z"/>
</svg>`;

// LinkCard: a large tappable link with a title and one line that says what is there.
export function LinkCard({ href, title, body, testid, badge }) {
  return html`<a class="link-card" href=${href} data-testid=${testid}>
    <span class="link-card-text">
      <span class="link-card-title">${title}${badge ? html` <span class="count-badge" data-testid=${testid + '-count'}
        aria-hidden="true">${badge}</span>` : null}</span>
      ${body ? html`<span class="link-card-body">${body}</span>` : null}
    </span>
    ${chevron}
  </a>`;
}

// ManageLinks: the manager's screens. reviewCount (null while unknown) puts
// the number of chores waiting for a look on the review link.
export function ManageLinks({ reviewCount = null, reportCount = null }) {
  const waiting = typeof reviewCount === 'number' && reviewCount > 0;
  const reported = typeof reportCount === 'number' && reportCount > 0;
  const reviewBody = reviewCount === null ? t('manage.reviewBody')
    : reviewCount >= 100 ? t('manage.reviewWaitingMany') : t('manage.reviewWaiting', { count: reviewCount });
  return html`<ul class="link-cards" data-testid="manage-links">
    <li><${LinkCard} href="/manage/today" title=${t('manage.today')} body=${t('manage.todayBody')} testid="manage-today" /></li>
    <li><${LinkCard} href="/manage/review" title=${t('manage.review')} body=${reviewBody} testid="manage-review"
      badge=${waiting ? (reviewCount >= 100 ? '99+' : String(reviewCount)) : ''} /></li>
    <li><${LinkCard} href="/board" title=${t('manage.board')} testid="manage-board"
      body=${reported ? (reportCount >= 100 ? t('manage.boardReportsMany') : t('manage.boardReports', { count: reportCount })) : t('manage.boardBody')}
      badge=${reported ? (reportCount >= 100 ? '99+' : String(reportCount)) : ''} /></li>
    <li><${LinkCard} href="/manage/chores" title=${t('manage.chores')} body=${t('manage.choresBody')} testid="manage-chores" /></li>
    <li><${LinkCard} href="/manage/chore-points" title=${t('manage.points')} body=${t('manage.pointsBody')} testid="manage-points" /></li>
    <li><${LinkCard} href="/manage/reports" title=${t('reports.title')} body=${t('reports.linkBody')} testid="manage-reports" /></li>
    <li><${LinkCard} href="/manage/events" title=${t('events.manageTitle')} body=${t('events.manageBody')} testid="manage-events" /></li>
    <li><${LinkCard} href="/manage/tests" title=${t('staffLinks.tests')} body=${t('staffLinks.testsBody')} testid="manage-tests" /></li>
    <li><${LinkCard} href="/manage/incidents" title=${t('staffLinks.incidents')} body=${t('staffLinks.incidentsBody')} testid="manage-incidents" /></li>
    <li><${LinkCard} href="/manage/passes" title=${t('passLinks.manage')} body=${t('passLinks.manageBody')} testid="manage-passes" /></li>
    <li><${LinkCard} href="/manage/roster" title=${t('manage.roster')} body=${t('manage.rosterBody')} testid="manage-roster" /></li>
    <li><${LinkCard} href="/manage/invite" title=${t('manage.invite')} body=${t('manage.inviteBody')} testid="manage-invite" /></li>
    <li><${LinkCard} href="/manage/house" title=${t('manage.house')} body=${t('manage.houseBody')} testid="manage-house" /></li>
  </ul>`;
}

// managerGate returns what to show instead of a manager screen while the
// houses load, when they fail, or when the person does not manage the
// current house; null when the screen may show. A reload of the houses keeps
// the current one, so an open form is not thrown away meanwhile.
export function managerGate(houses) {
  if (!houses.current) {
    if (houses.status === 'loading') return html`<${Loading} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
  }
  if (!houses.isManager) {
    return html`<section class="stack" data-testid="not-manager">
      <h1 tabindex="-1">${t('manage.onlyManagersTitle')}</h1>
      <${EmptyState}>${t('manage.onlyManagersBody')}</${EmptyState}>
      <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
    </section>`;
  }
  return null;
}

export function Manage({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${ManageHub} key=${houses.house.id} house=${houses.house} />`;
}

function ManageHub({ house }) {
  const reviewCount = useReviewCount(house.id, true);
  const reportCount = useReportCount(house.id, true);
  return html`<section class="manage" data-testid="manage-screen">
    <p class="eyebrow-muted">${house.name}</p>
    <h1 tabindex="-1">${t('manage.title')}</h1>
    <p class="lead">${t('manage.intro')}</p>
    <${HttpNotice} />
    <${ManageLinks} reviewCount=${reviewCount} reportCount=${reportCount} />
  </section>`;
}

// ScreenHead: the title of a screen inside the Manage area, with the way back.
export function ScreenHead({ title, house, back = '/manage', backLabel }) {
  return html`<div class="screen-head">
    <a class="back-link" href=${back}><span aria-hidden="true">‹ </span>${backLabel || t('manage.back')}</a>
    ${house ? html`<p class="eyebrow-muted">${house.name}</p>` : null}
    <h1 tabindex="-1">${title}</h1>
  </div>`;
}
