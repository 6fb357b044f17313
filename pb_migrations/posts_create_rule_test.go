package pb_migrations_test

import (
	"strings"
	"testing"

	tk "hearth/testkit"
)

// TestPostsCreateRuleOnce: the posts' create rule of 1763900090 names the
// requester's memberships seven times, not eleven, and going down restores
// the rule of 1763900021 word for word. That the rule lets exactly the
// same people post each kind is the access matrix's
// (hooks/access_matrix_test.go). A later migration changes the rule again
// (1763900100): 1763900090's is set first.
func TestPostsCreateRuleOnce(t *testing.T) {
	m := migration(t, "1763900090_posts_create_rule_once.go")
	app := tk.NewApp(t)
	defer app.Cleanup()
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	rule := func() string {
		posts, err := app.FindCollectionByNameOrId("posts")
		if err != nil {
			t.Fatal(err)
		}
		return *posts.CreateRule
	}
	up := rule()
	if n := strings.Count(up, "memberships_via_user"); n != 7 {
		t.Errorf("the create rule names memberships %d times, want 7:\n%s", n, up)
	}
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	down := rule()
	if n := strings.Count(down, "memberships_via_user"); n != 11 {
		t.Errorf("down: the create rule names memberships %d times, want 11 (1763900021's):\n%s", n, down)
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	if rule() != up {
		t.Errorf("up again: %s\nwant %s", rule(), up)
	}
}
