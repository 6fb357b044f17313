// Translation: t(key, params) looks the key up in the current language and
// falls back to English when English is loaded. Components never hold
// user-visible text themselves. A phone downloads only the dictionary of
// the language it shows (loadLang, awaited before the app's first render;
// setLang loads the next one before switching).
//
// A language's dictionary comes in parts: the first-load part
// (js/i18n/<lang>.js: the shared strings and the screens everyone opens)
// and parts named after the screens that need them
// (js/i18n/<part>.<lang>.js: screens.en.js for the screens everyone may
// open, manage.en.js for the managers' screens).
// A route names the parts its screen needs (js/routes.js) and the screen
// renders once loadParts has them, so a resident's phone never downloads
// the managers' strings. setLang loads every part loaded so far in the
// next language before switching.
import { useEffect, useState } from 'preact/hooks';

const loaders = {
  en: {
    '': () => import('./i18n/en.js'),
    screens: () => import('./i18n/screens.en.js'),
    manage: () => import('./i18n/manage.en.js'),
  },
  es: {
    '': () => import('./i18n/es.js'),
    screens: () => import('./i18n/screens.es.js'),
    manage: () => import('./i18n/manage.es.js'),
  },
};
const dictionaries = {};
// loadedParts: per language, a map of part to its promise (or value once in).
const loadedParts = {};
// wanted: the parts loaded so far, loaded again by a language switch.
const wanted = new Set(['']);
export const LANGUAGES = Object.keys(loaders);
const STORAGE_KEY = 'hearth.lang';

let current = initialLang();
const listeners = new Set();

function initialLang() {
  let saved = null;
  try { saved = localStorage.getItem(STORAGE_KEY); } catch { /* private mode */ }
  if (LANGUAGES.includes(saved)) return saved;
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGUAGES.includes(nav) ? nav : 'en';
}

function lookup(dict, key) {
  let node = dict;
  for (const part of key.split('.')) {
    if (node == null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

// resolve finds a string for key in one dictionary, trying plural forms first.
function resolve(dict, lang, key, count) {
  if (typeof count === 'number') {
    const forms = [];
    if (count === 0) forms.push(key + '_zero');
    forms.push(key + '_' + new Intl.PluralRules(lang).select(count), key + '_other');
    for (const f of forms) {
      const s = lookup(dict, f);
      if (typeof s === 'string') return s;
    }
  }
  const s = lookup(dict, key);
  return typeof s === 'string' ? s : undefined;
}

// merge copies a part's namespaces into a language's dictionary (a
// namespace may have keys in several parts).
function merge(into, from) {
  for (const [k, v] of Object.entries(from)) {
    if (v && typeof v === 'object' && into[k] && typeof into[k] === 'object') merge(into[k], v);
    else into[k] = v;
  }
}

// loadPart loads one part of a language's dictionary once.
function loadPart(l, part) {
  const parts = (loadedParts[l] ||= new Map());
  if (!parts.has(part)) {
    const p = loaders[l][part]().then((m) => {
      merge(dictionaries[l] ||= {}, m.default);
      parts.set(part, true);
    });
    p.catch(() => parts.delete(part)); // offline: try again next time
    parts.set(part, p);
  }
  const v = parts.get(part);
  return v === true ? Promise.resolve() : v;
}

function hasParts(l, parts) {
  const have = loadedParts[l];
  return !!have && parts.every((p) => have.get(p) === true);
}

// loadLang loads a language's dictionary once: its first-load part and
// every part asked for so far.
export async function loadLang(l) {
  await loadPart(l, '');
  await Promise.all([...wanted].map((p) => loadPart(l, p)));
}

// partsReady answers whether the named parts are in for the current
// language (and for English, the fallback, when it is loaded).
export function partsReady(parts) {
  if (!parts || !parts.length) return true;
  if (!hasParts(current, parts)) return false;
  return current === 'en' || !loadedParts.en || hasParts('en', parts);
}

// loadParts loads the named parts for the current language, and for
// English when it is loaded as the fallback, before a screen that needs
// them renders.
export function loadParts(parts) {
  if (!parts || !parts.length) return Promise.resolve();
  const langs = [current];
  if (current !== 'en' && loadedParts.en) langs.push('en');
  return Promise.all(langs.flatMap((l) => parts.map((p) => loadPart(l, p)))).then(() => {
    parts.forEach((p) => wanted.add(p));
  });
}

export function t(key, params) {
  const count = params && params.count;
  let s = resolve(dictionaries[current] || {}, current, key, count);
  if (s === undefined && current !== 'en' && dictionaries.en) s = resolve(dictionaries.en, 'en', key, count);
  if (s === undefined) {
    console.warn('i18n: missing key', key);
    return key;
  }
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => {
    if (!(name in params)) return m;
    const v = params[name];
    return typeof v === 'number' ? new Intl.NumberFormat(current).format(v) : String(v);
  });
}

export function lang() {
  return current;
}

// setLang switches to a language once its dictionary is loaded (at once
// when it already is) and remembers it on the device.
export function setLang(next) {
  if (!LANGUAGES.includes(next)) next = 'en';
  try { localStorage.setItem(STORAGE_KEY, next); } catch { /* private mode */ }
  if (next === current && hasParts(next, [...wanted])) return Promise.resolve();
  return loadLang(next).then(() => {
    current = next;
    applyDocument(next);
    listeners.forEach((fn) => fn(next));
  });
}

// A language a person picked on the sign-in or join screen, before there
// is an account to keep it in. It lasts for this tab (a reload keeps it), so
// the next person on a shared phone does not inherit it; signing in or
// joining saves it to the profile and forgets it here.
const CHOSEN_KEY = 'hearth.langChosen';

// chooseLang applies a language picked before sign-in and remembers that it
// was picked (see chosenLang).
export function chooseLang(next) {
  if (!LANGUAGES.includes(next)) next = 'en';
  try { sessionStorage.setItem(CHOSEN_KEY, next); } catch { /* private mode */ }
  return setLang(next);
}

// chosenLang answers the language picked before sign-in in this tab, or null.
export function chosenLang() {
  let l = null;
  try { l = sessionStorage.getItem(CHOSEN_KEY); } catch { /* private mode */ }
  return LANGUAGES.includes(l) ? l : null;
}

// forgetChosenLang: the pick is in the profile now.
export function forgetChosenLang() {
  try { sessionStorage.removeItem(CHOSEN_KEY); } catch { /* private mode */ }
}

function applyDocument(l) {
  document.documentElement.lang = l;
  if (dictionaries[l]) document.title = t('app.name');
}

// useLang re-renders the calling component when the language changes.
export function useLang() {
  const [l, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    set(current);
    return () => listeners.delete(set);
  }, []);
  return l;
}

applyDocument(current);
