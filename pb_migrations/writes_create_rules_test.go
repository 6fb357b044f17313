package pb_migrations_test

import (
	"strings"
	"testing"

	tk "hearth/testkit"
)

// TestWritesCreateRules: since 1763900100 the check-ins' and posts' create
// rules read the requester's membership through @collection.memberships
// joined on the requester, never through the back-relation, and going
// down restores the rules of 1763900006 and 1763900090 word for word.
// That they let exactly the same people write is
// hooks/writes_rules_test.go's; that SQLite reads the memberships through
// their index, TestWritesCreateRulesUseIndex's there.
func TestWritesCreateRules(t *testing.T) {
	m := migration(t, "1763900100_writes_create_rules.go")
	app := tk.NewApp(t)
	defer app.Cleanup()
	rules := func() map[string]string {
		out := map[string]string{}
		for _, name := range []string{"checkins", "posts"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				t.Fatal(err)
			}
			out[name] = *c.CreateRule
		}
		return out
	}
	up := rules()
	for name, rule := range up {
		if strings.Contains(rule, "memberships_via_user") {
			t.Errorf("%s: the create rule still names the back-relation:\n%s", name, rule)
		}
		if !strings.Contains(rule, "@collection.memberships.user ?= @request.auth.id") {
			t.Errorf("%s: the create rule does not join the memberships on the requester:\n%s", name, rule)
		}
	}
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	down := rules()
	wantDown := map[string]string{
		"checkins": "((@request.auth.id != '' && @request.body.user = @request.auth.id) && (@request.auth.id != '' && " +
			"@request.auth.memberships_via_user.house ?= house && @request.auth.memberships_via_user.role ?= 'resident' && " +
			"(@request.auth.memberships_via_user.status ?= 'active' || @request.auth.memberships_via_user.status ?= 'away')))",
		"posts": "((@request.auth.id != '' && author = @request.auth.id) && (((kind = 'share' || kind = 'win' || kind = 'support') && " +
			"(@request.auth.id != '' && @request.auth.memberships_via_user.house ?= house && " +
			"(@request.auth.memberships_via_user.status ?= 'active' || @request.auth.memberships_via_user.status ?= 'away' || " +
			"@request.auth.memberships_via_user.status ?= 'alumni'))) || (kind = 'announcement' && (@request.auth.id != '' && " +
			"@request.auth.memberships_via_user.house ?= house && @request.auth.memberships_via_user.role ?= 'manager' && " +
			"@request.auth.memberships_via_user.status ?= 'active'))))",
	}
	for name, want := range wantDown {
		if down[name] != want {
			t.Errorf("down: %s's create rule\n%s\nwant\n%s", name, down[name], want)
		}
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	for name, rule := range rules() {
		if rule != up[name] {
			t.Errorf("up again: %s's create rule\n%s\nwant\n%s", name, rule, up[name])
		}
	}
}
