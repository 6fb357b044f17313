package hooks_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/hooks"
	tk "hearth/testkit"
)

// The seeded houses: A in Los Angeles (checkin_by 21:00, curfew 23:00, no
// weekend curfew) with residents A1 and A2 active, awayA on a pass, an
// alumnus and a discharged resident; B in New York (default checkin_by
// 21:00, no curfew) with residentB and dischargedA active. Tuesday 24
// November 2026: 20:00 in Los Angeles is 04:00Z on the 25th.

// jobCheckIn stores a check-in as the checkins hooks would have stamped it.
func jobCheckIn(t testing.TB, app core.App, user, house, kind, day string) {
	t.Helper()
	data := map[string]any{"user": user, "house": house, "kind": kind, "day": day}
	if kind == "daily" {
		data["mood"], data["craving"] = 3, 0
	}
	saveOrFail(t, app, "checkins", data)
}

// kindFor lists the person's notifications of the kind whose title holds
// text ("" for any).
func kindFor(t testing.TB, app core.App, user, kind, text string) []*core.Record {
	t.Helper()
	all, err := app.FindAllRecords("notifications", dbx.HashExp{"user": user, "kind": kind})
	if err != nil {
		t.Fatal(err)
	}
	var got []*core.Record
	for _, n := range all {
		if strings.Contains(n.GetString("title"), text) {
			got = append(got, n)
		}
	}
	return got
}

// jobRunsOf counts the ledger's rows for the house, job and day.
func jobRunsOf(t testing.TB, app core.App, house, job, day string) int {
	t.Helper()
	n, err := app.CountRecords("job_runs", dbx.HashExp{"house": house, "job": job, "day": day})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// wantCount fails unless the person has n notifications of the kind whose
// title holds text.
func wantCount(t testing.TB, app core.App, who, user, kind, text string, n int) {
	t.Helper()
	if got := len(kindFor(t, app, user, kind, text)); got != n {
		t.Errorf("%s has %d %s notifications titled %q, want %d", who, got, kind, text, n)
	}
}

// run calls one of the jobs and fails on an error.
func run(t testing.TB, job func(core.App, string, time.Time) (int, error), app core.App, house string, at time.Time) int {
	t.Helper()
	n, err := job(app, house, at)
	if err != nil {
		t.Fatalf("at %s: %v", at.Format(time.RFC3339), err)
	}
	return n
}

// addResident adds an active resident to house A who moved in on the day.
func addResident(t testing.TB, app core.App, name, moveIn string) string {
	t.Helper()
	u := addAccount(t, app, name)
	saveOrFail(t, app, "memberships", map[string]any{
		"house": tk.Seeded(t).HouseA, "user": u.Id, "role": "resident", "status": "active", "move_in": moveIn,
	})
	return u.Id
}

func TestRemindCheckinsAnHourBeforeTheDeadline(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	id := func(actor string) string { return w.People[actor].ID }
	jobCheckIn(t, app, id(tk.ResidentA1), w.HouseA, "daily", "2026-11-24")
	newcomer := addResident(t, app, "newcomerToday", "2026-11-24")
	settled := addResident(t, app, "settledYesterday", "2026-11-23")

	if n := run(t, hooks.RemindCheckins, app, w.HouseA, utc("2026-11-25T03:59:59Z")); n != 0 {
		t.Fatalf("%d reminded at 19:59:59, want none before 20:00", n)
	}
	if n := run(t, hooks.RemindCheckins, app, w.HouseA, utc("2026-11-25T04:00:00Z")); n != 2 {
		t.Fatalf("%d reminded at 20:00, want 2 (A2 and the resident who moved in yesterday)", n)
	}
	for _, again := range []string{"2026-11-25T04:00:00Z", "2026-11-25T04:30:00Z", "2026-11-25T04:59:59Z"} {
		if n := run(t, hooks.RemindCheckins, app, w.HouseA, utc(again)); n != 0 {
			t.Errorf("%d reminded again at %s, want none", n, again)
		}
	}

	wantCount(t, app, "A2", id(tk.ResidentA2), "checkin_reminder", "", 1)
	wantCount(t, app, "the resident who moved in yesterday", settled, "checkin_reminder", "", 1)
	for who, user := range map[string]string{
		"A1, who checked in": id(tk.ResidentA1), "awayA, on a pass": id(tk.AwayA),
		"the resident who moved in today": newcomer, "the manager": id(tk.ManagerA),
		"the alumnus": id(tk.AlumnusA), "the discharged resident": id(tk.DischargedA), "residentB": id(tk.ResidentB),
	} {
		wantCount(t, app, who, user, "checkin_reminder", "", 0)
	}
	n := kindFor(t, app, id(tk.ResidentA2), "checkin_reminder", "")[0]
	if n.GetString("title") != "Time for your check-in" || n.GetString("link") != "/checkin" ||
		!strings.Contains(n.GetString("body"), "before 9:00 PM") {
		t.Errorf("reminder %q / %q / %q, want the gentle one linking to /checkin", n.GetString("title"), n.GetString("body"), n.GetString("link"))
	}
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-24"); got != 1 {
		t.Errorf("%d ledger rows for the reminder, want 1", got)
	}
}

func TestRemindCheckinsNotAfterTheDeadline(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	// The machine was off from 19:00 to 21:05: no reminder that day.
	for _, at := range []string{"2026-11-25T05:00:00Z", "2026-11-25T05:05:00Z", "2026-11-25T07:59:00Z"} {
		if n := run(t, hooks.RemindCheckins, app, w.HouseA, utc(at)); n != 0 {
			t.Errorf("%d reminded at %s, after the deadline", n, at)
		}
	}
	wantCount(t, app, "A2", w.People[tk.ResidentA2].ID, "checkin_reminder", "", 0)
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-24"); got != 0 {
		t.Errorf("%d ledger rows for a reminder never sent, want 0", got)
	}
}

func TestSummarizeCheckinsAtTheDeadline(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	id := func(actor string) string { return w.People[actor].ID }
	jobCheckIn(t, app, id(tk.ResidentA1), w.HouseA, "daily", "2026-11-24")

	if n := run(t, hooks.SummarizeCheckins, app, w.HouseA, utc("2026-11-25T04:59:59Z")); n != 0 {
		t.Fatalf("summary sent to %d at 20:59:59, want none before 21:00", n)
	}
	if n := run(t, hooks.SummarizeCheckins, app, w.HouseA, utc("2026-11-25T05:00:00Z")); n != 1 {
		t.Fatalf("summary sent to %d at 21:00, want the one manager", n)
	}
	if n := run(t, hooks.SummarizeCheckins, app, w.HouseA, utc("2026-11-25T06:00:00Z")); n != 0 {
		t.Errorf("summary sent again to %d at 22:00", n)
	}

	got := kindFor(t, app, id(tk.ManagerA), "checkin_summary", "")
	if len(got) != 1 {
		t.Fatalf("the manager has %d check-in summaries, want 1", len(got))
	}
	title, body := got[0].GetString("title"), got[0].GetString("body")
	if title != "Tuesday's check-ins: 1 resident hasn't checked in" || got[0].GetString("link") != "/manage/today" {
		t.Errorf("summary titled %q linking to %q", title, got[0].GetString("link"))
	}
	if !strings.Contains(body, "residentA2") || strings.Contains(body, "residentA1") || strings.Contains(body, "awayA") ||
		strings.Contains(body, "alumnusA") || strings.Contains(body, "dischargedA") || !strings.Contains(body, "9:00 PM") {
		t.Errorf("summary body %q, want exactly residentA2 listed against 9:00 PM", body)
	}
	for _, actor := range []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA, tk.ManagerB} {
		wantCount(t, app, actor, id(actor), "checkin_summary", "", 0)
	}
}

func TestSummarizeCheckinsAllClear(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	for _, actor := range []string{tk.ResidentA1, tk.ResidentA2} {
		jobCheckIn(t, app, w.People[actor].ID, w.HouseA, "daily", "2026-11-24")
	}
	if n := run(t, hooks.SummarizeCheckins, app, w.HouseA, utc("2026-11-25T05:00:00Z")); n != 1 {
		t.Fatalf("summary sent to %d, want the manager", n)
	}
	got := kindFor(t, app, w.People[tk.ManagerA].ID, "checkin_summary", "")
	if len(got) != 1 || got[0].GetString("title") != "Tuesday's check-ins: everyone checked in" {
		t.Fatalf("summaries %v, want one all-clear", got)
	}
}

func TestSummarizeCheckinsLateAfterTheMachineWasOff(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name string
		at   string // the first run after 21:00 on Tuesday
		sent bool   // whether Tuesday's summary goes out then
	}{
		{"the same evening", "2026-11-25T07:30:00Z", true},              // 23:30
		{"the next morning", "2026-11-25T16:00:00Z", true},              // 08:00 Wednesday
		{"just before the next reminder", "2026-11-26T03:59:00Z", true}, // 19:59 Wednesday
		{"at the next reminder", "2026-11-26T04:00:00Z", false},         // 20:00 Wednesday
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			t.Cleanup(app.Cleanup)
			run(t, hooks.SummarizeCheckins, app, w.HouseA, utc(c.at))
			run(t, hooks.SummarizeCheckins, app, w.HouseA, utc(c.at).Add(time.Minute))
			want := 0
			if c.sent {
				want = 1
			}
			wantCount(t, app, "the manager", w.People[tk.ManagerA].ID, "checkin_summary", "Tuesday's", want)
			if got := jobRunsOf(t, app, w.HouseA, "checkin_summary", "2026-11-24"); got != want {
				t.Errorf("%d ledger rows for Tuesday's summary, want %d", got, want)
			}
		})
	}
}

func TestSummarizeCurfew(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }

	t.Run("a weeknight, 15 minutes after curfew", func(t *testing.T) {
		app := tk.NewApp(t)
		t.Cleanup(app.Cleanup)
		jobCheckIn(t, app, id(tk.ResidentA1), w.HouseA, "curfew", "2026-11-24")
		if n := run(t, hooks.SummarizeCurfew, app, w.HouseA, utc("2026-11-25T07:14:59Z")); n != 0 {
			t.Fatalf("curfew summary sent to %d at 23:14:59", n)
		}
		if n := run(t, hooks.SummarizeCurfew, app, w.HouseA, utc("2026-11-25T07:15:00Z")); n != 1 {
			t.Fatalf("curfew summary sent to %d at 23:15, want the manager", n)
		}
		if n := run(t, hooks.SummarizeCurfew, app, w.HouseA, utc("2026-11-25T10:00:00Z")); n != 0 {
			t.Errorf("curfew summary sent again to %d at 02:00", n)
		}
		got := kindFor(t, app, id(tk.ManagerA), "curfew_summary", "")
		if len(got) != 1 {
			t.Fatalf("the manager has %d curfew summaries, want 1", len(got))
		}
		title, body := got[0].GetString("title"), got[0].GetString("body")
		if title != "Tuesday night: 1 resident hasn't checked in as home" || got[0].GetString("link") != "/manage/today" {
			t.Errorf("curfew summary titled %q linking to %q", title, got[0].GetString("link"))
		}
		if !strings.Contains(body, "residentA2") || strings.Contains(body, "residentA1") || strings.Contains(body, "awayA") ||
			!strings.Contains(body, "11:00 PM") {
			t.Errorf("curfew summary body %q, want residentA2 alone, against 11:00 PM", body)
		}
		for _, actor := range []string{tk.ResidentA1, tk.ResidentA2, tk.AwayA} {
			wantCount(t, app, actor, id(actor), "curfew_summary", "", 0)
		}
	})

	t.Run("a Friday night keeps the weekend curfew", func(t *testing.T) {
		app := tk.NewApp(t)
		t.Cleanup(app.Cleanup)
		setRecord("houses", w.HouseA, map[string]any{"curfew_weekend": "00:30"})(t, app)
		// Friday 27 November: 23:15 is nothing; 00:45 on Saturday is the summary.
		for _, at := range []string{"2026-11-28T07:15:00Z", "2026-11-28T08:44:59Z"} {
			if n := run(t, hooks.SummarizeCurfew, app, w.HouseA, utc(at)); n != 0 {
				t.Errorf("curfew summary sent to %d at %s, before the weekend curfew's", n, at)
			}
		}
		if n := run(t, hooks.SummarizeCurfew, app, w.HouseA, utc("2026-11-28T08:45:00Z")); n != 1 {
			t.Fatalf("curfew summary sent to %d at 00:45, want the manager", n)
		}
		got := kindFor(t, app, id(tk.ManagerA), "curfew_summary", "Friday night")
		if len(got) != 1 || !strings.Contains(got[0].GetString("body"), "12:30 AM") ||
			!strings.Contains(got[0].GetString("body"), "residentA1 and residentA2") {
			t.Errorf("Friday's summaries %v, want one naming A1 and A2 against 12:30 AM", got)
		}
		if got := jobRunsOf(t, app, w.HouseA, "curfew_summary", "2026-11-27"); got != 1 {
			t.Errorf("%d ledger rows for Friday night, want 1", got)
		}
	})

	t.Run("late, until the night ends at noon", func(t *testing.T) {
		app := tk.NewApp(t)
		t.Cleanup(app.Cleanup)
		if n := run(t, hooks.SummarizeCurfew, app, w.HouseA, utc("2026-11-25T19:59:00Z")); n != 1 {
			t.Errorf("summary sent to %d at 11:59 the next day, want it sent late", n)
		}
		other := tk.NewApp(t)
		t.Cleanup(other.Cleanup)
		if n := run(t, hooks.SummarizeCurfew, other, w.HouseA, utc("2026-11-25T20:00:00Z")); n != 0 {
			t.Errorf("summary sent to %d at noon, after the night ended", n)
		}
		if got := jobRunsOf(t, other, w.HouseA, "curfew_summary", "2026-11-24"); got != 0 {
			t.Errorf("%d ledger rows for a night that ended unsummarized, want 0", got)
		}
	})

	t.Run("no curfew, no summary", func(t *testing.T) {
		app := tk.NewApp(t)
		t.Cleanup(app.Cleanup)
		// House B has no curfew.
		for _, at := range []string{"2026-11-25T05:00:00Z", "2026-11-25T10:00:00Z", "2026-11-25T16:59:00Z"} {
			if n := run(t, hooks.SummarizeCurfew, app, w.HouseB, utc(at)); n != 0 {
				t.Errorf("curfew summary sent to %d at %s in a house without curfew", n, at)
			}
		}
	})
}

func TestCheckinJobsKeepEachHousesZone(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	setRecord("houses", w.HouseB, map[string]any{"curfew": "22:00"})(t, app)
	// Monday's summary went out on Monday (else A's would go out late
	// before Tuesday's reminder).
	saveOrFail(t, app, "job_runs", map[string]any{"house": w.HouseA, "job": "checkin_summary", "day": "2026-11-23"})
	steps := []struct {
		at           string
		house        string
		job          func(core.App, string, time.Time) (int, error)
		jobName, day string
		want         int
		what         string
	}{
		{"2026-11-25T01:00:00Z", w.HouseB, hooks.RemindCheckins, "checkin_reminder", "2026-11-24", 2, "20:00 in New York: residentB and dischargedA"},
		{"2026-11-25T01:00:00Z", w.HouseA, hooks.RemindCheckins, "checkin_reminder", "2026-11-24", 0, "17:00 in Los Angeles"},
		{"2026-11-25T02:00:00Z", w.HouseB, hooks.SummarizeCheckins, "checkin_summary", "2026-11-24", 1, "21:00 in New York"},
		{"2026-11-25T02:00:00Z", w.HouseA, hooks.SummarizeCheckins, "checkin_summary", "2026-11-24", 0, "18:00 in Los Angeles"},
		{"2026-11-25T03:15:00Z", w.HouseB, hooks.SummarizeCurfew, "curfew_summary", "2026-11-24", 1, "22:15 in New York"},
		{"2026-11-25T03:15:00Z", w.HouseA, hooks.SummarizeCurfew, "curfew_summary", "2026-11-24", 0, "19:15 in Los Angeles"},
		{"2026-11-25T04:00:00Z", w.HouseA, hooks.RemindCheckins, "checkin_reminder", "2026-11-24", 2, "20:00 in Los Angeles: A1 and A2"},
		{"2026-11-25T04:00:00Z", w.HouseB, hooks.RemindCheckins, "checkin_reminder", "2026-11-24", 0, "23:00 in New York"},
		{"2026-11-25T05:00:00Z", w.HouseA, hooks.SummarizeCheckins, "checkin_summary", "2026-11-24", 1, "21:00 in Los Angeles"},
		{"2026-11-25T07:15:00Z", w.HouseA, hooks.SummarizeCurfew, "curfew_summary", "2026-11-24", 1, "23:15 in Los Angeles"},
	}
	for _, s := range steps {
		if n := run(t, s.job, app, s.house, utc(s.at)); n != s.want {
			t.Errorf("%s at %s: sent %d, want %d", s.jobName, s.what, n, s.want)
		}
		if s.want > 0 && jobRunsOf(t, app, s.house, s.jobName, s.day) != 1 {
			t.Errorf("%s at %s: no ledger row for %s", s.jobName, s.what, s.day)
		}
	}
	wantCount(t, app, "residentB", w.People[tk.ResidentB].ID, "checkin_reminder", "", 1)
	wantCount(t, app, "dischargedA, active in B", w.People[tk.DischargedA].ID, "checkin_reminder", "", 1)
	wantCount(t, app, "managerB", w.People[tk.ManagerB].ID, "checkin_summary", "Tuesday's", 1)
	wantCount(t, app, "managerB", w.People[tk.ManagerB].ID, "curfew_summary", "Tuesday night", 1)
	wantCount(t, app, "managerA", w.People[tk.ManagerA].ID, "checkin_summary", "Tuesday's", 1)
	wantCount(t, app, "managerA", w.People[tk.ManagerA].ID, "curfew_summary", "Tuesday night", 1)
	if n := kindFor(t, app, w.People[tk.ManagerB].ID, "checkin_summary", "")[0].GetString("body"); !strings.Contains(n, "dischargedA and residentB") {
		t.Errorf("B's summary %q, want dischargedA and residentB", n)
	}
}

// advanceUntil moves the fake clock to the instant and waits for cond; if
// it does not hold, it goes on a minute at a time, five times at most: a
// sweep that fires while the one before still runs is skipped (singleton
// mode), and the next one, a minute later, does the work.
func advanceUntil(t *testing.T, clock *clockwork.FakeClock, to time.Time, what string, cond func() bool) {
	t.Helper()
	advance(t, clock, to)
	for range 5 {
		if poll(cond) {
			return
		}
		advance(t, clock, clock.Now().Add(time.Minute))
	}
	eventually(t, what, cond)
}

// TestCheckinJobsRestartInTheEvening runs the jobs on the scheduler and a
// fake clock through a Tuesday evening in Los Angeles that the machine
// spends restarting: nothing is sent twice.
func TestCheckinJobsRestartInTheEvening(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	app, clock := jobsApp(t, utc("2026-11-25T03:55:00Z")) // 19:55
	jobCheckIn(t, app, id(tk.ResidentA1), w.HouseA, "daily", "2026-11-24")
	reminders := func(actor string) int { return len(kindFor(t, app, id(actor), "checkin_reminder", "")) }
	summaries := func() int { return len(kindFor(t, app, id(tk.ManagerA), "checkin_summary", "Tuesday's")) }

	if got := reminders(tk.ResidentA2); got != 0 {
		t.Fatalf("A2 reminded at 19:55")
	}
	advanceUntil(t, clock, utc("2026-11-25T04:00:30Z"), "A2 reminded at 20:00",
		func() bool { return reminders(tk.ResidentA2) == 1 })

	// The machine restarts at 20:30: the reminder is not sent again. The
	// reminder hour lasts until 21:00, so every sweep until then could
	// send it; the ledger says it was sent.
	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	restart := func(at string) (*hooks.Scheduler, *clockwork.FakeClock) {
		c := clockwork.NewFakeClockAt(utc(at))
		s := hooks.NewScheduler(app, c)
		if err := s.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Stop() })
		waitTimers(t, c, 3)
		return s, c
	}
	second, clock2 := restart("2026-11-25T04:30:00Z")
	// Through 21:00 on the new scheduler: the summary, once.
	advanceUntil(t, clock2, utc("2026-11-25T05:00:30Z"), "the summary sent at 21:00",
		func() bool { return summaries() == 1 })
	advance(t, clock2, clock2.Now().Add(3*time.Minute))
	if err := second.Stop(); err != nil {
		t.Fatal(err)
	}

	// And again at 21:05: neither the reminder nor the summary again.
	_, clock3 := restart("2026-11-25T05:05:00Z")
	advance(t, clock3, utc("2026-11-25T05:08:00Z"))
	poll(func() bool { return summaries() > 1 || reminders(tk.ResidentA2) > 1 })

	if got := reminders(tk.ResidentA2); got != 1 {
		t.Errorf("A2 reminded %d times, want once", got)
	}
	for _, actor := range []string{tk.ResidentA1, tk.AwayA, tk.ManagerA} {
		if got := reminders(actor); got != 0 {
			t.Errorf("%s reminded %d times, want never", actor, got)
		}
	}
	if got := summaries(); got != 1 {
		t.Errorf("the manager got %d summaries of Tuesday, want 1", got)
	}
	body := kindFor(t, app, id(tk.ManagerA), "checkin_summary", "Tuesday's")[0].GetString("body")
	if !strings.Contains(body, "residentA2") || strings.Contains(body, "residentA1") || strings.Contains(body, "awayA") {
		t.Errorf("summary %q, want residentA2 alone", body)
	}
	for job, want := range map[string]int{"checkin_reminder": 1, "checkin_summary": 1} {
		if got := jobRunsOf(t, app, w.HouseA, job, "2026-11-24"); got != want {
			t.Errorf("%d ledger rows for %s, want %d", got, job, want)
		}
	}
}

// TestCheckinJobsStartAfterTheDeadline starts the scheduler at 21:05,
// the machine having been off since before 20:00: the summary goes out at
// once, late, and once; the reminder does not.
func TestCheckinJobsStartAfterTheDeadline(t *testing.T) {
	w := tk.Seeded(t)
	id := func(actor string) string { return w.People[actor].ID }
	app, clock := jobsApp(t, utc("2026-11-25T05:05:00Z"))
	// Start sweeps before it returns.
	wantCount(t, app, "the manager", id(tk.ManagerA), "checkin_summary", "Tuesday's", 1)
	advance(t, clock, utc("2026-11-25T05:10:00Z"))

	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	again := hooks.NewScheduler(app, clockwork.NewFakeClockAt(utc("2026-11-25T05:12:00Z")))
	if err := again.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Stop() })

	wantCount(t, app, "the manager", id(tk.ManagerA), "checkin_summary", "Tuesday's", 1)
	wantCount(t, app, "A2", id(tk.ResidentA2), "checkin_reminder", "", 0)
	if got := jobRunsOf(t, app, w.HouseA, "checkin_reminder", "2026-11-24"); got != 0 {
		t.Errorf("%d ledger rows for a reminder never sent", got)
	}
}

func TestCheckinJobsRacingSendOnce(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	const racers = 8
	race := func(job func(core.App, string, time.Time) (int, error), at time.Time) int {
		sent := make([]int, racers)
		errs := make([]error, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range racers {
			wg.Go(func() {
				<-start
				sent[i], errs[i] = job(app, w.HouseA, at)
			})
		}
		close(start)
		wg.Wait()
		total := 0
		for i := range racers {
			if errs[i] != nil {
				t.Fatalf("racer %d: %v", i, errs[i])
			}
			total += sent[i]
		}
		return total
	}
	if n := race(hooks.RemindCheckins, utc("2026-11-25T04:01:00Z")); n != 2 {
		t.Errorf("racing reminders sent %d, want 2 (A1 and A2 once each)", n)
	}
	if n := race(hooks.SummarizeCheckins, utc("2026-11-25T05:01:00Z")); n != 1 {
		t.Errorf("racing summaries sent %d, want 1", n)
	}
	if n := race(hooks.SummarizeCurfew, utc("2026-11-25T07:16:00Z")); n != 1 {
		t.Errorf("racing curfew summaries sent %d, want 1", n)
	}
	wantCount(t, app, "A1", w.People[tk.ResidentA1].ID, "checkin_reminder", "", 1)
	wantCount(t, app, "A2", w.People[tk.ResidentA2].ID, "checkin_reminder", "", 1)
	wantCount(t, app, "the manager", w.People[tk.ManagerA].ID, "checkin_summary", "Tuesday's", 1)
	wantCount(t, app, "the manager", w.People[tk.ManagerA].ID, "curfew_summary", "", 1)
	for _, job := range []string{"checkin_reminder", "checkin_summary", "curfew_summary"} {
		if got := jobRunsOf(t, app, w.HouseA, job, "2026-11-24"); got != 1 {
			t.Errorf("%d ledger rows for %s, want 1", got, job)
		}
	}
}

func TestCheckinJobsOnDaylightSavingNights(t *testing.T) {
	w := tk.Seeded(t)
	cases := []struct {
		name     string
		settings map[string]any // house A's, on top of checkin_by 21:00 and curfew 23:00
		job      func(core.App, string, time.Time) (int, error)
		jobName  string
		day      string // the day or night
		at       string // the one instant it is due, UTC
		sent     int
	}{
		// 8 March 2026: clocks jump from 02:00 to 03:00 in Los Angeles.
		{"spring forward: Saturday night's curfew before the jump", nil,
			hooks.SummarizeCurfew, "curfew_summary", "2026-03-07", "2026-03-08T07:15:00Z", 1}, // 23:15 PST
		{"spring forward: a 02:30 curfew the clocks skip counts from 03:30", map[string]any{"curfew": "02:30"},
			hooks.SummarizeCurfew, "curfew_summary", "2026-03-07", "2026-03-08T10:45:00Z", 1}, // 03:45 PDT
		{"spring forward: Sunday's reminder", nil,
			hooks.RemindCheckins, "checkin_reminder", "2026-03-08", "2026-03-09T03:00:00Z", 2}, // 20:00 PDT
		{"spring forward: Sunday's summary", nil,
			hooks.SummarizeCheckins, "checkin_summary", "2026-03-08", "2026-03-09T04:00:00Z", 1}, // 21:00 PDT
		{"spring forward: Sunday night's curfew", nil,
			hooks.SummarizeCurfew, "curfew_summary", "2026-03-08", "2026-03-09T06:15:00Z", 1}, // 23:15 PDT
		// 1 November 2026: clocks fall back from 02:00 to 01:00.
		{"fall back: a 01:30 curfew that happens twice counts the first", map[string]any{"curfew": "01:30"},
			hooks.SummarizeCurfew, "curfew_summary", "2026-10-31", "2026-11-01T08:45:00Z", 1}, // 01:45 PDT
		{"fall back: Saturday night's curfew", nil,
			hooks.SummarizeCurfew, "curfew_summary", "2026-10-31", "2026-11-01T06:15:00Z", 1}, // 23:15 PDT
		{"fall back: Sunday's reminder", nil,
			hooks.RemindCheckins, "checkin_reminder", "2026-11-01", "2026-11-02T04:00:00Z", 2}, // 20:00 PST
		{"fall back: Sunday's summary", nil,
			hooks.SummarizeCheckins, "checkin_summary", "2026-11-01", "2026-11-02T05:00:00Z", 1}, // 21:00 PST
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			t.Cleanup(app.Cleanup)
			if c.settings != nil {
				setRecord("houses", w.HouseA, c.settings)(t, app)
			}
			at := utc(c.at)
			if n := run(t, c.job, app, w.HouseA, at.Add(-time.Second)); n != 0 {
				t.Errorf("sent to %d a second early", n)
			}
			if n := run(t, c.job, app, w.HouseA, at); n != c.sent {
				t.Errorf("sent to %d at %s, want %d", n, c.at, c.sent)
			}
			// An hour later: on 1 November the same wall-clock time again.
			if n := run(t, c.job, app, w.HouseA, at.Add(time.Hour)); n != 0 {
				t.Errorf("sent again to %d an hour later", n)
			}
			if got := jobRunsOf(t, app, w.HouseA, c.jobName, c.day); got != 1 {
				t.Errorf("%d ledger rows for %s, want 1", got, c.day)
			}
		})
	}
}
