package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

const (
	commentsURL  = "/api/collections/comments/records"
	reactionsURL = "/api/collections/reactions/records"
	reportsURL   = "/api/collections/reports/records"
)

// supportPostID is the id of supportPostA's post.
const supportPostID = "supportpost0001"

// supportPostA saves a need-support post by residentA1 in house A in Go
// (its alerts go out as from the API), as a scenario's preparation.
func supportPostA(t testing.TB, app core.App) {
	w := tk.Seeded(t)
	saveOrFail(t, app, "posts", map[string]any{"id": supportPostID, "house": w.HouseA, "author": w.People[tk.ResidentA1].ID,
		"kind": "support", "body": "Cravings are bad tonight. Anyone up?"})
}

// notificationsOf lists the person's notifications of the kind.
func notificationsOf(t testing.TB, app core.App, actor, kind string) []*core.Record {
	t.Helper()
	all, err := app.FindAllRecords("notifications", dbx.HashExp{"user": tk.Seeded(t).People[actor].ID, "kind": kind})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// TestCommentsAndAnswers: one-tap answers to a need-support post notify
// its author at once, each of them; ordinary comments notify a post's
// author once until they have read it.
func TestCommentsAndAnswers(t *testing.T) {
	w := tk.Seeded(t)
	comment := func(actor, post string, extra map[string]any) map[string]any {
		b := map[string]any{"post": post, "author": w.People[actor].ID, "body": "Here for you."}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	onMyWay := map[string]any{"quick": "on_my_way", "body": ""}
	cases := []pinnedCase{
		{name: "a one-tap answer writes its words and tells the author at once", actor: tk.ResidentA2,
			prepare: supportPostA, body: comment(tk.ResidentA2, supportPostID, onMyWay),
			status: 200, content: []string{`"body":"On my way"`, `"quick":"on_my_way"`},
			check: func(t testing.TB, app core.App, _ []byte) {
				got := notificationsOf(t, app, tk.ResidentA1, "support_answer")
				if len(got) != 1 || got[0].GetString("title") != "residentA2: On my way" || got[0].GetString("link") != "/board/posts/"+supportPostID {
					t.Errorf("residentA1's answers: %v", got)
				}
			}},
		{name: "every answer to a need-support post is told", actor: tk.AwayA,
			prepare: func(t testing.TB, app core.App) {
				supportPostA(t, app)
				saveOrFail(t, app, "comments", comment(tk.ResidentA2, supportPostID, onMyWay))
			},
			body:   comment(tk.AwayA, supportPostID, map[string]any{"body": "Calling in 5, hang on."}),
			status: 200, check: notifiedCount(tk.ResidentA1, "support_answer", 2)},
		{name: "one-tap answers are for need-support posts", actor: tk.ResidentA2, body: comment(tk.ResidentA2, w.PostA, onMyWay),
			status: 400, content: []string{fieldErrJSON("quick", "validation_quick_support_only")}, unchanged: []string{"comments"}},
		{name: "a comment says something", actor: tk.ResidentA2, body: comment(tk.ResidentA2, w.PostA, map[string]any{"body": "  "}),
			status: 400, content: []string{fieldErrJSON("body", "validation_body_empty")}, unchanged: []string{"comments"}},
		{name: "a comment tells the post's author", actor: tk.AlumnusA, status: 200,
			body: comment(tk.AlumnusA, w.PostA, nil),
			check: func(t testing.TB, app core.App, _ []byte) {
				got := notificationsOf(t, app, tk.ResidentA1, "comment")
				if len(got) != 1 || got[0].GetString("title") != "alumnusA commented on your post" || got[0].GetString("body") != "Here for you." {
					t.Errorf("residentA1's comment notifications: %v", got)
				}
			}},
		{name: "but not twice while the first is unread", actor: tk.ResidentA2, status: 200,
			prepare: func(t testing.TB, app core.App) {
				saveOrFail(t, app, "comments", comment(tk.AlumnusA, w.PostA, nil))
			},
			body:  comment(tk.ResidentA2, w.PostA, nil),
			check: notifiedCount(tk.ResidentA1, "comment", 1)},
		{name: "and again once it is read", actor: tk.ResidentA2, status: 200,
			prepare: func(t testing.TB, app core.App) {
				saveOrFail(t, app, "comments", comment(tk.AlumnusA, w.PostA, nil))
				for _, n := range notificationsOf(t, app, tk.ResidentA1, "comment") {
					n.Set("read", true)
					save(t, app, n)
				}
			},
			body:  comment(tk.ResidentA2, w.PostA, nil),
			check: notifiedCount(tk.ResidentA1, "comment", 2)},
		{name: "nobody is told of their own comment", actor: tk.ResidentA1, status: 200,
			body: comment(tk.ResidentA1, w.PostA, nil), unchanged: []string{"notifications"}},
		{name: "a discharged author hears nothing more", actor: tk.ResidentA2, status: 200,
			prepare: setRecord("memberships", w.People[tk.ResidentA1].Membership, map[string]any{"status": "discharged"}),
			body:    comment(tk.ResidentA2, w.PostA, nil), unchanged: []string{"notifications"}},
		{name: "the author edits only the body; an edited answer is a comment", actor: tk.ResidentA2,
			prepare: func(t testing.TB, app core.App) {
				supportPostA(t, app)
				saveOrFail(t, app, "comments", map[string]any{"id": "quickanswer0001", "post": supportPostID,
					"author": w.People[tk.ResidentA2].ID, "quick": "here"})
			},
			method: http.MethodPatch, url: commentsURL + "/quickanswer0001", body: map[string]any{"body": "Calling you in 5"},
			status: 200, content: []string{`"body":"Calling you in 5"`, `"quick":""`}},
		{name: "a comment does not move to another post", actor: tk.ResidentA2,
			method: http.MethodPatch, url: commentsURL + "/" + w.CommentA, body: map[string]any{"post": w.HiddenPostA},
			status: 403, unchanged: []string{"comments"}},
	}
	for _, c := range cases {
		if c.url == "" {
			c.url = commentsURL
		}
		t.Run(c.name, c.run)
	}
}

// TestReactionsToggle: one of each kind per person and post; a second tap
// takes it back.
func TestReactionsToggle(t *testing.T) {
	w := tk.Seeded(t)
	heart := map[string]any{"post": w.PostA, "user": w.People[tk.ResidentA2].ID, "kind": "heart"}
	for _, c := range []pinnedCase{
		{name: "the same reaction twice is refused kindly", actor: tk.ResidentA2, url: reactionsURL, body: heart,
			status: 400, content: []string{fieldErrJSON("kind", "validation_already_reacted"), "Tap it again"}, unchanged: []string{"reactions"}},
		{name: "another kind is fine", actor: tk.ResidentA2, url: reactionsURL,
			body: map[string]any{"post": w.PostA, "user": w.People[tk.ResidentA2].ID, "kind": "proud"}, status: 200},
		{name: "so is the same kind from someone else", actor: tk.AwayA, url: reactionsURL,
			body: map[string]any{"post": w.PostA, "user": w.People[tk.AwayA].ID, "kind": "heart"}, status: 200},
		{name: "a second tap deletes it", actor: tk.ResidentA2, method: http.MethodDelete, url: reactionsURL + "/" + w.ReactionA, status: 204},
		{name: "and a third adds it again", actor: tk.ResidentA2, url: reactionsURL, body: heart, status: 200,
			prepare: func(t testing.TB, app core.App) {
				if err := app.Delete(findOrFail(t, app, "reactions", w.ReactionA)); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "reactions tell nobody", actor: tk.AlumnusA, url: reactionsURL,
			body: map[string]any{"post": w.PostA, "user": w.People[tk.AlumnusA].ID, "kind": "me_too"}, status: 200,
			unchanged: []string{"notifications"}},
	} {
		t.Run(c.name, c.run)
	}

	// Below the API, the unique index holds even for a racing second tap.
	app := tk.NewApp(t)
	defer app.Cleanup()
	err := app.Save(unsavedRecord(t, app, "reactions", heart))
	if err == nil || !strings.Contains(saveErrorCode(err, "kind")+saveErrorCode(err, "post")+saveErrorCode(err, "user")+err.Error(), "not_unique") {
		t.Errorf("a duplicate reaction saved in Go: %v", err)
	}
}

// TestReports: a member reports a post with a reason; the managers are
// told, the author never learns of it.
func TestReports(t *testing.T) {
	w := tk.Seeded(t)
	report := func(actor, post, reason string) map[string]any {
		return map[string]any{"post": post, "reporter": w.People[actor].ID, "reason": reason, "house": w.HouseB}
	}
	for _, c := range []pinnedCase{
		{name: "a report goes to the managers, filed with the post's house", actor: tk.ResidentA2, url: reportsURL,
			body: report(tk.ResidentA2, w.PostA, "It names someone's relapse."), status: 200,
			content: []string{`"house":"` + w.HouseA + `"`},
			check: func(t testing.TB, app core.App, _ []byte) {
				got := notificationsOf(t, app, tk.ManagerA, "post_report")
				if len(got) != 1 || !strings.Contains(got[0].GetString("body"), "It names someone's relapse.") {
					t.Fatalf("managerA's reports: %v", got)
				}
				if strings.Contains(got[0].GetString("title")+got[0].GetString("body"), "residentA2") {
					t.Errorf("the notification names the reporter: %v", got[0])
				}
				notifiedCount(tk.ResidentA1, "post_report", 0)(t, app, nil)
			}},
		{name: "a reason is needed", actor: tk.ResidentA2, url: reportsURL, body: report(tk.ResidentA2, w.PostA, " "),
			status: 400, content: []string{fieldErrJSON("reason", "validation_reason_empty")}, unchanged: []string{"reports", "notifications"}},
		{name: "once per person and post", actor: tk.AlumnusA, url: reportsURL, body: report(tk.AlumnusA, w.PostA, "Again"),
			status: 400, content: []string{fieldErrJSON("post", "validation_already_reported")}, unchanged: []string{"reports", "notifications"}},
		{name: "not your own post", actor: tk.ResidentA1, url: reportsURL, body: report(tk.ResidentA1, w.PostA, "Oops"),
			status: 400, unchanged: []string{"reports", "notifications"}},
		{name: "not a post you cannot see", actor: tk.ResidentA1, url: reportsURL, body: report(tk.ResidentA1, w.HiddenPostA, "Hmm"),
			status: 400, unchanged: []string{"reports", "notifications"}},
		{name: "a manager's post: the other managers are told, never the author", actor: tk.ResidentA2, url: reportsURL,
			prepare: func(t testing.TB, app core.App) {
				setRecord("posts", w.PostA, map[string]any{"author": w.People[tk.ManagerA].ID})(t, app)
			},
			body: report(tk.ResidentA2, w.PostA, "Harsh words"), status: 200, check: notifiedCount(tk.ManagerA, "post_report", 0)},
		{name: "the author cannot list reports of their post", actor: tk.ResidentA1, method: http.MethodGet,
			url: reportsURL + "?skipTotal=1", status: 200, content: []string{`"items":[]`}},
		{name: "nor can a manager who wrote the post", actor: tk.ManagerA, method: http.MethodGet,
			prepare: func(t testing.TB, app core.App) {
				setRecord("posts", w.PostA, map[string]any{"author": w.People[tk.ManagerA].ID})(t, app)
			},
			url: reportsURL + "/" + w.ReportA, status: 404},
	} {
		t.Run(c.name, c.run)
	}
}
