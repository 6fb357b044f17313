// Small pure date helpers. Days are house-local: a house in Los Angeles turns
// the page at midnight in Los Angeles, whatever the phone's own timezone.

// ymdIn returns the calendar day of `now` in timeZone as 'YYYY-MM-DD'.
export function ymdIn(timeZone, now = new Date()) {
  let parts;
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// dayNumber turns 'YYYY-MM-DD...' into a count of days since 1970-01-01, or null.
function dayNumber(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || '').slice(0, 10));
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000;
}

// daysSober: whole days from the sobriety date ('YYYY-MM-DD...', only the
// first 10 characters count) to today ('YYYY-MM-DD', house-local). Null when
// there is no date or it lies in the future.
export function daysSober(sobrietyDate, today) {
  const from = dayNumber(sobrietyDate);
  const to = dayNumber(today);
  if (from === null || to === null || to < from) return null;
  return to - from;
}

// daysBetween: whole days from one calendar day to another (both
// 'YYYY-MM-DD...'), or null when either is missing or `to` comes first.
export function daysBetween(from, to) {
  return daysSober(from, to);
}

// addDays moves a 'YYYY-MM-DD' day by n days (n may be negative).
export function addDays(ymd, n) {
  const d = dayNumber(ymd);
  if (d === null) return '';
  return new Date((d + n) * 86400000).toISOString().slice(0, 10);
}

// parseDate reads PocketBase's 'YYYY-MM-DD HH:MM:SS.sssZ' datetimes.
export function parseDate(value) {
  if (!value) return null;
  const d = new Date(String(value).replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

// formatHouseDate: today's date in full words, in the house's timezone.
export function formatHouseDate(lang, timeZone, now = new Date()) {
  try {
    return new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'full' }).format(now);
  } catch {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'full' }).format(now);
  }
}

// formatCalendarDate shows a date-only value ('YYYY-MM-DD...') without shifting it across timezones.
export function formatCalendarDate(lang, value) {
  const n = dayNumber(value);
  if (n === null) return '';
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(n * 86400000));
}

// formatWhen: "5 minutes ago" within a week, else the house-local date and time.
export function formatWhen(lang, value, timeZone, now = new Date()) {
  const d = parseDate(value);
  if (!d) return '';
  const seconds = Math.round((d.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 7 * 86400) {
    const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    if (abs < 45) return rtf.format(0, 'second');
    if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
    if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
    return rtf.format(Math.round(seconds / 86400), 'day');
  }
  return formatHouseDateTime(lang, value, timeZone);
}

export function formatHouseDateTime(lang, value, timeZone) {
  const d = parseDate(value);
  if (!d) return '';
  const opts = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(lang, timeZone ? { ...opts, timeZone } : opts).format(d);
  } catch {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  }
}

// ---------- house-local days as instants ----------

const partsFormats = new Map();

// partsIn: the wall-clock parts (year..second) of an instant in timeZone.
function partsIn(timeZone, d) {
  let f = partsFormats.get(timeZone);
  if (!f) {
    const opts = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' };
    try {
      f = new Intl.DateTimeFormat('en-US', { ...opts, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en-US', opts);
    }
    partsFormats.set(timeZone, f);
  }
  const out = {};
  for (const p of f.formatToParts(d)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

// offsetMinutes: how far timeZone's wall clock is ahead of UTC at instant d.
function offsetMinutes(timeZone, d) {
  const p = partsIn(timeZone, d);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((wall - Math.floor(d.getTime() / 1000) * 1000) / 60000);
}

// houseInstant: the instant when the house's wall clock shows ymd at hh:mm
// ('HH:MM'; midnight when omitted). On a daylight-saving day, a time that
// does not exist lands just after the jump, and one that exists twice is
// the first of the two.
export function houseInstant(ymd, timeZone, hhmm = '00:00') {
  const n = dayNumber(ymd);
  if (n === null) return null;
  const [h, m] = String(hhmm).split(':').map(Number);
  const wall = n * 86400000 + ((h || 0) * 60 + (m || 0)) * 60000;
  const first = wall - offsetMinutes(timeZone, new Date(wall)) * 60000;
  const second = wall - offsetMinutes(timeZone, new Date(first)) * 60000;
  const shows = (c) => c + offsetMinutes(timeZone, new Date(c)) * 60000 === wall;
  const valid = [first, second].filter(shows);
  return new Date(valid.length ? Math.min(...valid) : Math.max(first, second));
}

// weekdayOf: 0 = Sunday ... 6 = Saturday, for a 'YYYY-MM-DD' day.
export function weekdayOf(ymd) {
  const n = dayNumber(ymd);
  return n === null ? null : new Date(n * 86400000).getUTCDay();
}

// weekStart: the Monday of the week (Monday to Sunday) that holds ymd.
export function weekStart(ymd) {
  return addDays(ymd, -((weekdayOf(ymd) + 6) % 7));
}

// ymdOf: the house-local calendar day of a PocketBase datetime.
export function ymdOf(value, timeZone) {
  const d = parseDate(value);
  return d ? ymdIn(timeZone, d) : '';
}

// formatHouseTime: the house-local time of day of a datetime ("6:00 PM").
export function formatHouseTime(lang, value, timeZone) {
  const d = parseDate(value);
  if (!d) return '';
  const opts = { timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(lang, timeZone ? { ...opts, timeZone } : opts).format(d);
  } catch {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  }
}

// formatHouseDay: the house-local day of a datetime as "Monday, Nov 24".
export function formatHouseDay(lang, value, timeZone) {
  const d = parseDate(value);
  if (!d) return '';
  const opts = { weekday: 'long', month: 'short', day: 'numeric' };
  try {
    return new Intl.DateTimeFormat(lang, timeZone ? { ...opts, timeZone } : opts).format(d);
  } catch {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  }
}

// formatClock: an 'HH:MM' wall-clock time as the person reads times ("6:00 PM").
export function formatClock(lang, hhmm) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(hhmm || ''));
  if (!m) return String(hhmm || '');
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', timeStyle: 'short' })
    .format(new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2]))));
}

// weekdayName: the name of a weekday, 0 = Sunday.
export function weekdayName(lang, day) {
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long' }).format(new Date(Date.UTC(2000, 0, 2 + Number(day))));
}

// ---------- days and zones for people (the rest of what was seen) ----------

// formatHouseShortDay: the house-local calendar day of an instant, short,
// in the reader's language ("Dec 2", "2 dic"), with the year when it is
// not this year in the house ("Dec 2, 2025").
export function formatHouseShortDay(lang, value, timeZone, now = new Date()) {
  const d = parseDate(value);
  if (!d) return '';
  const sameYear = ymdIn(timeZone, d).slice(0, 4) === ymdIn(timeZone, now).slice(0, 4);
  const opts = sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' };
  try {
    return new Intl.DateTimeFormat(lang, { ...opts, timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat(lang, opts).format(d);
  }
}

// isHouseToday: whether an instant falls on today's date in the house.
export function isHouseToday(value, timeZone, now = new Date()) {
  const d = parseDate(value);
  return !!d && ymdIn(timeZone, d) === ymdIn(timeZone, now);
}

// phoneZone: the phone's own IANA timezone ('' when the browser will not say).
export function phoneZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    return '';
  }
}

// zoneName: the name people use for timeZone at an instant, in the
// reader's language ("Pacific Time", "hora del Pacífico"); '' when unknown.
export function zoneName(lang, timeZone, value) {
  const d = parseDate(value) || new Date();
  for (const style of ['longGeneric', 'long']) {
    try {
      const part = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: style }).formatToParts(d).find((p) => p.type === 'timeZoneName');
      if (part) return part.value;
    } catch { /* an older browser, or a name it does not know */ }
  }
  return '';
}

// houseTimeAndZone: an instant as the house's clock shows it (date and
// time, house-local), and the house's zone name when the phone's clock
// would show another time (a phone set to another zone): {text, zone}.
export function houseTimeAndZone(lang, value, timeZone, here = phoneZone()) {
  const text = formatHouseDateTime(lang, value, timeZone);
  if (!text || !timeZone) return { text, zone: '' };
  const mine = here ? formatHouseDateTime(lang, value, here) : '';
  return { text, zone: mine === text ? '' : zoneName(lang, timeZone, value) };
}
