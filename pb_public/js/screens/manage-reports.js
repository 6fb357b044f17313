// Reports (/manage/reports): the house's figures over a period a manager
// picks (this week, the last 4 weeks, a month, or any days), per resident
// and for the house, with small weekly charts, and the same report as CSV
// or PDF to hand to a certifier, a court or a funder (docs/API.md, GET
// /api/hearth/houses/{id}/report). The charts use uPlot, loaded by this
// screen only.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { downloadFile } from '../download.js';
import { pb } from '../pb.js';
import { useLoad } from '../load.js';
import { addDays, formatCalendarDate, weekStart, ymdIn } from '../dates.js';
import { Button, EmptyState, ErrorState, Field, Loading } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';

const UPLOT = '/vendor/uplot@1.6.32/';

export function ManageReports({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${ReportsView} key=${houses.house.id} house=${houses.house} />`;
}

// periodOf turns a choice into {from, to}, house-local days.
function periodOf(choice, today, month, custom) {
  if (choice === 'week') return { from: weekStart(today), to: addDays(weekStart(today), 6) };
  if (choice === 'month' && /^\d{4}-\d{2}$/.test(month)) {
    const [y, m] = month.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return { from: month + '-01', to: last };
  }
  if (choice === 'custom') return custom;
  return { from: addDays(today, -27), to: today };
}

function reportURL(house, period, format) {
  const q = new URLSearchParams({ from: period.from, to: period.to, format });
  return '/api/hearth/houses/' + encodeURIComponent(house.id) + '/report?' + q.toString();
}

function ReportsView({ house }) {
  const today = ymdIn(house.timezone);
  const [choice, setChoice] = useState('weeks4');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [custom, setCustom] = useState({ from: addDays(today, -6), to: today });
  const [busy, setBusy] = useState('');
  const [downloadError, setDownloadError] = useState('');
  const period = periodOf(choice, today, month, custom);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  // Managers' data: not kept on the phone.
  const state = useLoad(() => (valid ? pb.send(reportURL(house, period, 'json'), { method: 'GET' }) : Promise.resolve(null)),
    [house.id, period.from, period.to]);

  const save = async (format) => {
    setBusy(format);
    setDownloadError('');
    try {
      await downloadFile(reportURL(house, period, format), `hearth-report-${period.from}-${period.to}.${format}`);
    } catch {
      setDownloadError(t('reports.downloadError'));
    } finally {
      setBusy('');
    }
  };

  const choices = ['week', 'weeks4', 'month', 'custom'].map((c) => ({ value: c, label: t('reports.period.' + c) }));
  return html`<section class="reports" data-testid="reports-screen" data-house=${house.id}>
    <${ScreenHead} title=${t('reports.title')} house=${house} />
    <p class="lead">${t('reports.intro')}</p>
    <form class="reports-period" onSubmit=${(e) => e.preventDefault()}>
      <${Field} id="reports-period" type="select" label=${t('reports.periodLabel')} value=${choice} options=${choices}
        onInput=${setChoice} testid="reports-period" />
      ${choice === 'month' ? html`<${Field} id="reports-month" type="month" label=${t('reports.monthLabel')} value=${month}
        onInput=${setMonth} testid="reports-month" />` : null}
      ${choice === 'custom' ? html`<div class="reports-custom">
        <${Field} id="reports-from" type="date" label=${t('reports.from')} value=${custom.from}
          onInput=${(v) => setCustom({ ...custom, from: v })} testid="reports-from" />
        <${Field} id="reports-to" type="date" label=${t('reports.to')} value=${custom.to}
          onInput=${(v) => setCustom({ ...custom, to: v })} testid="reports-to" />
      </div>` : null}
    </form>
    <p class="reports-range" data-testid="reports-range">${t('reports.range', {
      from: formatCalendarDate(lang(), period.from), to: formatCalendarDate(lang(), period.to) })}</p>
    <div class="reports-downloads">
      <${Button} kind="secondary" busy=${busy === 'csv'} busyLabel=${t('reports.downloading')} disabled=${!valid || !!busy}
        onClick=${() => save('csv')} data-testid="reports-csv">${t('reports.csv')}</${Button}>
      <${Button} kind="secondary" busy=${busy === 'pdf'} busyLabel=${t('reports.downloading')} disabled=${!valid || !!busy}
        onClick=${() => save('pdf')} data-testid="reports-pdf">${t('reports.pdf')}</${Button}>
    </div>
    ${downloadError ? html`<p class="field-error" role="alert" data-testid="reports-download-error">${downloadError}</p>` : null}
    ${!valid ? html`<p class="field-error" role="alert">${t('reports.badPeriod')}</p>`
      : state.status === 'loading' ? html`<${Loading} label=${t('reports.loading')} />`
      : state.status === 'error' ? html`<${ErrorState} message=${t('reports.loadError')} err=${state.error} onRetry=${state.reload} />`
      : state.data ? html`<${ReportBody} rep=${state.data} />` : null}
  </section>`;
}

function pct(n, of) {
  return of > 0 ? Math.round((n * 100) / of) + ' %' : '—';
}

function ReportBody({ rep }) {
  const h = rep.house || {};
  const nf = new Intl.NumberFormat(lang());
  const rows = Array.isArray(rep.residents) ? rep.residents : [];
  const figures = [
    ['occupancy', h.occupancy == null ? t('reports.noCapacity') : nf.format(h.occupancy) + ' %'],
    ['bedNights', nf.format(h.bed_nights || 0)],
    ['moves', t('reports.movesValue', { in: h.move_ins || 0, out: h.move_outs || 0 })],
    ['checkins', t('reports.ofValue', { n: h.checkins_done || 0, of: h.checkins_expected || 0 })],
    ['curfew', t('reports.curfewValue', { n: h.curfew_checkins || 0, late: h.curfew_late || 0 })],
    ['meetings', t('reports.meetingsValue', { n: h.meetings_logged || 0, verified: h.meetings_verified || 0, of: h.meetings_expected || 0 })],
    ['chores', t('reports.choresValue', { done: h.chores_done || 0, missed: h.chores_missed || 0, excused: h.chores_excused || 0, of: h.chores_assigned || 0 })],
    ['support', h.support_posts ? t('reports.supportValue', { n: h.support_posts, answered: h.support_answered || 0,
      minutes: h.first_answer_minutes_median == null ? '—' : h.first_answer_minutes_median }) : t('reports.supportNone')],
  ];
  // Safety: drug tests and incidents (their words in reportsSafety).
  const safety = [
    ['tests', t('reportsSafety.testsValue', { n: h.drug_tests || 0, notNegative: h.drug_tests_non_negative || 0,
      positive: h.drug_tests_positive || 0, dilute: h.drug_tests_dilute || 0, invalid: h.drug_tests_invalid || 0,
      refused: h.drug_tests_refused || 0, pending: h.drug_tests_pending || 0 })],
    ['incidents', t('reportsSafety.incidentsValue', { n: h.incidents || 0, minor: h.incidents_minor || 0,
      serious: h.incidents_serious || 0, critical: h.incidents_critical || 0 })],
    ['followUps', h.follow_ups ? t('reportsSafety.followUpsValue', { n: h.follow_ups, closed: h.follow_ups_closed || 0,
      overdue: h.follow_ups_overdue || 0 }) : t('reportsSafety.followUpsNone')],
  ];
  return html`<div data-testid="reports-body">
    <h2>${t('reports.house')}</h2>
    <dl class="reports-figures" data-testid="reports-house">
      ${figures.map(([k, v]) => html`<div key=${k} data-testid=${'reports-house-' + k}><dt>${t('reports.fig.' + k)}</dt><dd>${v}</dd></div>`)}
      ${safety.map(([k, v]) => html`<div key=${k} data-testid=${'reports-house-' + k}><dt>${t('reportsSafety.' + k)}</dt><dd>${v}</dd></div>`)}
    </dl>
    <h2>${t('reports.charts')}</h2>
    <${Charts} weeks=${rep.weeks || []} />
    <h2>${t('reports.residents')}</h2>
    ${rows.length ? html`<div class="table-scroll" role="region" aria-labelledby="reports-caption" tabindex="0">
      <table class="points-table reports-table" data-testid="reports-table">
        <caption id="reports-caption">${t('reports.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('reports.col.resident')}</th>
          <th scope="col" class="num">${t('reports.col.days')}</th>
          <th scope="col" class="num">${t('reports.col.checkins')}</th>
          <th scope="col" class="num">${t('reports.col.curfew')}</th>
          <th scope="col" class="num">${t('reports.col.meetings')}</th>
          <th scope="col" class="num">${t('reports.col.chores')}</th>
          <th scope="col" class="num">${t('reportsSafety.colTests')}</th>
          <th scope="col" class="num">${t('reportsSafety.colIncidents')}</th>
        </tr></thead>
        <tbody>
          ${rows.map((r) => html`<tr key=${r.user} data-testid="reports-row" data-user=${r.user}>
            <th scope="row">${r.name || t('roster.unnamed')}</th>
            <td class="num">${nf.format(r.days)}</td>
            <td class="num" data-testid="reports-row-checkins">${r.checkins_done}/${r.checkins_expected} (${pct(r.checkins_done, r.checkins_expected)})</td>
            <td class="num">${r.curfew_checkins - r.curfew_late}/${r.curfew_checkins}</td>
            <td class="num">${r.meetings_logged} (${r.meetings_verified}✓)/${r.meetings_expected}</td>
            <td class="num">${r.chores_done}/${r.chores_assigned}${r.chores_missed ? html` <span class="is-missed">−${r.chores_missed}</span>` : null}</td>
            <td class="num" data-testid="reports-row-tests">${r.drug_tests || 0} (${r.drug_tests_non_negative || 0})</td>
            <td class="num" data-testid="reports-row-incidents">${r.incidents || 0}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>
    <p class="field-hint">${t('reports.key')} ${t('reportsSafety.key')}</p>` : html`<${EmptyState} testid="reports-empty">${t('reports.empty')}</${EmptyState}>`}
  </div>`;
}

let uplotModule = null;
// loadUPlot loads uPlot and its stylesheet once, the first time a chart
// is drawn.
function loadUPlot() {
  if (!uplotModule) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = UPLOT + 'uPlot.min.css';
    document.head.appendChild(link);
    uplotModule = import(UPLOT + 'uPlot.esm.js').then((m) => m.default);
  }
  return uplotModule;
}

function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

// Charts: four small weekly charts, each with a text summary for screen
// readers (the canvas is decoration for them).
function Charts({ weeks }) {
  if (weeks.length === 0) return null;
  const xs = weeks.map((w) => Date.parse(w.from + 'T12:00:00Z') / 1000);
  const get = (k) => weeks.map((w) => (w.house && w.house[k]) || 0);
  const charts = [
    { id: 'checkins', series: [['checkinsDone', get('checkins_done'), '--primary'], ['expected', get('checkins_expected'), '--muted']] },
    { id: 'meetings', series: [['meetingsLogged', get('meetings_logged'), '--manager'], ['expected', get('meetings_expected'), '--muted']] },
    { id: 'curfew', series: [['onTime', weeks.map((w) => (w.house.curfew_checkins || 0) - (w.house.curfew_late || 0)), '--success'], ['late', get('curfew_late'), '--danger']] },
    { id: 'chores', series: [['choresDone', get('chores_done'), '--success'], ['choresMissed', get('chores_missed'), '--danger']] },
    { id: 'occupancy', series: [['occupancy', weeks.map((w) => (w.house.occupancy == null ? null : w.house.occupancy)), '--primary']] },
  ];
  return html`<div class="reports-charts">
    ${charts.map((c) => html`<${Chart} key=${c.id} id=${c.id} xs=${xs} series=${c.series} />`)}
  </div>`;
}

function Chart({ id, xs, series }) {
  const box = useRef(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let plot = null;
    let live = true;
    loadUPlot().then((UPlot) => {
      if (!live || !box.current) return;
      const width = Math.max(240, Math.min(560, box.current.clientWidth || 300));
      const ink = cssVar('--ink', '#222');
      const line = cssVar('--line', '#ddd');
      const shortDay = new Intl.DateTimeFormat(lang(), { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
      const axis = { stroke: ink, grid: { stroke: line, width: 1 }, ticks: { stroke: line } };
      plot = new UPlot({
        width, height: 150,
        scales: { x: { time: true } },
        axes: [{ ...axis, values: (u, vals) => vals.map((v) => shortDay.format(new Date(v * 1000))) }, { ...axis, size: 40 }],
        legend: { show: true },
        series: [{ label: t('reports.chart.week') }, ...series.map(([label, , color]) => ({
          label: t('reports.chart.' + label), stroke: cssVar(color, '#888'), width: 2, points: { show: true },
        }))],
      }, [xs, ...series.map(([, data]) => data)], box.current);
    }).catch(() => { if (live) setFailed(true); });
    return () => { live = false; if (plot) plot.destroy(); };
  }, [id, xs.join(','), JSON.stringify(series.map((s) => s[1]))]);
  const summary = series.map(([label, data]) => t('reports.chart.' + label) + ': ' + data.map((v) => (v == null ? '—' : v)).join(', ')).join('; ');
  return html`<figure class="reports-chart" data-testid=${'reports-chart-' + id}>
    <figcaption>${t('reports.chartTitle.' + id)}</figcaption>
    <div ref=${box} class="reports-chart-box" role="img" aria-label=${summary}></div>
    ${failed ? html`<p class="field-hint">${t('reports.chartError')}</p>` : null}
  </figure>`;
}
