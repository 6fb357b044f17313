// Daily check-in (/checkin): the home card's check-in form on a page of its
// own, where the reminder notification leads. One tap on a face and one on
// "Check in" finish it; then the streak and the way back home.
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { formatClock } from '../dates.js';
import { ErrorState, Loading } from '../ui.js';
import { residentGate } from '../gate.js';
import { checksIn, DailyCheckin, useToday, weekText } from '../checkins.js';

export function Checkin({ houses }) {
  const gate = residentGate(houses, {
    name: 'checkin', title: 'checkin.screenTitle', body: 'checkin.notResident', loading: 'checkin.loading', allowed: checksIn,
  });
  if (gate) return gate;
  return html`<${CheckinView} key=${houses.house.id} house=${houses.house} membership=${houses.current} />`;
}

function CheckinView({ house, membership }) {
  const today = useToday(house.id);
  if (today.status === 'loading') return html`<${Loading} label=${t('checkin.loading')} />`;
  if (today.status === 'error') {
    return html`<${ErrorState} message=${t('checkin.loadError')} err=${today.error} onRetry=${today.reload} />`;
  }
  const d = today.data;
  const c = d.checkin;
  return html`<section class="checkin-screen" data-testid="checkin-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('checkin.screenTitle')}</h1>
    </div>
    <p class="lead">${t('checkin.screenLead')}</p>
    <div class="card checkin-card">
      <div class="checkin-card-head">
        <p class="checkin-by-strong">${c.daily ? t('checkin.doneToday') : t('checkin.by', { time: formatClock(lang(), c.deadline) })}</p>
        <span class="streak" data-testid="checkin-streak" data-streak=${c.streak}>${t('checkin.streak', { count: c.streak })}</span>
      </div>
      <${DailyCheckin} house=${house} membership=${membership} today=${today} idPrefix="page-checkin" />
    </div>
    <nav class="quick-links after-card" aria-label=${t('home.houseLinks')}>
      <a class="btn btn-secondary" href="/" data-testid="checkin-home">${t('app.backHome')}</a>
      <a class="btn btn-secondary" href="/meetings" data-testid="checkin-meetings">${t('checkin.meetings')}: ${weekText(d.meetings.done, d.meetings.expected)}</a>
    </nav>
  </section>`;
}
