package hooks_test

import (
	"strings"
	"testing"
	"time"

	tk "hearth/testkit"
)

// TestBoardRealtime subscribes people of house A, of house B and a guest
// to the board's collections, then writes to house A's board: nobody
// outside A hears any of it; once a manager hides a post, its housemates
// are told it is gone and hear nothing more of it (its author and the
// managers do); a report
// reaches the managers and never the post's author.
func TestBoardRealtime(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	defer app.Cleanup()
	srv := tk.Serve(t, app)

	topics := []string{"posts", "comments", "reactions", "reports"}
	listeners := []string{tk.ResidentA1, tk.ResidentA2, tk.ManagerA, tk.AlumnusA, tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Anonymous}
	subs := map[string]*tk.Subscriber{}
	for _, actor := range listeners {
		token := ""
		if actor != tk.Anonymous {
			token = w.People[actor].Token
		}
		subs[actor] = tk.Subscribe(t, srv.URL, token, topics...)
	}

	a1, a2 := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID
	post := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseA, "author": a1, "kind": "share", "body": "Live post"})
	comment := saveOrFail(t, app, "comments", map[string]any{"post": post.Id, "author": a2, "body": "Live comment"})
	reaction := saveOrFail(t, app, "reactions", map[string]any{"post": post.Id, "user": a2, "kind": "hug"})
	report := saveOrFail(t, app, "reports", map[string]any{"post": post.Id, "house": w.HouseA, "reporter": a2, "reason": "Live report"})

	post.Set("hidden", true)
	save(t, app, post)
	hiddenComment := saveOrFail(t, app, "comments", map[string]any{"post": post.Id, "author": w.People[tk.ManagerA].ID, "body": "Hidden talk"})

	// House B's board, heard by B's people: proof their subscriptions work.
	postB := saveOrFail(t, app, "posts", map[string]any{"house": w.HouseB, "author": w.People[tk.ResidentB].ID, "kind": "share", "body": "B post"})

	heard := map[string][]tk.RealtimeEvent{}
	for actor, s := range subs {
		heard[actor] = s.Drain(700 * time.Millisecond)
	}

	aIDs := []string{post.Id, comment.Id, reaction.Id, report.Id, hiddenComment.Id}
	for _, actor := range []string{tk.DischargedA, tk.ResidentB, tk.ManagerB, tk.Anonymous} {
		for _, e := range heard[actor] {
			for _, id := range aIDs {
				if strings.Contains(e.Raw, id) {
					t.Errorf("%s heard house A's %s on %s: %s", actor, e.Action, e.Topic, e.Raw)
				}
			}
		}
	}
	if !heardRecord(heard[tk.ResidentB], postB.Id) {
		t.Error("residentB did not hear their own house's post")
	}
	if len(heard[tk.Anonymous]) != 0 {
		t.Errorf("a guest heard %d events", len(heard[tk.Anonymous]))
	}

	// Before the hide, the house hears the post, its comment and reaction.
	for _, actor := range []string{tk.ResidentA2, tk.AlumnusA, tk.ManagerA} {
		for _, id := range []string{post.Id, comment.Id, reaction.Id} {
			if !heardRecord(heard[actor], id) {
				t.Errorf("%s did not hear %s", actor, id)
			}
		}
	}
	// After it, housemates hear nothing of the hidden post but that it is
	// gone from their board: a delete carrying only its id.
	for _, actor := range []string{tk.ResidentA2, tk.AlumnusA} {
		withdrawn := false
		for _, e := range heard[actor] {
			if (e.Record["id"] == post.Id && e.Action == "update") || e.Record["id"] == hiddenComment.Id {
				t.Errorf("%s heard the hidden post's %s on %s", actor, e.Action, e.Topic)
			}
			if e.Record["id"] == post.Id && e.Action == "delete" {
				withdrawn = true
				if strings.Contains(e.Raw, "Live post") || e.Record["author"] != nil {
					t.Errorf("%s's delete event says more than the id: %s", actor, e.Raw)
				}
			}
		}
		if !withdrawn {
			t.Errorf("%s, whose board showed the post, was not told it is gone", actor)
		}
	}
	for _, actor := range []string{tk.ResidentA1, tk.ManagerA} {
		for _, e := range heard[actor] {
			if e.Record["id"] == post.Id && e.Action == "delete" {
				t.Errorf("%s, who still sees the hidden post, was told it is gone", actor)
			}
		}
	}
	for _, actor := range []string{tk.ResidentA1, tk.ManagerA} {
		if !heardUpdate(heard[actor], post.Id) || !heardRecord(heard[actor], hiddenComment.Id) {
			t.Errorf("%s, who may see the hidden post, did not hear it hidden or its comment", actor)
		}
	}
	// Reports: the reporter and the managers, never the author.
	for _, e := range heard[tk.ResidentA1] {
		if e.Topic == "reports" || strings.Contains(e.Raw, "Live report") {
			t.Errorf("the post's author heard a report: %s", e.Raw)
		}
	}
	if !heardRecord(heard[tk.ManagerA], report.Id) || !heardRecord(heard[tk.ResidentA2], report.Id) {
		t.Error("the manager or the reporter did not hear the report")
	}
	if heardRecord(heard[tk.AlumnusA], report.Id) {
		t.Error("another alumnus heard the report")
	}
}

func heardUpdate(events []tk.RealtimeEvent, id string) bool {
	for _, e := range events {
		if e.Record["id"] == id && e.Action == "update" {
			return true
		}
	}
	return false
}
