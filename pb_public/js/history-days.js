// A resident's recent days as their history shows them (the managers'
// /manage/resident and the partner's view): every house-local day, with
// its daily check-in or none, so a day without one shows as such rather
// than being left out.
import { html } from './html.js';
import { t, lang } from './i18n.js';
import { addDays, formatCalendarDate } from './dates.js';

// historyDays: the days from today back `days` days, newest first, each
// {day, checkin} (checkin null for a day without one): only days they
// lived in the house (from move_in to move_out, the membership's dates),
// and today only once checked in (the day is not over).
export function historyDays(checkins, today, days, moveIn, moveOut) {
  const by = new Map(checkins.map((c) => [String(c.day).slice(0, 10), c]));
  const first = moveIn ? String(moveIn).slice(0, 10) : '';
  const last = moveOut ? String(moveOut).slice(0, 10) : '';
  const out = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(today, -i);
    if (!day || (first && day < first)) break;
    if (last && day > last) continue;
    const checkin = by.get(day) || null;
    if (i === 0 && !checkin) continue;
    out.push({ day, checkin });
  }
  return out;
}

// MissingDay: a day without a daily check-in, said plainly.
export function MissingDay({ day, testid }) {
  return html`<li class="history-item is-missing" data-testid=${testid} data-day=${day}>
    <p class="history-when">${formatCalendarDate(lang(), day)}</p>
    <p>${t('care.noCheckin')}</p>
  </li>`;
}
