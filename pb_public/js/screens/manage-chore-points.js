// Chore points (/manage/chore-points): who carried what over the last four
// weeks (28 house-local days), a row per resident: points assigned, done
// (approved or waiting for a look), missed and excused. A real table with
// a caption and headers; on a narrow phone it scrolls inside its own box.
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb } from '../pb.js';
import { useLoad } from '../load.js';
import { formatCalendarDate } from '../dates.js';
import { EmptyState, ErrorState, Loading } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';

const COLUMNS = ['assigned', 'done', 'missed', 'excused'];

export function ChorePoints({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${PointsView} key=${houses.house.id} house=${houses.house} />`;
}

function num(v) {
  return Number(v) || 0;
}

function PointsView({ house }) {
  // Managers' data: not kept on the phone.
  const state = useLoad(() => pb.send('/api/hearth/houses/' + encodeURIComponent(house.id) + '/chores/summary', { method: 'GET' }), [house.id]);

  if (state.status === 'loading') return html`<${Loading} label=${t('points.loading')} />`;
  if (state.status === 'error') {
    return html`<${ErrorState} message=${t('points.loadError')} err=${state.error} onRetry=${state.reload} />`;
  }

  const d = state.data || {};
  const rows = [...(Array.isArray(d.residents) ? d.residents : [])]
    .sort((a, b) => String(a.name || '').localeCompare(String(b.name || ''), undefined, { sensitivity: 'base' }));
  const totals = Object.fromEntries(COLUMNS.map((c) => [c, rows.reduce((s, r) => s + num(r[c]), 0)]));
  const from = formatCalendarDate(lang(), d.from);
  const to = formatCalendarDate(lang(), d.to);
  const nf = new Intl.NumberFormat(lang());

  return html`<section class="chore-points" data-testid="points-screen">
    <${ScreenHead} title=${t('points.title')} house=${house} />
    <p class="lead">${t('points.intro')}</p>
    ${rows.length ? html`<div class="table-scroll" role="region" aria-labelledby="points-caption" tabindex="0" data-testid="points-scroll">
      <table class="points-table" data-testid="points-table">
        <caption id="points-caption">${t('points.caption', { from, to })}</caption>
        <thead>
          <tr>
            <th scope="col">${t('points.resident')}</th>
            ${COLUMNS.map((c) => html`<th scope="col" class="num" key=${c}>${t('points.col.' + c)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => html`<tr key=${r.user} data-testid="points-row" data-user=${r.user}>
            <th scope="row">${r.name || t('roster.unnamed')}</th>
            ${COLUMNS.map((c) => html`<td class=${'num' + (c === 'missed' && num(r[c]) > 0 ? ' is-missed' : '')} key=${c}
              data-testid=${'points-' + c} data-value=${num(r[c])}>${nf.format(num(r[c]))}</td>`)}
          </tr>`)}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t('points.total')}</th>
            ${COLUMNS.map((c) => html`<td class="num" key=${c} data-testid=${'points-total-' + c}>${nf.format(totals[c])}</td>`)}
          </tr>
        </tfoot>
      </table>
    </div>
    <dl class="points-key">
      ${COLUMNS.map((c) => html`<div key=${c}><dt>${t('points.col.' + c)}</dt><dd>${t('points.explain.' + c)}</dd></div>`)}
    </dl>` : html`<${EmptyState} testid="points-empty">${t('points.empty', { from, to })}</${EmptyState}>`}
  </section>`;
}
