package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	neturl "net/url"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

const checkinsURL = "/api/collections/checkins/records"

// checkinBody is a check-in of house A by the actor.
func checkinBody(w *tk.World, actor, kind string, extra map[string]any) map[string]any {
	b := map[string]any{"house": w.HouseA, "user": w.People[actor].ID, "kind": kind}
	if kind == "daily" {
		b["mood"], b["craving"] = 4, 1
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

// checkinStamped checks the day and lateness the server gave the check-in
// in the answer.
func checkinStamped(day string, late bool) func(t testing.TB, app core.App, body []byte) {
	return func(t testing.TB, app core.App, body []byte) {
		var got struct {
			Day  string `json:"day"`
			Late bool   `json:"late"`
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Day != day || got.Late != late {
			t.Errorf("day %q late %v, want %q %v", got.Day, got.Late, day, late)
		}
	}
}

// existingCheckin is a check-in made earlier.
func existingCheckin(actor, kind, day string) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		w := tk.Seeded(t)
		data := map[string]any{"house": w.HouseA, "user": w.People[actor].ID, "kind": kind, "day": day}
		if kind == "daily" {
			data["mood"], data["craving"] = 3, 0
		}
		saveOrFail(t, app, "checkins", data)
	}
}

func la(s string) time.Time {
	loc, _ := time.LoadLocation("America/Los_Angeles")
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return t
}

// TestCheckinsCreate is the lateness table and the rules of a new
// check-in, as the API answers them. House A is in Los Angeles with a
// 23:00 curfew; house B has none.
func TestCheckinsCreate(t *testing.T) {
	w := tk.Seeded(t)
	weekendCurfew := setRecord("houses", w.HouseA, map[string]any{"curfew_weekend": "00:30"})
	cases := []pinnedCase{
		{name: "a daily check-in is stamped with the house-local day", actor: tk.ResidentA1, at: la("2026-11-23 10:30"),
			body: checkinBody(w, tk.ResidentA1, "daily", nil), status: 200, check: checkinStamped("2026-11-23", false)},
		{name: "a daily check-in at 23:50 belongs to that day, not to UTC's", actor: tk.ResidentA1, at: la("2026-11-23 23:50"),
			body: checkinBody(w, tk.ResidentA1, "daily", nil), status: 200, check: checkinStamped("2026-11-23", false)},
		{name: "the day and lateness a client sends are ignored", actor: tk.ResidentA1, at: la("2026-11-23 10:30"),
			body: checkinBody(w, tk.ResidentA1, "daily", map[string]any{"day": "2020-01-01", "late": true}), status: 200,
			check: checkinStamped("2026-11-23", false)},
		{name: "a second daily check-in the same day is refused kindly", actor: tk.ResidentA1, at: la("2026-11-23 18:00"),
			prepare: existingCheckin(tk.ResidentA1, "daily", "2026-11-23"),
			body:    checkinBody(w, tk.ResidentA1, "daily", nil), status: 400,
			content: []string{`"validation_already_checked_in"`, "already checked in today"}, unchanged: []string{"checkins"}},
		{name: "a second daily check-in with another fault is still told it is a second one", actor: tk.ResidentA1, at: la("2026-11-23 18:00"),
			prepare: existingCheckin(tk.ResidentA1, "daily", "2026-11-23"),
			body:    checkinBody(w, tk.ResidentA1, "daily", map[string]any{"mood": 6}), status: 400,
			content: []string{`"validation_already_checked_in"`, "already checked in today"}, unchanged: []string{"checkins"}},
		{name: "yesterday's check-in does not block today's", actor: tk.ResidentA1, at: la("2026-11-23 08:00"),
			prepare: existingCheckin(tk.ResidentA1, "daily", "2026-11-21"),
			body:    checkinBody(w, tk.ResidentA1, "daily", nil), status: 200, check: checkinStamped("2026-11-23", false)},
		{name: "a daily check-in needs a mood", actor: tk.ResidentA1, body: checkinBody(w, tk.ResidentA1, "daily", map[string]any{"mood": nil}),
			status: 400, content: []string{`"validation_mood_required"`, "Pick the face"}, unchanged: []string{"checkins"}},
		{name: "a daily check-in needs a craving, 0 allowed", actor: tk.ResidentA1,
			body:   map[string]any{"house": w.HouseA, "user": w.People[tk.ResidentA1].ID, "kind": "daily", "mood": 2},
			status: 400, content: []string{`"validation_craving_required"`}, unchanged: []string{"checkins"}},
		{name: "a craving of 0 is fine", actor: tk.ResidentA1, body: checkinBody(w, tk.ResidentA1, "daily", map[string]any{"craving": 0}),
			status: 200, content: []string{`"craving":0`}},
		{name: "a mood of 6 is refused", actor: tk.ResidentA1, body: checkinBody(w, tk.ResidentA1, "daily", map[string]any{"mood": 6}),
			status: 400, content: []string{`"mood":`}, unchanged: []string{"checkins"}},
		{name: "nobody checks in for someone else", actor: tk.ResidentA2, body: checkinBody(w, tk.ResidentA1, "daily", nil),
			status: 400, unchanged: []string{"checkins"}},
		{name: "a manager does not check in as a resident", actor: tk.ManagerA, body: checkinBody(w, tk.ManagerA, "daily", nil),
			status: 400, unchanged: []string{"checkins"}},
		{name: "a resident away on a pass may still check in daily", actor: tk.AwayA, body: checkinBody(w, tk.AwayA, "daily", nil),
			status: 200, check: checkinStamped("2026-11-23", false)},

		// Curfew: a night runs from noon to noon.
		{name: "home at 22:30 on a Monday: on time", actor: tk.ResidentA1, at: la("2026-11-23 22:30"),
			body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-11-23", false)},
		{name: "home at 23:00 exactly: on time", actor: tk.ResidentA1, at: la("2026-11-23 23:00"),
			body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-11-23", false)},
		{name: "home at 23:20: late", actor: tk.ResidentA1, at: la("2026-11-23 23:20"),
			body: checkinBody(w, tk.ResidentA1, "curfew", map[string]any{"late": false}), status: 200, check: checkinStamped("2026-11-23", true)},
		{name: "home at 00:40 after midnight: late, for Monday's night", actor: tk.ResidentA1, at: la("2026-11-24 00:40"),
			body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-11-23", true)},
		{name: "Friday night with a 00:30 weekend curfew: 00:15 is on time", actor: tk.ResidentA1, at: la("2026-11-28 00:15"),
			prepare: weekendCurfew, body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-11-27", false)},
		{name: "Friday night with a 00:30 weekend curfew: 00:45 is late", actor: tk.ResidentA1, at: la("2026-11-28 00:45"),
			prepare: weekendCurfew, body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-11-27", true)},
		{name: "Sunday night keeps the weekday curfew", actor: tk.ResidentA1, at: la("2026-11-29 23:45"),
			prepare: weekendCurfew, body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-11-29", true)},
		{name: "the night the clocks fall back: 00:30 PDT is before a 01:30 weekend curfew", actor: tk.ResidentA1,
			at: utc("2026-11-01T07:30:00Z"), prepare: setRecord("houses", w.HouseA, map[string]any{"curfew_weekend": "01:30"}),
			body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-10-31", false)},
		{name: "the night the clocks fall back: the second 01:15 (PST) is after the first 01:30", actor: tk.ResidentA1,
			at: utc("2026-11-01T09:15:00Z"), prepare: setRecord("houses", w.HouseA, map[string]any{"curfew_weekend": "01:30"}),
			body: checkinBody(w, tk.ResidentA1, "curfew", nil), status: 200, check: checkinStamped("2026-10-31", true)},
		{name: "a house in New York, a server in UTC: B has no curfew, never late", actor: tk.ResidentB, at: utc("2026-11-24T05:30:00Z"),
			body:   map[string]any{"house": w.HouseB, "user": w.People[tk.ResidentB].ID, "kind": "curfew"},
			status: 200, check: checkinStamped("2026-11-23", false)},
		{name: "New York's curfew is read in New York", actor: tk.ResidentB, at: utc("2026-11-24T04:30:00Z"), // 23:30 EST
			prepare: setRecord("houses", w.HouseB, map[string]any{"curfew": "23:00"}),
			body:    map[string]any{"house": w.HouseB, "user": w.People[tk.ResidentB].ID, "kind": "curfew"},
			status:  200, check: checkinStamped("2026-11-23", true)},
		{name: "a second curfew check-in the same night is refused", actor: tk.ResidentA1, at: la("2026-11-24 01:00"),
			prepare: existingCheckin(tk.ResidentA1, "curfew", "2026-11-23"),
			body:    checkinBody(w, tk.ResidentA1, "curfew", nil), status: 400,
			content: []string{`"validation_already_checked_in"`, "already checked in as home tonight"}, unchanged: []string{"checkins"}},
		{name: "a resident away on a pass has no curfew", actor: tk.AwayA, at: la("2026-11-23 22:00"),
			body: checkinBody(w, tk.AwayA, "curfew", nil), status: 400,
			content: []string{`"validation_away_exempt"`, "away on a pass"}, unchanged: []string{"checkins"}},
	}
	for _, c := range cases {
		c.url = checkinsURL
		t.Run(c.name, c.run)
	}
}

// TestCheckinsAreImmutable: nobody but a superuser changes or removes a
// check-in, not even its author or a manager.
func TestCheckinsAreImmutable(t *testing.T) {
	w := tk.Seeded(t)
	url := checkinsURL + "/" + w.CheckinA1
	cases := []pinnedCase{
		{name: "the author edits it", actor: tk.ResidentA1, method: http.MethodPatch, url: url, body: map[string]any{"mood": 5}, status: 403, unchanged: []string{"checkins"}},
		{name: "a manager edits it", actor: tk.ManagerA, method: http.MethodPatch, url: url, body: map[string]any{"late": true}, status: 403, unchanged: []string{"checkins"}},
		{name: "the author deletes it", actor: tk.ResidentA1, method: http.MethodDelete, url: url, status: 403, unchanged: []string{"checkins"}},
		{name: "a manager deletes it", actor: tk.ManagerA, method: http.MethodDelete, url: url, status: 403, unchanged: []string{"checkins"}},
		{name: "a superuser corrects it", actor: tk.Superuser, method: http.MethodPatch, url: url, body: map[string]any{"note": "fixed"}, status: 200, content: []string{`"note":"fixed"`}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestPartnerSeesCheckinsAndMeetings: a resident's partner sees their
// check-ins and meetings because the resident chose them, and the access
// ends the moment the choice changes or either moves out.
func TestPartnerSeesCheckinsAndMeetings(t *testing.T) {
	w := tk.Seeded(t)
	a1, a2 := w.People[tk.ResidentA1], w.People[tk.ResidentA2]
	choose := func(partner string) func(t testing.TB, app core.App) {
		return setRecord("memberships", a1.Membership, map[string]any{"partner": partner})
	}
	both := func(steps ...func(t testing.TB, app core.App)) func(t testing.TB, app core.App) {
		return func(t testing.TB, app core.App) {
			for _, s := range steps {
				s(t, app)
			}
		}
	}
	checkin := checkinsURL + "/" + w.CheckinA1
	meeting := "/api/collections/meetings/records/" + w.MeetingA1
	list := checkinsURL + "?skipTotal=1&filter=" + neturl.QueryEscape(fmt.Sprintf("house='%s' && user='%s'", w.HouseA, a1.ID))
	cases := []pinnedCase{
		{name: "A1 chose A2: A2 sees A1's check-in", actor: tk.ResidentA2, method: "GET", url: checkin, prepare: choose(a2.ID),
			status: 200, content: []string{w.CheckinA1, "Good talk with my sponsor"}},
		{name: "A1 chose A2: A2 lists A1's check-ins", actor: tk.ResidentA2, method: "GET", url: list, prepare: choose(a2.ID),
			status: 200, content: []string{w.CheckinA1}},
		{name: "A1 chose A2: A2 sees A1's meeting", actor: tk.ResidentA2, method: "GET", url: meeting, prepare: choose(a2.ID),
			status: 200, content: []string{w.MeetingA1}},
		{name: "A1 chose nobody: A2 does not", actor: tk.ResidentA2, method: "GET", url: checkin, status: 404},
		{name: "A2 choosing A1 gives A2 nothing of A1's", actor: tk.ResidentA2, method: "GET", url: checkin,
			prepare: setRecord("memberships", a2.Membership, map[string]any{"partner": a1.ID}), status: 404},
		{name: "A1 changed partner to awayA: A2's access ends", actor: tk.ResidentA2, method: "GET", url: checkin,
			prepare: both(choose(a2.ID), choose(w.People[tk.AwayA].ID)), status: 404},
		{name: "A1 changed partner to awayA: awayA sees it", actor: tk.AwayA, method: "GET", url: checkin,
			prepare: both(choose(a2.ID), choose(w.People[tk.AwayA].ID)), status: 200, content: []string{w.CheckinA1}},
		{name: "A1 moved out: A2's access ends", actor: tk.ResidentA2, method: "GET", url: checkin,
			prepare: both(choose(a2.ID), setRecord("memberships", a1.Membership, map[string]any{"status": "alumni"})), status: 404},
		{name: "A2 moved out: A2's access ends", actor: tk.ResidentA2, method: "GET", url: meeting,
			prepare: both(choose(a2.ID), setRecord("memberships", a2.Membership, map[string]any{"status": "discharged"})), status: 404},
		{name: "the partner cannot write A1's check-in", actor: tk.ResidentA2, url: checkinsURL, prepare: choose(a2.ID),
			body: checkinBody(w, tk.ResidentA1, "daily", nil), status: 400, unchanged: []string{"checkins"}},
		{name: "the partner cannot verify A1's meeting", actor: tk.ResidentA2, method: http.MethodPatch, url: meeting,
			prepare: choose(a2.ID), body: map[string]any{"verified_by": a2.ID}, status: 404, unchanged: []string{"meetings"}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestTodayRoute is the resident's day in one request.
func TestTodayRoute(t *testing.T) {
	w := tk.Seeded(t)
	at := la("2026-11-23 19:00") // Monday evening
	cases := []pinnedCase{
		{name: "anonymous", actor: tk.Anonymous, method: "GET", url: "/api/hearth/today", status: 401},
		{name: "someone with no house", actor: tk.Newcomer, method: "GET", url: "/api/hearth/today", status: 404},
		{name: "a house that is not theirs", actor: tk.ResidentA1, method: "GET", url: "/api/hearth/today?house=" + w.HouseB, status: 404},
		{name: "A1's day before checking in", actor: tk.ResidentA1, at: at, method: "GET", url: "/api/hearth/today", status: 200,
			prepare: existingCheckin(tk.ResidentA1, "daily", "2026-11-21"), // and the 22nd is seeded
			content: []string{`"house":"` + w.HouseA + `"`, `"house_name":"Cedar House"`, `"date":"2026-11-23"`,
				`"daily":null`, `"curfew":null`, `"streak":2`, `"deadline":"21:00"`, `"night":"2026-11-23"`, `"curfew_at":"23:00"`,
				`"meetings":{"done":0,"expected":3,"from":"2026-11-23","to":"2026-11-29"}`,
				`"events":[{"id":"` + w.EventA + `","title":"House meeting","kind":"house_meeting","starts":"2026-11-27 03:00:00.000Z","ends":"2026-11-27 04:00:00.000Z","location":"Living room","required":true,"series":"","rsvp":"yes","attended":false}]`}},
		{name: "A1's day after checking in, with last week's meeting not counted", actor: tk.ResidentA1, at: at, method: "GET",
			url: "/api/hearth/today", status: 200, prepare: existingCheckin(tk.ResidentA1, "daily", "2026-11-23"),
			content: []string{`"streak":2`, `"mood":3`, `"kind":"daily"`, `"done":0`}},
		{name: "A2's open chore of today is listed", actor: tk.ResidentA2, at: at, method: "GET", url: "/api/hearth/today", status: 200,
			content: []string{w.AssignmentA2, `"title":"Kitchen"`, `"needs_photo":true`, `"status":"open"`}},
		{name: "residentB's day is in New York", actor: tk.ResidentB, at: utc("2026-11-24T04:30:00Z"), method: "GET",
			url: "/api/hearth/today", status: 200, content: []string{`"date":"2026-11-23"`, `"curfew_at":""`}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestHouseStatusRoute is the manager's board.
func TestHouseStatusRoute(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/status"
	at := la("2026-11-23 23:30")
	cases := []pinnedCase{
		{name: "anonymous", actor: tk.Anonymous, method: "GET", url: url, status: 401},
		{name: "a resident", actor: tk.ResidentA1, method: "GET", url: url, status: 404},
		{name: "another house's manager", actor: tk.ManagerB, method: "GET", url: url, status: 404},
		{name: "the manager at 23:30", actor: tk.ManagerA, at: at, method: "GET", url: url, status: 200,
			prepare: func(t testing.TB, app core.App) {
				existingCheckin(tk.ResidentA1, "daily", "2026-11-23")(t, app)
				saveOrFail(t, app, "checkins", map[string]any{"house": w.HouseA, "user": w.People[tk.ResidentA1].ID,
					"kind": "curfew", "day": "2026-11-23", "late": true})
			},
			content: []string{`"date":"2026-11-23"`, `"night":"2026-11-23"`, `"curfew_at":"23:00"`,
				`"user":"` + w.People[tk.ResidentA2].ID + `","name":"` + nameOf(t, tk.ResidentA2) + `","status":"active","mood":null,"craving":null,"daily_checkin":null,"curfew_checkin":null,"late":false,"chores_open":1`,
				`"status":"away"`, `"late":true`, `"mood":3`},
			hidden: []string{w.People[tk.ManagerA].ID, w.People[tk.AlumnusA].ID}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}

// TestTodayAndStatusQueriesAreBounded counts the SQL each route runs in a
// small house and in one with 30 more residents, each with check-ins,
// chores, an event of the week and RSVPs: the counts are the same, and
// what they were (today: 7 before the events, plus one for the events with
// the requester's answers; status: 6 before the open support posts, 7
// before the passes waiting for a decision).
func TestTodayAndStatusQueriesAreBounded(t *testing.T) {
	w := tk.Seeded(t)
	at := func(tb testing.TB) *tests.TestApp {
		return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(la("2026-11-23 19:00")))
	}
	count := func(t *testing.T, actor, url string, grow bool) int {
		return countQueries(t, w.Headers(actor), url, at, func(t testing.TB, app *tests.TestApp) {
			if grow {
				growHouseA(t, app, 30)
			}
		})
	}
	for _, r := range []struct {
		actor, url string
		want       int
	}{
		{tk.ResidentA1, "/api/hearth/today", 8},
		{tk.ManagerA, "/api/hearth/houses/" + w.HouseA + "/status", 8},
	} {
		small, big := count(t, r.actor, r.url, false), count(t, r.actor, r.url, true)
		t.Logf("%s: %d queries in a house of 3 residents, %d with 30 more", r.url, small, big)
		if small != r.want || big != r.want {
			t.Errorf("%s: %d queries, then %d with 30 more residents; want %d both times", r.url, small, big, r.want)
		}
	}
}

// growHouseA adds residents to house A, each with a week of check-ins and
// a chore assignment of today.
func growHouseA(tb testing.TB, app core.App, n int) {
	tb.Helper()
	w := tk.Seeded(tb)
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range n {
			uid := fmt.Sprintf("growuser%07d", i)
			q := []struct {
				sql    string
				params dbx.Params
			}{
				{"INSERT INTO users (id, email, tokenKey, password, name) VALUES ({:id}, {:email}, {:id}, 'x', {:id})",
					dbx.Params{"id": uid, "email": uid + "@example.com"}},
				{"INSERT INTO memberships (id, house, user, role, status) VALUES ({:id}, {:house}, {:user}, 'resident', 'active')",
					dbx.Params{"id": fmt.Sprintf("growmemb%07d", i), "house": w.HouseA, "user": uid}},
				{"INSERT INTO chore_assignments (id, chore, house, assignee, due, status, points) VALUES ({:id}, {:chore}, {:house}, {:user}, {:due}, 'open', 1)",
					dbx.Params{"id": fmt.Sprintf("growasgn%07d", i), "chore": w.ChoreA, "house": w.HouseA, "user": uid,
						"due": fmt.Sprintf("2026-11-23 18:%02d:00.000Z", i)}},
			}
			// An event of the week each, and an answer to the seeded
			// house meeting.
			q = append(q, []struct {
				sql    string
				params dbx.Params
			}{
				{"INSERT INTO events (id, house, title, kind, starts, ends, series) VALUES ({:id}, {:house}, 'Walk', 'social', {:starts}, {:ends}, '')",
					dbx.Params{"id": fmt.Sprintf("growevnt%07d", i), "house": w.HouseA,
						"starts": fmt.Sprintf("2026-11-25 %02d:%02d:00.000Z", i%24, i%60), "ends": "2026-11-26 23:00:00.000Z"}},
				{"INSERT INTO rsvps (id, event, user, status) VALUES ({:id}, {:event}, {:user}, 'maybe')",
					dbx.Params{"id": fmt.Sprintf("growrsvp%07d", i), "event": w.EventA, "user": uid}},
			}...)
			for d := range 7 {
				q = append(q, struct {
					sql    string
					params dbx.Params
				}{"INSERT INTO checkins (id, user, house, kind, mood, craving, day) VALUES ({:id}, {:user}, {:house}, 'daily', 3, 0, {:day})",
					dbx.Params{"id": fmt.Sprintf("growchk%04d%03d", i, d), "user": uid, "house": w.HouseA, "day": fmt.Sprintf("2026-11-%02d", 17+d)}})
			}
			for _, s := range q {
				if _, err := tx.DB().NewQuery(s.sql).Bind(s.params).Execute(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func nameOf(tb testing.TB, actor string) string {
	app := tk.NewApp(tb)
	defer app.Cleanup()
	u, err := app.FindRecordById("users", tk.Seeded(tb).People[actor].ID)
	if err != nil {
		tb.Fatal(err)
	}
	return u.GetString("name")
}

// TestMeetingsLog: a resident logs meetings that have happened, never
// verifies their own, and a manager's only change is to verify.
func TestMeetingsLog(t *testing.T) {
	w := tk.Seeded(t)
	a1, mgr := w.People[tk.ResidentA1], w.People[tk.ManagerA]
	list := "/api/collections/meetings/records"
	one := list + "/" + w.MeetingA1
	verified := setRecord("meetings", w.MeetingA1, map[string]any{"verified_by": mgr.ID})
	body := func(date string, extra map[string]any) map[string]any {
		b := map[string]any{"house": w.HouseA, "user": a1.ID, "date": date, "program": "na", "name": "Just for Today", "format": "online"}
		for k, v := range extra {
			b[k] = v
		}
		return b
	}
	cases := []pinnedCase{
		{name: "today's meeting, late evening in Los Angeles", actor: tk.ResidentA1, at: la("2026-11-23 23:30"), url: list,
			body: body("2026-11-23", nil), status: 200, content: []string{`"program":"na"`, `"verified_by":""`}},
		{name: "tomorrow's meeting is refused", actor: tk.ResidentA1, at: la("2026-11-23 23:30"), url: list,
			body: body("2026-11-24", nil), status: 400, content: []string{`"validation_date_in_future"`, "once it has happened"},
			unchanged: []string{"meetings"}},
		{name: "a resident cannot verify their own on create", actor: tk.ResidentA1, url: list,
			body: body("2026-11-22", map[string]any{"verified_by": a1.ID}), status: 200, content: []string{`"verified_by":""`}},
		{name: "a resident cannot verify their own on update", actor: tk.ResidentA1, method: http.MethodPatch, url: one,
			body: map[string]any{"verified_by": a1.ID}, status: 403, unchanged: []string{"meetings"}},
		{name: "the resident corrects an unverified meeting", actor: tk.ResidentA1, method: http.MethodPatch, url: one,
			body: map[string]any{"name": "Big Book Study"}, status: 200, content: []string{`"name":"Big Book Study"`}},
		{name: "a verified meeting is no longer the resident's to change", actor: tk.ResidentA1, method: http.MethodPatch, url: one,
			prepare: verified, body: map[string]any{"name": "Changed"}, status: 404, unchanged: []string{"meetings"}},
		{name: "a verified meeting is no longer the resident's to delete", actor: tk.ResidentA1, method: http.MethodDelete, url: one,
			prepare: verified, status: 404, unchanged: []string{"meetings"}},
		{name: "the manager verifies it", actor: tk.ManagerA, method: http.MethodPatch, url: one,
			body: map[string]any{"verified_by": mgr.ID}, status: 200, content: []string{`"verified_by":"` + mgr.ID + `"`},
			check: func(t testing.TB, app core.App, _ []byte) {
				if findOrFail(t, app, "meetings", w.MeetingA1).GetDateTime("verified_at").IsZero() {
					t.Error("verified_at not set")
				}
			}},
		{name: "the manager verifies only as themselves", actor: tk.ManagerA, method: http.MethodPatch, url: one,
			body: map[string]any{"verified_by": w.People[tk.ResidentA2].ID}, status: 400,
			content: []string{`"validation_verify_as_yourself"`}, unchanged: []string{"meetings"}},
		{name: "the manager takes a verification back", actor: tk.ManagerA, method: http.MethodPatch, url: one, prepare: verified,
			body: map[string]any{"verified_by": ""}, status: 200, content: []string{`"verified_by":""`, `"verified_at":""`}},
		{name: "the manager does not edit the log", actor: tk.ManagerA, method: http.MethodPatch, url: one,
			body: map[string]any{"date": "2026-11-01"}, status: 403, unchanged: []string{"meetings"}},
		{name: "another house's manager cannot verify", actor: tk.ManagerB, method: http.MethodPatch, url: one,
			body: map[string]any{"verified_by": w.People[tk.ManagerB].ID}, status: 404, unchanged: []string{"meetings"}},
	}
	for _, c := range cases {
		t.Run(c.name, c.run)
	}
}
