package hooks_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// postExpand is board.js's POST_EXPAND, what PocketBase's list expands
// for the board when asked the old way.
const postExpand = "author,reactions_via_post,comments_via_post.author"

// boardURL is the board route of the house, with the query when given.
func boardURL(house, query string) string {
	u := "/api/hearth/houses/" + house + "/board"
	if query != "" {
		u += "?" + query
	}
	return u
}

// boardAfter is the query of the page after a post shown, as board.js
// asks for it.
func boardAfter(created string, pinned bool) string {
	return "perPage=20&before=" + url.QueryEscape(created) + "&pinned=" + strconv.FormatBool(pinned)
}

// pbBoardPage is the same page asked of PocketBase's own list, the way
// board.js asked before the route (fetchPage with pageFilter).
func pbBoardPage(house string, last map[string]any) string {
	filter := "house = '" + house + "'"
	if last != nil {
		created := last["created"].(string)
		if last["pinned"] == true {
			filter += " && (pinned = false || created <= '" + created + "')"
		} else {
			filter += " && pinned = false && created <= '" + created + "'"
		}
	}
	return "/api/collections/posts/records?page=1&perPage=20&skipTotal=true&sort=-pinned,-created" +
		"&expand=" + url.QueryEscape(postExpand) + "&filter=" + url.QueryEscape(filter)
}

// boardItems reads the items of a page, the route's or PocketBase's.
func boardItems(tb testing.TB, body []byte) []map[string]any {
	tb.Helper()
	var page struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		tb.Fatalf("%v in %s", err, body)
	}
	return page.Items
}

// idsOf are the ids of records, in order.
func idsOf(items []map[string]any) []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i], _ = it["id"].(string)
	}
	return ids
}

// boardIDs checks that the page holds exactly these posts, in this order.
func boardIDs(want ...string) func(t testing.TB, app core.App, body []byte) {
	return func(t testing.TB, app core.App, body []byte) {
		if got := idsOf(boardItems(t, body)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("page %v, want %v", got, want)
		}
	}
}

// insertPost adds a post with plain SQL, so its id and created time are
// known when the scenario's URL is written.
func insertPost(tb testing.TB, app core.App, id, house, author, kind string, pinned, hidden bool, created string) {
	tb.Helper()
	_, err := app.DB().Insert("posts", dbx.Params{
		"id": id, "house": house, "author": author, "kind": kind, "body": "Post " + id,
		"pinned": pinned, "hidden": hidden, "images": "[]", "created": created, "updated": created,
	}).Execute()
	if err != nil {
		tb.Fatal(err)
	}
}

// The posts the keyset cases add to house A: a pinned announcement older
// than the seeded posts, and two older shares.
const (
	boardPinned  = "boardpinned0001"
	boardOlder   = "boardolder00001"
	boardOldest  = "boardoldest0001"
	pinnedAt     = "2026-01-01 00:00:00.000Z"
	olderAt      = "2025-06-01 00:00:00.000Z"
	oldestAt     = "2025-01-01 00:00:00.000Z"
	veryLongTime = "2000-01-01 00:00:00.000Z"
)

// TestBoardRoute is GET /api/hearth/houses/{id}/board: who reads which
// posts, the expanded records, the keyset pages and the refused asks.
func TestBoardRoute(t *testing.T) {
	w := tk.Seeded(t)
	page := boardURL(w.HouseA, "")
	older := func(t testing.TB, app core.App) {
		manager, a1 := w.People[tk.ManagerA].ID, w.People[tk.ResidentA1].ID
		insertPost(t, app, boardPinned, w.HouseA, manager, "announcement", true, false, pinnedAt)
		insertPost(t, app, boardOlder, w.HouseA, a1, "share", false, false, olderAt)
		insertPost(t, app, boardOldest, w.HouseA, a1, "win", false, false, oldestAt)
	}
	author := func(actor string) string {
		return `"author":{"id":"` + w.People[actor].ID + `","collectionId":"_pb_users_auth_","collectionName":"users","name":"` + actor + `","avatar":""`
	}
	// Phone numbers as users' privacy shows them (residentA1 shares
	// theirs; managers see their residents'), and nobody's other private
	// fields, whoever asks: managers and superusers see those through
	// PocketBase's expand, never through the board.
	private := []string{`"sobriety_date"`, `"emergency_name"`, `"emergency_phone"`, `"email"`, `"share_phone"`,
		"2026-01-02", "Ana One", "555-91"}
	cases := []pinnedCase{
		{name: "anonymous", actor: tk.Anonymous, method: "GET", url: page, status: 401},
		{name: "a resident of another house", actor: tk.ResidentB, method: "GET", url: page, status: 404},
		{name: "another house's manager", actor: tk.ManagerB, method: "GET", url: page, status: 404},
		{name: "discharged from the house", actor: tk.DischargedA, method: "GET", url: page, status: 404},
		{name: "someone with no house", actor: tk.Newcomer, method: "GET", url: page, status: 404},
		{name: "a house that does not exist, for a superuser", actor: tk.Superuser, method: "GET",
			url: boardURL("nosuchhouse0000", ""), status: 404},
		{name: "a housemate: the post with its comment, reaction and authors, not the hidden one", actor: tk.ResidentA1,
			method: "GET", url: page, status: 200,
			content: []string{`"id":"` + w.PostA + `"`, `"id":"` + w.CommentA + `"`, `"id":"` + w.ReactionA + `"`,
				author(tk.ResidentA1) + `,"phone":"555-0101"}`, author(tk.ResidentA2) + `}`, `"comments_via_post":[{`, `"reactions_via_post":[{`},
			hidden: append([]string{w.HiddenPostA, w.HiddenCommentA, w.PostB, "555-0102", "555-0104"}, private...)},
		{name: "away on a pass", actor: tk.AwayA, method: "GET", url: page, status: 200, check: boardIDs(w.PostA)},
		{name: "an alumnus", actor: tk.AlumnusA, method: "GET", url: page, status: 200, check: boardIDs(w.PostA)},
		{name: "the hidden post's author", actor: tk.ResidentA2, method: "GET", url: page, status: 200,
			content: []string{w.HiddenPostA, w.HiddenCommentA, w.PostA}, hidden: []string{w.PostB}},
		{name: "a manager: the hidden post, and nobody's private fields", actor: tk.ManagerA, method: "GET", url: page, status: 200,
			content: []string{w.HiddenPostA, w.HiddenCommentA, w.PostA, author(tk.ManagerA) + `,"phone":"555-0104"}`,
				author(tk.ResidentA2) + `,"phone":"555-0102"}`}, hidden: append([]string{w.PostB}, private...)},
		{name: "a superuser: every post of the house, and nobody's private fields", actor: tk.Superuser, method: "GET", url: page,
			status: 200, content: []string{w.HiddenPostA, w.PostA, `"phone":"555-0102"`}, hidden: append([]string{w.PostB}, private...)},

		// Keyset pages: pinned announcements first, then the newest; the
		// next page starts at the last post shown (ties included).
		{name: "the first page: the pinned announcement first", actor: tk.ResidentA1, method: "GET", url: page,
			prepare: older, status: 200, check: boardIDs(boardPinned, w.PostA, boardOlder, boardOldest)},
		{name: "after the pinned announcement", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, boardAfter(pinnedAt, true)), prepare: older, status: 200,
			check: boardIDs(boardPinned, w.PostA, boardOlder, boardOldest)},
		{name: "after an unpinned post", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, boardAfter(olderAt, false)), prepare: older, status: 200,
			check: boardIDs(boardOlder, boardOldest)},
		{name: "after an unpinned post, one a page", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, "perPage=1&before="+url.QueryEscape(olderAt)+"&pinned=false"), prepare: older, status: 200,
			check: boardIDs(boardOlder)},
		{name: "a time in RFC 3339", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, "before=2025-06-01T00:00:00Z&pinned=false"), prepare: older, status: 200,
			check: boardIDs(boardOlder, boardOldest)},
		{name: "past the end of the board", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, boardAfter(veryLongTime, false)), status: 200, content: []string{`{"items":[]}`}},
		{name: "past the end of another house's board", actor: tk.ResidentB, method: "GET",
			url: boardURL(w.HouseA, boardAfter(veryLongTime, false)), status: 404},

		// Refused asks, in PocketBase's field-error shape.
		{name: "no posts a page", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "perPage=0"), status: 400,
			content: []string{fieldErrJSON("perPage", "validation_invalid_per_page") + "Ask for a whole number of posts per page, from 1 to 50."}},
		{name: "too many posts a page", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "perPage=51"), status: 400,
			content: []string{fieldErrJSON("perPage", "validation_invalid_per_page")}},
		{name: "a page size in words", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "perPage=ten"), status: 400,
			content: []string{fieldErrJSON("perPage", "validation_invalid_per_page")}},
		{name: "a time that is not one", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "before=yesterday&pinned=false"),
			status: 400, content: []string{fieldErrJSON("before", "validation_invalid_before")}},
		{name: "pinned neither true nor false", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, "before="+url.QueryEscape(olderAt)+"&pinned=yes"), status: 400,
			content: []string{fieldErrJSON("pinned", "validation_invalid_pinned")}},
		{name: "pinned without a time", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "pinned=true"), status: 400,
			content: []string{fieldErrJSON("pinned", "validation_pinned_without_before")}},
		{name: "two bad values at once", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "perPage=-1&before=soon"), status: 400,
			content: []string{fieldErrJSON("perPage", "validation_invalid_per_page"), fieldErrJSON("before", "validation_invalid_before")}},

		// One kind of post (the managers' filter): the pages as before,
		// with only that kind; a kind that is not one, or two, refused.
		{name: "only wins", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind=win"),
			prepare: older, status: 200, check: boardIDs(boardOldest)},
		{name: "only announcements", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind=announcement"),
			prepare: older, status: 200, check: boardIDs(boardPinned)},
		{name: "only shares, after the newest", actor: tk.ResidentA1, method: "GET",
			url: boardURL(w.HouseA, "kind=share&"+boardAfter(olderAt, false)), prepare: older, status: 200, check: boardIDs(boardOlder)},
		{name: "only shares: still not the hidden one", actor: tk.ResidentA1, method: "GET", url: boardURL(w.HouseA, "kind=share"),
			status: 200, check: boardIDs(w.PostA)},
		{name: "only milestones: none yet", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind=milestone"),
			prepare: older, status: 200, content: []string{`{"items":[]}`}},
		{name: "a kind of another house's board", actor: tk.ResidentB, method: "GET", url: boardURL(w.HouseA, "kind=share"), status: 404},
		{name: "a kind that is not one", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind=secret"), status: 400,
			content: []string{fieldErrJSON("kind", "validation_invalid_kind")}},
		{name: "a kind smuggling a filter", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind="+url.QueryEscape("win' OR 1=1 --")),
			status: 400, content: []string{fieldErrJSON("kind", "validation_invalid_kind")}},
		{name: "two kinds at once", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind=win&kind=share"), status: 400,
			content: []string{fieldErrJSON("kind", "validation_invalid_kind")}},
		{name: "an empty kind", actor: tk.ManagerA, method: "GET", url: boardURL(w.HouseA, "kind="), status: 400,
			content: []string{fieldErrJSON("kind", "validation_invalid_kind")}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// boardHistory fills house A's board (and some of B's) with plain SQL:
// posts by members, managers, an alumnus and the person since discharged,
// in threes written in the same millisecond (as the milestone job does),
// some hidden, a pinned announcement every 50, with comments and
// reactions by people some viewers may not see.
func boardHistory(tb testing.TB, app core.App, posts int, start time.Time, step time.Duration) {
	tb.Helper()
	w := tk.Seeded(tb)
	id := func(actor string) string { return w.People[actor].ID }
	authors := []string{id(tk.ResidentA1), id(tk.ResidentA2), id(tk.AwayA), id(tk.ManagerA), id(tk.AlumnusA), id(tk.DischargedA)}
	commenters := []string{id(tk.ResidentA2), id(tk.ManagerA), id(tk.DischargedA), id(tk.AlumnusA), id(tk.ResidentA1), id(tk.AwayA)}
	reactors := []string{id(tk.ResidentA1), id(tk.ResidentA2), id(tk.AwayA), id(tk.DischargedA), id(tk.ManagerA)}
	kinds := []string{"me_too", "proud", "hug", "heart"}
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }
	err := app.RunInTransaction(func(tx core.App) error {
		insert := func(table string, row dbx.Params) error {
			_, err := tx.DB().Insert(table, row).Execute()
			return err
		}
		for i := range posts {
			at := start.Add(time.Duration(i/3) * step)
			post, author, kind, pinned := fmt.Sprintf("hp%013d", i), authors[i%len(authors)], "share", false
			if i%50 == 7 {
				author, kind, pinned = id(tk.ManagerA), "announcement", true
			}
			if err := insert("posts", dbx.Params{"id": post, "house": w.HouseA, "author": author, "kind": kind,
				"body": "A day at a time.", "pinned": pinned, "hidden": i%7 == 3, "images": "[]",
				"created": stamp(at), "updated": stamp(at)}); err != nil {
				return err
			}
			for j := range i % 4 {
				c := stamp(at.Add(time.Duration(j+1) * time.Second))
				if err := insert("comments", dbx.Params{"id": fmt.Sprintf("hc%011d%02d", i, j), "post": post,
					"author": commenters[(i+j)%len(commenters)], "body": "Proud of you.", "quick": "",
					"created": c, "updated": c}); err != nil {
					return err
				}
			}
			for k, user := range reactors {
				if (i+k)%3 == 0 {
					continue
				}
				if err := insert("reactions", dbx.Params{"id": fmt.Sprintf("hr%011d%02d", i, k), "post": post, "user": user,
					"kind": kinds[(i+k)%len(kinds)], "created": stamp(at)}); err != nil {
					return err
				}
			}
			if i%10 == 0 {
				b := fmt.Sprintf("hb%013d", i)
				if err := insert("posts", dbx.Params{"id": b, "house": w.HouseB, "author": id(tk.ResidentB), "kind": "share",
					"body": "Birch news.", "pinned": false, "hidden": false, "images": "[]",
					"created": stamp(at), "updated": stamp(at)}); err != nil {
					return err
				}
				if err := insert("comments", dbx.Params{"id": fmt.Sprintf("hd%013d", i), "post": b, "author": id(tk.DischargedA),
					"body": "Welcome.", "quick": "", "created": stamp(at), "updated": stamp(at)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// getJSON asks the server as the actor and returns the status and body.
func getJSON(tb testing.TB, base, path, actor string) (int, []byte) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	if actor != tk.Anonymous {
		req.Header.Set("Authorization", tk.Seeded(tb).People[actor].Token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res.StatusCode, body
}

// TestBoardRouteMatchesPocketBase walks house A's board page by page as
// each kind of reader, through the route and through PocketBase's own
// list with board.js's old expand, and finds the same posts in the same
// order with the same comments, reactions and authors: the route applies
// the collections' rules exactly. The authors differ only in what the
// route leaves out (everything but the public fields), and the pages
// together are the whole board, without gaps or repeats.
func TestBoardRouteMatchesPocketBase(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	boardHistory(t, app, 70, time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC), 7*time.Minute)
	app.Settings().RateLimits.Enabled = false
	srv := tk.Serve(t, app)

	for _, actor := range boardReaders {
		t.Run(actor, func(t *testing.T) {
			status, body := getJSON(t, srv.URL, strings.Replace(pbBoardPage(w.HouseA, nil), "perPage=20", "perPage=500", 1), actor)
			if status != 200 {
				t.Fatalf("the whole board: %d %s", status, body)
			}
			whole := idsOf(boardItems(t, body))

			var shown []string
			var last map[string]any
			for range 20 {
				query := "perPage=20"
				if last != nil {
					query = boardAfter(last["created"].(string), last["pinned"] == true)
				}
				rs, rb := getJSON(t, srv.URL, boardURL(w.HouseA, query), actor)
				ps, pbody := getJSON(t, srv.URL, pbBoardPage(w.HouseA, last), actor)
				if rs != 200 || ps != 200 {
					t.Fatalf("route %d %s; PocketBase %d %s", rs, rb, ps, pbody)
				}
				route, pb := boardItems(t, rb), boardItems(t, pbody)
				if !slices.Equal(idsOf(route), idsOf(pb)) {
					t.Fatalf("after %v the route gives %v, PocketBase %v", last["id"], idsOf(route), idsOf(pb))
				}
				for i := range route {
					samePost(t, pb[i], route[i])
				}
				fresh := 0
				for _, id := range idsOf(route) {
					if !slices.Contains(shown, id) {
						shown = append(shown, id)
						fresh++
					}
				}
				if len(route) < 20 || fresh == 0 {
					break
				}
				last = route[len(route)-1]
			}
			if len(whole) < 40 || !slices.Equal(shown, whole) {
				t.Errorf("the pages together are\n%v\nthe board is\n%v", shown, whole)
			}
		})
	}
	for _, actor := range []string{tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Newcomer} {
		status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), actor)
		_, pbody := getJSON(t, srv.URL, pbBoardPage(w.HouseA, nil), actor)
		if status != 404 || len(boardItems(t, pbody)) != 0 {
			t.Errorf("%s: the route answers %d %s, PocketBase lists %s", actor, status, body, pbody)
		}
	}
}

// publicAuthorFields are the fields of users the board shows to everyone
// who sees the person; the phone number shows as users' privacy decides.
var publicAuthorFields = []string{"avatar", "collectionId", "collectionName", "id", "name"}

// samePage compares a page of PocketBase's list with the route's: the
// same posts in the same order, each as samePost compares them.
func samePage(t testing.TB, pbBody, routeBody []byte) {
	t.Helper()
	route, pb := boardItems(t, routeBody), boardItems(t, pbBody)
	if len(route) != len(pb) {
		t.Fatalf("%d posts, PocketBase %d", len(route), len(pb))
	}
	for i := range route {
		samePost(t, pb[i], route[i])
	}
}

// samePost compares a post of the route with PocketBase's: every field,
// the same reactions, the same comments in the same order, and the same
// authors (seen by the same people), of which the route gives the public
// fields only.
func samePost(t testing.TB, pb, route map[string]any) {
	t.Helper()
	id := pb["id"]
	if !reflect.DeepEqual(without(pb, "expand"), without(route, "expand")) {
		t.Errorf("post %s: route %v, PocketBase %v", id, without(route, "expand"), without(pb, "expand"))
	}
	pe, re := pb["expand"].(map[string]any), route["expand"].(map[string]any)
	if pe == nil || re == nil {
		t.Fatalf("post %s: an expand is missing: route %v, PocketBase %v", id, route["expand"], pb["expand"])
	}
	if !slices.Equal(sortedKeys(pe), sortedKeys(re)) {
		t.Errorf("post %s expands %v, PocketBase %v", id, sortedKeys(re), sortedKeys(pe))
	}
	sameAuthor(t, fmt.Sprint("post ", id), pe["author"], re["author"])
	if !reflect.DeepEqual(pe["reactions_via_post"], re["reactions_via_post"]) {
		t.Errorf("post %s reactions: route %v, PocketBase %v", id, re["reactions_via_post"], pe["reactions_via_post"])
	}
	pc, _ := pe["comments_via_post"].([]any)
	rc, _ := re["comments_via_post"].([]any)
	if len(pc) != len(rc) {
		t.Fatalf("post %s: %d comments, PocketBase %d", id, len(rc), len(pc))
	}
	for i := range pc {
		p, r := pc[i].(map[string]any), rc[i].(map[string]any)
		if !reflect.DeepEqual(without(p, "expand"), without(r, "expand")) {
			t.Errorf("post %s comment %d: route %v, PocketBase %v", id, i, r, p)
		}
		pce, rce := p["expand"].(map[string]any), r["expand"].(map[string]any)
		if pce == nil || rce == nil || !slices.Equal(sortedKeys(pce), sortedKeys(rce)) {
			t.Errorf("post %s comment %s expands %v, PocketBase %v", id, p["id"], r["expand"], p["expand"])
			continue
		}
		sameAuthor(t, fmt.Sprint("comment ", p["id"]), pce["author"], rce["author"])
	}
}

// sameAuthor compares an expanded author: both absent, or the same
// person, the route giving the public fields and the phone number exactly
// when PocketBase shows it (an empty one left out).
func sameAuthor(t testing.TB, what string, pb, route any) {
	t.Helper()
	if (pb == nil) != (route == nil) {
		t.Errorf("%s: author route %v, PocketBase %v", what, route, pb)
		return
	}
	if pb == nil {
		return
	}
	p, r := pb.(map[string]any), route.(map[string]any)
	if !slices.Equal(sortedKeys(without(r, "phone")), publicAuthorFields) {
		t.Errorf("%s: the author has the fields %v, want %v and perhaps the phone", what, sortedKeys(r), publicAuthorFields)
	}
	if pp, _ := p["phone"].(string); r["phone"] != nil && r["phone"] != pp || r["phone"] == nil && pp != "" {
		t.Errorf("%s: the author's phone is %v, PocketBase %v", what, r["phone"], p["phone"])
	}
	for _, f := range publicAuthorFields {
		if p[f] != r[f] {
			t.Errorf("%s: the author's %s is %v, PocketBase %v", what, f, r[f], p[f])
		}
	}
}

// without is a copy of m without the key.
func without(m map[string]any, key string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// sortedKeys are the keys of m, sorted.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestBoardRouteQueriesAreBounded counts the SQL of a board page in the
// seeded world and after 300 more posts with their comments and
// reactions: the same few statements (the requester's token, the posts,
// their comments, their reactions, the authors, and, once, whom the
// requester manages, for the phone numbers not shared; an empty page asks
// for the house instead of the last four), whatever the board holds. PocketBase's
// list with the same expand is logged beside it.
func TestBoardRouteQueriesAreBounded(t *testing.T) {
	w := tk.Seeded(t)
	count := func(t *testing.T, actor, url string, grow bool) int {
		return countQueries(t, w.Headers(actor), url, tk.Factory, func(t testing.TB, app *tests.TestApp) {
			if grow {
				boardHistory(t, app, 300, time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), 23*time.Minute)
			}
		})
	}
	for _, r := range []struct {
		name, actor, url string
		want             int
	}{
		{"a housemate's first page", tk.ResidentA1, boardURL(w.HouseA, ""), 6},
		{"a manager's first page", tk.ManagerA, boardURL(w.HouseA, ""), 6},
		{"a keyset page", tk.ResidentA1, boardURL(w.HouseA, boardAfter("2100-01-01 00:00:00.000Z", false)), 6},
		{"an empty page", tk.ResidentA1, boardURL(w.HouseA, boardAfter(veryLongTime, false)), 3},
		{"PocketBase's list, for comparison", tk.ManagerA, pbBoardPage(w.HouseA, nil), 0},
	} {
		small, big := count(t, r.actor, r.url, false), count(t, r.actor, r.url, true)
		t.Logf("%s: %d queries on the seeded board, %d with 300 more posts", r.name, small, big)
		if r.want > 0 && (small != r.want || big != r.want) {
			t.Errorf("%s: %d queries, then %d with 300 more posts; want %d both times", r.name, small, big, r.want)
		}
	}
}
