package hooks_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"hearth/hooks"
	tk "hearth/testkit"
)

// Many chores with long titles that nobody can take still make the day:
// the managers' notification is shortened to fit, never refused.
func TestGenerateChoresUnassignedLongTitles(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	long := strings.Repeat("Scrub the back porch and the steps down to the garden ", 2)[:100]
	for i := range 4 {
		addChore(t, app, fmt.Sprintf("%s %d", long, i), "10:00", map[string]any{"rotation": []string{w.People[tk.AwayA].ID}})
	}
	res, err := hooks.GenerateChores(app, w.HouseA, utc("2026-11-25T16:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unassigned) != 4 || res.Assigned != 1 {
		t.Fatalf("assigned %d, unassigned %d; want the kitchen assigned and 4 not", res.Assigned, len(res.Unassigned))
	}
	n, err := app.FindFirstRecordByFilter("notifications", "user = {:u} && kind = 'chore_unassigned'",
		dbx.Params{"u": w.People[tk.ManagerA].ID})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.GetString("title"); got != "Nobody could take 4 chores today" {
		t.Errorf("title %q", got)
	}
	if body := n.GetString("body"); !strings.Contains(body, long+" 3") {
		t.Errorf("body %q does not list the chores", body)
	}
}
