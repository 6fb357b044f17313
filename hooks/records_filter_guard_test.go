package hooks_test

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"hearth/hooks"
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
	// Also refused: emails anywhere (PocketBase checks their visibility on
	// its main join only), and paths through a multi-relation (its "every
	// item" subquery applies no rule), found by an attack on the guard.
	chores := "/api/collections/chores/records"
	refusedOther := []struct {
		name, actor, path, param, expr, says string
	}{
		{"hidden emails of a chore's rotation, letter by letter", tk.ResidentA1, chores, "filter", "rotation.email !~ 'jor%'", "email"},
		{"names through a chore's rotation", tk.ResidentA1, chores, "filter", "rotation.name !~ 'a%'", "look inside"},
		{"people ordered by their hidden emails", tk.ResidentA1, users, "sort", "email", "email"},
		{"posts ordered by their authors' emails", tk.ResidentA1, posts, "sort", "-author.email", "email"},
		{"an email filter in capitals", tk.ManagerA, users, "filter", "EMAIL ~ 'a%'", "email"},
	}
	for _, c := range refusedOther {
		t.Run(c.name, func(t *testing.T) {
			status, body := r.send(c.actor, http.MethodGet, c.path+"?"+c.param+"="+url.QueryEscape(c.expr), "")
			if status != http.StatusBadRequest || !strings.Contains(body, c.says) {
				t.Errorf("%d %s, want 400 saying %q", status, body, c.says)
			}
		})
	}
	rotation := "chores/*?options=" + url.QueryEscape(`{"query":{"filter":"rotation.email !~ 'jor%'"}}`)
	if status, _ := tk.TrySubscribe(t, r.srv.URL, w.People[tk.ResidentA1].Token, rotation); status != http.StatusBadRequest {
		t.Errorf("a realtime subscription filtering through a rotation answered %d, want 400", status)
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

// A subscription's options are checked as PocketBase reads them, and
// options PocketBase would read only in part are refused. The first case is
// the attack found by a probe: with a repeated "query" key whose second
// value is not an object, a guard that decoded the options itself failed
// and let them through, while PocketBase kept the first key and applied
// its filter, one bit of another resident's check-in note per event.
func TestSubscriptionOptionsAreReadAsPocketBaseReadsThem(t *testing.T) {
	r := newRaceServer(t, utc("2026-11-24T03:00:00Z"))
	w := r.w
	sub := func(options string) string { return "posts/*?options=" + url.QueryEscape(options) }
	refused := []struct{ name, topic, says string }{
		{"a repeated key whose second value is not an object",
			sub(`{"query":{"filter":"house.checkins_via_house.note !~ \"daughter\""},"query":1}`), "could not be read"},
		{"a repeated key whose second value is harmless",
			sub(`{"query":{"filter":"house.checkins_via_house.note != ''"},"query":{"filter":"kind = 'share'"}}`), "could not be read"},
		{"a repeated filter inside the query",
			sub(`{"query":{"filter":"house.checkins_via_house.note != ''","filter":"kind = 'share'"}}`), "could not be read"},
		{"malformed JSON after a readable query",
			sub(`{"query":{"filter":"house.checkins_via_house.note != ''"},`), "could not be read"},
		{"trailing garbage after the object",
			sub(`{"query":{"filter":"house.checkins_via_house.note != ''"}} x`), "could not be read"},
		{"invalid UTF-8 in the options",
			sub("{\"query\":{\"filter\":\"kind = '\xff'\"}}"), "could not be read"},
		{"two options parameters",
			sub(`{"query":{"filter":"house.checkins_via_house.note != ''"}}`) + "&options=" + url.QueryEscape(`{}`), "could not be read"},
		{"a topic that is not a URL", "posts/*?options=%zz\x7f", "could not be read"},
		{"a back-relation spelled with JSON escapes",
			sub(`{"query":{"filter":"house.checkins\u005fvia\u005fhouse.note != ''"}}`), "look through related records"},
		{"a back-relation through another house",
			sub(`{"query":{"filter":"house.memberships_via_house.user.memberships_via_user.house.checkins_via_house.note != ''"}}`), "look through related records"},
		{"a back-relation in a record topic", "posts/" + w.PostA + "?options=" +
			url.QueryEscape(`{"query":{"filter":"house.checkins_via_house.note != ''"}}`), "look through related records"},
		{"a back-relation on another collection", "memberships/*?options=" +
			url.QueryEscape(`{"query":{"filter":"user.checkins_via_user.note != ''"}}`), "look through related records"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			status, _ := tk.TrySubscribe(t, r.srv.URL, w.People[tk.ResidentA1].Token, c.topic)
			if status != http.StatusBadRequest {
				t.Errorf("answered %d, want 400", status)
			}
		})
	}
	if _, err := hooks.SubscriptionQuery(refused[0].topic); err == nil {
		t.Errorf("a repeated key was read")
	}

	accepted := []struct{ name, topic string }{
		{"no options", "posts/*"},
		{"a plain filter", sub(`{"query":{"filter":"kind = 'share'"}}`)},
		{"an expand and headers", sub(`{"query":{"expand":"author"},"headers":{"x-note":"1"}}`)},
		{"a nested value PocketBase reads as empty", sub(`{"query":{"filter":{"x":"house.checkins_via_house.note"}}}`)},
	}
	for _, c := range accepted {
		t.Run(c.name, func(t *testing.T) {
			if status, _ := tk.TrySubscribe(t, r.srv.URL, w.People[tk.ResidentA1].Token, c.topic); status != http.StatusNoContent {
				t.Errorf("answered %d, want 204", status)
			}
		})
	}
	// A superuser's options are PocketBase's to judge.
	if status, _ := tk.TrySubscribe(t, r.srv.URL, w.People[tk.Superuser].Token, refused[1].topic); status != http.StatusNoContent {
		t.Errorf("a superuser's subscription answered %d, want 204", status)
	}
}

// subscriptionQuery reads what PocketBase's subscriptions client reads:
// the guard checks the very values PocketBase applies.
func TestSubscriptionQueryMatchesPocketBase(t *testing.T) {
	for _, c := range []struct {
		topic string
		want  map[string]string
	}{
		{"posts/*", map[string]string{}},
		{`posts/*?options={"query":{"filter":"a = 1","page":2}}`, map[string]string{"filter": "a = 1", "page": "2"}},
		{`posts/*?options={"query":{"filter":{"x":"y"}}}`, map[string]string{"filter": ""}},
		{`posts/*?options={"QUERY":{"filter":"a = 1"}}`, map[string]string{}},
	} {
		got, err := hooks.SubscriptionQuery(c.topic)
		if err != nil {
			t.Errorf("%s: %v", c.topic, err)
			continue
		}
		client := subscriptions.NewDefaultClient()
		client.Subscribe(c.topic)
		pb := client.Subscriptions()[c.topic].Query
		if !maps.Equal(got, pb) || !maps.Equal(got, c.want) {
			t.Errorf("%s: guard reads %v, PocketBase %v, want %v", c.topic, got, pb, c.want)
		}
	}
}
