// Support, shared by a need-support post (/board/new?kind=support) and the
// daily check-in when it is low (mood "Very low", or a craving at or above
// the house's support_craving): who to call now (988 by call or text, 911,
// SAMHSA's helpline, the managers and the partner where the server shows
// their phone: docs/API.md, users' privacy) and one tap to reach out to
// the house. Loaded only when needed (import()), never in the first load.
import { html } from './html.js';
import { t } from './i18n.js';
import { pb } from './pb.js';
import { useLoad } from './load.js';
import { Loading } from './ui.js';
import { Icon, nameOf, telHref } from './board.js';
import { MANAGER_FILTER } from './membership.js';

// usePartner: the person's accountability partner in the house (null while
// loading or when there is none), as the server shows them (the phone only
// when they share it).
export function usePartner(membership) {
  const id = membership.partner || '';
  const loaded = useLoad(() => pb.collection('users').getOne(id), [id], { enabled: !!id });
  if (!id) return null;
  // Not found (or not reachable): the partner without a name.
  if (loaded.status === 'error') return { id };
  return loaded.data && loaded.data.id === id ? loaded.data : null;
}

// Crisis: who to call now: 988 (call or text), 911, SAMHSA, the house
// managers and the partner, with the numbers the server shows this person.
export function Crisis({ house, membership, user, title = t('compose.crisisTitle') }) {
  const partner = usePartner(membership);
  const loaded = useLoad(async () => {
    const res = await pb.collection('memberships').getList(1, 20, {
      filter: pb.filter('house = {:h} && ' + MANAGER_FILTER, { h: house.id }),
      expand: 'user',
      skipTotal: true,
    });
    return res.items.map((m) => (m.expand && m.expand.user) || { id: m.user }).filter((u) => u.id !== user.id);
  }, [house.id]);
  // users, or null while loading; none when they could not be loaded
  const managers = loaded.status === 'error' ? [] : loaded.data;

  return html`<section class="crisis" aria-labelledby="crisis-title" data-testid="crisis">
    <h2 id="crisis-title">${title}</h2>
    <p>${t('compose.crisis988')}</p>
    <div class="button-row">
      <a class="btn btn-primary" href="tel:988" data-testid="crisis-call-988"><${Icon} name="phone" />${t('compose.call988')}</a>
      <a class="btn btn-secondary" href="sms:988" data-testid="crisis-text-988"><${Icon} name="text" />${t('compose.text988')}</a>
    </div>
    <div class="crisis-line">
      <p>${t('compose.crisis911')}</p>
      <a class="btn btn-secondary" href="tel:911" data-testid="crisis-call-911"><${Icon} name="phone" />${t('compose.call911')}</a>
    </div>
    <div class="crisis-line">
      <p>${t('care.samhsa')}</p>
      <a class="btn btn-secondary" href="tel:18006624357" data-testid="crisis-call-samhsa"><${Icon} name="phone" />${t('care.callSamhsa')}</a>
    </div>
    <h3>${t('compose.managersTitle')}</h3>
    ${managers === null ? html`<${Loading} />` : managers.length ? html`<ul class="helpers" data-testid="crisis-managers">
      ${managers.map((u) => html`<${Helper} key=${u.id} person=${u} testid="crisis-manager" />`)}
    </ul>` : html`<p class="muted">${t('compose.noManagers')}</p>`}
    ${membership.partner ? html`<h3>${t('compose.partnerTitle')}</h3>
      <ul class="helpers" data-testid="crisis-partner">
        ${partner ? html`<${Helper} person=${partner} testid="crisis-partner-person" />` : html`<${Loading} />`}
      </ul>` : null}
  </section>`;
}

function Helper({ person, testid }) {
  const name = nameOf(person);
  return html`<li class="helper" data-testid=${testid} data-user=${person.id}>
    <span class="helper-name">${name}</span>
    ${person.phone ? html`<a class="btn btn-secondary" href=${telHref(person.phone)} aria-label=${t('compose.callPerson', { name, phone: person.phone })}
      data-testid="helper-call"><${Icon} name="phone" />${person.phone}</a>`
      : html`<span class="muted helper-none" data-testid="helper-no-phone">${t('compose.noPhone')}</span>`}
  </li>`;
}

// SupportNow: after a low daily check-in, at once and warmly: one tap to
// reach out to the house first, then who to call.
export function SupportNow({ house, membership, user }) {
  return html`<section class="support-now" aria-labelledby="support-now-title" data-testid="support-now">
    <h2 id="support-now-title" tabindex="-1">${t('care.supportTitle')}</h2>
    <p>${t('care.supportLead')}</p>
    <a class="btn btn-support" href="/board/new?kind=support" data-testid="support-reach-out">
      <${Icon} name="support" />${t('care.reachOut')}</a>
    <${Crisis} house=${house} membership=${membership} user=${user} title=${t('care.callTitle')} />
  </section>`;
}
