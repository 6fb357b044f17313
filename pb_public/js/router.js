// History API routing: real paths (/, /signin, /join, /profile, /manage/roster...).
// The server answers index.html for unknown non-file paths, so a reload or a
// shared link lands on the right screen.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();

function emit() {
  const path = location.pathname;
  listeners.forEach((fn) => fn(path));
}

// isInternalPath: a path this app handles (not the API, not the dashboard, not a file).
export function isInternalPath(href) {
  if (typeof href !== 'string' || !href.startsWith('/') || href.startsWith('//')) return false;
  return !/^\/(api|_)(\/|$)/.test(href);
}

export function navigate(path, { replace = false } = {}) {
  if (path === location.pathname + location.search + location.hash) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', path);
  emit();
}

export function useRoute() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    listeners.add(setPath);
    setPath(location.pathname);
    return () => listeners.delete(setPath);
  }, []);
  return path;
}

window.addEventListener('popstate', emit);

// Plain <a href="/..."> links navigate in place instead of reloading the page.
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  const path = a.pathname + a.search + a.hash;
  if (!isInternalPath(path) || /\.[a-z0-9]+$/i.test(a.pathname)) return;
  e.preventDefault();
  navigate(path);
});
