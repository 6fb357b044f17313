package demo_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/demo"
	"hearth/domain"
	"hearth/hooks"
	_ "hearth/pb_migrations"
)

// seedNow is the pinned "now" of the demo: 05:30 UTC on March 15th is still
// March 14th in Sacramento, so a demo counted from the UTC day would be a
// day off.
var seedNow = time.Date(2026, 3, 15, 5, 30, 0, 0, time.UTC)

// newDemoApp is an empty Hearth data directory with every hook registered.
func newDemoApp(t *testing.T) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := hooks.Register(app, hooks.Config{}); err != nil {
		t.Fatal(err)
	}
	return app
}

// seeded is an app with the demo in it, and what Seed said.
func seeded(t *testing.T) (*tests.TestApp, *demo.Result) {
	t.Helper()
	app := newDemoApp(t)
	res, err := demo.Seed(app, seedNow)
	if err != nil {
		t.Fatalf("Seed: %v", err)
	}
	return app, res
}

// counts are the number of records of each collection the demo writes.
func counts(t *testing.T, app core.App) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, c := range []string{"houses", "users", "memberships", "notifications", "chores", "chore_assignments", "chore_days"} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = n
	}
	return out
}

// TestSeed seeds one empty data directory and checks what the demo holds,
// then seeds it again.
func TestSeed(t *testing.T) {
	app, res := seeded(t)
	t.Run("Maple House and its people", func(t *testing.T) { checkMapleHouse(t, app, res) })
	t.Run("days counted from the house-local day", func(t *testing.T) { checkDaysSober(t, app) })
	t.Run("every account signs in", func(t *testing.T) { checkSignIn(t, app, res) })
	t.Run("two weeks of chores", func(t *testing.T) { checkChores(t, app, res) })
	t.Run("a second run adds nothing", func(t *testing.T) { checkSeedTwice(t, app) })
}

func checkMapleHouse(t *testing.T, app core.App, res *demo.Result) {
	house, err := app.FindFirstRecordByData("houses", "name", "Maple House")
	if err != nil {
		t.Fatalf("no Maple House: %v", err)
	}
	if res.HouseID != house.Id {
		t.Errorf("Result.HouseID = %q, want %q", res.HouseID, house.Id)
	}
	if res.Added == 0 {
		t.Error("Result.Added = 0 on an empty data directory")
	}
	for field, want := range map[string]string{"timezone": "America/Los_Angeles", "capacity": "8", "curfew": "23:00"} {
		if got := fmt.Sprint(house.Get(field)); got != want {
			t.Errorf("house %s = %q, want %q", field, got, want)
		}
	}

	memberships, err := app.FindAllRecords("memberships", dbx.HashExp{"house": house.Id})
	if err != nil {
		t.Fatal(err)
	}
	var managers, residents, alumni int
	sharing, private := 0, 0
	for _, m := range memberships {
		switch {
		case m.GetString("role") == hooks.RoleManager && m.GetString("status") == hooks.StatusActive:
			managers++
		case m.GetString("role") == hooks.RoleResident &&
			(m.GetString("status") == hooks.StatusActive || m.GetString("status") == hooks.StatusAway):
			residents++
		case m.GetString("status") == hooks.StatusAlumni:
			alumni++
		}
		u, err := app.FindRecordById("users", m.GetString("user"))
		if err != nil {
			t.Fatal(err)
		}
		if u.GetBool("share_sobriety") {
			sharing++
		} else {
			private++
		}
	}
	cases := []struct {
		name      string
		got, want int
		atLeast   bool
	}{
		{"managers", managers, 1, false},
		{"residents", residents, 6, true},
		{"alumni", alumni, 1, false},
		{"people sharing their sobriety date", sharing, 1, true},
		{"people keeping it private", private, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got < c.want || (!c.atLeast && c.got != c.want) {
				t.Errorf("%s = %d, want %s%d", c.name, c.got, map[bool]string{true: "at least ", false: ""}[c.atLeast], c.want)
			}
		})
	}
	if len(res.Accounts) != len(memberships) {
		t.Errorf("Result.Accounts lists %d people, the house has %d memberships", len(res.Accounts), len(memberships))
	}
}

func checkDaysSober(t *testing.T, app core.App) {
	loc, err := domain.LoadTimezone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	today := domain.LocalDate(seedNow, loc)
	if today != "2026-03-14" {
		t.Fatalf("house-local day of the pinned now = %s, want 2026-03-14", today)
	}
	cases := []struct {
		email string
		days  int
	}{
		{"alex@maple.example", 95},
		{"jordan@maple.example", 41},
		{"morgan@maple.example", 6},
	}
	for _, c := range cases {
		t.Run(c.email, func(t *testing.T) {
			u, err := app.FindAuthRecordByEmail("users", c.email)
			if err != nil {
				t.Fatal(err)
			}
			date := u.GetString("sobriety_date")
			days, ok := domain.DaysSober(date, today)
			if !ok || days != c.days {
				t.Errorf("sobriety date %q gives %d days sober on %s (ok=%v), want %d", date, days, today, ok, c.days)
			}
		})
	}
}

func checkSeedTwice(t *testing.T, app core.App) {
	before := counts(t, app)

	// A day later, as someone running `hearth demo` again would.
	res, err := demo.Seed(app, seedNow.Add(24*time.Hour))
	if err != nil {
		t.Fatalf("second Seed: %v", err)
	}
	if res.Added != 0 {
		t.Errorf("second Seed added %d records, want 0", res.Added)
	}
	after := counts(t, app)
	for c, n := range before {
		if after[c] != n {
			t.Errorf("%s: %d records after the second Seed, %d before", c, after[c], n)
		}
	}
}

func checkSignIn(t *testing.T, app core.App, res *demo.Result) {
	if len(res.Accounts) == 0 {
		t.Fatal("Seed listed no accounts")
	}
	for _, a := range res.Accounts {
		t.Run(a.Email, func(t *testing.T) {
			u, err := app.FindAuthRecordByEmail("users", a.Email)
			if err != nil {
				t.Fatalf("no account: %v", err)
			}
			if !u.ValidatePassword(demo.Password) {
				t.Errorf("%s does not accept demo.Password", a.Email)
			}
		})
	}
}

// checkChores: the demo's chores were assigned by the real rotation over
// two weeks (nobody away or not yet moved in got one) and settled, with
// today's open and yesterday's waiting for review.
func checkChores(t *testing.T, app core.App, res *demo.Result) {
	days, err := app.CountRecords("chore_days", dbx.HashExp{"house": res.HouseID})
	if err != nil || days != 14 {
		t.Errorf("%d generated days (%v), want 14", days, err)
	}
	all, err := app.FindRecordsByFilter("chore_assignments", "house = {:h}", "due", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil || len(all) < 30 {
		t.Fatalf("%d assignments (%v), want two weeks' worth", len(all), err)
	}
	byStatus := map[string]int{}
	for _, a := range all {
		byStatus[a.GetString("status")]++
		u, err := app.FindRecordById("users", a.GetString("assignee"))
		if err != nil {
			t.Fatal(err)
		}
		due := a.GetDateTime("due").Time()
		switch u.GetString("email") {
		case "casey@maple.example":
			t.Errorf("%s has a chore due %v while away", u.GetString("name"), due)
		case "morgan@maple.example":
			if due.Before(seedNow.AddDate(0, 0, -5)) {
				t.Errorf("Morgan has a chore due %v, before moving in", due)
			}
		case "manager@maple.example", "chris@maple.example":
			t.Errorf("%s has a chore", u.GetString("name"))
		}
	}
	for _, s := range []string{"open", "done", "approved", "rejected", "missed"} {
		if byStatus[s] == 0 {
			t.Errorf("no %s assignment in the demo: %v", s, byStatus)
		}
	}
}
