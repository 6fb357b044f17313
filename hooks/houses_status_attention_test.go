package hooks_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

// supportPostAt adds a need-support post by actor in house, written at
// the instant at (the server's clock writes created; the test moves it).
func supportPostAt(actor, house string, at time.Time) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		w := tk.Seeded(t)
		if house == "" {
			house = w.HouseA
		}
		p := saveOrFail(t, app, "posts", map[string]any{"house": house, "author": w.People[actor].ID,
			"kind": "support", "body": "Having a hard night."})
		_, err := app.DB().NewQuery("UPDATE posts SET created = {:at} WHERE id = {:id}").
			Bind(dbx.Params{"at": at.UTC().Format("2006-01-02 15:04:05.000Z"), "id": p.Id}).Execute()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// dailyCheckin adds actor's daily check-in of day in house A.
func dailyCheckin(actor, day string, mood, craving int) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		w := tk.Seeded(t)
		saveOrFail(t, app, "checkins", map[string]any{"house": w.HouseA, "user": w.People[actor].ID,
			"kind": "daily", "day": day, "mood": mood, "craving": craving})
	}
}

func all(steps ...func(t testing.TB, app core.App)) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		for _, s := range steps {
			s(t, app)
		}
	}
}

// TestHouseStatusAttention: who needs a manager now, on the manager's
// board, for each reason, most urgent first (docs/API.md).
func TestHouseStatusAttention(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/status"
	a1, a2 := w.People[tk.ResidentA1].ID, w.People[tk.ResidentA2].ID
	evening, late := la("2026-11-23 19:00"), la("2026-11-23 23:30")
	item := func(user, name string, reasons string) string {
		return `{"user":"` + user + `","name":"` + name + `","reasons":[` + reasons + `]}`
	}
	threshold := func(n int) func(t testing.TB, app core.App) {
		return func(t testing.TB, app core.App) {
			house, err := app.FindRecordById("houses", w.HouseA)
			if err != nil {
				t.Fatal(err)
			}
			house.Set("support_craving", n)
			if err := app.Save(house); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []pinnedCase{
		{name: "nobody before the deadline", actor: tk.ManagerA, at: evening, method: "GET", url: url, status: 200,
			content: []string{`"attention":[]`, `"support_craving":7`, `"status":"active","mood":null,"craving":null,"daily_checkin":null`}},
		{name: "23:30: a support post, a very low check-in, not home, no check-in", actor: tk.ManagerA, at: late,
			method: "GET", url: url, status: 200,
			prepare: all(dailyCheckin(tk.ResidentA1, "2026-11-23", 1, 2), existingCheckin(tk.ResidentA1, "curfew", "2026-11-23"),
				supportPostAt(tk.ResidentA2, "", late.Add(-time.Hour))),
			content: []string{
				`"attention":[{"user":"` + a2 + `","name":"residentA2","reasons":["support_open","not_home","missed_checkin"],"post":"`,
				`"},` + item(a1, "residentA1", `"low_checkin"`) + `]`,
				`"status":"active","mood":1,"craving":2,"daily_checkin"`},
			check: func(t testing.TB, app core.App, body []byte) {
				var res struct {
					Attention []struct{ User, Post string } `json:"attention"`
				}
				if err := json.Unmarshal(body, &res); err != nil || len(res.Attention) == 0 {
					t.Fatalf("attention: %v in %s", err, body)
				}
				post, err := app.FindFirstRecordByFilter("posts", "kind = 'support'")
				if err != nil {
					t.Fatal(err)
				}
				if res.Attention[0].Post != post.Id {
					t.Errorf("attention names post %q, want the support post %q", res.Attention[0].Post, post.Id)
				}
			}},
		{name: "a craving at the house's support_craving", actor: tk.ManagerA, at: evening, method: "GET", url: url, status: 200,
			prepare: all(threshold(5), dailyCheckin(tk.ResidentA1, "2026-11-23", 4, 5)),
			content: []string{`"support_craving":5`, `"attention":[` + item(a1, "residentA1", `"low_checkin"`) + `]`}},
		{name: "a craving under it", actor: tk.ManagerA, at: evening, method: "GET", url: url, status: 200,
			prepare: all(threshold(5), dailyCheckin(tk.ResidentA1, "2026-11-23", 4, 4)),
			content: []string{`"attention":[]`, `"mood":4,"craving":4`}},
		{name: "the default: craving 7 asks, 6 does not", actor: tk.ManagerA, at: evening, method: "GET", url: url, status: 200,
			prepare: all(dailyCheckin(tk.ResidentA1, "2026-11-23", 4, 7), dailyCheckin(tk.ResidentA2, "2026-11-23", 4, 6)),
			content: []string{`"attention":[` + item(a1, "residentA1", `"low_checkin"`) + `]`}},
		{name: "a support post over a day old, and another house's, do not count", actor: tk.ManagerA, at: evening,
			method: "GET", url: url, status: 200,
			prepare: all(supportPostAt(tk.ResidentA2, "", evening.Add(-25*time.Hour)),
				supportPostAt(tk.ResidentB, w.HouseB, evening.Add(-time.Hour))),
			content: []string{`"attention":[]`}},
		{name: "a resolved support post leaves it", actor: tk.ManagerA, at: evening, method: "GET", url: url, status: 200,
			prepare: all(supportPostAt(tk.ResidentA2, "", evening.Add(-time.Hour)), func(t testing.TB, app core.App) {
				if _, err := app.DB().NewQuery("UPDATE posts SET resolved = TRUE WHERE kind = 'support'").Execute(); err != nil {
					t.Fatal(err)
				}
			}),
			content: []string{`"attention":[]`}},
		{name: "a chore missed today", actor: tk.ManagerA, at: evening, method: "GET", url: url, status: 200,
			prepare: func(t testing.TB, app core.App) {
				if _, err := app.DB().NewQuery("UPDATE chore_assignments SET status = 'missed' WHERE id = {:id}").
					Bind(dbx.Params{"id": w.AssignmentA2}).Execute(); err != nil {
					t.Fatal(err)
				}
			},
			content: []string{`"attention":[` + item(a2, "residentA2", `"chore_missed"`) + `]`}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestHouseStatusPrivacy: the board with today's moods and cravings is
// the managers' of the house, nobody else's, even a resident's partner.
func TestHouseStatusPrivacy(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/status"
	late := la("2026-11-23 23:30")
	low := all(dailyCheckin(tk.ResidentA2, "2026-11-23", 1, 9), func(t testing.TB, app core.App) {
		// residentA1 is residentA2's partner.
		m, err := app.FindFirstRecordByFilter("memberships", "house = {:h} && user = {:u}",
			dbx.Params{"h": w.HouseA, "u": w.People[tk.ResidentA2].ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.DB().NewQuery("UPDATE memberships SET partner = {:p} WHERE id = {:id}").
			Bind(dbx.Params{"p": w.People[tk.ResidentA1].ID, "id": m.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	})
	hidden := []string{`"attention"`, `"craving"`, `"mood"`, `low_checkin`}
	cases := []pinnedCase{
		{name: "anonymous", actor: tk.Anonymous, at: late, method: "GET", url: url, status: 401, prepare: low, hidden: hidden},
		{name: "the resident's partner", actor: tk.ResidentA1, at: late, method: "GET", url: url, status: 404, prepare: low, hidden: hidden},
		{name: "the resident", actor: tk.ResidentA2, at: late, method: "GET", url: url, status: 404, prepare: low, hidden: hidden},
		{name: "a resident away", actor: tk.AwayA, at: late, method: "GET", url: url, status: 404, prepare: low, hidden: hidden},
		{name: "an alumnus", actor: tk.AlumnusA, at: late, method: "GET", url: url, status: 404, prepare: low, hidden: hidden},
		{name: "another house's manager", actor: tk.ManagerB, at: late, method: "GET", url: url, status: 404, prepare: low, hidden: hidden},
		{name: "the house's manager", actor: tk.ManagerA, at: late, method: "GET", url: url, status: 200, prepare: low,
			content: []string{`"mood":1,"craving":9`, `low_checkin`}},
		{name: "a superuser", actor: tk.Superuser, at: late, method: "GET", url: url, status: 200, prepare: low,
			content: []string{`"mood":1,"craving":9`, `low_checkin`}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}
