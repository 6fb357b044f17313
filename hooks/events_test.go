package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// The seeded events: EventA is house A's required house meeting on
// Thursday 26 November 2026, 19:00–20:00 in Los Angeles (03:00Z on the
// 27th); residentA1 answered "yes". EventB is house B's. The tests' "now"
// is Monday 23 November, 19:00 in Los Angeles, unless they say otherwise.

const (
	eventsURL = "/api/collections/events/records"
	rsvpsURL  = "/api/collections/rsvps/records"
)

var eventsNow = la("2026-11-23 19:00")

// eventBody is an event of house A; extra fields replace or add to it.
func eventBody(w *tk.World, extra map[string]any) map[string]any {
	b := map[string]any{"house": w.HouseA, "title": "Movie night", "kind": "social",
		"starts": "2026-11-28 03:00:00.000Z", "ends": "2026-11-28 05:00:00.000Z"}
	for k, v := range extra {
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
	return b
}

// answerID is the id in a JSON answer.
func answerID(t testing.TB, body []byte) string {
	t.Helper()
	var got struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &got); err != nil || got.ID == "" {
		t.Fatalf("no id in %s (%v)", body, err)
	}
	return got.ID
}

// seriesOf is the series' occurrences, earliest first.
func seriesOf(t testing.TB, app core.App, series string) []*core.Record {
	t.Helper()
	records, err := app.FindRecordsByFilter("events", "series = {:s}", "starts", 0, 0, dbx.Params{"s": series})
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// localClock is an event's start as "Mon 2026-11-30 19:00" in Los Angeles.
func localClock(r *core.Record) string {
	loc, _ := time.LoadLocation("America/Los_Angeles")
	return r.GetDateTime("starts").Time().In(loc).Format("Mon 2006-01-02 15:04")
}

// TestEventsWrite: managers write their house's events, in words a
// manager understands when something is off.
func TestEventsWrite(t *testing.T) {
	w := tk.Seeded(t)
	eventA := eventsURL + "/" + w.EventA
	cases := []pinnedCase{
		{name: "a manager schedules a social", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, nil), status: 200,
			content: []string{`"title":"Movie night"`, `"series":""`, `"created_by":"` + w.People[tk.ManagerA].ID + `"`}},
		{name: "without an end it lasts an hour", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, map[string]any{"ends": nil}),
			status: 200, content: []string{`"ends":"2026-11-28 04:00:00.000Z"`}},
		{name: "a client cannot set the series or the author", actor: tk.ManagerA, url: eventsURL,
			body:   eventBody(w, map[string]any{"series": "madeup", "created_by": w.People[tk.ResidentA1].ID}),
			status: 200, content: []string{`"series":""`, `"created_by":"` + w.People[tk.ManagerA].ID + `"`}},
		{name: "an end before the start", actor: tk.ManagerA, url: eventsURL,
			body:   eventBody(w, map[string]any{"ends": "2026-11-28 02:00:00.000Z"}),
			status: 400, content: []string{fieldErrJSON("ends", "validation_ends_before_starts"), "end after it starts"}, unchanged: []string{"events"}},
		{name: "an end equal to the start", actor: tk.ManagerA, url: eventsURL,
			body:   eventBody(w, map[string]any{"ends": "2026-11-28 03:00:00.000Z"}),
			status: 400, content: []string{fieldErrJSON("ends", "validation_ends_before_starts")}, unchanged: []string{"events"}},
		{name: "a blank title", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, map[string]any{"title": "   "}),
			status: 400, content: []string{fieldErrJSON("title", "validation_title_required")}, unchanged: []string{"events"}},
		{name: "a title over 200 characters", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, map[string]any{"title": strings.Repeat("é", 201)}),
			status: 400, content: []string{fieldErrJSON("title", "validation_title_too_long")}, unchanged: []string{"events"}},
		{name: "a title of 200 characters", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, map[string]any{"title": strings.Repeat("é", 200)}),
			status: 200},
		{name: "an unknown kind", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, map[string]any{"kind": "party"}),
			status: 400, content: []string{fieldErrJSON("kind", "validation_invalid_kind"), "a house meeting, a social"}, unchanged: []string{"events"}},
		{name: "no start", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, map[string]any{"starts": nil, "ends": nil}),
			status: 400, content: []string{fieldErrJSON("starts", "validation_starts_required")}, unchanged: []string{"events"}},
		{name: "a series that ends before it starts", actor: tk.ManagerA, url: eventsURL,
			body:   eventBody(w, map[string]any{"repeat": "weekly", "repeat_until": "2026-11-20"}),
			status: 400, content: []string{fieldErrJSON("repeat_until", "validation_repeat_until_before_starts")}, unchanged: []string{"events"}},
		{name: "a resident does not schedule", actor: tk.ResidentA1, url: eventsURL, body: eventBody(w, nil), status: 400, unchanged: []string{"events"}},
		{name: "another house's manager does not schedule here", actor: tk.ManagerB, url: eventsURL, body: eventBody(w, nil), status: 400, unchanged: []string{"events"}},
		{name: "an event does not move to another house", actor: tk.ManagerA, method: http.MethodPatch, url: eventA,
			body: map[string]any{"house": w.HouseB}, status: 404, unchanged: []string{"events"}},
		{name: "a manager moves the meeting", actor: tk.ManagerA, method: http.MethodPatch, url: eventA,
			body:   map[string]any{"starts": "2026-11-27 03:30:00.000Z", "ends": "2026-11-27 04:30:00.000Z"},
			status: 200, content: []string{`"starts":"2026-11-27 03:30:00.000Z"`}},
		{name: "a move that ends before it starts", actor: tk.ManagerA, method: http.MethodPatch, url: eventA,
			body: map[string]any{"starts": "2026-11-27 05:00:00.000Z"}, status: 400,
			content: []string{fieldErrJSON("ends", "validation_ends_before_starts")}, unchanged: []string{"events"}},
		{name: "a manager cancels it, and its answers go with it", actor: tk.ManagerA, method: http.MethodDelete, url: eventA, status: 204,
			check: func(t testing.TB, app core.App, _ []byte) {
				if _, err := app.FindRecordById("rsvps", w.RsvpA1); err == nil {
					t.Error("the answer to a deleted event is still there")
				}
			}},
	}
	for _, c := range cases {
		c.at = eventsNow
		t.Run(c.name, c.run)
	}
}

// TestRequiredMeetingNotifies: a new required house meeting tells the
// house once (a weekly series too), not its author, not people who left;
// other events tell nobody.
func TestRequiredMeetingNotifies(t *testing.T) {
	w := tk.Seeded(t)
	expect := func(want map[string]int) func(t testing.TB, app core.App, body []byte) {
		return func(t testing.TB, app core.App, body []byte) {
			for actor, n := range want {
				got, err := app.CountRecords("notifications", dbx.HashExp{"user": w.People[actor].ID, "kind": "event"})
				if err != nil {
					t.Fatal(err)
				}
				if int(got) != n {
					t.Errorf("%s has %d event notifications, want %d", actor, got, n)
				}
			}
		}
	}
	meeting := map[string]any{"kind": "house_meeting", "required": true, "title": "House meeting", "location": "Living room"}
	weekly := map[string]any{"kind": "house_meeting", "required": true, "title": "House meeting", "repeat": "weekly"}
	cases := []pinnedCase{
		{name: "a required house meeting", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, meeting), status: 200,
			check: expect(map[string]int{tk.ResidentA1: 1, tk.ResidentA2: 1, tk.AwayA: 1, tk.ManagerA: 0, tk.AlumnusA: 0, tk.DischargedA: 0, tk.ResidentB: 0})},
		{name: "a weekly required house meeting: once, not once a week", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, weekly), status: 200,
			check: expect(map[string]int{tk.ResidentA1: 1, tk.ResidentA2: 1})},
		{name: "a house meeting that is not required", actor: tk.ManagerA, url: eventsURL,
			body: eventBody(w, map[string]any{"kind": "house_meeting"}), status: 200, check: expect(map[string]int{tk.ResidentA1: 0})},
		{name: "a social", actor: tk.ManagerA, url: eventsURL, body: eventBody(w, nil), status: 200, check: expect(map[string]int{tk.ResidentA1: 0})},
		{name: "a past meeting entered to take attendance", actor: tk.ManagerA, url: eventsURL,
			body:   eventBody(w, map[string]any{"kind": "house_meeting", "required": true, "starts": "2026-11-20 03:00:00.000Z", "ends": "2026-11-20 04:00:00.000Z"}),
			status: 200, check: expect(map[string]int{tk.ResidentA1: 0})},
	}
	for _, c := range cases {
		c.at = eventsNow
		t.Run(c.name, c.run)
	}
	// The words.
	c := pinnedCase{name: "what it says", actor: tk.ManagerA, at: eventsNow, url: eventsURL, body: eventBody(w, meeting), status: 200,
		check: func(t testing.TB, app core.App, _ []byte) {
			n, err := app.FindFirstRecordByFilter("notifications", "user = {:u} && kind = 'event'", dbx.Params{"u": w.People[tk.ResidentA1].ID})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := n.GetString("title"), "House meeting: House meeting"; got != want {
				t.Errorf("title %q, want %q", got, want)
			}
			if got, want := n.GetString("body"), "Friday, November 27 at 7:00 PM, Living room. Everyone in the house comes to this one; if you can't make it, please let a manager know."; got != want {
				t.Errorf("body %q, want %q", got, want)
			}
		}}
	t.Run(c.name, c.run)
}

// eventsServer is a served app whose clock reads at, for scenarios of
// several requests.
type eventsServer struct {
	app *tests.TestApp
	url string
	w   *tk.World
}

func newEventsServer(t *testing.T, at time.Time) *eventsServer {
	t.Helper()
	app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(at))
	t.Cleanup(app.Cleanup)
	return &eventsServer{app: app, url: tk.Serve(t, app).URL, w: tk.Seeded(t)}
}

// do sends one request as the actor and returns the answer's status and
// body.
func (s *eventsServer) do(t *testing.T, actor, method, path string, body map[string]any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bodyJSON(t, body)
	}
	req, err := http.NewRequest(method, s.url+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if actor != tk.Anonymous {
		req.Header.Set("Authorization", s.w.People[actor].Token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}

// must is do that fails the test on any other status than want.
func (s *eventsServer) must(t *testing.T, want int, actor, method, path string, body map[string]any) []byte {
	t.Helper()
	status, b := s.do(t, actor, method, path, body)
	if status != want {
		t.Fatalf("%s %s as %s: %d %s, want %d", method, path, actor, status, b, want)
	}
	return b
}

// days lists the occurrences' starts in Los Angeles.
func days(occ []*core.Record) string {
	var out []string
	for _, o := range occ {
		out = append(out, localClock(o))
	}
	return strings.Join(out, ", ")
}

// TestWeeklySeries: a weekly event is stored as one event per week for 12
// weeks, at the same house-local time across the change of the clocks,
// extended by the daily sweep, never twice; a cancelled week stays
// cancelled; moving the series' end removes or brings back weeks.
func TestWeeklySeries(t *testing.T) {
	w := tk.Seeded(t)
	// Monday 30 November, 19:00–20:30 in Los Angeles.
	weekly := eventBody(w, map[string]any{"kind": "house_meeting", "title": "Monday meeting", "repeat": "weekly",
		"starts": "2026-12-01 03:00:00.000Z", "ends": "2026-12-01 04:30:00.000Z"})

	t.Run("creating it makes twelve weeks of Mondays at 19:00", func(t *testing.T) {
		s := newEventsServer(t, eventsNow)
		id := answerID(t, s.must(t, 200, tk.ManagerA, http.MethodPost, eventsURL, weekly))
		occ := seriesOf(t, s.app, id)
		// 30 November, then every Monday through 15 February: 12 weeks after now.
		if len(occ) != 12 || occ[0].Id != id || localClock(occ[11]) != "Mon 2027-02-15 19:00" {
			t.Fatalf("occurrences %s; want 12, from the one created to 15 February", days(occ))
		}
		for _, o := range occ {
			if !strings.HasPrefix(localClock(o), "Mon ") || !strings.HasSuffix(localClock(o), " 19:00") {
				t.Errorf("occurrence at %s, want Mondays at 19:00", localClock(o))
			}
			if d := o.GetDateTime("ends").Time().Sub(o.GetDateTime("starts").Time()); d != 90*time.Minute {
				t.Errorf("occurrence %s lasts %v", localClock(o), d)
			}
			if o.GetString("title") != "Monday meeting" || o.GetString("series") != id || o.GetString("created_by") != w.People[tk.ManagerA].ID {
				t.Errorf("occurrence %s: %v", localClock(o), o.FieldsData())
			}
		}
		// Residents see each week, and answer each week on its own.
		s.must(t, 200, tk.ResidentA1, http.MethodPost, rsvpsURL, map[string]any{"event": occ[3].Id, "user": w.People[tk.ResidentA1].ID, "status": "no"})
		s.must(t, 200, tk.ResidentA1, http.MethodPost, rsvpsURL, map[string]any{"event": occ[4].Id, "user": w.People[tk.ResidentA1].ID, "status": "yes"})
	})

	t.Run("the sweep extends it across the March change, once a day, and a cancelled week stays cancelled", func(t *testing.T) {
		s := newEventsServer(t, eventsNow)
		id := answerID(t, s.must(t, 200, tk.ManagerA, http.MethodPost, eventsURL, weekly))
		occ := seriesOf(t, s.app, id)
		s.must(t, 204, tk.ManagerA, http.MethodDelete, eventsURL+"/"+occ[11].Id, nil) // no meeting on 15 February

		sweepAt := func(at time.Time) {
			hooks.NewScheduler(s.app, clockwork.NewFakeClockAt(at)).Sweep(t.Context())
		}
		sweepAt(la("2026-11-24 09:00"))
		if n := len(seriesOf(t, s.app, id)); n != 11 {
			t.Errorf("%d occurrences the next day, want 11: the cancelled week stays cancelled", n)
		}
		// The machine was off until 1 March: the weeks from then up to 12
		// weeks ahead, at 19:00 after the clocks change on 14 March 2027;
		// not the past ones, nor 15 February. Twice: the second sweep that
		// day does nothing.
		sweepAt(la("2027-03-01 08:00"))
		sweepAt(la("2027-03-01 08:01"))
		if n := jobRunsOf(t, s.app, w.HouseA, "event_series", "2027-03-01"); n != 1 {
			t.Errorf("%d event_series runs on 1 March, want 1", n)
		}
		occ = seriesOf(t, s.app, id)
		all := days(occ)
		for _, o := range occ {
			if !strings.HasSuffix(localClock(o), " 19:00") {
				t.Errorf("occurrence at %s, want 19:00", localClock(o))
			}
		}
		for _, gone := range []string{"2027-02-15", "2027-02-22", "2027-05-24"} {
			if strings.Contains(all, gone) {
				t.Errorf("%s: cancelled, past when the machine came back, or beyond 12 weeks: %s", gone, all)
			}
		}
		for _, want := range []string{"Mon 2027-03-01 19:00", "Mon 2027-03-08 19:00", "Mon 2027-03-15 19:00", "Mon 2027-05-17 19:00"} {
			if !strings.Contains(all, want) {
				t.Errorf("missing %s in %s", want, all)
			}
		}
		// 11 left at first, then 1 March through 17 May.
		if len(occ) != 11+12 {
			t.Errorf("%d occurrences, want 23: %s", len(occ), all)
		}
		if n, err := hooks.ExtendEventSeries(s.app, w.HouseA, la("2027-03-01 10:00")); err != nil || n != 0 {
			t.Errorf("extending again made %d (%v), want 0", n, err)
		}
	})

	t.Run("moving its end removes later weeks and their answers, or brings weeks back", func(t *testing.T) {
		s := newEventsServer(t, eventsNow)
		id := answerID(t, s.must(t, 200, tk.ManagerA, http.MethodPost, eventsURL, weekly))
		occ := seriesOf(t, s.app, id)
		a1 := w.People[tk.ResidentA1].ID
		s.must(t, 200, tk.ResidentA1, http.MethodPost, rsvpsURL, map[string]any{"event": occ[5].Id, "user": a1, "status": "yes"})

		// The last week: 14 December.
		s.must(t, 200, tk.ManagerA, http.MethodPatch, eventsURL+"/"+occ[2].Id, map[string]any{"repeat_until": "2026-12-14 00:00:00.000Z"})
		if occ = seriesOf(t, s.app, id); len(occ) != 3 || localClock(occ[2]) != "Mon 2026-12-14 19:00" {
			t.Errorf("occurrences %s; want 3, the last on 14 December", days(occ))
		}
		if n, _ := s.app.CountRecords("rsvps", dbx.HashExp{"user": a1}); n != 1 {
			t.Errorf("A1 has %d answers, want 1 (EventA's): a removed week takes its answers", n)
		}
		// A later end, set on the first week, brings weeks back.
		s.must(t, 200, tk.ManagerA, http.MethodPatch, eventsURL+"/"+occ[0].Id, map[string]any{"repeat_until": "2026-12-28 00:00:00.000Z"})
		if occ = seriesOf(t, s.app, id); len(occ) != 5 {
			t.Errorf("occurrences %s after moving the end to 28 December, want 5", days(occ))
		}
		// Stopping it after the second week.
		s.must(t, 200, tk.ManagerA, http.MethodPatch, eventsURL+"/"+occ[1].Id, map[string]any{"repeat": ""})
		if occ = seriesOf(t, s.app, id); len(occ) != 2 {
			t.Errorf("occurrences %s after stopping on the second, want 2", days(occ))
		}
		if n, _ := hooks.ExtendEventSeries(s.app, w.HouseA, la("2026-12-20 09:00")); n != 0 {
			t.Errorf("a stopped series was extended by %d", n)
		}
	})

	t.Run("a one-off event made weekly starts a series", func(t *testing.T) {
		s := newEventsServer(t, eventsNow)
		s.must(t, 200, tk.ManagerA, http.MethodPatch, eventsURL+"/"+w.EventA, map[string]any{"repeat": "weekly"})
		occ := seriesOf(t, s.app, w.EventA)
		if len(occ) != 12 || occ[0].Id != w.EventA || localClock(occ[1]) != "Thu 2026-12-03 19:00" {
			t.Errorf("occurrences %s; want 12 Thursdays from EventA", days(occ))
		}
	})
}

// TestRsvps: members answer for themselves until the event starts;
// managers take attendance once it has started, for anyone in the house.
func TestRsvps(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	answer := func(actor, status string) map[string]any {
		return map[string]any{"event": w.EventA, "user": id(actor), "status": status}
	}
	rsvpA1 := rsvpsURL + "/" + w.RsvpA1
	during := la("2026-11-26 19:30")
	cases := []pinnedCase{
		// Answers, before the meeting.
		{name: "a resident answers yes", actor: tk.ResidentA2, url: rsvpsURL, body: answer(tk.ResidentA2, "yes"), status: 200,
			content: []string{`"status":"yes"`, `"attended":false`}},
		{name: "a resident away on a pass answers maybe", actor: tk.AwayA, url: rsvpsURL, body: answer(tk.AwayA, "maybe"), status: 200},
		{name: "a manager answers for themselves", actor: tk.ManagerA, url: rsvpsURL, body: answer(tk.ManagerA, "yes"), status: 200},
		{name: "an answer needs yes, no or maybe", actor: tk.ResidentA2, url: rsvpsURL, body: answer(tk.ResidentA2, ""), status: 400,
			content: []string{fieldErrJSON("status", "validation_status_required"), "Choose yes, no or maybe."}, unchanged: []string{"rsvps"}},
		{name: "a second answer is refused kindly", actor: tk.ResidentA1, url: rsvpsURL, body: answer(tk.ResidentA1, "no"), status: 400,
			content: []string{fieldErrJSON("user", "validation_already_answered"), "change that one instead"}, unchanged: []string{"rsvps"}},
		{name: "a resident changes their answer", actor: tk.ResidentA1, method: http.MethodPatch, url: rsvpA1,
			body: map[string]any{"status": "no"}, status: 200, content: []string{`"status":"no"`}},
		{name: "nobody answers for a housemate", actor: tk.ResidentA2, url: rsvpsURL, body: answer(tk.ResidentA1, "no"), status: 400, unchanged: []string{"rsvps"}},
		{name: "nobody changes a housemate's answer", actor: tk.ResidentA2, method: http.MethodPatch, url: rsvpA1,
			body: map[string]any{"status": "no"}, status: 404, unchanged: []string{"rsvps"}},
		{name: "a manager does not answer for a resident", actor: tk.ManagerA, url: rsvpsURL, body: answer(tk.ResidentA2, "yes"), status: 400,
			content: []string{fieldErrJSON("status", "validation_not_yours"), "can answer for themselves"}, unchanged: []string{"rsvps"}},
		{name: "a manager does not change a resident's answer", actor: tk.ManagerA, method: http.MethodPatch, url: rsvpA1,
			body: map[string]any{"status": "no"}, status: 403, unchanged: []string{"rsvps"}},
		{name: "another house's resident", actor: tk.ResidentB, url: rsvpsURL, body: answer(tk.ResidentB, "yes"), status: 400, unchanged: []string{"rsvps"}},
		{name: "an alumnus", actor: tk.AlumnusA, url: rsvpsURL, body: answer(tk.AlumnusA, "yes"), status: 400, unchanged: []string{"rsvps"}},
		{name: "an answer stays on its event", actor: tk.ResidentA1, method: http.MethodPatch, url: rsvpA1,
			body: map[string]any{"event": w.EventB}, status: 403, unchanged: []string{"rsvps"}},
		{name: "a resident does not mark their own attendance", actor: tk.ResidentA1, method: http.MethodPatch, url: rsvpA1, at: during,
			body: map[string]any{"attended": true}, status: 403, content: []string{"taken by a house manager"}, unchanged: []string{"rsvps"}},
		{name: "nor on a new answer", actor: tk.ResidentA2, url: rsvpsURL, body: map[string]any{"event": w.EventA, "user": id(tk.ResidentA2), "status": "yes", "attended": true},
			status: 400, content: []string{fieldErrJSON("attended", "validation_managers_only")}, unchanged: []string{"rsvps"}},
		{name: "attendance before the meeting", actor: tk.ManagerA, method: http.MethodPatch, url: rsvpA1,
			body: map[string]any{"attended": true}, status: 400, content: []string{fieldErrJSON("attended", "validation_too_early")}, unchanged: []string{"rsvps"}},

		// Once it has started.
		{name: "answers close when it starts", actor: tk.ResidentA1, method: http.MethodPatch, url: rsvpA1, at: during,
			body: map[string]any{"status": "no"}, status: 400, content: []string{fieldErrJSON("status", "validation_event_started"), "already started"}, unchanged: []string{"rsvps"}},
		{name: "no new answer to a past event", actor: tk.ResidentA2, url: rsvpsURL, at: la("2026-11-27 09:00"), body: answer(tk.ResidentA2, "yes"), status: 400,
			content: []string{fieldErrJSON("status", "validation_event_started")}, unchanged: []string{"rsvps"}},
		{name: "the manager marks A1 present", actor: tk.ManagerA, method: http.MethodPatch, url: rsvpA1, at: during,
			body: map[string]any{"attended": true}, status: 200, content: []string{`"attended":true`, `"status":"yes"`}},
		{name: "the manager marks A2, who never answered, present", actor: tk.ManagerA, url: rsvpsURL, at: during,
			body: map[string]any{"event": w.EventA, "user": id(tk.ResidentA2), "attended": true}, status: 200,
			content: []string{`"attended":true`, `"status":""`}},
		{name: "the manager records A2 as not there", actor: tk.ManagerA, url: rsvpsURL, at: during,
			body: map[string]any{"event": w.EventA, "user": id(tk.ResidentA2), "attended": false}, status: 200, content: []string{`"attended":false`}},
		{name: "not for someone who moved out", actor: tk.ManagerA, url: rsvpsURL, at: during,
			body: map[string]any{"event": w.EventA, "user": id(tk.AlumnusA), "attended": true}, status: 400,
			content: []string{fieldErrJSON("user", "validation_not_housemate")}, unchanged: []string{"rsvps"}},
		{name: "another house's manager takes no attendance here", actor: tk.ManagerB, method: http.MethodPatch, url: rsvpA1, at: during,
			body: map[string]any{"attended": true}, status: 404, unchanged: []string{"rsvps"}},
		{name: "nobody but a superuser deletes an answer", actor: tk.ResidentA1, method: http.MethodDelete, url: rsvpA1, status: 403, unchanged: []string{"rsvps"}},
	}
	for _, c := range cases {
		if c.at.IsZero() {
			c.at = eventsNow
		}
		t.Run(c.name, c.run)
	}
}

// TestTodayEvents: the home screen's events are the house's coming week,
// each with the requester's own answer.
func TestTodayEvents(t *testing.T) {
	w := tk.Seeded(t)
	today := "/api/hearth/today"
	past := func(t testing.TB, app core.App) {
		saveOrFail(t, app, "events", map[string]any{"house": w.HouseA, "title": "Earlier today", "kind": "social",
			"starts": la("2026-11-23 10:00"), "ends": la("2026-11-23 11:00")})
		saveOrFail(t, app, "events", map[string]any{"house": w.HouseA, "title": "Going on now", "kind": "service",
			"starts": la("2026-11-23 18:00"), "ends": la("2026-11-23 21:00")})
		saveOrFail(t, app, "events", map[string]any{"house": w.HouseA, "title": "Next month", "kind": "social",
			"starts": la("2026-12-24 18:00"), "ends": la("2026-12-24 21:00")})
	}
	cases := []pinnedCase{
		{name: "A1 sees the meeting with their yes", actor: tk.ResidentA1, method: http.MethodGet, url: today, status: 200,
			content: []string{`"id":"` + w.EventA + `"`, `"rsvp":"yes"`}, hidden: []string{w.EventB}},
		{name: "A2 sees it without an answer", actor: tk.ResidentA2, method: http.MethodGet, url: today, status: 200,
			content: []string{`"id":"` + w.EventA + `"`, `"rsvp":null`}},
		{name: "only what has not ended, through the next 7 days, earliest first", actor: tk.ResidentA2, method: http.MethodGet, url: today, status: 200,
			prepare: past, content: []string{`"events":[{"id":`, `"title":"Going on now"`, `"title":"House meeting"`},
			hidden: []string{"Earlier today", "Next month"}},
		{name: "a week later the meeting is over", actor: tk.ResidentA1, at: la("2026-11-30 19:00"), method: http.MethodGet, url: today, status: 200,
			content: []string{`"events":[]`}},
		{name: "residentB sees house B's", actor: tk.ResidentB, method: http.MethodGet, url: today, status: 200,
			content: []string{`"id":"` + w.EventB + `"`, `"title":"Bowling night"`}, hidden: []string{w.EventA}},
	}
	for _, c := range cases {
		if c.at.IsZero() {
			c.at = eventsNow
		}
		t.Run(c.name, c.run)
	}
}

// A manager of house A who knows the id of a house B series (whose first
// week was cancelled) cannot join it by creating an event with that id:
// the server names every event, and ending A's series leaves B's alone.
func TestEventSeriesStayInTheirHouse(t *testing.T) {
	s := newEventsServer(t, eventsNow)
	w := s.w
	weeklyB := map[string]any{"house": w.HouseB, "title": "B meeting", "kind": "house_meeting", "repeat": "weekly",
		"starts": "2026-12-01 00:00:00.000Z", "ends": "2026-12-01 01:00:00.000Z"}
	idB := answerID(t, s.must(t, 200, tk.ManagerB, http.MethodPost, eventsURL, weeklyB))
	s.must(t, 204, tk.ManagerB, http.MethodDelete, eventsURL+"/"+idB, nil) // the first week cancelled
	weeksB := len(seriesOf(t, s.app, idB))

	idA := answerID(t, s.must(t, 200, tk.ManagerA, http.MethodPost, eventsURL, eventBody(w, map[string]any{"id": idB, "repeat": "weekly",
		"starts": "2026-11-30 03:00:00.000Z", "ends": "2026-11-30 04:00:00.000Z"})))
	if idA == idB {
		t.Fatalf("the event took the id its creator chose, house B's series %s", idB)
	}
	s.must(t, 200, tk.ManagerA, http.MethodPatch, eventsURL+"/"+idA, map[string]any{"repeat": ""})
	if got := len(seriesOf(t, s.app, idB)); got != weeksB || weeksB == 0 {
		t.Errorf("house B's series has %d weeks after house A's manager ended theirs, want %d", got, weeksB)
	}
}
