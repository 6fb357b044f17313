package hooks

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The board's pages: boardPerPage is board.js's PER_PAGE, boardMaxPerPage
// the most one request may ask for.
const (
	boardPerPage    = 20
	boardMaxPerPage = 50
)

// boardPageResponse is a page of posts, in the board's order: each post
// as PocketBase exports a record (Record.PublicExport), its expand holding
// the exports of its comments and reactions.
type boardPageResponse struct {
	Items []map[string]any `json:"items"`
}

// boardAuthor is what the board shows of a post's or a comment's author:
// the name and the avatar (with what the SDK needs to build the avatar's
// URL), and the phone number for a need-support post's Call button when
// the reader may see it (phoneVisible). The other private fields of users
// never leave the server through the board, whoever asks.
type boardAuthor struct {
	ID             string `json:"id" db:"id"`
	CollectionID   string `json:"collectionId" db:"-"`
	CollectionName string `json:"collectionName" db:"-"`
	Name           string `json:"name" db:"name"`
	Avatar         string `json:"avatar" db:"avatar"`
	Phone          string `json:"phone,omitzero" db:"phone"`
	SharePhone     bool   `json:"-" db:"share_phone"`
}

// boardPageQuery is a page asked for: the first one, or the one after a
// post shown (board.js's keyset: the page starts at that post's created
// time, ties included, and the client drops what it already shows).
type boardPageQuery struct {
	PerPage int
	Before  string // the last post's created, in the database's layout; "" for the first page
	Pinned  bool   // whether the last post was pinned
	Kind    string // only posts of this kind (boardKinds); "" for every kind
}

// boardKinds are the kinds a page of the board may be narrowed to: the
// posts' kind values (pb_migrations/1763900007_board.go).
var boardKinds = []string{PostShare, PostWin, PostSupport, PostAnnouncement, PostMilestone}

// errRuleless says a collection has no rule for the read: only superusers
// may read it.
var errRuleless = errors.New("only superusers can read this collection")

// boardPage answers a page of the house's board in a fixed number of
// queries whatever the house's history: the page's posts, their comments,
// their reactions and the authors of both, each read under its
// collection's own rule as PocketBase's list and expand apply it (the
// posts' list rule, the view rules of the expanded records), so the page
// holds exactly what PocketBase would give the requester. Someone who may
// not read the house's board gets 404, as from /status and /today.
func boardPage(e *core.RequestEvent) error {
	page, errs := parseBoardPageQuery(e.Request.URL.Query())
	if len(errs) > 0 {
		return e.BadRequestError("That page of the board can't be shown: check the highlighted values.", errs)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	houseID := e.Request.PathValue("id")

	posts, err := boardPosts(e.App, info, houseID, page)
	if errors.Is(err, errRuleless) {
		return e.ForbiddenError("Only superusers can perform this action.", nil)
	} else if err != nil {
		return e.InternalServerError("", err)
	}
	if len(posts) == 0 {
		// An empty page: the end of the board, or a board the requester
		// may not read, which the houses' own view rule tells.
		if _, err := e.App.FindRecordById("houses", houseID, ruleFilter(e.App, info, "houses", viewRuleOf)); err != nil {
			return e.NotFoundError("You're not a member or alumnus of that house.", err)
		}
	}
	items, phonesRead, err := expandBoardPosts(e.App, info, posts)
	if err != nil {
		return e.InternalServerError("", err)
	}
	// A phone number the author does not share, shown to a manager or a
	// superuser, is a read of their private fields (docs/API.md,
	// "audit_events").
	auditRoute(e, "view", "users", houseID, phonesRead)
	return e.JSON(http.StatusOK, boardPageResponse{Items: items})
}

// parseBoardPageQuery reads perPage (1 to boardMaxPerPage, default
// boardPerPage), before (the created time of the last post shown) and
// pinned (whether that post was pinned, "true" or "false"; only with
// before) and kind (one of boardKinds, given once).
func parseBoardPageQuery(q url.Values) (boardPageQuery, validation.Errors) {
	page := boardPageQuery{PerPage: boardPerPage}
	errs := validation.Errors{}
	if raw := q.Get("perPage"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > boardMaxPerPage {
			errs["perPage"] = fieldError("invalid_per_page",
				"Ask for a whole number of posts per page, from 1 to "+strconv.Itoa(boardMaxPerPage)+".")
		} else {
			page.PerPage = n
		}
	}
	if raw := q.Get("before"); raw != "" {
		at, err := parseBoardTime(raw)
		if err != nil {
			errs["before"] = fieldError("invalid_before",
				"To see older posts, give the time the last post shown was written, like 2026-11-23 16:56:26.038Z.")
		} else {
			page.Before = at.Format(types.DefaultDateLayout)
		}
	}
	switch raw := q.Get("pinned"); {
	case raw == "":
	case q.Get("before") == "":
		errs["pinned"] = fieldError("pinned_without_before",
			"Say whether the last post shown was pinned only together with the time it was written (before).")
	case raw == "true":
		page.Pinned = true
	case raw == "false":
	default:
		errs["pinned"] = fieldError("invalid_pinned", "Say whether the last post shown was pinned with true or false.")
	}
	if kinds, ok := q["kind"]; ok {
		if len(kinds) != 1 || !slices.Contains(boardKinds, kinds[0]) {
			errs["kind"] = fieldError("invalid_kind",
				"Show one kind of post at a time: share, win, support, announcement or milestone.")
		} else {
			page.Kind = kinds[0]
		}
	}
	return page, errs
}

// parseBoardTime reads a post's created time as PocketBase writes it
// ("2026-11-23 16:56:26.038Z") or in RFC 3339, and returns it in UTC.
func parseBoardTime(raw string) (time.Time, error) {
	at, err := time.Parse(types.DefaultDateLayout, raw)
	if err != nil {
		at, err = time.Parse(time.RFC3339Nano, raw)
	}
	return at.UTC(), err
}

// boardPosts reads the page's posts under the posts' list rule, in the
// board's order (pinned first, then newest), from the (house, pinned,
// created) index. After a post shown, the row value (pinned, created) <=
// the last one's keeps the read a range of that index: after a pinned
// post, the pinned ones written at or before it and every unpinned one;
// after an unpinned post, the unpinned ones written at or before it.
func boardPosts(app core.App, info *core.RequestInfo, houseID string, page boardPageQuery) ([]*core.Record, error) {
	collection, err := app.FindCachedCollectionByNameOrId("posts")
	if err != nil {
		return nil, err
	}
	q := app.RecordQuery(collection).
		AndWhere(dbx.HashExp{"posts.house": houseID}).
		OrderBy("posts.pinned DESC", "posts.created DESC").
		Limit(int64(page.PerPage))
	if page.Kind != "" {
		q.AndWhere(dbx.HashExp{"posts.kind": page.Kind})
	}
	if page.Before != "" {
		q.AndWhere(dbx.NewExp("([[posts.pinned]], [[posts.created]]) <= ({:pinned}, {:before})",
			dbx.Params{"pinned": page.Pinned, "before": page.Before}))
	}
	if err := ruleFilter(app, info, collection.Name, listRuleOf)(q); err != nil {
		return nil, err
	}
	var posts []*core.Record
	if err := q.All(&posts); err != nil {
		return nil, err
	}
	return posts, enrichBoardRecords(app, info, posts)
}

// expandBoardPosts returns the page's posts as PocketBase's list exports
// them with expand=author,reactions_via_post,comments_via_post.author:
// the comments (oldest first) and the reactions of the page's posts, each
// read under its collection's view rule, and the authors of both in one
// query. As in PocketBase's, a relation the requester may not see is left
// out, and a post or a comment always carries an expand, empty if need
// be. The records are exported once, here, rather than by each one's
// MarshalJSON, which would encode a comment again at every level it is
// nested in.
func expandBoardPosts(app core.App, baseInfo *core.RequestInfo, posts []*core.Record) ([]map[string]any, []string, error) {
	items := make([]map[string]any, 0, len(posts))
	if len(posts) == 0 {
		return items, nil, nil
	}
	info := *baseInfo
	info.Context = core.RequestInfoContextExpand

	postIDs := make([]any, len(posts))
	for i, p := range posts {
		postIDs[i] = p.Id
	}
	var comments []*boardComment
	err := boardRelated(app, &info, "comments", &comments, dbx.In("comments.post", postIDs...), "comments.post", "comments.created")
	if err != nil {
		return nil, nil, err
	}
	var reactions []*boardReaction
	err = boardRelated(app, &info, "reactions", &reactions, dbx.In("reactions.post", postIDs...), "reactions.post", "reactions.user", "reactions.kind")
	if err != nil {
		return nil, nil, err
	}

	var authorIDs []any
	seen := map[string]bool{}
	addAuthor := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			authorIDs = append(authorIDs, id)
		}
	}
	for _, p := range posts {
		addAuthor(p.GetString("author"))
	}
	for _, c := range comments {
		addAuthor(c.Author)
	}
	authors, phonesRead, err := boardAuthors(app, &info, authorIDs)
	if err != nil {
		return nil, nil, err
	}

	commentsOf := map[string][]*boardComment{}
	for _, c := range comments {
		c.Expand = map[string]any{}
		if a, ok := authors[c.Author]; ok {
			c.Expand["author"] = a
		}
		commentsOf[c.Post] = append(commentsOf[c.Post], c)
	}
	reactionsOf := map[string][]*boardReaction{}
	for _, r := range reactions {
		reactionsOf[r.Post] = append(reactionsOf[r.Post], r)
	}
	for _, p := range posts {
		expand := map[string]any{}
		if a, ok := authors[p.GetString("author")]; ok {
			expand["author"] = a
		}
		if rs := reactionsOf[p.Id]; len(rs) > 0 {
			expand["reactions_via_post"] = rs
		}
		if cs := commentsOf[p.Id]; len(cs) > 0 {
			expand["comments_via_post"] = cs
		}
		p.SetExpand(expand)
		items = append(items, p.PublicExport())
	}
	return items, phonesRead, nil
}

// boardComment is a comment of the page as PocketBase exports the record,
// read straight from its row into its fields: building a full record for
// each comment and reaction cost more than the rest of the page together.
// TestBoardRouteMatchesPocketBase compares every field with PocketBase's
// export, so a field added to comments shows up there first.
type boardComment struct {
	CollectionID   string         `json:"collectionId" db:"-"`
	CollectionName string         `json:"collectionName" db:"-"`
	ID             string         `json:"id" db:"id"`
	Post           string         `json:"post" db:"post"`
	Author         string         `json:"author" db:"author"`
	Body           string         `json:"body" db:"body"`
	Quick          string         `json:"quick" db:"quick"`
	Created        string         `json:"created" db:"created"`
	Updated        string         `json:"updated" db:"updated"`
	Expand         map[string]any `json:"expand" db:"-"`
}

// boardReaction is a reaction of the page as PocketBase exports the
// record, read as boardComment is.
type boardReaction struct {
	CollectionID   string `json:"collectionId" db:"-"`
	CollectionName string `json:"collectionName" db:"-"`
	ID             string `json:"id" db:"id"`
	Post           string `json:"post" db:"post"`
	User           string `json:"user" db:"user"`
	Kind           string `json:"kind" db:"kind"`
	Created        string `json:"created" db:"created"`
}

// setCollection names the collection a row came from, as an export does.
func (c *boardComment) setCollection(col *core.Collection) {
	c.CollectionID, c.CollectionName = col.Id, col.Name
}

func (r *boardReaction) setCollection(col *core.Collection) {
	r.CollectionID, r.CollectionName = col.Id, col.Name
}

// boardRelated reads into rows the records of a collection that belong to
// the page's posts (where), in the order given, under the collection's
// view rule. A collection without one (superusers only) gives none to
// others, as PocketBase's expand leaves it out. A rule that is the posts'
// own read through the post (readsThroughPost) already holds for every
// record of the page's posts, which were read under it, and is not
// evaluated again.
func boardRelated[T interface{ setCollection(*core.Collection) }](app core.App, info *core.RequestInfo, name string, rows *[]T, where dbx.Expression, orderBy ...string) error {
	collection, err := app.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return err
	}
	posts, err := app.FindCachedCollectionByNameOrId("posts")
	if err != nil {
		return err
	}
	q := app.ConcurrentDB().Select(name + ".*").From(name).AndWhere(where).OrderBy(orderBy...)
	if readsThroughPost(posts, collection.ViewRule) {
		// The page's posts passed the same rule.
	} else if err := ruleFilter(app, info, name, viewRuleOf)(q); errors.Is(err, errRuleless) {
		app.Logger().Debug("The board leaves out a collection only superusers may read", "collection", name)
		return nil
	} else if err != nil {
		return err
	}
	if err := q.All(rows); err != nil {
		return err
	}
	for _, r := range *rows {
		r.setCollection(collection)
	}
	return nil
}

// boardAuthors reads the authors the requester may see under the users'
// view rule, in one query, by id: their public fields, and their phone
// numbers where users' privacy shows them to the requester; and the ids
// of the authors whose phone it shows though they do not share it (to a
// manager of theirs or a superuser), for the audit trail.
func boardAuthors(app core.App, info *core.RequestInfo, ids []any) (map[string]boardAuthor, []string, error) {
	authors := map[string]boardAuthor{}
	if len(ids) == 0 {
		return authors, nil, nil
	}
	users, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return nil, nil, err
	}
	q := app.ConcurrentDB().Select("users.id", "users.name", "users.avatar", "users.phone", "users.share_phone").From("users").
		AndWhere(dbx.In("users.id", ids...))
	if err := ruleFilter(app, info, users.Name, viewRuleOf)(q); errors.Is(err, errRuleless) {
		return authors, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	var rows []boardAuthor
	var private []string
	if err := q.All(&rows); err != nil {
		return nil, nil, err
	}
	for _, a := range rows {
		a.CollectionID, a.CollectionName = users.Id, users.Name
		if !phoneVisible(app, info, a.ID, a.Phone, a.SharePhone) {
			a.Phone = ""
		} else if !a.SharePhone && a.ID != viewerID(info) {
			private = append(private, a.ID)
		}
		authors[a.ID] = a
	}
	return authors, private, nil
}

// viewerID is the request's viewer's id, "" for nobody.
func viewerID(info *core.RequestInfo) string {
	if info.Auth == nil {
		return ""
	}
	return info.Auth.Id
}

// listRuleOf and viewRuleOf pick a collection's rule for ruleFilter.
func listRuleOf(c *core.Collection) *string { return c.ListRule }
func viewRuleOf(c *core.Collection) *string { return c.ViewRule }

// ruleFilter returns a query filter that limits a read of the collection
// to what its rule (picked by rule) lets the requester see, exactly as
// PocketBase's record list, view and expand apply it: superusers see
// everything, an empty rule lets everyone through, and a missing rule
// (superusers only) fails with errRuleless.
func ruleFilter(app core.App, info *core.RequestInfo, name string, rule func(*core.Collection) *string) func(q *dbx.SelectQuery) error {
	return func(q *dbx.SelectQuery) error {
		if info.HasSuperuserAuth() {
			return nil
		}
		collection, err := app.FindCachedCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		r := rule(collection)
		if r == nil {
			return errRuleless
		}
		if *r == "" {
			return nil
		}
		built, err := buildRule(app, info, collection, *r)
		if err != nil {
			return err
		}
		q.AndWhere(built.expr)
		return built.resolver.UpdateQuery(q)
	}
}

// enrichBoardRecords does to the board's records what PocketBase does to
// the records of a list or an expand before answering: it runs their
// enrich hooks and shows superusers the hidden fields.
func enrichBoardRecords(app core.App, info *core.RequestInfo, records []*core.Record) error {
	for _, r := range records {
		if info.HasSuperuserAuth() {
			r.Unhide(r.Collection().Fields.FieldNames()...)
		}
		event := &core.RecordEnrichEvent{App: app, RequestInfo: info}
		event.Record = r
		if err := app.OnRecordEnrich().Trigger(event, func(*core.RecordEnrichEvent) error { return nil }); err != nil {
			return err
		}
	}
	return nil
}
