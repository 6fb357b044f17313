package pb_migrations_test

import (
	"testing"

	tk "hearth/testkit"
)

// TestMembershipsFirstDayBackfill: the places that existed before the
// first-day guide are not new: their guide is done from the day they were
// made, and nobody has read rules they were never shown.
func TestMembershipsFirstDayBackfill(t *testing.T) {
	m := migration(t, "1763900040_memberships_first_day.go")
	app := tk.NewApp(t)
	defer app.Cleanup()
	if err := m.Down(app); err != nil {
		t.Fatal(err)
	}
	if err := m.Up(app); err != nil {
		t.Fatal(err)
	}
	places, err := app.FindAllRecords("memberships")
	if err != nil || len(places) == 0 {
		t.Fatalf("memberships: %d, %v", len(places), err)
	}
	for _, p := range places {
		if got, want := p.GetDateTime("guide_done_at").String(), p.GetDateTime("created").String(); got != want {
			t.Errorf("membership %s: guide_done_at %q, want its created %q", p.Id, got, want)
		}
		if got := p.GetString("rules_read_at"); got != "" {
			t.Errorf("membership %s: rules_read_at %q, want none", p.Id, got)
		}
	}
}
