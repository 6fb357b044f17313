package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestReadsThroughPost checks when the board route may skip the comments'
// and reactions' rules: only when each is the posts' rule read through the
// post, token for token.
func TestReadsThroughPost(t *testing.T) {
	app := tk.NewApp(t)
	defer app.Cleanup()
	posts, err := app.FindCollectionByNameOrId("posts")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"comments", "reactions"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		if !hooks.ReadsThroughPost(posts, c.ViewRule) {
			t.Errorf("the migrations' %s view rule is not read as the posts' rule through the post:\n%s\nposts:\n%s",
				name, *c.ViewRule, *posts.ListRule)
		}
	}
	comments, _ := app.FindCollectionByNameOrId("comments")
	rule := *comments.ViewRule
	cases := []struct {
		name string
		rule *string
		want bool
	}{
		{"the same rule laid out otherwise", types.Pointer("\n  " + strings.ReplaceAll(rule, " ", "   ") + "  // note\n"), true},
		{"tightened by an admin", types.Pointer("(" + rule + ") && author = @request.auth.id"), false},
		{"a condition changed", types.Pointer(strings.Replace(rule, "post.hidden = false", "post.hidden = true", 1)), false},
		{"the post's fields read on the comment", types.Pointer(strings.ReplaceAll(rule, "post.", "")), false},
		{"open to everyone", types.Pointer(""), false},
		{"superusers only", nil, false},
		{"a function", types.Pointer("strftime('%Y', created) = '2026' && " + rule), false},
	}
	for _, c := range cases {
		if got := hooks.ReadsThroughPost(posts, c.rule); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}

	// The same words added to both rules, where they mean something else
	// on a comment than on a post: the comment's own body, the request's
	// context (a post is read as a list, a comment as an expand).
	for _, extra := range []string{"body:lower !~ 'proud'", "@request.context != 'expand'", "created <= @now"} {
		posts, _ := app.FindCollectionByNameOrId("posts")
		posts.ListRule = types.Pointer("(" + *posts.ListRule + ") && " + extra)
		if hooks.ReadsThroughPost(posts, types.Pointer("("+rule+") && "+extra)) {
			t.Errorf("%q added to both rules is read as the same rule", extra)
		}
	}
	// A posts field with a modifier, written through the post on the
	// comment: the same.
	posts.ListRule = types.Pointer("(" + *posts.ListRule + ") && body:lower !~ 'proud'")
	if !hooks.ReadsThroughPost(posts, types.Pointer("("+rule+") && post.body:lower !~ 'proud'")) {
		t.Errorf("body:lower on the post, read through it, is not the same rule")
	}
}

// TestBoardRouteKeepsATightenedRule tightens the comments' view rule as an
// admin might in the dashboard (each person sees only their own comments):
// the route no longer takes the comments for granted with their posts and
// gives each reader what PocketBase's own list gives.
func TestBoardRouteKeepsATightenedRule(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	comments, err := app.FindCollectionByNameOrId("comments")
	if err != nil {
		t.Fatal(err)
	}
	comments.ViewRule = types.Pointer("(" + *comments.ViewRule + ") && author = @request.auth.id")
	comments.ListRule = comments.ViewRule
	if err := app.Save(comments); err != nil {
		t.Fatal(err)
	}
	srv := tk.Serve(t, app)
	for _, c := range []struct {
		actor string
		sees  bool // residentA2 wrote the comment on PostA
	}{{tk.ResidentA1, false}, {tk.ResidentA2, true}, {tk.ManagerA, false}} {
		status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), c.actor)
		_, pbody := getJSON(t, srv.URL, pbBoardPage(w.HouseA, nil), c.actor)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", c.actor, status, body)
		}
		if got := strings.Contains(string(body), w.CommentA); got != c.sees {
			t.Errorf("%s sees residentA2's comment: %v, want %v", c.actor, got, c.sees)
		}
		samePage(t, pbody, body)
	}
}

// TestBoardRouteFollowsRulesOnBothSides adds to both the posts' and the
// comments' rules a condition that reads differently on a comment than on
// its post (the comment's own words; the request's context, a list for the
// posts and an expand for the comments): the route shows what PocketBase
// shows, residentA2's comment ("So proud of you.") hidden from residentA1.
func TestBoardRouteFollowsRulesOnBothSides(t *testing.T) {
	w := tk.Seeded(t)
	for _, extra := range []string{"body:lower !~ 'proud'", "@request.context != 'expand'"} {
		t.Run(extra, func(t *testing.T) {
			app := tk.NewApp(t)
			defer app.Cleanup()
			for _, name := range []string{"posts", "comments"} {
				c, err := app.FindCollectionByNameOrId(name)
				if err != nil {
					t.Fatal(err)
				}
				c.ListRule = types.Pointer("(" + *c.ListRule + ") && " + extra)
				c.ViewRule = c.ListRule
				if err := app.Save(c); err != nil {
					t.Fatal(err)
				}
			}
			srv := tk.Serve(t, app)
			status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ResidentA1)
			_, pbody := getJSON(t, srv.URL, pbBoardPage(w.HouseA, nil), tk.ResidentA1)
			if status != http.StatusOK || !strings.Contains(string(body), w.PostA) {
				t.Fatalf("%d %s", status, body)
			}
			if strings.Contains(string(body), w.CommentA) {
				t.Errorf("the route shows the comment PocketBase hides: %s", body)
			}
			samePage(t, pbody, body)
		})
	}
}

// TestBoardRouteBuildsDateRulesEachTime gives the posts' rule a date macro
// (@now), which building a rule fixes: a post written after a reader's
// first page still shows on their next one, because such a rule is built
// for each request rather than kept.
func TestBoardRouteBuildsDateRulesEachTime(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	posts, err := app.FindCollectionByNameOrId("posts")
	if err != nil {
		t.Fatal(err)
	}
	posts.ListRule = types.Pointer("(" + *posts.ListRule + ") && created <= @now")
	if err := app.Save(posts); err != nil {
		t.Fatal(err)
	}
	srv := tk.Serve(t, app)
	if status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ResidentA1); status != 200 || !strings.Contains(string(body), w.PostA) {
		t.Fatalf("the first page: %d %s", status, body)
	}
	time.Sleep(5 * time.Millisecond)
	post := core.NewRecord(posts)
	post.Load(map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA2].ID, "kind": "share", "body": "Written after the first page"})
	if err := app.SaveNoValidate(post); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	if _, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ResidentA1); !strings.Contains(string(body), post.Id) {
		t.Errorf("the post written after the first page is missing from the next: %s", body)
	}
}

// TestBoardRouteRulesFollowMemberships reads the board as the same person
// before and after their membership changes, without any change to their
// own record: the rules the route built for them the first time join the
// memberships when they run, so a move-out closes the board at once and a
// manager who steps down stops seeing hidden posts at once.
func TestBoardRouteRulesFollowMemberships(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)
	setMembership := func(actor, field, value string) {
		t.Helper()
		m, err := app.FindFirstRecordByFilter("memberships", "user = {:u} && house = {:h}",
			map[string]any{"u": w.People[actor].ID, "h": w.HouseA})
		if err != nil {
			t.Fatal(err)
		}
		// Straight to the table: neither the person's record nor a hook
		// of ours is touched.
		if _, err := app.DB().Update("memberships", dbx.Params{field: value}, dbx.HashExp{"id": m.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}

	if status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ResidentA1); status != 200 || !strings.Contains(string(body), w.PostA) {
		t.Fatalf("before: %d %s", status, body)
	}
	setMembership(tk.ResidentA1, "status", hooks.StatusDischarged)
	if status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ResidentA1); status != http.StatusNotFound {
		t.Errorf("after moving out: %d %s, want 404", status, body)
	}

	if _, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ManagerA); !strings.Contains(string(body), w.HiddenPostA) {
		t.Fatalf("the manager does not see the hidden post: %s", body)
	}
	setMembership(tk.ManagerA, "role", hooks.RoleResident)
	if status, body := getJSON(t, srv.URL, boardURL(w.HouseA, ""), tk.ManagerA); status != 200 || strings.Contains(string(body), w.HiddenPostA) {
		t.Errorf("after stepping down: %d, and the hidden post is still shown: %s", status, body)
	}
}
