// House rules (/rules), for everyone in the house: the stored rules read as
// text (see richtext.js), never as HTML.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, handleLoadError } from '../pb.js';
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
  const [house, setHouse] = useState(first);
  const [state, setState] = useState({ status: 'loading', error: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    pb.collection('houses').getOne(first.id).then((h) => {
      if (!live) return;
      setHouse(h);
      setState({ status: 'ready', error: null });
    }).catch((err) => {
      if (!live || handleLoadError(err)) return;
      setState({ status: 'error', error: err });
    });
    return () => { live = false; };
  }, [first.id, attempt]);

  let body;
  if (state.status === 'loading') body = html`<${Loading} label=${t('rules.loading')} />`;
  else if (state.status === 'error') {
    body = html`<${ErrorState} message=${t('rules.loadError')} err=${state.error} onRetry=${() => setAttempt((a) => a + 1)} />`;
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
    ${body}
    ${isManager ? html`<p class="after-card"><a class="btn btn-secondary" href="/manage/house" data-testid="rules-edit">${t('rules.edit')}</a></p>` : null}
  </section>`;
}
