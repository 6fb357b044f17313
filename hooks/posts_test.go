package hooks_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	neturl "net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

const postsURL = "/api/collections/posts/records"

// postBody is a post of house A by the actor.
func postBody(w *tk.World, actor, kind, body string) map[string]any {
	return map[string]any{"house": w.HouseA, "author": w.People[actor].ID, "kind": kind, "body": body}
}

// postIs checks fields of the post in the answer.
func postIs(want map[string]any) func(t testing.TB, app core.App, body []byte) {
	return func(t testing.TB, app core.App, body []byte) {
		var got map[string]any
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
		}
	}
}

// notifiedCount checks the person has exactly n notifications of the kind.
func notifiedCount(actor, kind string, n int) func(t testing.TB, app core.App, _ []byte) {
	return func(t testing.TB, app core.App, _ []byte) {
		got, err := app.CountRecords("notifications", dbx.HashExp{"user": tk.Seeded(t).People[actor].ID, "kind": kind})
		if err != nil {
			t.Fatal(err)
		}
		if int(got) != n {
			t.Errorf("%s has %d %s notifications, want %d", actor, got, kind, n)
		}
	}
}

// pngOf is a PNG of about size bytes: a valid header and padding, which is
// enough for the type sniffing and the size limit.
func pngOf(size int) []byte {
	return append(append([]byte{}, tinyPNG...), bytes.Repeat([]byte{0}, size-len(tinyPNG))...)
}

// TestPostsCreate: who posts what kind, what the server decides, and the
// limits of a post, as the API answers them.
func TestPostsCreate(t *testing.T) {
	w := tk.Seeded(t)
	images := func(n int) *multipartForm {
		f := &multipartForm{fields: map[string]string{
			"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "win", "body": "Got the job!",
		}, fileField: "images"}
		for range n {
			f.files = append(f.files, formFile{"photo.png", tinyPNG})
		}
		return f
	}
	cases := []pinnedCase{
		{name: "a resident shares; what only the server decides is ignored", actor: tk.ResidentA1, url: postsURL,
			body: map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share",
				"body": "Day 41.", "hidden": true, "milestone": "1y", "subject": w.People[tk.ResidentA1].ID},
			status: 200, check: postIs(map[string]any{"kind": "share", "hidden": false, "milestone": "", "subject": ""})},
		{name: "an alumnus shares a win", actor: tk.AlumnusA, url: postsURL,
			body: postBody(w, tk.AlumnusA, "win", "Two years today."), status: 200},
		{name: "nobody posts as someone else", actor: tk.ResidentA2, url: postsURL,
			body: postBody(w, tk.ResidentA1, "share", "Not mine."), status: 400, unchanged: []string{"posts"}},
		{name: "nobody posts in another house", actor: tk.ResidentB, url: postsURL,
			body: postBody(w, tk.ResidentB, "share", "Hi A!"), status: 400, unchanged: []string{"posts"}},
		{name: "a discharged resident no longer posts", actor: tk.DischargedA, url: postsURL,
			body: postBody(w, tk.DischargedA, "share", "Hi."), status: 400, unchanged: []string{"posts"}},
		{name: "an alumnus posts need support; no resident is told", actor: tk.AlumnusA, url: postsURL,
			body: postBody(w, tk.AlumnusA, "support", "Rough day."), status: 200,
			check: both(notifiedCount(tk.ManagerA, "support", 1), notifiedCount(tk.ResidentA1, "support", 0), notifiedCount(tk.ResidentA2, "support", 0))},
		{name: "a discharged person does not post need support", actor: tk.DischargedA, url: postsURL,
			body: postBody(w, tk.DischargedA, "support", "Rough day."), status: 400, unchanged: []string{"posts", "notifications"}},
		{name: "a resident does not announce", actor: tk.ResidentA1, url: postsURL,
			body: postBody(w, tk.ResidentA1, "announcement", "House meeting!"), status: 400, unchanged: []string{"posts"}},
		{name: "nobody but the server posts a milestone", actor: tk.ManagerA, url: postsURL,
			body: postBody(w, tk.ManagerA, "milestone", "A year!"), status: 400, unchanged: []string{"posts"}},
		{name: "a manager pins an announcement", actor: tk.ManagerA, url: postsURL,
			body: map[string]any{"house": w.HouseA, "author": w.People[tk.ManagerA].ID, "kind": "announcement",
				"body": "House meeting Sunday at 7.", "pinned": true},
			status: 200, check: postIs(map[string]any{"pinned": true})},
		{name: "only announcements are pinned", actor: tk.ResidentA1, url: postsURL,
			body:   map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "share", "body": "Me first", "pinned": true},
			status: 400, content: []string{fieldErrJSON("pinned", "validation_pin_announcements_only")}, unchanged: []string{"posts"}},
		{name: "a post says something", actor: tk.ResidentA1, url: postsURL,
			body: postBody(w, tk.ResidentA1, "share", "   \n "), status: 400,
			content: []string{fieldErrJSON("body", "validation_body_empty"), "Write a few words"}, unchanged: []string{"posts"}},
		{name: "at most 5000 characters", actor: tk.ResidentA1, url: postsURL,
			body: postBody(w, tk.ResidentA1, "share", string(bytes.Repeat([]byte("a"), 5001))), status: 400,
			content: []string{`"body":{"code":"validation_max_text_constraint"`}, unchanged: []string{"posts"}},
		{name: "four photos", actor: tk.ResidentA1, url: postsURL, form: images(4), status: 200,
			check: func(t testing.TB, app core.App, body []byte) {
				var got struct{ Images []string }
				json.Unmarshal(body, &got)
				if len(got.Images) != 4 {
					t.Errorf("%d images stored, want 4", len(got.Images))
				}
			}},
		{name: "not five", actor: tk.ResidentA1, url: postsURL, form: images(5), status: 400,
			content: []string{fieldErrJSON("images", "validation_too_many_photos"), "up to 4 photos"}, unchanged: []string{"posts"}},
		{name: "photos only", actor: tk.ResidentA1, url: postsURL, status: 400,
			form:    &multipartForm{fields: images(0).fields, fileField: "images", name: "notes.txt", content: []byte("hello")},
			content: []string{`"images":{"code":"validation_invalid_mime_type"`}, unchanged: []string{"posts"}},
		{name: "a photo of at most 8 MB", actor: tk.ResidentA1, url: postsURL, status: 400,
			form:    &multipartForm{fields: images(0).fields, fileField: "images", name: "big.png", content: pngOf(8<<20 + 1)},
			content: []string{fieldErrJSON("images", "validation_photo_too_big"), "up to 8 MB"}, unchanged: []string{"posts"}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestPostsModeration: the author edits the body, managers pin and hide,
// and the author hears when their post is hidden.
func TestPostsModeration(t *testing.T) {
	w := tk.Seeded(t)
	postA := postsURL + "/" + w.PostA
	milestone := func(t testing.TB, app core.App) {
		setRecord("posts", w.PostA, map[string]any{"kind": "milestone", "subject": w.People[tk.ResidentA1].ID, "milestone": "30d"})(t, app)
	}
	cases := []pinnedCase{
		{name: "the author edits the body", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			body: map[string]any{"body": "Day 42 now."}, status: 200, check: postIs(map[string]any{"body": "Day 42 now."})},
		{name: "the author does not change the kind", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			body: map[string]any{"kind": "win"}, status: 403, content: []string{"only what your post says"}, unchanged: []string{"posts"}},
		{name: "the author does not hide or pin", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			body: map[string]any{"hidden": true}, status: 403, content: []string{"Only a house manager"}, unchanged: []string{"posts"}},
		{name: "a manager does not rewrite a post", actor: tk.ManagerA, method: http.MethodPatch, url: postA,
			body: map[string]any{"body": "Edited"}, status: 403, content: []string{"only its author can change what it says"}, unchanged: []string{"posts"}},
		{name: "a manager hides a post and its author hears it", actor: tk.ManagerA, method: http.MethodPatch, url: postA,
			body: map[string]any{"hidden": true}, status: 200,
			check: both(postIs(map[string]any{"hidden": true}), notifiedCount(tk.ResidentA1, "post_hidden", 1))},
		{name: "a manager pins only announcements", actor: tk.ManagerA, method: http.MethodPatch, url: postA,
			body: map[string]any{"pinned": true}, status: 400,
			content: []string{fieldErrJSON("pinned", "validation_pin_announcements_only")}, unchanged: []string{"posts"}},
		{name: "a manager of another house does nothing", actor: tk.ManagerB, method: http.MethodPatch, url: postA,
			body: map[string]any{"hidden": true}, status: 404, unchanged: []string{"posts", "notifications"}},
		{name: "a milestone's words are the server's", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			prepare: milestone, body: map[string]any{"body": "Edited"}, status: 403, content: []string{"Hearth wrote this milestone post"}},
		{name: "a discharged author no longer edits", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			prepare: setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"status": "discharged"}),
			body:    map[string]any{"body": "Edited"}, status: 404, unchanged: []string{"posts"}},
		{name: "but still takes back their own words", actor: tk.ResidentA1, method: http.MethodDelete, url: postA,
			prepare: setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"status": "discharged"}),
			status:  204, check: func(t testing.TB, app core.App, _ []byte) {
				if _, err := app.FindRecordById("posts", w.PostA); err == nil {
					t.Error("the post is still there")
				}
				if n, _ := app.CountRecords("comments", dbx.HashExp{"post": w.PostA}); n != 0 {
					t.Errorf("%d comments of the deleted post remain", n)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestBoardFirstPage lists the board as the web app does: pinned
// announcements first, then the newest; a hidden post only for its author
// and the managers.
func TestBoardFirstPage(t *testing.T) {
	w := tk.Seeded(t)
	page := postsURL + "?skipTotal=1&perPage=20&sort=-pinned,-created&filter=" +
		neturl.QueryEscape("house='"+w.HouseA+"'")
	var pinned, newest string
	prepare := func(t testing.TB, app core.App) {
		pinned = saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ManagerA].ID,
			"kind": "announcement", "body": "House meeting Sunday.", "pinned": true}).Id
		newest = saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA2].ID,
			"kind": "win", "body": "30 days clean of energy drinks."}).Id
	}
	order := func(wantHidden bool) func(t testing.TB, app core.App, body []byte) {
		return func(t testing.TB, app core.App, body []byte) {
			var got struct{ Items []struct{ ID string } }
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, it := range got.Items {
				ids = append(ids, it.ID)
			}
			if len(ids) < 3 || ids[0] != pinned || ids[1] != newest {
				t.Errorf("page %v, want the announcement %s, then the newest %s first", ids, pinned, newest)
			}
			hasHidden := bytes.Contains(body, []byte(w.HiddenPostA))
			if hasHidden != wantHidden {
				t.Errorf("hidden post listed = %v, want %v", hasHidden, wantHidden)
			}
			if bytes.Contains(body, []byte(w.PostB)) {
				t.Error("house B's post is on house A's board")
			}
		}
	}
	for _, c := range []pinnedCase{
		{name: "a housemate", actor: tk.ResidentA1, method: http.MethodGet, url: page, prepare: prepare, status: 200, check: order(false)},
		{name: "the hidden post's author", actor: tk.ResidentA2, method: http.MethodGet, url: page, prepare: prepare, status: 200, check: order(true)},
		{name: "a manager", actor: tk.ManagerA, method: http.MethodGet, url: page, prepare: prepare, status: 200, check: order(true)},
		{name: "an alumnus", actor: tk.AlumnusA, method: http.MethodGet, url: page, prepare: prepare, status: 200, check: order(false)},
	} {
		t.Run(c.name, c.run)
	}
}

// TestPostsResolve: a need-support post is marked resolved by its author
// or a manager of the house, nobody else, on no other kind of post, and
// nothing else changes with it.
func TestPostsResolve(t *testing.T) {
	w := tk.Seeded(t)
	postA := postsURL + "/" + w.PostA
	support := setRecord("posts", w.PostA, map[string]any{"kind": "support"})
	resolved := map[string]any{"resolved": true}
	cases := []pinnedCase{
		{name: "the author: I'm OK now", actor: tk.ResidentA1, method: http.MethodPatch, url: postA, prepare: support,
			body: resolved, status: 200, check: postIs(map[string]any{"resolved": true})},
		{name: "the author opens it again", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			prepare: setRecord("posts", w.PostA, map[string]any{"kind": "support", "resolved": true}),
			body:    map[string]any{"resolved": false}, status: 200, check: postIs(map[string]any{"resolved": false})},
		{name: "a manager of the house", actor: tk.ManagerA, method: http.MethodPatch, url: postA, prepare: support,
			body: resolved, status: 200, check: postIs(map[string]any{"resolved": true})},
		{name: "a manager resolves but does not rewrite", actor: tk.ManagerA, method: http.MethodPatch, url: postA, prepare: support,
			body: map[string]any{"resolved": true, "body": "Edited"}, status: 403, unchanged: []string{"posts"}},
		{name: "the author resolves but does not hide", actor: tk.ResidentA1, method: http.MethodPatch, url: postA, prepare: support,
			body: map[string]any{"resolved": true, "hidden": true}, status: 403, unchanged: []string{"posts"}},
		{name: "a housemate does not resolve someone else's post", actor: tk.ResidentA2, method: http.MethodPatch, url: postA, prepare: support,
			body: resolved, status: 404, unchanged: []string{"posts"}},
		{name: "an alumnus does not", actor: tk.AlumnusA, method: http.MethodPatch, url: postA, prepare: support,
			body: resolved, status: 404, unchanged: []string{"posts"}},
		{name: "another house's manager does not", actor: tk.ManagerB, method: http.MethodPatch, url: postA, prepare: support,
			body: resolved, status: 404, unchanged: []string{"posts"}},
		{name: "anonymous does not", actor: tk.Anonymous, method: http.MethodPatch, url: postA, prepare: support,
			body: resolved, status: 404, unchanged: []string{"posts"}},
		{name: "a share is never resolved, by its author", actor: tk.ResidentA1, method: http.MethodPatch, url: postA,
			body: resolved, status: 403, content: []string{"Only need-support posts"}, unchanged: []string{"posts"}},
		{name: "nor by a manager", actor: tk.ManagerA, method: http.MethodPatch, url: postA,
			body: resolved, status: 403, content: []string{"Only need-support posts"}, unchanged: []string{"posts"}},
		{name: "a new post is never resolved", actor: tk.ResidentA1, url: postsURL,
			body:   map[string]any{"house": w.HouseA, "author": w.People[tk.ResidentA1].ID, "kind": "support", "body": "Rough night.", "resolved": true},
			status: 200, content: []string{`"resolved":false`}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
	// Below the API too: only a support post is resolved.
	app := tk.NewApp(t)
	defer app.Cleanup()
	r := findOrFail(t, app, "posts", w.PostA)
	r.Set("resolved", true)
	if err := app.Save(r); err == nil || !strings.Contains(err.Error(), "need-support") {
		t.Errorf("a resolved share saved: %v", err)
	}
}
