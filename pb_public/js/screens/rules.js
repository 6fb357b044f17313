// House rules (/rules), for everyone in the house: the stored rules read as
// text (see richtext.js), never as HTML.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb } from '../pb.js';
import { useLoad } from '../load.js';
import { KeptNote } from '../connection.js';
import { RulesText, rulesBlocks } from '../richtext.js';
import { EmptyState, ErrorState, Loading } from '../ui.js';

export function Rules({ houses }) {
  if (!houses.current) {
    if (houses.status === 'loading') return html`<${Loading} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
    return html`<section class="stack" data-testid="rules-screen">
      <h1 tabindex="-1">${t('rules.title')}</h1>
      <${EmptyState}>${t('home.noHouseBody')}</${EmptyState}>
    </section>`;
  }
  return html`<${RulesView} key=${houses.house.id} first=${houses.house} isManager=${houses.isManager} />`;
}

function RulesView({ first, isManager }) {
  // The house as it is now (the rules may have changed since the houses
  // loaded), kept on the phone to be read without a connection.
  const loaded = useLoad(() => pb.collection('houses').getOne(first.id), [first.id], { keep: 'rules.' + first.id });
  const house = loaded.data || first;

  let body;
  if (loaded.status === 'loading') body = html`<${Loading} label=${t('rules.loading')} />`;
  else if (loaded.status === 'error') {
    body = html`<${ErrorState} message=${t('rules.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  } else if (!rulesBlocks(house.rules).length) {
    body = html`<${EmptyState} testid="rules-empty">${isManager ? t('rules.emptyManager') : t('rules.empty')}</${EmptyState}>`;
  } else {
    body = html`<div class="card rules"><${RulesText} source=${house.rules} testid="rules-text" /></div>`;
  }

  return html`<section class="rules-screen" data-testid="rules-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('rules.title')}</h1>
    </div>
    <p class="lead">${t('rules.intro')}</p>
    <${KeptNote} state=${loaded} />
    ${body}
    ${isManager ? html`<p class="after-card"><a class="btn btn-secondary" href="/manage/house" data-testid="rules-edit">${t('rules.edit')}</a></p>` : null}
  </section>`;
}
