// House settings (/manage/house): curfews, the check-in deadline, chores'
// grace time, meetings expected each week, the address and the house rules.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { pb, handleLoadError } from '../pb.js';
import { useLoad } from '../load.js';
import { rulesToText, textToRules } from '../richtext.js';
import { Button, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import { managerGate, ScreenHead } from './manage.js';

const FIELDS = ['curfew', 'curfew_weekend', 'checkin_by', 'chore_grace', 'meetings_per_week', 'support_craving', 'address', 'rules'];

function numberText(v) {
  return v === null || v === undefined || v === '' ? '' : String(v);
}

function toForm(h) {
  return {
    curfew: h.curfew || '',
    curfew_weekend: h.curfew_weekend || '',
    checkin_by: h.checkin_by || '',
    chore_grace: numberText(h.chore_grace),
    meetings_per_week: numberText(h.meetings_per_week),
    support_craving: numberText(h.support_craving),
    address: h.address || '',
    rules: rulesToText(h.rules),
  };
}

// numbers: the number fields the person filled in. One left empty is not
// sent, so the house keeps its current value (0 has a meaning of its own).
function numbers(form) {
  const out = {};
  for (const f of ['chore_grace', 'meetings_per_week', 'support_craving']) {
    const s = String(form[f]).trim();
    if (s !== '') out[f] = Number(s);
  }
  return out;
}

export function HouseSettings({ houses }) {
  const gate = managerGate(houses);
  if (gate) return gate;
  return html`<${SettingsView} key=${houses.house.id} houseId=${houses.house.id} houses=${houses} />`;
}

function SettingsView({ houseId, houses }) {
  // The house as stored. The form starts from it and, once touched, keeps
  // what was typed when the house loads again.
  const loaded = useLoad(() => pb.collection('houses').getOne(houseId), [houseId]);
  const [edited, setForm] = useState(null);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const [busy, setBusy] = useState(false);

  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('settings.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  if (loaded.status === 'loading') return html`<${Loading} label=${t('settings.loading')} />`;
  const house = loaded.data;
  const form = edited || toForm(house);

  const set = (field) => (value) => {
    setForm((f) => ({ ...(f || form), [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage({ kind: 'success', text: '' });
    try {
      const saved = await pb.collection('houses').update(houseId, {
        curfew: form.curfew,
        curfew_weekend: form.curfew_weekend,
        checkin_by: form.checkin_by,
        ...numbers(form),
        address: form.address.trim(),
        rules: textToRules(form.rules),
      });
      loaded.update(() => saved);
      setForm(toForm(saved));
      setMessage({ kind: 'success', text: t('settings.saved') });
      houses.reload(); // the home screen and the rules read the house from there
    } catch (err) {
      if (handleLoadError(err)) return;
      const { fields, text } = splitErrors(err, FIELDS);
      setErrors(fields);
      setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="settings" data-testid="settings-screen">
    <${ScreenHead} title=${t('settings.title')} house=${house} />
    <form class="form" onSubmit=${save} novalidate data-testid="settings-form">
      <fieldset class="card">
        <legend>${t('settings.sectionTimes')}</legend>
        <${Field} id="settings-curfew" type="time" label=${t('settings.curfew')} hint=${t('settings.curfewHint')}
          value=${form.curfew} onInput=${set('curfew')} error=${errors.curfew} testid="settings-curfew" />
        <${Field} id="settings-curfew-weekend" type="time" label=${t('settings.curfewWeekend')} hint=${t('settings.curfewWeekendHint')}
          value=${form.curfew_weekend} onInput=${set('curfew_weekend')} error=${errors.curfew_weekend} testid="settings-curfew-weekend" />
        <${Field} id="settings-checkin-by" type="time" label=${t('settings.checkinBy')} hint=${t('settings.checkinByHint')}
          value=${form.checkin_by} onInput=${set('checkin_by')} error=${errors.checkin_by} testid="settings-checkin-by" />
      </fieldset>
      <fieldset class="card">
        <legend>${t('settings.sectionExpectations')}</legend>
        <${Field} id="settings-chore-grace" type="number" label=${t('settings.choreGrace')} hint=${t('settings.choreGraceHint')}
          value=${form.chore_grace} onInput=${set('chore_grace')} error=${errors.chore_grace} min="0" step="1" inputmode="numeric"
          testid="settings-chore-grace" />
        <${Field} id="settings-meetings" type="number" label=${t('settings.meetingsPerWeek')} hint=${t('settings.meetingsHint')}
          value=${form.meetings_per_week} onInput=${set('meetings_per_week')} error=${errors.meetings_per_week} min="0" max="21" step="1"
          inputmode="numeric" testid="settings-meetings" />
        <${Field} id="settings-support-craving" type="number" label=${t('care.supportCraving')} hint=${t('care.supportCravingHint')}
          value=${form.support_craving} onInput=${set('support_craving')} error=${errors.support_craving} min="0" max="10" step="1"
          inputmode="numeric" testid="settings-support-craving" />
      </fieldset>
      <fieldset class="card">
        <legend>${t('settings.sectionHouse')}</legend>
        <${Field} id="settings-address" label=${t('settings.address')} value=${form.address} onInput=${set('address')}
          error=${errors.address} autocomplete="street-address" maxlength="300" testid="settings-address" />
        <${Field} id="settings-rules" type="textarea" label=${t('settings.rules')} hint=${t('settings.rulesHint')}
          value=${form.rules} onInput=${set('rules')} error=${errors.rules} rows="12" testid="settings-rules" />
        <a class="btn btn-ghost align-start" href="/rules" data-testid="settings-see-rules">${t('settings.seeRules')}</a>
      </fieldset>
      <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="settings-error" />
      <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="settings-saved"
        onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
      <div class="form-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('settings.saving')} data-testid="settings-save">${t('settings.save')}</${Button}>
      </div>
    </form>
  </section>`;
}
