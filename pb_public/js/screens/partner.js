// Accountability partner (/partner): a resident chooses, changes or clears
// the housemate who sees their daily check-ins and meeting log. Below, for
// the person someone chose as their partner: that housemate's recent daily
// check-ins and meetings, which they share with them.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleLoadError } from '../pb.js';
import { formatCalendarDate, ymdIn } from '../dates.js';
import { historyDays, MissingDay } from '../history-days.js';
import { formatName, meetingDate, moodLabel, MoodFace, programName } from '../checkins.js';
import { Avatar, Button, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { MEMBER_FILTER } from '../membership.js';
import { residentGate } from '../gate.js';
import { useLoad } from '../load.js';
import { KeptNote } from '../connection.js';

export function Partner({ user, houses }) {
  const gate = residentGate(houses, { name: 'partner', title: 'partner.title', body: 'partner.notLiving' });
  if (gate) return gate;
  const m = houses.current;
  return html`<${PartnerView} key=${m.id} membershipId=${m.id} house=${houses.house} user=${user} />`;
}

function nameOf(u) {
  return (u && u.name) || t('home.unnamed');
}

function PartnerView({ membershipId, house, user }) {
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const [busy, setBusy] = useState('');

  // One's own membership (with the partner) and the housemates to choose
  // from, kept on the phone.
  const loaded = useLoad(async () => {
    const [own, list] = await Promise.all([
      pb.collection('memberships').getOne(membershipId, { expand: 'partner' }),
      pb.collection('memberships').getList(1, 200, {
        filter: pb.filter('house = {:h} && status = "active"', { h: house.id }),
        expand: 'user',
        sort: 'room',
        skipTotal: true,
      }),
    ]);
    const mates = list.items.filter((x) => x.user !== user.id).map((x) => x.expand && x.expand.user).filter(Boolean)
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    return { own, mates };
  }, [membershipId], { keep: 'partner.' + membershipId });
  // The choice follows the partner as loaded (not every reload: a choice
  // being made stays while the partner is the same).
  const loadedPartner = loaded.data ? loaded.data.own.partner || '' : null;
  useEffect(() => {
    if (loadedPartner != null) setChoice(loadedPartner);
  }, [loadedPartner]);

  if (loaded.status === 'loading') return html`<${Loading} label=${t('partner.loading')} />`;
  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('partner.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  const state = loaded.data;

  const current = state.own.partner ? (state.own.expand && state.own.expand.partner) || { id: state.own.partner } : null;
  const options = [{ value: '', label: t('partner.none') }, ...state.mates.map((u) => ({ value: u.id, label: nameOf(u) }))];
  if (current && !options.some((o) => o.value === current.id)) options.push({ value: current.id, label: nameOf(current) });

  async function save(value, action) {
    setBusy(action);
    setError('');
    setMessage({ kind: 'success', text: '' });
    try {
      const own = await pb.collection('memberships').update(membershipId, { partner: value }, { expand: 'partner' });
      loaded.update((s) => ({ ...s, own }));
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
    <${KeptNote} state=${loaded} />
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
    <${PartnerOf} house=${house} user=${user} />
  </section>`;
}

// ---------- the housemates who chose you ----------

// PartnerOf: the housemates living in the house who chose this person as
// their partner (their memberships name them), each with what they share.
// Not kept on the phone: what others share is not stored there.
function PartnerOf({ house, user }) {
  const loaded = useLoad(async () => {
    const res = await pb.collection('memberships').getList(1, 50, {
      filter: pb.filter('house = {:h} && partner = {:me} && ' + MEMBER_FILTER, { h: house.id, me: user.id }),
      expand: 'user',
      skipTotal: true,
    });
    // Each with the day they moved in: their history starts there.
    return res.items.map((m) => ({ ...((m.expand && m.expand.user) || { id: m.user }), moveIn: m.move_in }))
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  }, [house.id, user.id]);

  if (loaded.status === 'loading') return null;
  if (loaded.status === 'error') {
    return html`<div class="section-gap"><${ErrorState} message=${t('partner.ofLoadError')} err=${loaded.error}
      onRetry=${loaded.reload} testid="partner-of-error" /></div>`;
  }
  const state = { people: loaded.data };
  if (!state.people.length) return null;
  return html`<section class="section-gap partner-of" aria-labelledby="partner-of-title" data-testid="partner-of">
    <h2 id="partner-of-title" class="section-title">${t('partner.ofTitle')}</h2>
    ${state.people.map((p) => html`<${Shared} key=${p.id} house=${house} person=${p} />`)}
  </section>`;
}

// Shared: one housemate's recent daily check-ins and meetings.
function Shared({ house, person }) {
  const name = nameOf(person);
  // Their health data: never kept on the phone.
  const loaded = useLoad(async () => {
    const theirs = { h: house.id, u: person.id };
    const [c, m] = await Promise.all([
      pb.collection('checkins').getList(1, 14, {
        filter: pb.filter('house = {:h} && user = {:u} && kind = "daily"', theirs), sort: '-day', skipTotal: true,
      }),
      pb.collection('meetings').getList(1, 10, {
        filter: pb.filter('house = {:h} && user = {:u}', theirs), sort: '-date,-created', skipTotal: true,
      }),
    ]);
    return { checkins: c.items, meetings: m.items };
  }, [house.id, person.id]);

  let body;
  if (loaded.status === 'loading') body = html`<${Loading} label=${t('partner.ofLoading', { name })} />`;
  else if (loaded.status === 'error') {
    body = html`<${ErrorState} message=${t('partner.ofLoadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  } else {
    const state = loaded.data;
    // Every day of the last two weeks: a day without a check-in says so.
    const days = historyDays(state.checkins, ymdIn(house.timezone), 14, person.moveIn, '');
    body = html`
      <h4 class="list-label">${t('partner.ofCheckins')}</h4>
      ${days.length ? html`<ul class="history-list" data-testid="partner-of-checkins">
        ${days.map(({ day, checkin: c }) => (!c ? html`<${MissingDay} key=${day} day=${day} testid="partner-of-missing" />` : html`<li class="history-item checkin-item" key=${c.id} data-testid="partner-of-checkin" data-mood=${c.mood}>
          <${MoodFace} mood=${c.mood} size=${36} />
          <div class="checkin-item-main">
            <p class="history-when">${formatCalendarDate(lang(), c.day)}</p>
            <p><strong>${moodLabel(c.mood)}</strong><span aria-hidden="true"> · </span>${t('history.craving', { craving: Number(c.craving) || 0 })}</p>
            ${c.note ? html`<p class="checkin-note" data-testid="partner-of-note">${c.note}</p>` : null}
          </div>
        </li>`))}
      </ul>` : html`<p class="muted" data-testid="partner-of-checkins-empty">${t('partner.ofCheckinsEmpty', { name })}</p>`}
      <h4 class="list-label">${t('partner.ofMeetings')}</h4>
      ${state.meetings.length ? html`<ul class="history-list" data-testid="partner-of-meetings">
        ${state.meetings.map((m) => html`<li class="history-item" key=${m.id} data-testid="partner-of-meeting">
          <p><strong>${programName(m.program)}</strong>${m.name ? html`<span aria-hidden="true"> · </span>${m.name}` : null}
            ${m.verified_by ? html` <span class="chip chip-verified">${t('meetings.verified')}</span>` : null}</p>
          <p class="muted">${meetingDate(m)}${m.format ? ' · ' + formatName(m.format) : ''}</p>
        </li>`)}
      </ul>` : html`<p class="muted" data-testid="partner-of-meetings-empty">${t('partner.ofMeetingsEmpty', { name })}</p>`}`;
  }
  return html`<article class="card partner-shared" aria-labelledby=${'shared-' + person.id} data-testid="partner-of-person" data-user=${person.id}>
    <div class="panel-who">
      <${Avatar} user=${person} size=${40} />
      <h3 id=${'shared-' + person.id}>${name}</h3>
    </div>
    <p class="muted">${t('partner.ofLead', { name })}</p>
    ${body}
  </article>`;
}
