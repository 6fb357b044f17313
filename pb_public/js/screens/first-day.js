// The first-day guide (/first-day) for a new resident: their profile and
// what they share, an accountability partner, and the house rules with
// "I have read them". The server records both times on the resident's own
// membership (POST /api/hearth/memberships/{id}/rules-read and
// /guide-done, docs/API.md "The first-day guide"): the guide shows on the
// home screen until it is done, on any phone, and opens again from the
// profile. FirstDayCard is the home screen's way in.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { navigate } from '../router.js';
import { useLoad } from '../load.js';
import { formatHouseShortDay } from '../dates.js';
import { RulesText, rulesBlocks } from '../richtext.js';
import { Button, EmptyState, ErrorState, Loading, Toast } from '../ui.js';
import { isMember } from '../membership.js';

function firstDayURL(membershipId, what) {
  return '/api/hearth/memberships/' + encodeURIComponent(membershipId) + '/' + what;
}

// FirstDayCard: on a new resident's home, until their guide is done.
export function FirstDayCard({ house }) {
  return html`<section class="card first-day-card" aria-labelledby="first-day-card-title" data-testid="first-day-card">
    <h2 id="first-day-card-title">${t('seen.cardTitle', { house: house.name })}</h2>
    <p>${t('seen.cardBody')}</p>
    <a class="btn btn-primary" href="/first-day" data-testid="first-day-start">${t('seen.cardStart')}</a>
  </section>`;
}

export function FirstDay({ user, houses }) {
  if (!houses.current) {
    if (houses.status === 'loading') return html`<${Loading} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
    return html`<section class="stack" data-testid="first-day-screen">
      <h1 tabindex="-1">${t('seen.title')}</h1>
      <${EmptyState}>${t('home.noHouseBody')}</${EmptyState}>
    </section>`;
  }
  return html`<${Guide} key=${houses.current.id} user=${user} houses=${houses} />`;
}

function Guide({ user, houses }) {
  const membership = houses.current;
  const first = houses.house;
  // The house as it is now (its rules may have changed), the person's own
  // record (what they share) and their place (their partner's name).
  const loaded = useLoad(async () => {
    const [house, me, place] = await Promise.all([
      pb.collection('houses').getOne(first.id),
      pb.collection('users').getOne(user.id),
      pb.collection('memberships').getOne(membership.id, { expand: 'partner' }),
    ]);
    return { house, me, place };
  }, [first.id, user.id, membership.id]);
  const [readAt, setReadAt] = useState(membership.rules_read_at || '');
  const [busy, setBusy] = useState('');
  const [problem, setProblem] = useState('');

  if (loaded.status === 'loading') return html`<${Loading} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('home.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const { house, me, place } = loaded.data;
  const partner = place.expand && place.expand.partner;
  const hasRules = rulesBlocks(house.rules).length > 0;
  const member = isMember(membership);
  const read = readAt || place.rules_read_at || '';

  async function post(what) {
    const res = await pb.send(firstDayURL(membership.id, what), { method: 'POST' });
    return res;
  }

  async function rulesRead() {
    setBusy('rules');
    setProblem('');
    try {
      const res = await post('rules-read');
      setReadAt(res.rules_read_at);
      houses.update(membership.id, { rules_read_at: res.rules_read_at });
      houses.reload();
    } catch (err) {
      if (!handleWriteError(err)) setProblem(t('seen.saveError'));
    } finally {
      setBusy('');
    }
  }

  async function done() {
    setBusy('done');
    setProblem('');
    try {
      if (!membership.guide_done_at) {
        const res = await post('guide-done');
        // Home must not offer the guide again while the reload is on its way.
        houses.update(membership.id, { guide_done_at: res.guide_done_at });
      }
      houses.reload();
      navigate('/');
    } catch (err) {
      if (!handleWriteError(err)) setProblem(t('seen.saveError'));
      setBusy('');
    }
  }

  return html`<section class="first-day" data-testid="first-day-screen">
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('seen.title')}</h1>
    </div>
    <p class="lead">${t('seen.intro')}</p>
    <ol class="first-day-steps">
      <li class="card first-day-step" data-testid="first-day-profile">
        <p class="eyebrow-muted">${t('seen.step', { n: 1 })}</p>
        <h2>${t('seen.profileTitle')}</h2>
        <p>${t('seen.profileBody')}</p>
        <p class="first-day-state" data-testid="first-day-phone">${me.share_phone ? t('seen.phoneShared') : t('seen.phonePrivate')}</p>
        <p class="first-day-state" data-testid="first-day-sobriety">${me.share_sobriety ? t('seen.soberShared') : t('seen.soberPrivate')}</p>
        <a class="btn btn-secondary" href="/profile" data-testid="first-day-open-profile">${t('seen.profileOpen')}</a>
      </li>
      <li class="card first-day-step" data-testid="first-day-partner">
        <p class="eyebrow-muted">${t('seen.step', { n: 2 })}</p>
        <h2>${t('seen.partnerTitle')}</h2>
        <p>${t('seen.partnerBody')}</p>
        <p class="first-day-state" data-testid="first-day-partner-state">
          ${partner ? t('seen.partnerIs', { name: partner.name || t('home.unnamed') }) : t('seen.partnerNone')}</p>
        <a class="btn btn-secondary" href="/partner" data-testid="first-day-open-partner">${t('seen.partnerOpen')}</a>
      </li>
      <li class="card first-day-step" data-testid="first-day-rules">
        <p class="eyebrow-muted">${t('seen.step', { n: 3 })}</p>
        <h2>${t('seen.rulesTitle')}</h2>
        ${hasRules ? html`
          <p>${t('seen.rulesBody')}</p>
          <div class="first-day-rules rules" tabindex="0" aria-label=${t('seen.rulesTitle')}>
            <${RulesText} source=${house.rules} testid="first-day-rules-text" />
          </div>
          ${read ? html`<p class="first-day-read" role="status" data-testid="first-day-rules-read">
            ${t('seen.rulesReadOn', { date: formatHouseShortDay(lang(), read, house.timezone) })}</p>` : null}
          ${member ? html`<${Button} kind=${read ? 'secondary' : 'primary'} busy=${busy === 'rules'} busyLabel=${t('seen.rulesSaving')}
            disabled=${!!busy && busy !== 'rules'} onClick=${rulesRead} data-testid="first-day-rules-button">
            ${read ? t('seen.rulesAgain') : t('seen.rulesRead')}</${Button}>` : null}`
          : html`<p data-testid="first-day-no-rules">${t('seen.rulesNone')}</p>`}
      </li>
    </ol>
    <${Toast} kind="error" message=${problem} testid="first-day-error" onDismiss=${() => setProblem('')} />
    ${member ? html`<div class="form-actions">
      <${Button} busy=${busy === 'done'} busyLabel=${t('seen.doneBusy')} disabled=${!!busy && busy !== 'done'} onClick=${done}
        data-testid="first-day-done">${t('seen.done')}</${Button}>
    </div>` : null}
  </section>`;
}
