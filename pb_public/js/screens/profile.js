import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang, setLang, LANGUAGES } from '../i18n.js';
import { pb, endSession, fieldErrors, handleLoadError, handleWriteError, isOffline, serverMessage } from '../pb.js';
import { useLoad } from '../load.js';
import { KeptNote } from '../connection.js';
import { useWaiting } from '../outbox.js';
import { Avatar, Button, ErrorState, Field, Loading, Toast } from '../ui.js';
import { PasswordChange } from './password.js';
import { isAlumnus, isResident } from '../membership.js';
import { MyRecords } from './profile-records.js';

// The form's view of a user record. sobriety_date is a date field: the
// server sends 'YYYY-MM-DD HH:MM:SS.sssZ' and the date input wants 'YYYY-MM-DD'.
function toForm(r) {
  return {
    name: r.name || '',
    phone: r.phone || '',
    share_phone: !!r.share_phone,
    sobriety_date: (r.sobriety_date || '').slice(0, 10),
    share_sobriety: !!r.share_sobriety,
    emergency_name: r.emergency_name || '',
    emergency_phone: r.emergency_phone || '',
    language: LANGUAGES.includes(r.language) ? r.language : lang(),
  };
}

function toRecord(f) {
  return {
    ...f,
    name: f.name.trim(),
    phone: f.phone.trim(),
    emergency_name: f.emergency_name.trim(),
    emergency_phone: f.emergency_phone.trim(),
    sobriety_date: f.sobriety_date ? f.sobriety_date + ' 00:00:00.000Z' : '',
  };
}

export function Profile({ user, houses }) {
  // One's own record, kept on the phone. The form starts from it and, once
  // touched, keeps what was typed when the record loads again.
  const loaded = useLoad(() => pb.collection('users').getOne(user.id), [user.id], { keep: 'profile' });
  // Writes still waiting on this phone go with a sign-out: say so first.
  const waiting = useWaiting();
  const [edited, setForm] = useState(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState({ kind: 'success', text: '' });

  if (loaded.status === 'error') {
    return html`<${ErrorState} message=${t('profile.loadError')} err=${loaded.error} onRetry=${loaded.reload} />`;
  }
  if (loaded.status === 'loading') return html`<${Loading} label=${t('profile.loading')} />`;
  const record = loaded.data;
  const form = edited || toForm(record);

  const set = (field) => (value) => {
    setForm((f) => ({ ...(f || form), [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  // Switching the language applies at once and is kept right away, without
  // waiting for the rest of the form.
  function changeLanguage(value) {
    setForm((f) => ({ ...(f || form), language: value }));
    setLang(value);
    pb.collection('users').update(user.id, { language: value }).catch(() => {});
  }

  async function save(e) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage({ kind: 'success', text: '' });
    try {
      const saved = await pb.collection('users').update(user.id, toRecord(form));
      loaded.update(() => saved);
      setForm(toForm(saved));
      setMessage({ kind: 'success', text: t('profile.saved') });
    } catch (err) {
      if (handleLoadError(err)) return;
      const fe = fieldErrors(err);
      setErrors(fe);
      // Take the person to the first field that needs them.
      requestAnimationFrame(() => {
        const first = document.querySelector('[data-testid="profile-form"] [aria-invalid="true"]');
        if (first) first.focus();
      });
      const text = Object.keys(fe).length ? t('profile.saveError') : isOffline(err) ? t('app.offline') : t('app.genericError');
      setMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  const languageOptions = LANGUAGES.map((l) => ({ value: l, label: t('profile.languageNames.' + l) }));

  return html`<section class="profile" data-testid="profile-screen">
    <div class="profile-head">
      <${Avatar} user=${record} size=${64} />
      <div>
        <h1 tabindex="-1">${t('profile.title')}</h1>
        ${record.email ? html`<p class="muted">${t('profile.signedInAs', { email: record.email })}</p>` : null}
      </div>
    </div>
    <p class="lead">${t('profile.intro')}</p>
    <${KeptNote} state=${loaded} />
    <form class="form" onSubmit=${save} novalidate data-testid="profile-form">
      <fieldset class="card">
        <legend>${t('profile.sectionAbout')}</legend>
        <${Field} id="profile-name" label=${t('profile.name')} value=${form.name} onInput=${set('name')}
          error=${errors.name} autocomplete="name" testid="profile-name" />
        <${Field} id="profile-phone" type="tel" label=${t('profile.phone')} value=${form.phone} onInput=${set('phone')}
          error=${errors.phone} autocomplete="tel" inputmode="tel" testid="profile-phone" />
        <${Field} id="profile-share-phone" type="checkbox" label=${t('profile.sharePhone')} hint=${t('profile.sharePhoneHint')} checked=${form.share_phone}
          onInput=${set('share_phone')} error=${errors.share_phone} testid="profile-share-phone" />
      </fieldset>
      <fieldset class="card">
        <legend>${t('profile.sectionRecovery')}</legend>
        <${Field} id="profile-sobriety" type="date" label=${t('profile.sobrietyDate')} value=${form.sobriety_date}
          onInput=${set('sobriety_date')} error=${errors.sobriety_date} hint=${t('profile.sobrietyHint')} testid="profile-sobriety" />
        <${Field} id="profile-share-sobriety" type="checkbox" label=${t('profile.shareSobriety')} checked=${form.share_sobriety}
          onInput=${set('share_sobriety')} error=${errors.share_sobriety} hint=${t('profile.shareSobrietyHint')} testid="profile-share-sobriety" />
        <a class="btn btn-secondary align-start" href="/partner" data-testid="profile-partner">${t('profile.partnerLink')}</a>
        ${houses && isResident(houses.current) ? html`<a class="btn btn-secondary align-start" href="/first-day"
          data-testid="profile-first-day">${t('seen.profileLink')}</a>` : null}
      </fieldset>
      <fieldset class="card">
        <legend>${t('profile.sectionEmergency')}</legend>
        <p class="field-hint" id="emergency-note">${t('profile.emergencyNote')}</p>
        <${Field} id="profile-emergency-name" label=${t('profile.emergencyName')} value=${form.emergency_name}
          onInput=${set('emergency_name')} error=${errors.emergency_name} testid="profile-emergency-name" />
        <${Field} id="profile-emergency-phone" type="tel" label=${t('profile.emergencyPhone')} value=${form.emergency_phone}
          onInput=${set('emergency_phone')} error=${errors.emergency_phone} inputmode="tel" testid="profile-emergency-phone" />
      </fieldset>
      <fieldset class="card">
        <legend>${t('profile.sectionLanguage')}</legend>
        <${Field} id="profile-language" type="select" label=${t('profile.language')} value=${form.language}
          options=${languageOptions} onInput=${changeLanguage} error=${errors.language} testid="profile-language" />
      </fieldset>
      <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="profile-error" />
      <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="profile-saved"
        onDismiss=${() => setMessage((m) => ({ ...m, text: '' }))} />
      <div class="form-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('profile.saving')} data-testid="profile-save">${t('profile.save')}</${Button}>
      </div>
    </form>
    <section class="card notify-link" aria-labelledby="notify-link-title">
      <h2 id="notify-link-title">${t('notifySettings.title')}</h2>
      <p class="field-hint">${t('notifySettings.profileHint')}</p>
      <a class="btn btn-secondary align-start" href="/settings/notifications" data-testid="profile-notify-settings">${t('notifySettings.profileLink')}</a>
    </section>
    ${houses ? html`<${SupportAlerts} houses=${houses} />` : null}
    <${MyRecords} houses=${houses} />
    <p><a class="btn btn-secondary" href="/my-records" data-testid="profile-staff-records">${t('myStaff.link')}</a></p>
    <p><a class="btn btn-secondary" href="/passes" data-testid="profile-passes">${t('passLinks.mine')}</a></p>
    <${PasswordChange} user=${record} />
    <div class="signout">
      ${waiting > 0 ? html`<p class="muted" data-testid="signout-waiting">${t('offline.signOutWaiting', { count: waiting })}</p>` : null}
      <${Button} kind="ghost" onClick=${() => endSession('signout')} data-testid="signout">${t('profile.signOut')}</${Button}>
    </div>
  </section>`;
}

// SupportAlerts: an alumnus chooses, for each house they moved out of,
// whether its need-support posts reach them too (memberships.support_alerts).
// Each switch is kept as soon as it is flipped.
function SupportAlerts({ houses }) {
  const alumni = houses.memberships.filter(isAlumnus);
  if (!alumni.length) return null;
  return html`<section class="card support-alerts" aria-labelledby="support-alerts-title" data-testid="support-alerts">
    <h2 id="support-alerts-title">${t('profile.supportAlertsTitle')}</h2>
    <p class="field-hint">${t('profile.supportAlertsIntro')}</p>
    ${alumni.map((m) => html`<${SupportAlert} key=${m.id} membership=${m} />`)}
  </section>`;
}

function SupportAlert({ membership }) {
  const [on, setOn] = useState(!!membership.support_alerts);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState({ kind: 'success', text: '' });
  const house = membership.expand && membership.expand.house ? membership.expand.house.name : '';
  async function flip(value) {
    setOn(value);
    setBusy(true);
    setMessage({ kind: 'success', text: '' });
    try {
      const saved = await pb.collection('memberships').update(membership.id, { support_alerts: value });
      membership.support_alerts = !!saved.support_alerts;
      setOn(!!saved.support_alerts);
      setMessage({ kind: 'success', text: saved.support_alerts ? t('profile.supportAlertsOn', { house }) : t('profile.supportAlertsOff', { house }) });
    } catch (err) {
      if (handleWriteError(err)) return;
      setOn(!value);
      setMessage({ kind: 'error', text: isOffline(err) ? t('app.offline') : serverMessage(err) || t('app.genericError') });
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="support-alert" data-testid="support-alert" data-house=${membership.house}>
    <${Field} id=${'support-alert-' + membership.id} type="checkbox" label=${t('profile.supportAlertsLabel', { house })}
      checked=${on} onInput=${flip} disabled=${busy} testid="support-alert-toggle" />
    <${Toast} kind="error" message=${message.kind === 'error' ? message.text : ''} testid="support-alert-error" />
    <${Toast} kind="success" message=${message.kind === 'success' ? message.text : ''} testid="support-alert-saved" />
  </div>`;
}
