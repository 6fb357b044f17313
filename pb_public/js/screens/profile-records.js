// MyRecords: on the profile, a person's own progress letter for each house
// they live or lived in (docs/API.md, GET /api/hearth/me/report), and a zip
// of everything Hearth holds about them (GET /api/hearth/me/export). Both
// work after moving out too: a person loses the house, not their records.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { downloadFile } from '../download.js';
import { addDays, ymdIn } from '../dates.js';
import { Button } from '../ui.js';


// letterPeriod: the stay, at most the last year of it.
function letterPeriod(m, timeZone) {
  const today = ymdIn(timeZone);
  const to = m.move_out ? String(m.move_out).slice(0, 10) : today;
  let from = m.move_in ? String(m.move_in).slice(0, 10) : addDays(to, -89);
  if (from < addDays(to, -364)) from = addDays(to, -364);
  if (from > to) from = to;
  return { from, to };
}

export function MyRecords({ houses }) {
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const places = ((houses && houses.memberships) || []).filter((m) => m.role === 'resident');
  const run = async (key, url, filename) => {
    setBusy(key);
    setError('');
    try {
      await downloadFile(url, filename);
    } catch {
      setError(t('myRecords.error'));
    } finally {
      setBusy('');
    }
  };
  return html`<section class="card my-records" aria-labelledby="my-records-title" data-testid="my-records">
    <h2 id="my-records-title">${t('myRecords.title')}</h2>
    <p class="field-hint">${t('myRecords.intro')}</p>
    ${places.map((m) => {
      const house = m.expand && m.expand.house;
      const name = house ? house.name : t('myRecords.aHouse');
      const p = letterPeriod(m, house && house.timezone);
      const q = new URLSearchParams({ house: m.house, from: p.from, to: p.to, format: 'pdf' });
      return html`<${Button} key=${m.id} kind="secondary" busy=${busy === m.id} busyLabel=${t('myRecords.making')}
        disabled=${!!busy} data-testid="my-records-letter" data-house=${m.house}
        onClick=${() => run(m.id, '/api/hearth/me/report?' + q.toString(), `hearth-progress-${p.from}-${p.to}.pdf`)}>
        ${t('myRecords.letter', { house: name })}</${Button}>`;
    })}
    <${Button} kind="secondary" busy=${busy === 'export'} busyLabel=${t('myRecords.making')} disabled=${!!busy}
      data-testid="my-records-export" onClick=${() => run('export', '/api/hearth/me/export', 'hearth-export.zip')}>
      ${t('myRecords.export')}</${Button}>
    <a class="btn btn-secondary align-start" href="/me/record" data-testid="profile-my-record">${t('myRecord.link')}</a>
    ${error ? html`<p class="field-error" role="alert" data-testid="my-records-error">${error}</p>` : null}
  </section>`;
}
