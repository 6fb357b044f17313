package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	tk "hearth/testkit"
)

// Filters and sorts through back-relations are refused for everyone but
// superusers: in PocketBase v0.40 a negated condition on `*_via_*` reads
// rows the rules hide, which would let a resident spell out a hidden
// post's words, learn who reported them, or read another house's
// check-in notes.
func TestFiltersCannotReachThroughBackRelations(t *testing.T) {
	r := newRaceServer(t, utc("2026-11-24T03:00:00Z"))
	w := r.w
	a2, manager := w.People[tk.ResidentA2].ID, w.People[tk.ManagerA].ID
	users, posts := "/api/collections/users/records", "/api/collections/posts/records"
	refused := []struct {
		name, actor, path, param, expr string
	}{
		{"a hidden post's words, through its author", tk.ResidentA1, users, "filter", "id = '" + a2 + "' && posts_via_author.body !~ 'zebra'"},
		{"a hidden post's words, through the house", tk.AlumnusA, "/api/collections/houses/records", "filter", "posts_via_house.body !~ 'zebra'"},
		{"a comment on a hidden post", tk.ResidentA1, users, "filter", "id = '" + manager + "' && comments_via_author.body !~ 'zebra'"},
		{"who has reported a post", tk.ResidentA1, users, "filter", "reports_via_reporter.id = ''"},
		{"whether my post was reported", tk.ResidentA1, posts, "filter", "reports_via_post.id = ''"},
		{"another house's check-in notes", tk.ManagerB, users, "filter", "checkins_via_user.note !~ 'zebra'"},
		{"another house's board, two steps away", tk.ResidentB, users, "filter", "posts_via_author.comments_via_post.body != ''"},
		{"a sort through a back-relation", tk.ResidentA1, users, "sort", "-posts_via_author.created"},
		{"spelled in capitals", tk.ResidentA1, users, "filter", "posts_VIA_author.body != ''"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			status, body := r.send(c.actor, http.MethodGet, c.path+"?"+c.param+"="+url.QueryEscape(c.expr), "")
			if status != http.StatusBadRequest || !strings.Contains(body, "look through related records") {
				t.Errorf("%d %s, want 400 refusing the back-relation", status, body)
			}
		})
	}

	// What the web app does still works: plain filters, and expanding
	// back-relations (which applies each record's own view rule).
	for _, c := range []struct{ name, actor, path string }{
		{"the board's first page", tk.ResidentA1, posts + "?skipTotal=1&sort=-pinned,-created&expand=" +
			url.QueryEscape("author,reactions_via_post,comments_via_post.author") + "&filter=" + url.QueryEscape("house='"+w.HouseA+"'")},
		{"a superuser's back-relation filter", tk.Superuser, users + "?filter=" + url.QueryEscape("posts_via_author.body != ''")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if status, body := r.send(c.actor, http.MethodGet, c.path, ""); status != http.StatusOK {
				t.Errorf("%d %s, want 200", status, body)
			}
		})
	}

	// Realtime subscriptions take the same filters in their options.
	filtered := "posts/*?options=" + url.QueryEscape(`{"query":{"filter":"author.posts_via_author.body !~ 'zebra'"}}`)
	if status, _ := tk.TrySubscribe(t, r.srv.URL, w.People[tk.ResidentA1].Token, filtered); status != http.StatusBadRequest {
		t.Errorf("a realtime subscription filtering through a back-relation answered %d, want 400", status)
	}
	plain := "posts/*?options=" + url.QueryEscape(`{"query":{"filter":"kind = 'share'"}}`)
	if status, _ := tk.TrySubscribe(t, r.srv.URL, w.People[tk.ResidentA1].Token, plain); status != http.StatusNoContent {
		t.Errorf("a plain realtime filter answered %d, want 204", status)
	}
}
