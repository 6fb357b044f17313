// The house board, shared by the feed (/board), one post (/board/posts/ID),
// the compose screen (/board/new), the manager's links and the profile:
// kinds, reactions and one-tap answers, the pages of posts, protected
// photos, and the live store that merges realtime events into what is on
// screen (a new post, a comment or a reaction appears in place, without a
// reload of the list).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { t } from './i18n.js';
import { pb, handleLoadError } from './pb.js';
import { isAlumnus, isMember } from './membership.js';

export const POST_KINDS = ['share', 'win', 'support', 'announcement', 'milestone'];
export const REACTIONS = ['me_too', 'proud', 'hug', 'heart'];
export const QUICK_ANSWERS = ['calling', 'on_my_way', 'here'];

// The server's limits (pb_migrations/1763900007_board.go).
export const MAX_BODY = 5000;
export const MAX_COMMENT = 2000;
export const MAX_REASON = 1000;
export const MAX_IMAGES = 4;
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif'];

export const PER_PAGE = 20;

// One request brings a post with its author, reactions and comments
// (with their authors): the rules of each collection apply to the
// expanded records too. The board's pages come the same way, from the
// server's board route (fetchPage).
const POST_EXPAND = 'author,reactions_via_post,comments_via_post.author';

// ---------- who may do what ----------

// kindsFor: the kinds this membership may post, in the order offered.
export function kindsFor(m, isManager) {
  if (!m) return [];
  const kinds = ['share', 'win'];
  // Members ask the house for support; alumni the managers and the
  // alumni who opted in (docs/API.md, "posts").
  if (isMember(m) || isAlumnus(m)) kinds.push('support');
  if (isManager) kinds.push('announcement');
  return kinds;
}

// ---------- words ----------

export function authorOf(post) {
  return post.author_ || { id: post.author };
}

export function nameOf(u) {
  return (u && u.name) || t('feed.someone');
}

// milestoneText: "30 days", "1 year" for a milestone label ("30d", "1y").
export function milestoneText(label) {
  const m = /^(\d+)([dy])$/.exec(String(label || ''));
  if (!m) return '';
  const n = Number(m[1]);
  if (m[2] === 'y') return t('feed.milestoneYears', { count: n });
  if (n === 1) return t('feed.milestoneDay');
  if (n === 180) return t('feed.milestoneMonths', { count: 6 });
  if (n === 270) return t('feed.milestoneMonths', { count: 9 });
  return t('feed.milestoneDays', { count: n });
}

// commentText: a one-tap answer in the reader's language, else the words.
export function commentText(c) {
  return QUICK_ANSWERS.includes(c.quick) ? t('feed.quick.' + c.quick) : c.body;
}

// ---------- records ----------

function byCreated(a, b) {
  return a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// comparePosts: the board's order, pinned announcements first, then newest.
export function comparePosts(a, b) {
  if (!!a.pinned !== !!b.pinned) return a.pinned ? -1 : 1;
  if (a.created !== b.created) return a.created < b.created ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

// normalize: a post record (with its expand) as the screens hold it.
export function normalize(r) {
  const x = r.expand || {};
  const { expand, ...rest } = r;
  return {
    ...rest,
    author_: x.author || { id: r.author },
    reactions: x.reactions_via_post || [],
    comments: [...(x.comments_via_post || [])].map(commentOf).sort(byCreated),
  };
}

function commentOf(c) {
  const x = c.expand || {};
  const { expand, ...rest } = c;
  return { ...rest, author_: x.author || { id: c.author } };
}

// fetchPage: the house's posts after `last` in the board's order (the
// first page without it), each with its author, reactions and comments
// (with their authors) as POST_EXPAND gives them, from the board route
// (GET /api/hearth/houses/{id}/board, docs/API.md). Created times may tie
// (the milestone job makes several at once), so the page starts at `last`
// itself and the screen drops what it already shows.
// kind, when given, narrows the page to one kind of post (the managers'
// filter; the server checks it).
export function fetchPage(houseId, last, kind = '') {
  const query = { perPage: PER_PAGE };
  if (kind) query.kind = kind;
  if (last) {
    query.before = last.created;
    query.pinned = last.pinned ? 'true' : 'false';
  }
  return pb.send('/api/hearth/houses/' + encodeURIComponent(houseId) + '/board', { query });
}

export function fetchPost(id) {
  return pb.collection('posts').getOne(id, { expand: POST_EXPAND });
}

// imageURL: a post photo, through a file token (photos are protected).
export function imageURL(post, name, token, thumb) {
  const opts = {};
  if (token) opts.token = token;
  if (thumb) opts.thumb = thumb;
  return pb.files.getURL(post, name, opts);
}

// A word for the next screen (after posting, the feed says "Posted").
let flash = '';
export function setFlash(text) { flash = text; }
export function takeFlash() {
  const f = flash;
  flash = '';
  return f;
}

// ---------- the live store ----------

function upsert(list, item, sort) {
  const out = list.filter((x) => x.id !== item.id);
  out.push(item);
  return sort ? out.sort(sort) : out;
}

// applyEvent: the posts after one realtime event (or a write of our own,
// given as the same {action, record}). Idempotent: applying an event twice
// changes nothing, so a write and its echo can both arrive.
export function applyEvent(posts, collection, e, accept) {
  const r = e.record;
  if (!r) return posts;
  if (collection === 'posts') {
    const i = posts.findIndex((p) => p.id === r.id);
    if (e.action === 'delete') return i < 0 ? posts : posts.filter((p) => p.id !== r.id);
    if (i >= 0) {
      const old = posts[i];
      const next = { ...old, ...r, expand: undefined, author_: (r.expand && r.expand.author) || old.author_, reactions: old.reactions, comments: old.comments };
      return posts.map((p) => (p.id === r.id ? next : p)).sort(comparePosts);
    }
    if (!accept(r)) return posts;
    return [...posts, normalize(r)].sort(comparePosts);
  }
  const postId = r.post;
  if (!posts.some((p) => p.id === postId)) return posts;
  return posts.map((p) => {
    if (p.id !== postId) return p;
    if (collection === 'comments') {
      const comments = e.action === 'delete' ? p.comments.filter((c) => c.id !== r.id) : upsert(p.comments, commentOf(r), byCreated);
      return { ...p, comments };
    }
    if (collection === 'reactions') {
      // One of each kind per person: a confirmed reaction replaces a
      // tap still on its way.
      const rest = p.reactions.filter((x) => x.id !== r.id && !(e.action !== 'delete' && x.user === r.user && x.kind === r.kind));
      return { ...p, reactions: e.action === 'delete' ? rest : [...rest, r] };
    }
    return p;
  });
}

const LIVE = ['posts', 'comments', 'reactions'];

// useBoard keeps the posts of a house's board (or one post, when postId
// is given) live. It loads the first page, "Show older" loads the next,
// and realtime events of posts, comments and reactions (and reports, for
// managers) are merged in as they come. After a dropped connection, or
// when the phone comes back to the page, it loads the first page again
// and keeps the older ones it had. Events that come while a load is on
// its way are applied again on top of its answer, so none is lost.
// kind, when given, keeps the board to one kind of post.
export function useBoard({ houseId, postId = '', withReports = false, onReport, kind = '' }) {
  const [state, setState] = useState({ status: 'loading', posts: [], hasMore: false, loadingMore: false, error: null });
  const [live, setLive] = useState(false);
  const posts = useRef([]);
  const hasMore = useRef(false);
  const log = useRef(null); // events seen while a load is on its way
  const mounted = useRef(true);
  const reportCb = useRef(onReport);
  reportCb.current = onReport;

  const publish = (extra = {}) => {
    if (!mounted.current) return;
    setState((s) => ({ ...s, posts: posts.current, hasMore: hasMore.current, ...extra }));
  };

  // Within what is shown: a new post joins the list when it sorts before
  // the oldest one shown, or when everything is shown.
  const accept = (r) => {
    if (postId) return r.id === postId;
    if (r.house !== houseId) return false;
    if (kind && r.kind !== kind) return false;
    const list = posts.current;
    if (!hasMore.current || r.pinned || !list.length) return true;
    return comparePosts(r, list[list.length - 1]) <= 0;
  };

  const apply = (collection, e) => {
    const r = e.record;
    // A post that comes into view (a manager showed it again) comes with
    // its reactions and comments.
    if (collection === 'posts' && e.action === 'update' && r && !posts.current.some((p) => p.id === r.id)) {
      if (accept(r)) {
        fetchPost(r.id).then((full) => apply('posts', { action: 'create', record: full })).catch(() => {});
      }
      return;
    }
    if (log.current) log.current.push([collection, e]);
    posts.current = applyEvent(posts.current, collection, e, accept);
    publish();
  };

  // load (re)reads the first page, or the one post, keeping older pages.
  const load = async (first) => {
    const mine = [];
    log.current = mine;
    try {
      if (postId) {
        const r = await fetchPost(postId);
        if (log.current !== mine) return; // a newer load took over
        posts.current = [normalize(r)];
        hasMore.current = false;
      } else {
        const res = await fetchPage(houseId, null, kind);
        if (log.current !== mine) return;
        const page = res.items.map(normalize);
        const full = res.items.length === PER_PAGE;
        const cutoff = page[page.length - 1];
        const seen = new Set(page.map((p) => p.id));
        const older = full && !first ? posts.current.filter((p) => !seen.has(p.id) && comparePosts(p, cutoff) > 0) : [];
        posts.current = [...page, ...older].sort(comparePosts);
        hasMore.current = first || !older.length ? full : hasMore.current;
      }
      log.current = null;
      for (const [c, e] of mine) posts.current = applyEvent(posts.current, c, e, accept);
      publish({ status: 'ready', error: null });
    } catch (err) {
      if (log.current === mine) log.current = null;
      if (!mounted.current || handleLoadError(err)) return;
      if (postId && err && err.status === 404) {
        posts.current = [];
        publish({ status: 'gone', error: null });
        return;
      }
      setState((s) => (s.status === 'ready' ? s : { ...s, status: 'error', error: err }));
    }
  };

  const more = async () => {
    const list = posts.current;
    if (!list.length || postId) return;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const res = await fetchPage(houseId, list[list.length - 1], kind);
      const seen = new Set(posts.current.map((p) => p.id));
      const fresh = res.items.filter((r) => !seen.has(r.id)).map(normalize);
      posts.current = [...posts.current, ...fresh].sort(comparePosts);
      hasMore.current = res.items.length === PER_PAGE && fresh.length > 0;
      publish({ loadingMore: false });
      return true;
    } catch (err) {
      if (handleLoadError(err)) return false;
      publish({ loadingMore: false });
      return false;
    }
  };

  useEffect(() => {
    mounted.current = true;
    posts.current = [];
    hasMore.current = false;
    setState({ status: 'loading', posts: [], hasMore: false, loadingMore: false, error: null });
    load(true);

    let gen = 0;
    let unsubs = [];
    let timer = null;
    const again = () => {
      clearTimeout(timer);
      timer = setTimeout(() => { if (mounted.current) load(false); }, 250);
    };
    const start = async () => {
      const mine = ++gen;
      const got = [];
      let ok = true;
      try {
        for (const c of LIVE) {
          const opts = c === 'reactions' ? {} : { expand: 'author' };
          got.push(await pb.collection(c).subscribe('*', (e) => apply(c, e), opts));
          if (mine !== gen) break;
        }
        if (withReports && mine === gen) {
          got.push(await pb.collection('reports').subscribe('*', (e) => {
            if (e.record && e.record.house === houseId && reportCb.current) reportCb.current(e);
          }, { expand: 'reporter' }));
        }
        if (mine === gen) {
          let first = true;
          got.push(await pb.realtime.subscribe('PB_CONNECT', () => {
            if (first) { first = false; return; }
            again();
          }));
        }
      } catch {
        ok = false; // realtime unavailable: the board still loads on each visit
      }
      if (mine !== gen || !ok) {
        got.forEach((u) => u().catch(() => {}));
        return;
      }
      unsubs = got;
      // Whatever happened before the subscriptions were in place.
      again();
      if (mounted.current) setLive(true);
    };
    const stop = () => {
      gen++;
      clearTimeout(timer);
      unsubs.splice(0).forEach((u) => u().catch(() => {}));
    };
    // Like the bell: let go when the browser puts the page away in its
    // back/forward cache, take up again when it is shown from it.
    const hide = () => { stop(); setLive(false); };
    const show = (e) => { if (e.persisted) start(); };
    // Back on the screen after a while: posts hidden or deleted meanwhile
    // send no event to those who can no longer see them.
    const visible = () => { if (document.visibilityState === 'visible') again(); };
    window.addEventListener('pagehide', hide);
    window.addEventListener('pageshow', show);
    document.addEventListener('visibilitychange', visible);
    start();
    return () => {
      mounted.current = false;
      stop();
      window.removeEventListener('pagehide', hide);
      window.removeEventListener('pageshow', show);
      document.removeEventListener('visibilitychange', visible);
    };
  }, [houseId, postId, withReports, kind]);

  return {
    ...state,
    live,
    more,
    reload: () => load(false),
    // apply a write of our own at once (its realtime echo changes nothing).
    apply,
    // change one post in place (an optimistic reaction).
    patch: (id, fn) => {
      posts.current = posts.current.map((p) => (p.id === id ? fn(p) : p));
      publish();
    },
  };
}

// The reports count, the icons and tel: links live in board-basics.js, which
// the home screen loads without the board.
export { loadReports, useReportCount, ICONS, Icon, telHref } from './board-basics.js';
