package demo_test

import (
	"fmt"
	"slices"
	"strings"
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
	for _, c := range []string{"houses", "users", "memberships", "notifications", "chores", "chore_assignments", "chore_days", "checkins", "meetings",
		"posts", "comments", "reactions", "events", "rsvps", "job_runs"} {
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
	t.Run("two weeks of check-ins", func(t *testing.T) { checkCheckins(t, app, res) })
	t.Run("two weeks of meetings", func(t *testing.T) { checkMeetings(t, app, res) })
	t.Run("two weeks of the board", func(t *testing.T) { checkBoard(t, app, res) })
	t.Run("events, answers and attendance", func(t *testing.T) { checkEvents(t, app, res) })
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

// demoPeople maps the demo house's user ids to their e-mail addresses and
// memberships.
func demoPeople(t *testing.T, app core.App, houseID string) (emails map[string]string, members map[string]*core.Record) {
	t.Helper()
	ms, err := app.FindAllRecords("memberships", dbx.HashExp{"house": houseID})
	if err != nil {
		t.Fatal(err)
	}
	emails, members = map[string]string{}, map[string]*core.Record{}
	for _, m := range ms {
		u, err := app.FindRecordById("users", m.GetString("user"))
		if err != nil {
			t.Fatal(err)
		}
		emails[u.Id] = u.GetString("email")
		members[u.GetString("email")] = m
	}
	return emails, members
}

// checkCheckins: two weeks of daily and curfew check-ins by the residents
// who check in, none by the manager or the alumnus, none while away or
// before moving in, each made when its day and lateness say; streaks that
// differ, a late night, and today's board half filled in.
func checkCheckins(t *testing.T, app core.App, res *demo.Result) {
	loc, err := domain.LoadTimezone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	house, err := app.FindRecordById("houses", res.HouseID)
	if err != nil {
		t.Fatal(err)
	}
	today := domain.LocalDate(seedNow, loc)
	emails, members := demoPeople(t, app, res.HouseID)

	// Casey left on a four-day pass that ends on her away_until.
	back, err := domain.ParseCivilDay(members["casey@maple.example"].GetString("away_until"))
	if err != nil {
		t.Fatalf("Casey's away_until: %v", err)
	}
	passFrom := (back - 4).String()
	moveIn := map[string]string{}
	for email, m := range members {
		moveIn[email] = m.GetString("move_in")[:10]
	}

	all, err := app.FindRecordsByFilter("checkins", "house = {:h}", "day", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	days := map[string][]string{} // daily check-in days by e-mail
	kinds := map[string]int{}
	var late, onTime, caseyBefore int
	for _, c := range all {
		email, day, kind := emails[c.GetString("user")], c.GetString("day"), c.GetString("kind")
		created := c.GetDateTime("created").Time()
		kinds[kind]++
		switch email {
		case "manager@maple.example", "chris@maple.example":
			t.Errorf("%s has a %s check-in on %s", email, kind, day)
		case "casey@maple.example":
			if day >= passFrom {
				t.Errorf("Casey has a %s check-in on %s, during her pass (from %s)", kind, day, passFrom)
			} else {
				caseyBefore++
			}
		}
		if day < moveIn[email] {
			t.Errorf("%s has a %s check-in on %s, before moving in on %s", email, kind, day, moveIn[email])
		}
		if created.After(seedNow) {
			t.Errorf("%s's %s check-in for %s was made at %v, after now", email, kind, day, created)
		}
		switch kind {
		case hooks.CheckinDaily:
			days[email] = append(days[email], day)
			if got := domain.CheckinDay(created, loc); got != day {
				t.Errorf("%s's daily check-in for %s was made on %s (%v)", email, day, got, created)
			}
			if h := created.In(loc).Hour(); h < 8 || h >= 21 {
				t.Errorf("%s's daily check-in for %s was made at %v, outside 08:00 to 21:00", email, day, created.In(loc))
			}
			if m, cr := c.GetInt("mood"), c.GetInt("craving"); m < 1 || m > 5 || cr < 0 || cr > 10 {
				t.Errorf("%s's daily check-in for %s: mood %d, craving %d", email, day, m, cr)
			}
			if c.GetBool("late") {
				t.Errorf("%s's daily check-in for %s is late", email, day)
			}
		case hooks.CheckinCurfew:
			if got := domain.CurfewNight(created, loc); got != day {
				t.Errorf("%s's curfew check-in for the night of %s was made in the night of %s (%v)", email, day, got, created)
			}
			want, err := domain.CurfewLate(created, day, house.GetString("curfew"), house.GetString("curfew_weekend"), loc)
			if err != nil {
				t.Fatal(err)
			}
			if c.GetBool("late") != want {
				t.Errorf("%s's curfew check-in at %v for %s: late = %v, want %v", email, created.In(loc), day, c.GetBool("late"), want)
			}
			if want {
				late++
			} else {
				onTime++
			}
		}
	}
	if kinds[hooks.CheckinDaily] < 50 || kinds[hooks.CheckinDaily] > 84 {
		t.Errorf("%d daily check-ins, want two weeks' worth for six residents, with gaps", kinds[hooks.CheckinDaily])
	}
	if kinds[hooks.CheckinCurfew] < 50 || kinds[hooks.CheckinCurfew] > 84 {
		t.Errorf("%d curfew check-ins, want two weeks' worth for six residents", kinds[hooks.CheckinCurfew])
	}
	if late == 0 || onTime < 10*late {
		t.Errorf("%d late and %d on-time curfew check-ins, want a few late ones among many", late, onTime)
	}
	if caseyBefore == 0 {
		t.Error("Casey has no check-in from before her pass")
	}

	// Today's board and the streaks.
	var withToday, withoutToday int
	streaks := map[string]int{}
	for email, m := range members {
		if m.GetString("role") != hooks.RoleResident || m.GetString("status") != hooks.StatusActive {
			continue
		}
		if slices.Contains(days[email], today) {
			withToday++
		} else {
			withoutToday++
		}
		streaks[email] = domain.CheckinStreak(days[email], today)
	}
	if withToday == 0 || withoutToday == 0 {
		t.Errorf("%d active residents checked in today and %d have not, want some of each", withToday, withoutToday)
	}
	longest, shortest := 0, historyDays
	for _, n := range streaks {
		longest, shortest = max(longest, n), min(shortest, n)
	}
	if longest < 7 || shortest > 2 {
		t.Errorf("streaks %v: want one of a week or more and one broken lately", streaks)
	}
}

// historyDays is the length of the demo's history.
const historyDays = 14

// checkMeetings: two weeks of outside meetings, one to four a week each,
// none in the future, dated as the web app dates them, the older ones
// mostly verified by the manager, and this week's progress differing.
func checkMeetings(t *testing.T, app core.App, res *demo.Result) {
	loc, err := domain.LoadTimezone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	today := domain.LocalDate(seedNow, loc)
	emails, members := demoPeople(t, app, res.HouseID)
	manager := members["manager@maple.example"].GetString("user")

	all, err := app.FindRecordsByFilter("meetings", "house = {:h}", "date", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 15 || len(all) > 6*4*3 {
		t.Errorf("%d meetings, want two weeks' worth for six residents", len(all))
	}
	dates := map[string][]string{}
	perWeek := map[[2]string]int{}
	verified := 0
	for _, m := range all {
		email := emails[m.GetString("user")]
		date := m.GetString("date")
		day := date[:10]
		if date != day+" 00:00:00.000Z" {
			t.Errorf("%s's meeting date %q, want the day at 00:00 UTC as the web app sends it", email, date)
		}
		if day > today {
			t.Errorf("%s's meeting on %s is in the future (today is %s)", email, day, today)
		}
		if m.GetDateTime("created").Time().After(seedNow) {
			t.Errorf("%s's meeting on %s was logged at %v, after now", email, day, m.GetDateTime("created"))
		}
		if ms := members[email]; ms.GetString("role") != hooks.RoleResident || ms.GetString("status") == hooks.StatusAlumni {
			t.Errorf("%s (%s, %s) logged a meeting", email, ms.GetString("role"), ms.GetString("status"))
		}
		if day < members[email].GetString("move_in")[:10] {
			t.Errorf("%s logged a meeting on %s, before moving in", email, day)
		}
		if by := m.GetString("verified_by"); by != "" {
			at := m.GetDateTime("verified_at").Time()
			if by != manager || at.IsZero() || at.After(seedNow) || at.Before(m.GetDateTime("created").Time()) {
				t.Errorf("%s's meeting on %s verified by %s at %v", email, day, by, at)
			}
			verified++
		}
		dates[email] = append(dates[email], day)
		monday, _, _ := domain.WeekBounds(day)
		perWeek[[2]string{email, monday}]++
	}
	if verified == 0 || verified == len(all) {
		t.Errorf("%d of %d meetings verified, want some", verified, len(all))
	}
	for k, n := range perWeek {
		if n > 4 {
			t.Errorf("%s went to %d meetings in the week of %s, want at most 4", k[0], n, k[1])
		}
	}
	progress := map[int]bool{}
	for _, d := range dates {
		done, _, err := domain.MeetingProgress(d, today, 3)
		if err != nil {
			t.Fatal(err)
		}
		progress[done] = true
	}
	if len(progress) < 3 {
		t.Errorf("this week's meetings per resident take %d values, want the progress to differ", len(progress))
	}
}

// checkBoard: two weeks of the board, made by people of the house when
// they lived there: one pinned announcement by the manager, milestone
// posts only for people who share their sobriety date and on the day
// domain.Milestone says, a need-support post answered with one-tap
// answers and a thank-you from its author, its alerts dated with it, and
// reactions once per person, post and kind. Nothing hidden, nothing
// reported.
func checkBoard(t *testing.T, app core.App, res *demo.Result) {
	loc, err := domain.LoadTimezone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	emails, members := demoPeople(t, app, res.HouseID)
	from := seedNow.AddDate(0, 0, -historyDays)

	// wrote checks that the person could write on the board at the instant.
	wrote := func(what, userID string, at time.Time) {
		t.Helper()
		email := emails[userID]
		m := members[email]
		switch {
		case m == nil:
			t.Errorf("%s by %s, who is not of the house", what, userID)
		case m.GetString("status") == hooks.StatusDischarged:
			t.Errorf("%s by %s, discharged", what, email)
		case domain.LocalDate(at, loc) < m.GetString("move_in")[:10]:
			t.Errorf("%s by %s at %v, before moving in", what, email, at.In(loc))
		}
		if at.Before(from) || at.After(seedNow) {
			t.Errorf("%s by %s at %v, outside the past two weeks", what, email, at)
		}
	}

	posts, err := app.FindRecordsByFilter("posts", "house = {:h}", "created", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) < 10 || len(posts) > 16 {
		t.Errorf("%d posts, want two weeks' worth", len(posts))
	}
	byID := map[string]*core.Record{}
	kinds := map[string]int{}
	milestones := map[string]string{} // label by e-mail
	var pinned []*core.Record
	var support *core.Record
	for _, p := range posts {
		byID[p.Id] = p
		kind, author := p.GetString("kind"), p.GetString("author")
		email, m := emails[author], members[emails[author]]
		created := p.GetDateTime("created").Time()
		what := fmt.Sprintf("%s post %q", kind, p.GetString("body"))
		kinds[kind]++
		wrote(what, author, created)
		if p.GetDateTime("updated").Time().Before(created) {
			t.Errorf("%s updated before it was made", what)
		}
		if p.GetBool("hidden") {
			t.Errorf("%s is hidden", what)
		}
		if p.GetBool("pinned") {
			pinned = append(pinned, p)
		}
		if m == nil {
			continue
		}
		member := m.GetString("status") == hooks.StatusActive || m.GetString("status") == hooks.StatusAway
		switch kind {
		case hooks.PostAnnouncement:
			if m.GetString("role") != hooks.RoleManager || m.GetString("status") != hooks.StatusActive {
				t.Errorf("%s by %s, not a manager", what, email)
			}
		case hooks.PostSupport:
			if !member {
				t.Errorf("%s by %s, not a member", what, email)
			}
			support = p
		case hooks.PostMilestone:
			u, err := app.FindRecordById("users", author)
			if err != nil {
				t.Fatal(err)
			}
			label := p.GetString("milestone")
			want, ok := domain.Milestone(u.GetString("sobriety_date"), domain.LocalDate(created, loc))
			switch {
			case p.GetString("subject") != author:
				t.Errorf("%s celebrates %s, posted as %s", what, p.GetString("subject"), email)
			case !u.GetBool("share_sobriety"):
				t.Errorf("%s for %s, who keeps their sobriety date private", what, email)
			case !member:
				t.Errorf("%s for %s, not a member", what, email)
			case !ok || want.Label != label:
				t.Errorf("%s labelled %q on %s; domain.Milestone says %q (ok=%v)", what, label, domain.LocalDate(created, loc), want.Label, ok)
			case !strings.Contains(p.GetString("body"), u.GetString("name")):
				t.Errorf("%s does not name %s", what, u.GetString("name"))
			}
			milestones[email] = label
		default:
			if p.GetString("subject") != "" || p.GetString("milestone") != "" {
				t.Errorf("%s names a milestone", what)
			}
		}
	}
	for _, k := range []string{hooks.PostShare, hooks.PostWin, hooks.PostSupport, hooks.PostAnnouncement, hooks.PostMilestone} {
		if kinds[k] == 0 {
			t.Errorf("no %s post on the board: %v", k, kinds)
		}
	}
	if len(pinned) != 1 {
		t.Errorf("%d pinned posts, want 1", len(pinned))
	} else if pinned[0].GetString("kind") != hooks.PostAnnouncement {
		t.Errorf("the pinned post is a %s", pinned[0].GetString("kind"))
	}
	// Alex, who shares the date, reached 90 days five days ago; Morgan's
	// first day came before moving in.
	if milestones["alex@maple.example"] != "90d" {
		t.Errorf("milestones %v, want Alex's 90 days", milestones)
	}
	if l, ok := milestones["morgan@maple.example"]; ok {
		t.Errorf("Morgan's %s milestone was posted before Morgan moved in", l)
	}

	comments, err := app.FindRecordsByFilter("comments", "post.house = {:h}", "created", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) < 20 || len(comments) > 60 {
		t.Errorf("%d comments, want a lively board", len(comments))
	}
	quick := map[string]bool{}
	var thanked bool
	for _, c := range comments {
		p := byID[c.GetString("post")]
		created := c.GetDateTime("created").Time()
		what := fmt.Sprintf("comment %q", c.GetString("body"))
		wrote(what, c.GetString("author"), created)
		if strings.TrimSpace(c.GetString("body")) == "" {
			t.Errorf("an empty comment on %s", c.GetString("post"))
		}
		if !created.After(p.GetDateTime("created").Time()) {
			t.Errorf("%s made before its post", what)
		}
		if q := c.GetString("quick"); q != "" {
			if p != support {
				t.Errorf("one-tap answer %q on a %s post", q, p.GetString("kind"))
			}
			quick[q] = true
		}
		if support != nil && p == support && c.GetString("author") == support.GetString("author") && c.GetString("quick") == "" {
			thanked = true
		}
	}
	if len(quick) < 2 {
		t.Errorf("the need-support post has one-tap answers %v, want a few kinds", quick)
	}
	if !thanked {
		t.Error("the need-support post has no word back from its author")
	}

	reactions, err := app.FindRecordsByFilter("reactions", "post.house = {:h}", "created", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	if len(reactions) < 40 || len(reactions) > 150 {
		t.Errorf("%d reactions, want many", len(reactions))
	}
	seen := map[[3]string]bool{}
	reactionKinds := map[string]int{}
	for _, r := range reactions {
		key := [3]string{r.GetString("post"), r.GetString("user"), r.GetString("kind")}
		if seen[key] {
			t.Errorf("%s reacted %s twice to %s", emails[key[1]], key[2], key[0])
		}
		seen[key] = true
		reactionKinds[key[2]]++
		created := r.GetDateTime("created").Time()
		wrote("reaction "+key[2], key[1], created)
		if !created.After(byID[key[0]].GetDateTime("created").Time()) {
			t.Errorf("%s's %s reaction made before its post", emails[key[1]], key[2])
		}
	}
	for _, k := range []string{"me_too", "proud", "hug", "heart"} {
		if reactionKinds[k] == 0 {
			t.Errorf("no %s reaction: %v", k, reactionKinds)
		}
	}

	if n, err := app.CountRecords("reports"); err != nil || n != 0 {
		t.Errorf("%d reports (%v), want none", n, err)
	}

	// The need-support post alerted the house when it was posted, and
	// only the people who lived there then.
	if support != nil {
		alerts, err := app.FindAllRecords("notifications", dbx.HashExp{"kind": "support"})
		if err != nil {
			t.Fatal(err)
		}
		at := support.GetDateTime("created").Time()
		if len(alerts) < 3 {
			t.Errorf("%d need-support alerts, want the house's", len(alerts))
		}
		for _, n := range alerts {
			email := emails[n.GetString("user")]
			if !n.GetDateTime("created").Time().Equal(at) || !n.GetBool("read") {
				t.Errorf("%s's alert made at %v (read %v), the post at %v", email, n.GetDateTime("created"), n.GetBool("read"), at)
			}
			if day := domain.LocalDate(at, loc); day < members[email].GetString("move_in")[:10] {
				t.Errorf("%s was alerted on %s, before moving in", email, day)
			}
		}
	}
}

// checkEvents: a weekly required house meeting on Sundays at 19:00
// house-local, stored one row a week in one series (its past two weeks,
// then the next twelve, each week the server made claimed in job_runs), a
// social and a service event in the coming week; answers only from
// members (none from the alumnus), each answer given before its event
// started, and attendance only at events that have started.
func checkEvents(t *testing.T, app core.App, res *demo.Result) {
	loc, err := domain.LoadTimezone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	emails, members := demoPeople(t, app, res.HouseID)
	events, err := app.FindRecordsByFilter("events", "house = {:h}", "starts", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*core.Record{}
	series := map[string][]*core.Record{}
	kinds := map[string]int{}
	for _, ev := range events {
		byID[ev.Id] = ev
		kinds[ev.GetString("kind")]++
		if s := ev.GetString("series"); s != "" {
			series[s] = append(series[s], ev)
		}
	}
	if len(series) != 1 {
		t.Fatalf("%d weekly series, want 1 (the house meeting)", len(series))
	}
	var past, coming int
	for id, weeks := range series {
		if weeks[0].Id != id {
			t.Errorf("the series is named %s, its first event is %s", id, weeks[0].Id)
		}
		for _, ev := range weeks {
			at := ev.GetDateTime("starts").Time().In(loc)
			if at.Weekday() != time.Sunday || at.Hour() != 19 || at.Minute() != 0 {
				t.Errorf("a house meeting starts %v, want Sundays at 19:00 house-local", at)
			}
			if ev.GetString("kind") != hooks.EventHouseMeeting || !ev.GetBool("required") || ev.GetString("repeat") != hooks.RepeatWeekly {
				t.Errorf("the house meeting on %v: kind %q, required %v, repeat %q", at, ev.GetString("kind"), ev.GetBool("required"), ev.GetString("repeat"))
			}
			if at.Before(seedNow) {
				past++
			} else {
				coming++
			}
		}
		claims, err := app.CountRecords("job_runs", dbx.HashExp{"house": res.HouseID, "job": "series:" + id})
		if err != nil || int(claims) != len(weeks)-1 {
			t.Errorf("%d weeks of the series claimed in job_runs (%v), want %d: every week but the first", claims, err, len(weeks)-1)
		}
	}
	if past != 2 || coming < domain.EventSeriesWeeks-1 {
		t.Errorf("the house meeting has %d past and %d coming weeks, want 2 and the next %d weeks", past, coming, domain.EventSeriesWeeks)
	}
	week := seedNow.AddDate(0, 0, 7)
	soon := map[string]int{}
	for _, ev := range events {
		if at := ev.GetDateTime("starts").Time(); at.After(seedNow) && at.Before(week) {
			soon[ev.GetString("kind")]++
		}
		if !ev.GetDateTime("ends").Time().After(ev.GetDateTime("starts").Time()) {
			t.Errorf("%q ends at or before it starts", ev.GetString("title"))
		}
	}
	for _, k := range []string{hooks.EventHouseMeeting, hooks.EventSocial, hooks.EventService} {
		if soon[k] == 0 {
			t.Errorf("no %s event in the coming week: %v", k, soon)
		}
	}

	rsvps, err := app.FindRecordsByFilter("rsvps", "event.house = {:h}", "", 0, 0, dbx.Params{"h": res.HouseID})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	var attended, attendedUnanswered, pastMeetingAttendance int
	for _, r := range rsvps {
		ev := byID[r.GetString("event")]
		email := emails[r.GetString("user")]
		m := members[email]
		if m == nil || (m.GetString("status") != hooks.StatusActive && m.GetString("status") != hooks.StatusAway) {
			t.Errorf("an answer to %q from %s, who is not a member of the house", ev.GetString("title"), email)
			continue
		}
		starts := ev.GetDateTime("starts").Time()
		statuses[r.GetString("status")]++
		if r.GetString("status") != "" && !r.GetDateTime("created").Time().Before(starts) {
			t.Errorf("%s answered %q at %v, after it started at %v", email, ev.GetString("title"), r.GetDateTime("created"), starts)
		}
		if r.GetBool("attended") {
			attended++
			if !starts.Before(seedNow) {
				t.Errorf("%s is marked at %q, which starts at %v, after now", email, ev.GetString("title"), starts)
			}
			if r.GetString("status") == "" {
				attendedUnanswered++
			}
			if ev.GetString("series") != "" {
				pastMeetingAttendance++
			}
		} else if r.GetString("status") == "" {
			t.Errorf("an empty row for %s at %q: neither an answer nor attendance", email, ev.GetString("title"))
		}
	}
	for _, s := range []string{"yes", "maybe", "no"} {
		if statuses[s] == 0 {
			t.Errorf("no %q answer in the demo: %v", s, statuses)
		}
	}
	if attended == 0 || attendedUnanswered == 0 || pastMeetingAttendance == 0 {
		t.Errorf("%d marked there (%d who never answered, %d at past house meetings), want some of each", attended, attendedUnanswered, pastMeetingAttendance)
	}
}
