// Accountability partner (/partner): a resident chooses, changes or clears
// the housemate who sees their daily check-ins and meeting log.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, handleLoadError } from '../pb.js';
import { Avatar, Button, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';

export function Partner({ user, houses }) {
  const m = houses.current;
  if (!m) {
    if (houses.status === 'loading') return html`<${Loading} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
  }
  if (!m || (m.status !== 'active' && m.status !== 'away')) {
    return html`<section class="stack" data-testid="partner-screen">
      <h1 tabindex="-1">${t('partner.title')}</h1>
      <${EmptyState} testid="partner-unavailable">${t('partner.notLiving')}</${EmptyState}>
      <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
    </section>`;
  }
  return html`<${PartnerView} key=${m.id} membershipId=${m.id} house=${houses.house} user=${user} />`;
}

function nameOf(u) {
  return (u && u.name) || t('home.unnamed');
}

function PartnerView({ membershipId, house, user }) {
  const [state, setState] = useState({ status: 'loading', own: null, mates: [], error: null });
  const [attempt, setAttempt] = useState(0);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const [busy, setBusy] = useState('');

  useEffect(() => {
    let live = true;
    Promise.all([
      pb.collection('memberships').getOne(membershipId, { expand: 'partner' }),
      pb.collection('memberships').getList(1, 200, {
        filter: pb.filter('house = {:h} && status = "active"', { h: house.id }),
        expand: 'user',
        sort: 'room',
        skipTotal: true,
      }),
    ]).then(([own, list]) => {
      if (!live) return;
      const mates = list.items.filter((x) => x.user !== user.id).map((x) => x.expand && x.expand.user).filter(Boolean)
        .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
      setState({ status: 'ready', own, mates, error: null });
      setChoice(own.partner || '');
    }).catch((err) => {
      if (!live || handleLoadError(err)) return;
      setState((s) => ({ ...s, status: 'error', error: err }));
    });
    return () => { live = false; };
  }, [membershipId, attempt]);

  if (state.status === 'loading') return html`<${Loading} label=${t('partner.loading')} />`;
  if (state.status === 'error') {
    return html`<${ErrorState} message=${t('partner.loadError')} err=${state.error} onRetry=${() => setAttempt((a) => a + 1)} />`;
  }

  const current = state.own.partner ? (state.own.expand && state.own.expand.partner) || { id: state.own.partner } : null;
  const options = [{ value: '', label: t('partner.none') }, ...state.mates.map((u) => ({ value: u.id, label: nameOf(u) }))];
  if (current && !options.some((o) => o.value === current.id)) options.push({ value: current.id, label: nameOf(current) });

  async function save(value, action) {
    setBusy(action);
    setError('');
    setMessage({ kind: 'success', text: '' });
    try {
      const own = await pb.collection('memberships').update(membershipId, { partner: value }, { expand: 'partner' });
      setState((s) => ({ ...s, own }));
      setChoice(own.partner || '');
      const p = own.expand && own.expand.partner;
      setMessage({ kind: 'success', text: own.partner ? t('partner.saved', { name: nameOf(p) }) : t('partner.cleared') });
    } catch (err) {
      if (handleLoadError(err)) return;
      const { fields, text } = splitErrors(err, ['partner']);
      if (fields.partner) setError(fields.partner);
      else setMessage({ kind: 'error', text });
    } finally {
      setBusy('');
    }
  }

  return html`<section class="partner" data-testid="partner-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('partner.title')}</h1>
    </div>
    <p class="lead">${t('partner.explain')}</p>
    <div class="card partner-now" data-testid="partner-current" data-partner=${current ? current.id : ''}>
      ${current ? html`<${Avatar} user=${current} size=${48} />
        <div><p class="muted">${t('partner.yourPartner')}</p><p class="person-name" data-testid="partner-name">${nameOf(current)}</p></div>`
        : html`<p>${t('partner.noneYet')}</p>`}
    </div>
    <form class="card form" onSubmit=${(e) => { e.preventDefault(); save(choice, 'save'); }} novalidate data-testid="partner-form">
      ${state.mates.length ? null : html`<p class="muted">${t('partner.noMates')}</p>`}
      <${Field} id="partner-select" type="select" label=${t('partner.choose')} value=${choice} options=${options}
        onInput=${(v) => { setChoice(v); setError(''); }} error=${error} testid="partner-select" />
      <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="partner-error" />
      <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="partner-saved"
        onDismiss=${() => setMessage((x) => ({ ...x, text: '' }))} />
      <div class="button-row">
        <${Button} type="submit" busy=${busy === 'save'} busyLabel=${t('partner.saving')} disabled=${!!busy && busy !== 'save'}
          data-testid="partner-save">${t('partner.save')}</${Button}>
        ${current ? html`<${Button} kind="secondary" busy=${busy === 'remove'} busyLabel=${t('partner.saving')} disabled=${!!busy && busy !== 'remove'}
          onClick=${() => save('', 'remove')} data-testid="partner-remove">${t('partner.remove')}</${Button}>` : null}
      </div>
    </form>
  </section>`;
}
