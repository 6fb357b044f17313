// The house board (/board) and one post (/board/posts/ID, where the
// board's notifications lead). The feed is live: a housemate's new post,
// comment or reaction appears in place. Kinds look different: a share, a
// win, an announcement from the managers (pinned ones on top), a
// milestone the server celebrates, and a need-support post, warm and
// plain, with one-tap answers ("On my way") for housemates. Reactions
// (Me too, Proud of you, Hug, Heart) toggle with a tap. A post opens to
// its comments. The author edits or deletes their post; managers hide,
// pin and read reports; anyone else may report a post to the managers.
// A comment's author edits or deletes it; managers delete any comment.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t, lang } from '../i18n.js';
import { pb, handleWriteError } from '../pb.js';
import { navigate } from '../router.js';
import { formatHouseDateTime, formatHouseShortDay, formatWhen, isHouseToday } from '../dates.js';
import { useFileToken } from '../checkins.js';
import { Avatar, Button, Dialog, EmptyState, ErrorState, Field, Loading, Toast, splitErrors } from '../ui.js';
import {
  authorOf, commentText, fetchPost, Icon, imageURL, loadReports, MAX_BODY, MAX_COMMENT, MAX_REASON,
  milestoneText, nameOf, normalize, POST_KINDS, QUICK_ANSWERS, REACTIONS, setFlash, takeFlash, telHref, useBoard,
} from '../board.js';
import { isAlumnus, isManager, isMember } from '../membership.js';

// ---------- gates ----------

function gate(houses, testid) {
  if (!houses.current) {
    if (houses.status === 'loading') return html`<${Loading} label=${t('feed.loading')} />`;
    if (houses.status === 'error') {
      return html`<${ErrorState} message=${t('home.loadError')} err=${houses.error} onRetry=${houses.reload} />`;
    }
    return html`<section class="stack" data-testid=${testid}>
      <h1 tabindex="-1">${t('feed.title')}</h1>
      <${EmptyState} testid="feed-no-house">${t('feed.noHouse')}</${EmptyState}>
      <a class="btn btn-secondary" href="/">${t('app.backHome')}</a>
    </section>`;
  }
  return null;
}

export function Board({ user, houses }) {
  return gate(houses, 'feed-screen') || html`<${Feed} key=${houses.house.id} user=${user} houses=${houses} />`;
}

export function PostScreen({ user, houses, postId }) {
  return gate(houses, 'post-screen') || html`<${OnePost} key=${postId} user=${user} houses=${houses} postId=${postId} />`;
}

// roleIn: what this person is in the post's house.
function roleIn(houses, houseId) {
  const m = houses.memberships.find((x) => x.house === houseId) || null;
  return {
    membership: m,
    isManager: isManager(m),
    timeZone: m && m.expand && m.expand.house ? m.expand.house.timezone : undefined,
  };
}

// ---------- the feed ----------

function Feed({ user, houses }) {
  const house = houses.house;
  const membership = houses.current;
  const isManager = houses.isManager;
  const [reports, setReports] = useState([]);
  const [notice, setNotice] = useState(() => takeFlash());
  const [problem, setProblem] = useState('');
  // The managers' filter: one kind of post, asked of the server.
  const [kind, setKind] = useState('');
  const board = useBoard({
    houseId: house.id,
    kind: isManager ? kind : '',
    withReports: isManager,
    onReport: (e) => setReports((list) => {
      const rest = list.filter((r) => r.id !== e.record.id);
      return e.action === 'delete' ? rest : [e.record, ...rest];
    }),
  });
  const [token, newToken] = useFileToken();

  useEffect(() => {
    if (!isManager) return undefined;
    let live = true;
    loadReports(house.id).then((res) => { if (live) setReports(res.items); }).catch(() => { /* the posts still show */ });
    return () => { live = false; };
  }, [house.id, isManager]);

  const ctx = {
    me: user, isManager, member: isMember(membership), timeZone: house.timezone, token, newToken, board, reports,
    setReports, say: (text) => { setProblem(''); setNotice(text); }, fail: (text) => { setNotice(''); setProblem(text); },
  };

  async function older() {
    const ok = await board.more();
    if (!ok) setProblem(t('feed.moreError'));
  }

  let body;
  if (board.status === 'loading') body = html`<${Loading} label=${t('feed.loading')} />`;
  else if (board.status === 'error') {
    body = html`<${ErrorState} message=${t('feed.loadError')} err=${board.error} onRetry=${board.reload} />`;
  } else if (!board.posts.length && kind && isManager) {
    body = html`<${EmptyState} testid="feed-empty-kind">${t('seen.filterEmpty')}</${EmptyState}>`;
  } else if (!board.posts.length) {
    body = html`<${EmptyState} title=${t('feed.emptyTitle')} testid="feed-empty">${t('feed.empty')}</${EmptyState}>`;
  } else {
    body = html`<ul class="posts" data-testid="posts">
      ${board.posts.map((p) => html`<li key=${p.id}><${PostCard} post=${p} ctx=${ctx} /></li>`)}
    </ul>
    ${board.hasMore ? html`<div class="more">
      <${Button} kind="secondary" busy=${board.loadingMore} busyLabel=${t('feed.loadingMore')} onClick=${older}
        data-testid="feed-more">${t('feed.showOlder')}</${Button}>
    </div>` : html`<p class="muted feed-end" data-testid="feed-end">${t('feed.end')}</p>`}`;
  }

  return html`<section class="feed" data-testid="feed-screen" data-live=${board.live ? 'true' : 'false'}>
    <div class="screen-head">
      <p class="eyebrow-muted">${house.name}</p>
      <h1 tabindex="-1">${t('feed.title')}</h1>
    </div>
    <p class="lead">${isAlumnus(membership) ? t('feed.leadAlumni') : t('feed.lead')}</p>
    <div class="feed-actions">
      <a class="btn btn-primary" href="/board/new" data-testid="feed-write">${t('feed.write')}</a>
      ${isMember(membership) || isAlumnus(membership) ? html`<a class="btn btn-support" href="/board/new?kind=support" data-testid="feed-support">
        <${Icon} name="support" />${t('feed.reachOut')}</a>` : null}
    </div>
    <${Toast} kind="success" message=${notice} testid="feed-message" onDismiss=${() => setNotice('')} />
    <${Toast} kind="error" message=${problem} testid="feed-error" onDismiss=${() => setProblem('')} />
    ${isManager && reports.length ? html`<${ReportsNotice} reports=${reports} ctx=${ctx} />` : null}
    ${isManager ? html`<${KindFilter} kind=${kind} onKind=${setKind} />` : null}
    ${body}
  </section>`;
}

// KindFilter: the managers' "Show" choice, all posts or one kind.
function KindFilter({ kind, onKind }) {
  const options = [{ value: '', label: t('seen.filterAll') }, ...POST_KINDS.map((k) => ({ value: k, label: t('seen.filterKind.' + k) }))];
  return html`<div class="feed-filter">
    <${Field} id="feed-kind" type="select" label=${t('seen.filterLabel')} value=${kind} options=${options}
      onInput=${onKind} testid="feed-kind" />
  </div>`;
}

// ---------- one post ----------

function OnePost({ user, houses, postId }) {
  const board = useBoard({ houseId: '', postId });
  const post = board.posts[0];
  const role = roleIn(houses, post ? post.house : '');
  const [reports, setReports] = useState([]);
  const [notice, setNotice] = useState(() => takeFlash());
  const [problem, setProblem] = useState('');
  const [token, newToken] = useFileToken();

  useEffect(() => {
    if (!role.isManager || !post) return undefined;
    let live = true;
    loadReports(post.house).then((res) => {
      if (live) setReports(res.items.filter((r) => r.post === postId));
    }).catch(() => {});
    return () => { live = false; };
  }, [role.isManager, post && post.house, postId]);

  const ctx = {
    me: user, isManager: role.isManager, member: isMember(role.membership), timeZone: role.timeZone, token, newToken, board,
    reports, setReports, single: true,
    say: (text) => { setProblem(''); setNotice(text); }, fail: (text) => { setNotice(''); setProblem(text); },
  };

  let body;
  if (board.status === 'loading') body = html`<${Loading} label=${t('feed.loadingPost')} />`;
  else if (board.status === 'error') {
    body = html`<${ErrorState} message=${t('feed.postLoadError')} err=${board.error} onRetry=${board.reload} />`;
  } else if (board.status === 'gone' || !post) {
    body = html`<${EmptyState} title=${t('feed.goneTitle')} testid="post-gone">${t('feed.gone')}</${EmptyState}>`;
  } else {
    body = html`<${PostCard} post=${post} ctx=${ctx} />`;
  }
  return html`<section class="feed feed-one" data-testid="post-screen" data-live=${board.live ? 'true' : 'false'}>
    <div class="screen-head">
      <a class="back-link" href="/board" data-testid="post-back"><span aria-hidden="true">‹ </span>${t('feed.back')}</a>
      <h1 tabindex="-1">${post ? postTitle(post) : t('feed.postTitle')}</h1>
    </div>
    <${Toast} kind="success" message=${notice} testid="feed-message" onDismiss=${() => setNotice('')} />
    <${Toast} kind="error" message=${problem} testid="feed-error" onDismiss=${() => setProblem('')} />
    ${body}
  </section>`;
}

function postTitle(post) {
  const name = nameOf(authorOf(post));
  if (post.kind === 'support') return t('feed.titleSupport', { name });
  if (post.kind === 'milestone') return t('feed.titleMilestone', { name });
  if (post.kind === 'announcement') return t('feed.titleAnnouncement');
  return t('feed.titlePost', { name });
}

// ---------- a post ----------

function KindBanner({ post }) {
  if (post.kind === 'support' && post.resolved) {
    return html`<p class="post-banner post-banner-resolved" data-testid="post-banner" data-resolved="true">
      <${Icon} name="heart" size=${22} />${t('careResolve.resolvedBanner', { name: nameOf(authorOf(post)) })}</p>`;
  }
  if (post.kind === 'support') {
    return html`<p class="post-banner" data-testid="post-banner"><${Icon} name="support" size=${22} />${t('feed.bannerSupport')}</p>`;
  }
  if (post.kind === 'milestone') {
    const what = milestoneText(post.milestone);
    return html`<p class="post-banner" data-testid="post-banner"><${Icon} name="milestone" size=${24} />
      <span>${t('feed.kind.milestone')}${what ? html`<span class="post-banner-big"> · ${what}</span>` : null}</span></p>`;
  }
  if (post.kind === 'announcement') {
    return html`<p class="post-banner" data-testid="post-banner"><${Icon} name="announcement" size=${22} />${t('feed.bannerAnnouncement')}</p>`;
  }
  return null;
}

// milestoneBody: a milestone post in the reader's language, "today" on
// the house's day it was posted and the house-local date after that; the
// words the server stored when the label is not one the app knows.
function milestoneBody(post, name, timeZone, now = new Date()) {
  const what = milestoneText(post.milestone);
  if (!what) return post.body;
  if (isHouseToday(post.created, timeZone, now)) return t('seen.milestoneToday', { name, what });
  return t('seen.milestoneOn', { name, what, date: formatHouseShortDay(lang(), post.created, timeZone, now) });
}

function PostCard({ post, ctx }) {
  const { me, isManager, board } = ctx;
  const author = authorOf(post);
  const name = nameOf(author);
  const mine = post.author === me.id;
  const [open, setOpen] = useState(!!ctx.single);
  const [dialog, setDialog] = useState(''); // options | edit | delete | report
  const [problem, setProblem] = useState('');
  const [resolving, setResolving] = useState(false);
  const pending = useRef({});
  const bodyId = 'post-' + post.id + '-body';
  const reports = isManager ? ctx.reports.filter((r) => r.post === post.id) : [];

  // refresh: the post as the server has it now (after a refused change).
  const refresh = () => fetchPost(post.id).then((r) => board.patch(post.id, () => normalize(r))).catch(() => {});

  function refused(err, shown = []) {
    if (err && err.status === 404) return t('feed.postGoneNow');
    const { fields, text } = splitErrors(err, shown);
    return Object.values(fields).filter(Boolean).join(' ') || text;
  }

  async function react(kind) {
    if (pending.current[kind]) return;
    pending.current[kind] = true;
    setProblem('');
    const had = post.reactions.find((r) => r.user === me.id && r.kind === kind);
    try {
      if (had) {
        board.patch(post.id, (p) => ({ ...p, reactions: p.reactions.filter((r) => r.id !== had.id) }));
        await pb.collection('reactions').delete(had.id);
      } else {
        const temp = { id: 'pending-' + kind, post: post.id, user: me.id, kind };
        board.patch(post.id, (p) => ({ ...p, reactions: [...p.reactions.filter((r) => r.id !== temp.id), temp] }));
        try {
          const rec = await pb.collection('reactions').create({ post: post.id, user: me.id, kind });
          board.apply('reactions', { action: 'create', record: rec });
        } catch (err) {
          board.patch(post.id, (p) => ({ ...p, reactions: p.reactions.filter((r) => r.id !== temp.id) }));
          throw err;
        }
      }
    } catch (err) {
      if (handleWriteError(err)) return;
      if (!(had && err && err.status === 404)) setProblem(refused(err));
      refresh();
    } finally {
      pending.current[kind] = false;
    }
  }

  async function comment(fields) {
    const rec = await pb.collection('comments').create({ post: post.id, author: me.id, ...fields }, { expand: 'author' });
    board.apply('comments', { action: 'create', record: rec });
    setOpen(true);
    return rec;
  }

  async function quick(answer) {
    setProblem('');
    try {
      await comment({ quick: answer, body: t('feed.quick.' + answer) });
      ctx.say(t('feed.quickSent', { name }));
    } catch (err) {
      if (handleWriteError(err)) return;
      setProblem(refused(err, []));
    }
  }

  async function change(fields, done) {
    const rec = await pb.collection('posts').update(post.id, fields);
    board.apply('posts', { action: 'update', record: rec });
    setDialog('');
    if (done) ctx.say(done);
  }

  async function remove() {
    await pb.collection('posts').delete(post.id);
    setDialog('');
    if (ctx.single) {
      setFlash(t('feed.deleted'));
      navigate('/board');
      return;
    }
    board.apply('posts', { action: 'delete', record: post });
    ctx.say(t('feed.deleted'));
  }

  const kindClass = 'post post-' + post.kind + (post.hidden ? ' is-hidden' : '') + (post.pinned ? ' is-pinned' : '');
  const when = formatWhen(lang(), post.created, ctx.timeZone);
  // A resolved need-support post asks for nothing more.
  const canAnswer = post.kind === 'support' && !mine && !post.resolved;
  const canResolve = post.kind === 'support' && !post.resolved && (mine || isManager);

  async function resolve() {
    setProblem('');
    setResolving(true);
    try {
      await change({ resolved: true }, mine ? t('careResolve.resolvedThanks') : t('careResolve.resolvedByManager', { name }));
    } catch (err) {
      if (handleWriteError(err)) return;
      setProblem(refused(err));
      refresh();
    } finally {
      setResolving(false);
    }
  }

  return html`<article class=${kindClass + (post.resolved ? ' is-resolved' : '')} aria-labelledby=${'post-' + post.id + '-who'} data-testid="post" data-id=${post.id}
      data-kind=${post.kind} data-resolved=${post.resolved ? 'true' : 'false'} data-hidden=${post.hidden ? 'true' : 'false'} data-pinned=${post.pinned ? 'true' : 'false'}>
    <${KindBanner} post=${post} />
    <div class="post-head">
      <${Avatar} user=${author} size=${40} />
      <div class="post-who">
        <p class="post-author" id=${'post-' + post.id + '-who'} data-testid="post-author">${name}</p>
        <p class="post-meta">
          ${when ? html`<time datetime=${post.created.replace(' ', 'T')} title=${formatHouseDateTime(lang(), post.created, ctx.timeZone)}>${when}</time>` : null}
          ${post.kind === 'win' || post.kind === 'share' ? html`<span aria-hidden="true"> · </span><span class=${'kind-label kind-' + post.kind}>
            ${post.kind === 'win' ? html`<${Icon} name="win" size=${16} />` : null}${t('feed.kind.' + post.kind)}</span>` : null}
        </p>
      </div>
      <button type="button" class="icon-btn post-more" aria-haspopup="dialog" aria-label=${t('feed.options', { name })}
        title=${t('feed.optionsShort')} onClick=${() => { setProblem(''); setDialog('options'); }} data-testid="post-options">
        <${Icon} name="more" size=${24} />
      </button>
    </div>
    ${post.pinned || post.hidden || reports.length ? html`<p class="tags post-tags">
      ${post.pinned ? html`<span class="tag tag-pinned" data-testid="post-pinned"><${Icon} name="pin" size=${14} /> ${t('feed.pinned')}</span>` : null}
      ${post.hidden ? html`<span class="tag tag-hidden" data-testid="post-hidden">${t('feed.hidden')}</span>` : null}
      ${reports.length ? html`<span class="tag tag-reported" data-testid="post-reported">${t('feed.reportedTag', { count: reports.length })}</span>` : null}
    </p>` : null}
    ${post.hidden ? html`<p class="post-hidden-note" data-testid="post-hidden-note">${mine ? t('feed.hiddenMine') : t('feed.hiddenManager')}</p>` : null}
    <p class="post-body" id=${bodyId} data-testid="post-body">${post.kind === 'milestone' ? milestoneBody(post, name, ctx.timeZone) : post.body}</p>
    <${Photos} post=${post} name=${name} token=${ctx.token} onError=${ctx.newToken} />
    ${canAnswer ? html`<${QuickAnswers} post=${post} author=${author} name=${name} onAnswer=${quick} />` : null}
    ${canResolve ? html`<p class="post-resolve"><${Button} kind=${mine ? 'primary' : 'secondary'} busy=${resolving} onClick=${resolve}
        data-testid="post-resolve">${mine ? t('careResolve.resolveMine') : t('careResolve.resolveManager')}</${Button}></p>` : null}
    <${Reactions} post=${post} me=${me} onToggle=${react} />
    <${Toast} kind="error" message=${problem} testid="post-error" onDismiss=${() => setProblem('')} />
    <${Comments} post=${post} ctx=${ctx} open=${open} onToggle=${() => setOpen((o) => !o)} onSend=${comment} refused=${refused} />

    ${dialog === 'options' ? html`<${OptionsDialog} post=${post} name=${name} mine=${mine} isManager=${isManager} reports=${reports}
      ctx=${ctx} onClose=${() => setDialog('')} onPick=${setDialog} change=${change} refused=${refused} />` : null}
    ${dialog === 'edit' ? html`<${EditDialog} post=${post} onClose=${() => setDialog('')} change=${change} refused=${refused} />` : null}
    ${dialog === 'delete' ? html`<${DeleteConfirm} id="post-delete" testid="post-delete" title=${t('feed.deleteTitle')}
        onClose=${() => setDialog('')} remove=${remove} refusal=${refused}>
      <p class="confirm-question">${mine ? t('feed.deleteQuestionMine') : t('feed.deleteQuestion', { name })}</p>
      <p>${t('feed.deleteExplain')}</p>
    </${DeleteConfirm}>` : null}
    ${dialog === 'report' ? html`<${ReportDialog} post=${post} me=${me} name=${name} onClose=${() => setDialog('')}
      onDone=${() => { setDialog(''); ctx.say(t('feed.reportSent')); }} refused=${refused} />` : null}
  </article>`;
}

// ---------- photos ----------

function Photos({ post, name, token, onError }) {
  const [open, setOpen] = useState(-1);
  const images = post.images || [];
  if (!images.length) return null;
  const n = images.length;
  return html`<div class=${'post-photos post-photos-' + Math.min(n, 4)} data-testid="post-photos">
    ${images.map((img, i) => html`<button type="button" class="post-photo" key=${img} aria-haspopup="dialog"
        aria-label=${t('feed.photoOpen', { n: i + 1, count: n, name })} onClick=${() => setOpen(i)} data-testid="post-photo">
      ${token ? html`<img src=${imageURL(post, img, token, '480x0')} alt="" loading="lazy" onError=${onError} />` : null}
    </button>`)}
  </div>
  ${open >= 0 ? html`<${PhotoViewer} post=${post} name=${name} index=${open} onIndex=${setOpen} onClose=${() => setOpen(-1)} />` : null}`;
}

function PhotoViewer({ post, name, index, onIndex, onClose }) {
  const images = post.images || [];
  const [token, newToken] = useFileToken();
  const [failed, setFailed] = useState(false);
  const n = images.length;
  const i = Math.min(index, n - 1);
  useEffect(() => setFailed(false), [i]);
  return html`<${Dialog} id="photo-view" title=${n > 1 ? t('feed.photoTitleOf', { n: i + 1, count: n }) : t('feed.photoTitle')}
      onClose=${onClose} testid="post-photo-view">
    <div class="photo-full">
      ${failed ? html`<p class="muted">${t('feed.photoFailed')}</p>`
        : token ? html`<img src=${imageURL(post, images[i], token, '960x0')} alt=${t('feed.photoAlt', { n: i + 1, count: n, name })}
          onError=${() => { setFailed(true); newToken(); }} data-testid="post-photo-view-img" />`
        : html`<${Loading} />`}
    </div>
    <div class="panel-actions">
      ${n > 1 ? html`<${Button} kind="secondary" onClick=${() => onIndex((i + n - 1) % n)} data-testid="photo-prev">${t('feed.photoPrev')}</${Button}>
        <${Button} kind="secondary" onClick=${() => onIndex((i + 1) % n)} data-testid="photo-next">${t('feed.photoNext')}</${Button}>` : null}
      <${Button} kind="secondary" onClick=${onClose} data-testid="post-photo-view-done">${t('app.close')}</${Button}>
    </div>
  </${Dialog}>`;
}

// ---------- reactions ----------

function Reactions({ post, me, onToggle }) {
  return html`<div class="reactions" role="group" aria-label=${t('feed.reactionsLabel')} data-testid="reactions">
    ${REACTIONS.map((kind) => {
      const all = post.reactions.filter((r) => r.kind === kind);
      const on = all.some((r) => r.user === me.id);
      const label = t('feed.reaction.' + kind);
      return html`<button type="button" key=${kind} class=${'reaction reaction-' + kind} aria-pressed=${on ? 'true' : 'false'}
          aria-label=${all.length ? t('feed.reactionCount', { label, count: all.length }) : label}
          onClick=${() => onToggle(kind)} data-testid=${'react-' + kind} data-count=${all.length}
          data-pending=${all.some((r) => String(r.id).startsWith('pending-')) ? 'true' : undefined}>
        <${Icon} name=${kind} size=${18} />
        <span class="reaction-label">${label}</span>
        ${all.length ? html`<span class="reaction-count" aria-hidden="true">${all.length}</span>` : null}
      </button>`;
    })}
  </div>`;
}

// ---------- one-tap answers to a need-support post ----------

function QuickAnswers({ post, author, name, onAnswer }) {
  const [busy, setBusy] = useState('');
  const titleId = 'quick-' + post.id;
  async function answer(q) {
    if (busy) return;
    setBusy(q);
    try { await onAnswer(q); } finally { setBusy(''); }
  }
  return html`<div class="quick-answers" role="group" aria-labelledby=${titleId} data-testid="quick-answers">
    <p class="quick-title" id=${titleId}>${t('feed.quickTitle', { name })}</p>
    <div class="quick-buttons">
      ${author.phone ? html`<a class="btn btn-primary" href=${telHref(author.phone)} data-testid="quick-call">
        <${Icon} name="phone" />${t('feed.call', { name })}</a>` : null}
      ${QUICK_ANSWERS.map((q) => html`<${Button} key=${q} kind="secondary" busy=${busy === q} busyLabel=${t('feed.sending')}
          disabled=${!!busy && busy !== q} onClick=${() => answer(q)} data-testid=${'quick-' + q}>${t('feed.quick.' + q)}</${Button}>`)}
    </div>
  </div>`;
}

// ---------- comments ----------

function Comments({ post, ctx, open, onToggle, onSend, refused }) {
  const n = post.comments.length;
  const listId = 'post-' + post.id + '-comments';
  const form = useBodyForm('', t('feed.commentEmpty'), async (body, setBody) => {
    await onSend({ body });
    setBody('');
  }, (err) => refused(err, ['body']));

  // After a comment leaves the list, focus goes to the comments' heading
  // (or their toggle), not to the top of the page.
  const head = useRef(null);
  const focusHead = () => setTimeout(() => { if (head.current) head.current.focus({ preventScroll: true }); }, 0);

  return html`<div class="post-comments" data-testid="post-comments" data-count=${n}>
    ${ctx.single ? html`<h2 class="comments-title" tabindex="-1" ref=${head}>${n ? t('feed.commentsCount', { count: n }) : t('feed.commentsNone')}</h2>`
      : html`<button type="button" class="comments-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${listId}
        onClick=${onToggle} ref=${head} data-testid="comments-toggle">
        <${Icon} name="comment" size=${18} />
        <span>${n ? t('feed.commentsCount', { count: n }) : t('feed.commentsWrite')}</span>
      </button>`}
    <div id=${listId} hidden=${!open}>
      ${open ? html`
        ${n ? html`<ul class="comments" data-testid="comments">
          ${post.comments.map((c) => html`<${CommentItem} key=${c.id} comment=${c} ctx=${ctx} onGone=${focusHead} />`)}
        </ul>` : null}
        <form class="comment-form" onSubmit=${form.onSubmit} novalidate data-testid="comment-form">
          <${Field} id=${'comment-' + post.id} type="textarea" label=${t('feed.commentLabel')} value=${form.body}
            onInput=${form.onInput} error=${form.error} maxlength=${MAX_COMMENT} rows="2"
            testid="comment-input" />
          <${Button} type="submit" kind="secondary" busy=${form.busy} busyLabel=${t('feed.sending')} data-testid="comment-send">${t('feed.commentSend')}</${Button}>
        </form>` : null}
    </div>
  </div>`;
}

// One comment. Its author may edit it (in place) or delete it; a manager
// of the house may delete anyone's (the server refuses managers' edits,
// so none is offered). A one-tap answer ("On my way") is the server's
// words: its author may delete it, not edit it. Nobody else gets options.
function CommentItem({ comment: c, ctx, onGone }) {
  const { me, isManager, board } = ctx;
  const mine = c.author === me.id;
  const name = nameOf(c.author_);
  const canEdit = mine && !c.quick;
  const canDelete = mine || isManager;
  const [mode, setMode] = useState(''); // options | edit | delete
  const more = useRef(null);
  const backToMore = () => setTimeout(() => { if (more.current) more.current.focus({ preventScroll: true }); }, 0);

  // gone: the comment is no longer on the server (deleted here or elsewhere).
  const gone = () => board.apply('comments', { action: 'delete', record: c });

  async function save(body) {
    const rec = await pb.collection('comments').update(c.id, { body }, { expand: 'author' });
    board.apply('comments', { action: 'update', record: rec });
    setMode('');
    backToMore();
    ctx.say(t('feed.commentSaved'));
  }

  async function remove() {
    let already = false;
    try {
      await pb.collection('comments').delete(c.id);
    } catch (err) {
      if (!err || err.status !== 404) throw err;
      already = true; // deleted meanwhile, elsewhere
    }
    setMode('');
    gone();
    onGone();
    ctx.say(already ? t('feed.commentGoneNow') : t('feed.commentDeleted'));
  }

  return html`<li class=${'comment' + (c.quick ? ' comment-quick' : '') + (mode === 'edit' ? ' is-editing' : '')} data-testid="comment"
      data-id=${c.id} data-quick=${c.quick || ''}>
    <${Avatar} user=${c.author_} size=${32} />
    <div class="comment-main">
      <p class="comment-head"><span class="comment-author">${name}</span>
        <span class="muted comment-when">${formatWhen(lang(), c.created, ctx.timeZone)}</span></p>
      ${mode === 'edit' ? html`<${CommentEditor} comment=${c} onSave=${save}
          onGone=${() => { setMode(''); gone(); onGone(); ctx.fail(t('feed.commentGoneNow')); }}
          onCancel=${() => { setMode(''); backToMore(); }} />`
        : html`<p class="comment-body" data-testid="comment-body">${commentText(c)}</p>`}
    </div>
    ${canDelete && mode !== 'edit' ? html`<button type="button" class="icon-btn comment-more" aria-haspopup="dialog" ref=${more}
        aria-label=${mine ? t('feed.commentOptionsMine') : t('feed.commentOptions', { name })} title=${t('feed.optionsShort')}
        onClick=${() => setMode('options')} data-testid="comment-options">
      <${Icon} name="more" size=${22} />
    </button>` : null}
    ${mode === 'options' ? html`<${Dialog} id=${'comment-options-' + c.id} title=${t('feed.commentOptionsTitle')}
        onClose=${() => setMode('')} testid="comment-options-dialog">
      <p class="muted">${mine ? t('feed.commentByYou') : t('feed.optionsAbout', { name })}</p>
      <blockquote class="comment-quote">${commentText(c)}</blockquote>
      ${mine && c.quick ? html`<p class="field-hint">${t('feed.commentQuickHint')}</p>` : null}
      ${!mine ? html`<p class="field-hint">${t('feed.commentManagerHint')}</p>` : null}
      <div class="option-list">
        ${canEdit ? html`<${Button} kind="secondary" onClick=${() => setMode('edit')} data-testid="comment-edit">${t('feed.commentEdit')}</${Button}>` : null}
        <${Button} kind="danger" onClick=${() => setMode('delete')} data-testid="comment-delete">${t('feed.commentDelete')}</${Button}>
      </div>
      <${Button} kind="ghost" onClick=${() => setMode('')} data-testid="comment-options-cancel">${t('feed.cancel')}</${Button}>
    </${Dialog}>` : null}
    ${mode === 'delete' ? html`<${DeleteConfirm} id=${'comment-delete-' + c.id} testid="comment-delete" title=${t('feed.commentDeleteTitle')}
        onClose=${() => { setMode(''); backToMore(); }} remove=${remove} refusal=${(err) => splitErrors(err, []).text}>
      <blockquote class="comment-quote">${commentText(c)}</blockquote>
      <p>${mine ? t('feed.commentDeleteMine') : t('feed.commentDeleteOther', { name })}</p>
    </${DeleteConfirm}>` : null}
  </li>`;
}

function CommentEditor({ comment: c, onSave, onCancel, onGone }) {
  const id = 'comment-edit-' + c.id;
  const form = useBodyForm(c.body, t('feed.commentEmpty'), onSave, (err) => {
    if (err && err.status === 404) {
      onGone(); // deleted meanwhile, or its post is no longer ours to see
      return '';
    }
    const { fields, text } = splitErrors(err, ['body']);
    return fields.body || text;
  });
  useEffect(() => {
    const el = document.getElementById(id);
    if (el) {
      el.focus({ preventScroll: true });
      el.setSelectionRange(el.value.length, el.value.length);
    }
  }, []);

  return html`<form class="comment-edit" onSubmit=${form.onSubmit} novalidate data-testid="comment-edit-form">
    <${Field} id=${id} type="textarea" label=${t('feed.commentEditLabel')} value=${form.body}
      onInput=${form.onInput} error=${form.error} maxlength=${MAX_COMMENT} rows="3"
      testid="comment-edit-input" />
    <div class="button-row">
      <${Button} type="submit" busy=${form.busy} busyLabel=${t('feed.saving')} data-testid="comment-edit-save">${t('feed.save')}</${Button}>
      <${Button} kind="secondary" disabled=${form.busy} onClick=${onCancel} data-testid="comment-edit-cancel">${t('feed.cancel')}</${Button}>
    </div>
  </form>`;
}

// ---------- forms and confirmations the posts and comments share ----------

// useBodyForm holds a form around one text body: an empty one is refused
// with emptyWords, the trimmed one goes to submit(body, setBody), and a
// refusal shows under the field in the words refusal(err) gives ('' for
// none).
function useBodyForm(initial, emptyWords, submit, refusal) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function onSubmit(e) {
    e.preventDefault();
    if (!body.trim()) {
      setError(emptyWords);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await submit(body.trim(), setBody);
    } catch (err) {
      if (handleWriteError(err)) return;
      setError(refusal(err));
    } finally {
      setBusy(false);
    }
  }
  const onInput = (v) => {
    setBody(v);
    if (error) setError('');
  };
  return { body, busy, error, onSubmit, onInput };
}

// DeleteConfirm asks before a delete: its words (children), then Delete
// and Cancel. remove() deletes; a refusal stays in the dialog in the words
// refusal(err) gives. The dialog's test ids start with testid.
function DeleteConfirm({ id, testid, title, onClose, remove, refusal, children }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  async function yes() {
    setBusy(true);
    setProblem('');
    try {
      await remove();
    } catch (err) {
      if (handleWriteError(err)) return;
      setProblem(refusal(err));
      setBusy(false);
    }
  }
  return html`<${Dialog} id=${id} title=${title} onClose=${busy ? () => {} : onClose} testid=${testid + '-dialog'}>
    ${children}
    <${Toast} kind="error" message=${problem} testid=${testid + '-error'} />
    <div class="panel-actions">
      <${Button} kind="danger" busy=${busy} busyLabel=${t('feed.deleting')} onClick=${yes} data-testid=${testid + '-yes'}>${t('feed.deleteYes')}</${Button}>
      <${Button} kind="secondary" disabled=${busy} onClick=${onClose} data-testid=${testid + '-cancel'}>${t('feed.cancel')}</${Button}>
    </div>
  </${Dialog}>`;
}

// ---------- options and their dialogs ----------

function OptionsDialog({ post, name, mine, isManager, reports, ctx, onClose, onPick, change, refused }) {
  const [busy, setBusy] = useState('');
  const [problem, setProblem] = useState('');
  const [gone, setGone] = useState([]);

  async function act(what, fn) {
    setBusy(what);
    setProblem('');
    try {
      await fn();
    } catch (err) {
      if (handleWriteError(err)) return;
      setProblem(refused(err));
      setBusy('');
    }
  }

  async function dismiss() {
    await act('dismiss', async () => {
      for (const r of reports) {
        try {
          await pb.collection('reports').delete(r.id);
        } catch (err) {
          if (!err || err.status !== 404) throw err;
        }
        setGone((g) => [...g, r.id]);
      }
      ctx.setReports((list) => list.filter((r) => r.post !== post.id));
      setBusy('');
      ctx.say(t('feed.reportsDismissed'));
      onClose();
    });
  }

  // Managers act on a post themselves; everyone else may tell them.
  const items = [];
  if (mine && post.kind !== 'milestone') items.push(['edit', t('feed.edit'), () => onPick('edit')]);
  if (isManager) {
    if (post.kind === 'announcement') {
      items.push(['pin', post.pinned ? t('feed.unpin') : t('feed.pin'),
        () => act('pin', () => change({ pinned: !post.pinned }, post.pinned ? t('feed.unpinned') : t('feed.pinnedDone')))]);
    }
    items.push(['hide', post.hidden ? t('feed.unhide') : t('feed.hide'),
      () => act('hide', () => change({ hidden: !post.hidden }, post.hidden ? t('feed.unhidden') : t('feed.hiddenDone')))]);
  }
  if (!mine && !isManager) items.push(['report', t('feed.report'), () => onPick('report')]);
  if (mine || isManager) items.push(['delete', t('feed.delete'), () => onPick('delete')]);

  const shown = reports.filter((r) => !gone.includes(r.id));
  return html`<${Dialog} id="post-options" title=${t('feed.optionsTitle')} onClose=${busy ? () => {} : onClose} testid="post-options-dialog">
    <p class="muted">${t('feed.optionsAbout', { name })}</p>
    ${post.hidden && isManager ? html`<p class="field-hint">${t('feed.hideExplainUndo')}</p>`
      : isManager ? html`<p class="field-hint">${t('feed.hideExplain')}</p>` : null}
    <div class="option-list">
      ${items.map(([key, label, fn]) => html`<${Button} key=${key} kind=${key === 'delete' ? 'danger' : 'secondary'}
        busy=${busy === key} busyLabel=${t('feed.saving')} disabled=${!!busy && busy !== key} onClick=${fn}
        data-testid=${'post-' + key}>${label}</${Button}>`)}
    </div>
    ${shown.length ? html`<section class="panel-section" aria-labelledby="post-reports-title" data-testid="post-reports">
      <h3 id="post-reports-title">${t('feed.reportsOnPost', { count: shown.length })}</h3>
      <p class="field-hint">${t('feed.reportsPrivate')}</p>
      <ul class="report-list">
        ${shown.map((r) => html`<li key=${r.id} data-testid="post-report">
          <p class="report-reason">${r.reason}</p>
          <p class="muted">${t('feed.reportBy', { name: nameOf(r.expand && r.expand.reporter), when: formatWhen(lang(), r.created, ctx.timeZone) })}</p>
        </li>`)}
      </ul>
      <${Button} kind="secondary" busy=${busy === 'dismiss'} busyLabel=${t('feed.saving')} disabled=${!!busy && busy !== 'dismiss'}
        onClick=${dismiss} data-testid="post-dismiss-reports">${t('feed.dismissReports')}</${Button}>
    </section>` : null}
    <${Toast} kind="error" message=${problem} testid="post-options-error" />
    <${Button} kind="ghost" disabled=${!!busy} onClick=${onClose} data-testid="post-options-cancel">${t('feed.cancel')}</${Button}>
  </${Dialog}>`;
}

function EditDialog({ post, onClose, change, refused }) {
  const form = useBodyForm(post.body, t('feed.bodyEmpty'), (body) => change({ body }, t('feed.saved')),
    (err) => refused(err, ['body']));
  return html`<${Dialog} id="post-edit" title=${t('feed.editTitle')} onClose=${form.busy ? () => {} : onClose} testid="post-edit-dialog">
    <form class="form" onSubmit=${form.onSubmit} novalidate>
      <${Field} id="post-edit-body" type="textarea" label=${t('feed.editLabel')} value=${form.body} onInput=${form.onInput}
        error=${form.error} maxlength=${MAX_BODY} rows="6" hint=${t('feed.counter', { n: form.body.length, max: MAX_BODY })} testid="post-edit-body" />
      <div class="panel-actions">
        <${Button} type="submit" busy=${form.busy} busyLabel=${t('feed.saving')} data-testid="post-edit-save">${t('feed.save')}</${Button}>
        <${Button} kind="secondary" disabled=${form.busy} onClick=${onClose} data-testid="post-edit-cancel">${t('feed.cancel')}</${Button}>
      </div>
    </form>
  </${Dialog}>`;
}

function ReportDialog({ post, me, name, onClose, onDone, refused }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [problem, setProblem] = useState('');
  async function send(e) {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('feed.reasonEmpty'));
      return;
    }
    setBusy(true);
    setError('');
    setProblem('');
    try {
      await pb.collection('reports').create({ post: post.id, house: post.house, reporter: me.id, reason: reason.trim() });
      onDone();
    } catch (err) {
      if (handleWriteError(err)) return;
      const { fields, text } = splitErrors(err, ['reason']);
      if (fields.reason) setError(fields.reason);
      else setProblem(err && err.status === 404 ? t('feed.postGoneNow') : Object.values(fields).join(' ') || text);
      setBusy(false);
    }
  }
  return html`<${Dialog} id="post-report" title=${t('feed.reportTitle')} onClose=${busy ? () => {} : onClose} testid="post-report-dialog">
    <form class="form" onSubmit=${send} novalidate>
      <p>${t('feed.reportExplain', { name })}</p>
      <${Field} id="post-report-reason" type="textarea" label=${t('feed.reasonLabel')} hint=${t('feed.reasonHint')} value=${reason}
        onInput=${(v) => { setReason(v); setError(''); }} error=${error} maxlength=${MAX_REASON} rows="3" testid="post-report-reason" />
      <${Toast} kind="error" message=${problem} testid="post-report-error" />
      <div class="panel-actions">
        <${Button} type="submit" busy=${busy} busyLabel=${t('feed.sending')} data-testid="post-report-send">${t('feed.reportSend')}</${Button}>
        <${Button} kind="secondary" disabled=${busy} onClick=${onClose} data-testid="post-report-cancel">${t('feed.cancel')}</${Button}>
      </div>
    </form>
  </${Dialog}>`;
}

// ---------- reports, for managers ----------

function ReportsNotice({ reports, ctx }) {
  const [busy, setBusy] = useState('');
  async function dismiss(r) {
    setBusy(r.id);
    try {
      await pb.collection('reports').delete(r.id);
    } catch (err) {
      if (handleWriteError(err)) return;
      if (!err || err.status !== 404) {
        ctx.fail(splitErrors(err, []).text);
        setBusy('');
        return;
      }
    }
    ctx.setReports((list) => list.filter((x) => x.id !== r.id));
    setBusy('');
  }
  return html`<section class="card feed-reports" aria-labelledby="feed-reports-title" data-testid="feed-reports">
    <h2 id="feed-reports-title">${t('feed.reportsTitle', { count: reports.length })}</h2>
    <p class="muted">${t('feed.reportsPrivate')}</p>
    <ul class="report-list">
      ${reports.slice(0, 10).map((r) => html`<li key=${r.id} data-testid="feed-report" data-post=${r.post}>
        <p class="report-reason">${r.reason}</p>
        <p class="muted">${t('feed.reportBy', { name: nameOf(r.expand && r.expand.reporter), when: formatWhen(lang(), r.created, ctx.timeZone) })}</p>
        <div class="button-row">
          <a class="btn btn-secondary" href=${'/board/posts/' + r.post} data-testid="feed-report-open">${t('feed.reportOpen')}</a>
          <${Button} kind="ghost" busy=${busy === r.id} busyLabel=${t('feed.saving')} onClick=${() => dismiss(r)}
            data-testid="feed-report-dismiss">${t('feed.dismissReport')}</${Button}>
        </div>
      </li>`)}
    </ul>
  </section>`;
}
