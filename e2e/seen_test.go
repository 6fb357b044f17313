package e2e_test

// Issue 17 item 8, "the rest of what was seen": milestone posts dated once
// they are old, the warning on an invite made at 127.0.0.1, the join
// screen's expiry in the house's time, the managers' board filter,
// reactions in one row, the first-day guide, and the office PC's denser
// "Today and tonight" and roster.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestDatesForPeople: the web app's date helpers (js/dates.js) give the
// house's day and clock in the reader's language, whatever the phone's
// zone, and name the house's zone only when the phone's differs.
func TestDatesForPeople(t *testing.T) {
	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("signin-form")
	raw := run(p, chromedp.Evaluate[[]byte](`(async () => {
		const d = await import('/js/dates.js');
		const now = new Date('2026-12-07T20:00:00Z');
		const n = (s) => String(s).replace(/\s/g, ' ');
		const tz = (lang, v, zone, here) => { const r = d.houseTimeAndZone(lang, v, zone, here); return n(r.text) + ' | ' + n(r.zone); };
		return {
			dayEn: d.formatHouseShortDay('en', '2026-12-02 16:00:00.000Z', 'America/Los_Angeles', now),
			dayEs: n(d.formatHouseShortDay('es', '2026-12-02 16:00:00.000Z', 'America/Los_Angeles', now)),
			dayLateLA: d.formatHouseShortDay('en', '2026-12-03 05:00:00.000Z', 'America/Los_Angeles', now),
			dayLateMadrid: d.formatHouseShortDay('en', '2026-12-03 05:00:00.000Z', 'Europe/Madrid', now),
			lastYearEn: d.formatHouseShortDay('en', '2025-12-02 16:00:00.000Z', 'America/Los_Angeles', now),
			lastYearEs: n(d.formatHouseShortDay('es', '2025-12-02 16:00:00.000Z', 'America/Los_Angeles', now)),
			newYearsEve: d.formatHouseShortDay('en', '2027-01-01 05:00:00.000Z', 'America/Los_Angeles', new Date('2027-01-01T06:00:00Z')),
			todayBefore: d.isHouseToday('2026-12-07 07:30:00.000Z', 'America/Los_Angeles', now),
			todayAfter: d.isHouseToday('2026-12-07 08:30:00.000Z', 'America/Los_Angeles', now),
			todayNone: d.isHouseToday('', 'America/Los_Angeles', now),
			otherZoneEn: tz('en', '2026-12-14 19:30:00.000Z', 'America/Los_Angeles', 'Europe/Madrid'),
			otherZoneEs: tz('es', '2026-12-14 19:30:00.000Z', 'America/Los_Angeles', 'Europe/Madrid'),
			sameZone: tz('en', '2026-12-14 19:30:00.000Z', 'America/Los_Angeles', 'America/Los_Angeles'),
			sameClock: tz('en', '2026-12-14 19:30:00.000Z', 'America/Los_Angeles', 'US/Pacific'),
			summer: tz('en', '2026-07-14 18:30:00.000Z', 'America/Los_Angeles', 'America/New_York'),
		};
	})()`, chromedp.EvalAwaitPromise))
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"dayEn":         "Dec 2",
		"dayEs":         "2 dic",
		"dayLateLA":     "Dec 2", // 21:00 the evening before, in Los Angeles
		"dayLateMadrid": "Dec 3",
		"lastYearEn":    "Dec 2, 2025",
		"lastYearEs":    "2 dic 2025",
		"newYearsEve":   "Dec 31", // already 2027 in UTC, still 2026 in the house
		"todayBefore":   false,    // 23:30 on Dec 6 in Los Angeles
		"todayAfter":    true,
		"todayNone":     false,
		"otherZoneEn":   "Dec 14, 2026, 11:30 AM | Pacific Time",
		"otherZoneEs":   "14 dic 2026, 11:30 | hora del Pacífico",
		"sameZone":      "Dec 14, 2026, 11:30 AM | ",
		"sameClock":     "Dec 14, 2026, 11:30 AM | ",
		"summer":        "Jul 14, 2026, 11:30 AM | Pacific Time",
	} {
		if got[key] != want {
			t.Errorf("%s = %q, want %q", key, got[key], want)
		}
	}
}

// alumniEmail is the demo house's alumnus (moved out in good standing).
func (a *api) alumniEmail() string {
	a.t.Helper()
	var res struct {
		Items []membership `json:"items"`
	}
	a.call("GET", "/api/collections/memberships/records?"+url.Values{
		"filter": {`status = "alumni" && house.name = "Maple House"`}, "expand": {"user"},
	}.Encode(), nil, &res)
	if len(res.Items) == 0 {
		a.t.Fatal("the demo has no alumnus")
	}
	return res.Items[0].Expand.User.Email
}

// A milestone post from an earlier day says the day ("on Dec 2"), in the
// house's time; reactions take one row at 360 px. The alumnus's home
// is seen at 360 px too.
func TestMilestoneDateAndReactionsRow(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	loc, err := time.LoadLocation(house.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Items []struct {
			ID        string `json:"id"`
			Created   string `json:"created"`
			Milestone string `json:"milestone"`
		} `json:"items"`
	}
	admin.call("GET", "/api/collections/posts/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && kind = "milestone"`, house.ID)}, "sort": {"-created"}, "perPage": {"50"},
	}.Encode(), nil, &res)
	today := time.Now().In(loc).Format("2006-01-02")
	postID, day := "", ""
	for _, it := range res.Items {
		at, err := time.Parse("2006-01-02 15:04:05.000Z", it.Created)
		if err != nil {
			t.Fatal(err)
		}
		local := at.In(loc)
		if local.Format("2006-01-02") != today && it.Milestone != "" {
			postID = it.ID
			day = local.Format("Jan 2")
			if local.Year() != time.Now().In(loc).Year() {
				day = local.Format("Jan 2, 2006")
			}
			break
		}
	}
	if postID == "" {
		t.Fatal("the demo has no milestone post from an earlier day")
	}

	p := newPhone(t)
	p.signInAs("alex@maple.example")
	p.open("/board")
	p.waitVisible("posts")
	sel := fmt.Sprintf(`[data-testid="post"][data-id=%q] [data-testid="post-body"]`, postID)
	p.until(fmt.Sprintf(`!!document.querySelector(%q) || (document.querySelector('[data-testid="feed-more"]')?.click(), false)`, sel))
	body := p.text(sel)
	if !strings.Contains(body, " sober on "+day+".") || strings.Contains(body, "today") {
		t.Errorf("an old milestone post says %q, want it to say the day (on %s), not today", body, day)
	}
	p.eval(fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: 'center', behavior: 'instant'}), ''`, sel))
	p.viewShot("seen-milestone-date-360")

	// Every post's reactions are one row, and the page fits.
	rows := p.eval(`[...document.querySelectorAll('[data-testid="reactions"]')].map(r =>
		new Set([...r.children].map(b => Math.round(b.getBoundingClientRect().top))).size).join(',')`)
	for _, n := range strings.Split(rows, ",") {
		if n != "1" {
			t.Errorf("reactions take %s rows at 360 px (all: %s), want one", n, rows)
			break
		}
	}
	p.at360("seen-board-360")

	// In Spanish, the date is the reader's.
	admin.call("PATCH", "/api/collections/users/records/"+admin.userID("alex@maple.example"), map[string]any{"language": "es"}, nil)
	defer admin.call("PATCH", "/api/collections/users/records/"+admin.userID("alex@maple.example"), map[string]any{"language": "en"}, nil)
	q := newPhone(t)
	q.signInAs("alex@maple.example")
	q.open("/board/posts/" + postID)
	q.waitVisible("post-body")
	q.until(`document.documentElement.lang === 'es'`)
	if got := q.text(`[data-testid="post-body"]`); !strings.Contains(got, "sin consumir el ") || strings.Contains(got, "hoy") {
		t.Errorf("in Spanish the old milestone says %q", got)
	}

	// The alumnus's home, as it looks.
	a := newPhone(t)
	a.signInAs(admin.alumniEmail())
	a.waitVisible("alumni-note")
	a.at360("seen-alumnus-home-360")
}

// A manager filters the board by kind; the page asks the server for that
// kind only. Residents have no filter.
func TestBoardKindFilter(t *testing.T) {
	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/board")
	p.waitVisible("posts")
	p.waitVisible("feed-kind")
	for _, kind := range []string{"milestone", "announcement", "win"} {
		p.set("feed-kind", kind)
		p.until(fmt.Sprintf(`document.querySelectorAll('[data-testid="post"]').length > 0 &&
			[...document.querySelectorAll('[data-testid="post"]')].every(x => x.dataset.kind === %q)`, kind))
	}
	// The request carries the kind (the board's route, not a filter in the page).
	got := p.eval(`performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/board?')).join(' ')`)
	if !strings.Contains(got, "kind=win") {
		t.Errorf("the board's requests were %q, want one with kind=win", got)
	}
	p.set("feed-kind", "milestone")
	p.until(`[...document.querySelectorAll('[data-testid="post"]')].every(x => x.dataset.kind === 'milestone')`)
	p.at360("seen-board-filter-360")
	p.set("feed-kind", "")
	p.until(`new Set([...document.querySelectorAll('[data-testid="post"]')].map(x => x.dataset.kind)).size > 2`)

	r := newPhone(t)
	r.signInAs("alex@maple.example")
	r.open("/board")
	r.waitVisible("posts")
	if r.exists(`[data-testid="feed-kind"]`) {
		t.Error("a resident sees the managers' board filter")
	}
}

// An invite made on a page opened at 127.0.0.1 warns that phones cannot
// open it and gives this machine's network addresses instead.
func TestInviteLoopbackWarning(t *testing.T) {
	superuser(t).ensureFreeBeds(1)
	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/manage/invite")
	p.waitVisible("invite-form")
	p.do(chromedp.Click(tid("invite-create")))
	p.waitVisible("invite-result")
	p.waitVisible("invite-loopback")
	code := p.text(`[data-testid="invite-code"]`)
	if got := p.text(`[data-testid="invite-loopback"]`); !strings.Contains(got, "Phones can’t open this link") || !strings.Contains(got, "127.0.0.1") {
		t.Errorf("the warning says %q", got)
	}
	port := strings.TrimPrefix(baseURL[strings.LastIndex(baseURL, ":"):], ":")
	var want []string
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			want = append(want, "http://"+n.IP.String()+":"+port+"/join#"+code)
		}
	}
	got := p.eval(`[...document.querySelectorAll('[data-testid="invite-lan-url"]')].map(x => x.textContent.trim()).join(' ')`)
	if got != strings.Join(want, " ") {
		t.Errorf("the addresses offered are %q, want %q", got, strings.Join(want, " "))
	}
	if len(want) == 0 && !strings.Contains(p.text(`[data-testid="invite-loopback"]`), "could not find") {
		t.Error("with no network address, the warning does not say so")
	}
	p.eval(`document.querySelector('[data-testid="invite-loopback"]').scrollIntoView({block: 'start', behavior: 'instant'}), ''`)
	p.viewShot("seen-invite-loopback-360")
	p.at360("seen-invite-loopback-360-full")
}

// The join screen gives the invite's end in the house's time; a phone in
// another zone is told which zone that is.
func TestJoinExpiryInHouseTime(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	_, link := admin.newInvite(house.ID, "", "")
	for _, tc := range []struct {
		zone string
		want string
	}{{"Europe/Madrid", "(Pacific Time)"}, {house.Timezone, ""}} {
		p := newPhone(t)
		p.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: tc.zone})
			return err
		}))
		p.do(chromedp.Navigate(link))
		p.waitVisible("join-expires")
		got := p.text(`[data-testid="join-expires"]`)
		if tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("a phone in %s reads %q, want the house's zone %s", tc.zone, got, tc.want)
		}
		if tc.want == "" && strings.Contains(got, "(") {
			t.Errorf("a phone in the house's zone reads %q, want no zone named", got)
		}
		if tc.zone == "Europe/Madrid" {
			p.at360("seen-join-expiry-other-zone-360")
		}
	}
}

// A new resident joins by invite: the home offers the first-day guide;
// they read the house rules and say so, and finish; the guide stays done
// on a new phone; the manager's roster says when they read the rules.
func TestFirstDayGuide(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	if strings.TrimSpace(house.Rules) == "" {
		t.Fatal("the demo house has no rules")
	}
	_, link := admin.newInvite(house.ID, "7", "B")

	p := newPhone(t)
	p.do(chromedp.Navigate(link))
	p.waitVisible("join-form")
	name := unique("Quinn Firstday ")
	email := unique("quinn") + "@maple.example"
	password := "a-long-enough-password"
	p.fill("join-name", name)
	p.fill("join-email", email)
	p.fill("join-password", password)
	p.fill("join-password-again", password)
	p.do(chromedp.Click(tid("join-submit")), chromedp.WaitVisible(tid("home-screen")))
	p.waitVisible("first-day-card")
	p.waitHome()
	p.at360("seen-first-day-card-360")

	p.do(chromedp.Click(tid("first-day-start")))
	p.waitVisible("first-day-rules-text")
	if got := p.text(`[data-testid="first-day-partner-state"]`); got != "You have not chosen a partner yet." {
		t.Errorf("the partner step says %q", got)
	}
	p.at360("seen-first-day-guide-360")
	p.do(chromedp.Click(tid("first-day-rules-button")))
	p.waitVisible("first-day-rules-read")

	// Recorded by the server, with the time.
	userID := admin.userID(email)
	m := admin.membershipOf(house.ID, userID)
	var rec struct {
		RulesReadAt string `json:"rules_read_at"`
		GuideDoneAt string `json:"guide_done_at"`
	}
	admin.call("GET", "/api/collections/memberships/records/"+m.ID, nil, &rec)
	at, err := time.Parse("2006-01-02 15:04:05.000Z", rec.RulesReadAt)
	if err != nil || time.Since(at) > time.Minute || time.Since(at) < 0 {
		t.Errorf("rules_read_at = %q, want about now", rec.RulesReadAt)
	}
	if rec.GuideDoneAt != "" {
		t.Errorf("guide_done_at = %q before the guide was finished", rec.GuideDoneAt)
	}
	p.at360("seen-first-day-rules-read-360")

	p.do(chromedp.Click(tid("first-day-done")))
	p.waitVisible("home-screen")
	p.waitHome()
	if p.exists(`[data-testid="first-day-card"]`) {
		t.Error("the first-day card still shows after the guide is done")
	}
	admin.call("GET", "/api/collections/memberships/records/"+m.ID, nil, &rec)
	if rec.GuideDoneAt == "" {
		t.Error("guide_done_at was not recorded")
	}
	// Another phone: the server knows the guide is done; the profile opens it again.
	q := newPhone(t)
	q.open("/signin")
	q.waitVisible("signin-form")
	q.eval(fmt.Sprintf(`localStorage.setItem('hearth_auth', %q), ''`, sessionFor(t, email, password)))
	q.open("/")
	q.waitHome()
	if q.exists(`[data-testid="first-day-card"]`) {
		t.Error("on a new phone the first-day card shows again")
	}
	q.open("/profile")
	q.waitVisible("profile-first-day")

	// The manager sees it on the roster, in the house's day.
	loc, _ := time.LoadLocation(house.Timezone)
	mgr := newPhone(t)
	mgr.signInAs(managerEmail)
	mgr.open("/manage/roster")
	row := fmt.Sprintf(`[data-testid="roster-resident"][data-user=%q] [data-testid="roster-rules"]`, userID)
	mgr.waitVisible("roster-residents")
	want := "Read the house rules on " + at.In(loc).Format("Jan 2")
	if got := mgr.text(row); got != want {
		t.Errorf("the roster says %q, want %q", got, want)
	}
	mgr.eval(fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: 'center', behavior: 'instant'}), ''`, row))
	mgr.viewShot("seen-roster-rules-read-360")
	mgr.fits(360)
}

// The office PC: at 1280 px "Today and tonight" gives each resident one
// line and the roster several people a row; at 360 px both still fit.
func TestOfficeLayout(t *testing.T) {
	p := newBrowser(t, 1280, 900)
	p.signInAs(managerEmail)
	p.open("/manage/today")
	p.waitVisible("board-rows")
	p.fits(1280)
	// One line a resident: the three facts side by side, rows short.
	// tops: how many lines the facts' labels take (within 4 px is one line).
	raw := p.eval(`JSON.stringify([...document.querySelectorAll('[data-testid="board-row"]')].map(r => {
		const tops = [...r.querySelectorAll('.board-fact-label')].map(v => v.getBoundingClientRect().top);
		return { h: Math.round(r.getBoundingClientRect().height), tops: Math.max(...tops) - Math.min(...tops) <= 4 ? 1 : 2 };
	}))`)
	var rows []struct{ H, Tops int }
	if err := json.Unmarshal([]byte(raw), &rows); err != nil || len(rows) < 3 {
		t.Fatalf("board rows %s (%v)", raw, err)
	}
	for i, r := range rows {
		if r.Tops != 1 || r.H > 110 {
			t.Errorf("row %d at 1280 px: %d px high, facts on %d lines; want one line", i, r.H, r.Tops)
		}
	}
	if w, _ := strconv.Atoi(p.eval(`String(Math.round(document.querySelector('.main').getBoundingClientRect().width))`)); w < 1000 {
		t.Errorf("the page is %d px wide at 1280 px, want the office's width", w)
	}
	p.shot("seen-today-1280")

	p.open("/manage/roster")
	p.waitVisible("roster-residents")
	cols, _ := strconv.Atoi(p.eval(`String(new Set([...document.querySelectorAll('[data-testid="roster-resident"]')].map(x => Math.round(x.getBoundingClientRect().left))).size)`))
	if cols < 2 {
		t.Errorf("the roster has %d column(s) at 1280 px, want several", cols)
	}
	p.fits(1280)
	p.shot("seen-roster-1280")

	q := newPhone(t)
	q.signInAs(managerEmail)
	q.open("/manage/today")
	q.waitVisible("board-rows")
	q.at360("seen-today-360")
	q.open("/manage/roster")
	q.waitVisible("roster-residents")
	q.at360("seen-roster-360")
}
