package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestSummarizeWeek: on Monday from 08:00 in the house's zone (not
// before), the house's managers, and nobody else, get one summary of the
// week before, with its figures and the week before that, once; a Spanish
// manager reads it in Spanish; a house without managers sends nothing.
func TestSummarizeWeek(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	// Two daily check-ins in the week of Monday 23 November.
	jobCheckIn(t, app, id(tk.ResidentA1), w.HouseA, "daily", "2026-11-24")
	jobCheckIn(t, app, id(tk.ResidentA2), w.HouseA, "daily", "2026-11-25")

	// Monday 30 November, 07:59 and 08:00 in Los Angeles (15:59 and 16:00 UTC).
	if n := run(t, hooks.SummarizeWeek, app, w.HouseA, utc("2026-11-30T15:59:00Z")); n != 0 {
		t.Fatalf("weekly summary sent to %d at 07:59", n)
	}
	if n := run(t, hooks.SummarizeWeek, app, w.HouseA, utc("2026-11-30T16:00:00Z")); n != 1 {
		t.Fatalf("weekly summary sent to %d at 08:00, want the manager", n)
	}
	if n := run(t, hooks.SummarizeWeek, app, w.HouseA, utc("2026-12-02T16:00:00Z")); n != 0 {
		t.Errorf("weekly summary sent again to %d on Wednesday", n)
	}
	got := kindFor(t, app, id(tk.ManagerA), "weekly_summary", "")
	if len(got) != 1 {
		t.Fatalf("the manager has %d weekly summaries, want 1", len(got))
	}
	title, body := got[0].GetString("title"), got[0].GetString("body")
	if !strings.HasPrefix(title, "The week of November 23: 2 of ") || got[0].GetString("link") != "/manage/reports" ||
		!strings.Contains(body, "The week before: 1 of 20 check-ins, 1 meeting, ") {
		t.Errorf("weekly summary %q: %q linking to %q", title, body, got[0].GetString("link"))
	}
	for _, actor := range []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.AlumnusA, tk.ManagerB} {
		wantCount(t, app, actor, id(actor), "weekly_summary", "", 0)
	}

	// The next Monday, for a Spanish manager.
	setRecord("users", id(tk.ManagerA), map[string]any{"language": "es"})(t, app)
	if n := run(t, hooks.SummarizeWeek, app, w.HouseA, utc("2026-12-07T16:00:00Z")); n != 1 {
		t.Fatalf("the next week's summary went to %d", n)
	}
	rec, err := app.FindFirstRecordByFilter("notifications", "user = {:u} && kind = 'weekly_summary' && params.from = '2026-11-30'",
		dbx.Params{"u": id(tk.ManagerA)})
	if err != nil {
		t.Fatal(err)
	}
	if es, _ := hooks.RenderNotification(rec, "es", false); !strings.HasPrefix(es, "La semana del 30 de noviembre: 0 de ") {
		t.Errorf("in Spanish: %q", es)
	}
}
