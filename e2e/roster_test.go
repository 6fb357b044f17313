package e2e_test

// Browser tests of the manager's screens (roster, add resident, house
// settings), joining with an invite, the house rules, the accountability
// partner and an alumnus's stay. All tests share one server and the demo
// house, so each makes the people it changes and leaves the demo's own
// residents as the other tests expect them.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	samEmail    = "sam@maple.example"
	taylorEmail = "taylor@maple.example"
)

// ---------- sessions without the sign-in form ----------

// The sign-in form is tested in browser_test.go. Here a session is made once
// per person through the API and put in the phone's storage, the way the
// SDK keeps it: PocketBase allows 20 password sign-ins a minute from one
// address, and the whole package runs in about a minute.
var (
	sessionsMu sync.Mutex
	sessions   = map[string]string{}
)

func sessionFor(t *testing.T, email, password string) string {
	t.Helper()
	sessionsMu.Lock()
	defer sessionsMu.Unlock()
	if s, ok := sessions[email]; ok {
		return s
	}
	body, _ := json.Marshal(map[string]string{"identity": email, "password": password})
	resp, err := http.Post(baseURL+"/api/collections/users/auth-with-password", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign in %s: %d %s", email, resp.StatusCode, raw)
	}
	var auth struct {
		Token  string          `json:"token"`
		Record json.RawMessage `json:"record"`
	}
	if err := json.Unmarshal(raw, &auth); err != nil {
		t.Fatal(err)
	}
	s, _ := json.Marshal(map[string]any{"token": auth.Token, "record": auth.Record})
	sessions[email] = string(s)
	return string(s)
}

// signInAs opens the app signed in as a demo person, on the home screen.
func (p *phone) signInAs(email string) {
	p.t.Helper()
	session := sessionFor(p.t, email, demoPassword)
	p.open("/signin")
	p.waitVisible("signin-form")
	p.eval(fmt.Sprintf(`localStorage.setItem('hearth_auth', %q), ''`, session))
	p.open("/")
	p.waitHome()
}

// waitHome waits for the home screen to settle: its cards load on their
// own, and a tap aimed while one grows lands on whatever moved under it.
func (p *phone) waitHome() {
	p.t.Helper()
	p.waitVisible("home-screen")
	p.until(`!document.querySelector('[data-testid="home-screen"] [data-testid="loading"]')`)
}

// set gives a control a value the way the browser does after a person picks
// one (date and time pickers, selects), and tells the page.
func (p *phone) set(id, value string) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`(() => { const el = document.querySelector('[data-testid=%q]');
		el.value = %q;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return ''; })()`, id, value))
}

func (p *phone) text(css string) string {
	p.t.Helper()
	return p.eval(fmt.Sprintf(`(document.querySelector(%q)?.textContent || '').trim()`, css))
}

func (p *phone) attr(css, name string) string {
	p.t.Helper()
	return p.eval(fmt.Sprintf(`document.querySelector(%q)?.getAttribute(%q) || ''`, css, name))
}

// ---------- the demo house through the API ----------

type houseRecord struct {
	ID              string `json:"id"`
	Name            string `json:"name"`
	Timezone        string `json:"timezone"`
	Capacity        int    `json:"capacity"`
	Curfew          string `json:"curfew"`
	CurfewWeekend   string `json:"curfew_weekend"`
	ChoreGrace      int    `json:"chore_grace"`
	MeetingsPerWeek int    `json:"meetings_per_week"`
	Rules           string `json:"rules"`
}

type membershipRecord struct {
	ID         string `json:"id"`
	User       string `json:"user"`
	Role       string `json:"role"`
	Status     string `json:"status"`
	Room       string `json:"room"`
	Bed        string `json:"bed"`
	Phase      int    `json:"phase"`
	Partner    string `json:"partner"`
	MoveIn     string `json:"move_in"`
	MoveOut    string `json:"move_out"`
	AwayUntil  string `json:"away_until"`
	ExitReason string `json:"exit_reason"`
}

func (a *api) mapleHouse() houseRecord {
	a.t.Helper()
	var res struct {
		Items []houseRecord `json:"items"`
	}
	a.call("GET", "/api/collections/houses/records?"+url.Values{"filter": {`name = "Maple House"`}}.Encode(), nil, &res)
	if len(res.Items) != 1 {
		a.t.Fatalf("found %d houses named Maple House", len(res.Items))
	}
	return res.Items[0]
}

// bedsTaken counts the house's residents who live there or are away on a pass.
func (a *api) bedsTaken(houseID string) int {
	a.t.Helper()
	var res struct {
		Items []struct{ ID string } `json:"items"`
	}
	a.call("GET", "/api/collections/memberships/records?"+url.Values{
		"filter":  {fmt.Sprintf(`house = %q && role = "resident" && (status = "active" || status = "away")`, houseID)},
		"perPage": {"500"}, "fields": {"id"},
	}.Encode(), nil, &res)
	return len(res.Items)
}

// ensureFreeBeds makes room for n more residents, raising the demo house's
// capacity when it would be full (tests share the server and each adds
// people; a repeated run adds more).
func (a *api) ensureFreeBeds(n int) houseRecord {
	a.t.Helper()
	h := a.mapleHouse()
	taken := a.bedsTaken(h.ID)
	if h.Capacity > 0 && h.Capacity-taken < n {
		a.call("PATCH", "/api/collections/houses/records/"+h.ID, map[string]any{"capacity": taken + n}, &h)
	}
	return h
}

func (a *api) membership(id string) membershipRecord {
	a.t.Helper()
	var m membershipRecord
	a.call("GET", "/api/collections/memberships/records/"+id, nil, &m)
	return m
}

func (a *api) membershipOf(houseID, userID string) membershipRecord {
	a.t.Helper()
	var res struct {
		Items []membershipRecord `json:"items"`
	}
	a.call("GET", "/api/collections/memberships/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && user = %q`, houseID, userID)},
	}.Encode(), nil, &res)
	if len(res.Items) != 1 {
		a.t.Fatalf("user %s has %d memberships in house %s", userID, len(res.Items), houseID)
	}
	return res.Items[0]
}

// newUser makes an account that belongs to no house yet.
func (a *api) newUser(name, email, password string) string {
	a.t.Helper()
	var u struct {
		ID string `json:"id"`
	}
	a.call("POST", "/api/collections/users/records", map[string]any{
		"name": name, "email": email, "password": password, "passwordConfirm": password, "verified": true,
	}, &u)
	return u.ID
}

// newResident adds an active resident to the house, moved in on moveIn.
func (a *api) newResident(houseID, name, email, room, bed, moveIn string) (userID, membershipID string) {
	a.t.Helper()
	userID = a.newUser(name, email, demoPassword)
	var m struct {
		ID string `json:"id"`
	}
	a.call("POST", "/api/collections/memberships/records", map[string]any{
		"house": houseID, "user": userID, "role": "resident", "status": "active",
		"room": room, "bed": bed, "move_in": moveIn,
	}, &m)
	return userID, m.ID
}

// newInvite makes an invite as the superuser, the way the manager's screen does.
func (a *api) newInvite(houseID, room, bed string) (code, link string) {
	a.t.Helper()
	var res struct {
		Code string `json:"code"`
		URL  string `json:"url"`
	}
	a.call("POST", "/api/hearth/houses/"+houseID+"/invites", map[string]any{"room": room, "bed": bed}, &res)
	return res.Code, res.URL
}

func houseToday(t *testing.T, tz string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc)
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

func unique(prefix string) string {
	return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1_000_000_000)
}

var inviteCodeShape = regexp.MustCompile(`^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$`)

// ---------- tests ----------

// (a) The manager makes an invite on the Add resident screen; another phone
// opens its link, makes an account and lands on the house's home, signed in.
// The invite then no longer waits, cannot be used again, and the new
// resident is on the roster.
func TestInviteJoinsNewResident(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.waitVisible("home-manage")
	p.do(chromedp.Click(tid("manage-invite")))
	p.waitVisible("invite-form")
	p.shot("invite-form")
	p.fits(360)
	p.tappable()

	p.fill("invite-room", "6")
	p.fill("invite-bed", "A")
	p.do(chromedp.Click(tid("invite-create")))
	p.waitVisible("invite-result")
	code := p.text(`[data-testid="invite-code"]`)
	link := p.eval(`document.querySelector('[data-testid="invite-url"]').value`)
	if !inviteCodeShape.MatchString(code) {
		t.Errorf("invite code %q does not look like ABCD-EFGH-JKMN-PQRS", code)
	}
	if want := baseURL + "/join#" + code; link != want {
		t.Errorf("join link = %q, want %q", link, want)
	}
	// The QR code is an image big enough to scan, with words for a screen reader.
	var qr struct {
		Loaded bool    `json:"loaded"`
		Width  float64 `json:"width"`
		Alt    string  `json:"alt"`
		Pixel  string  `json:"pixel"`
	}
	raw := run(p, chromedp.Evaluate[[]byte](`(async () => {
		const img = document.querySelector('[data-testid="invite-qr"]');
		if (!img.complete) await new Promise(r => img.addEventListener('load', r, {once: true}));
		return { loaded: img.naturalWidth > 0, width: img.getBoundingClientRect().width, alt: img.alt,
			pixel: getComputedStyle(img).imageRendering };
	})()`, chromedp.EvalAwaitPromise))
	if err := json.Unmarshal(raw, &qr); err != nil {
		t.Fatal(err)
	}
	if !qr.Loaded || qr.Width < 240 || qr.Alt == "" || qr.Pixel != "pixelated" {
		t.Errorf("QR image: %+v; want a loaded image at least 240 px wide, with alt text, pixelated", qr)
	}
	if !strings.Contains(p.text(`[data-testid="invite-place"]`), "Room 6") {
		t.Errorf("the invite says %q, want room 6", p.text(`[data-testid="invite-place"]`))
	}
	inviteID := p.attr(`[data-testid="invite-result"]`, "data-id")
	pending := fmt.Sprintf(`[data-testid="pending-invite"][data-id=%q]`, inviteID)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.textContent.includes('Room 6')`, pending))
	p.shot("invite-ready")
	p.fits(360)
	p.tappable()

	p.do(chromedp.Click(tid("invite-copy")))
	p.waitVisible("invite-copied")

	// Another phone, signed out, opens the link.
	q := p.separate()
	q.do(chromedp.Navigate(link))
	q.waitVisible("join-form")
	if got := q.text(`[data-testid="join-house-name"]`); got != house.Name {
		t.Errorf("the join screen names %q, want %q", got, house.Name)
	}
	if got := q.text(`[data-testid="join-place"]`); !strings.Contains(got, "Room 6") || !strings.Contains(got, "Bed A") {
		t.Errorf("the join screen says the place is %q, want room 6, bed A", got)
	}
	q.shot("join-form")
	q.fits(360)
	q.tappable()

	// A short password: the server's words, next to the field.
	name := unique("Riley Newcomer ")
	email := unique("riley") + "@maple.example"
	q.fill("join-name", name)
	q.fill("join-email", email)
	q.fill("join-password", "short")
	q.fill("join-password-again", "short")
	q.do(chromedp.Click(tid("join-submit")), chromedp.WaitVisible(tid("join-password-error")))
	q.shot("join-field-error")
	q.fits(360)

	password := "a-long-enough-password"
	q.fill("join-password", password)
	q.fill("join-password-again", password)
	q.do(chromedp.Click(tid("join-submit")), chromedp.WaitVisible(tid("home-screen")))
	q.until(`document.querySelector('[data-testid="house-name"]')?.textContent === 'Maple House'`)
	if path := q.eval(`location.pathname`); path != "/" {
		t.Errorf("after joining the path is %s, want /", path)
	}
	q.until(fmt.Sprintf(`[...document.querySelectorAll('[data-testid="housemate-name"]')].some(e => e.textContent === %q)`, name))
	if stored := q.eval(`localStorage.getItem('hearth_auth') || ''`); !strings.Contains(stored, email) {
		t.Error("the new resident's session is not kept on their phone")
	}
	q.shot("join-home")
	q.fits(360)

	// The manager's roster has them in room 6; the invite no longer waits.
	uid := admin.userID(email)
	m := admin.membershipOf(house.ID, uid)
	if m.Status != "active" || m.Role != "resident" || m.Room != "6" || m.Bed != "A" {
		t.Errorf("the new membership is %+v, want an active resident in room 6, bed A", m)
	}
	p.open("/manage/roster")
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="roster-resident"][data-user=%q]')`, uid))
	p.open("/manage/invite")
	p.until(`document.querySelector('[data-testid="pending-invites"], [data-testid="pending-empty"]')`)
	if p.eval(fmt.Sprintf(`String(!!document.querySelector(%q))`, pending)) != "false" {
		t.Error("the used invite is still listed as waiting")
	}

	// A third phone cannot use the code again; the screen says why.
	r := p.separate()
	r.do(chromedp.Navigate(link))
	r.waitVisible("join-code-error")
	if msg := r.text(`[data-testid="join-code-error"]`); msg == "" {
		t.Error("a used code shows no message")
	} else {
		t.Logf("used code: %q", msg)
	}
	r.shot("join-used-code")
	r.fits(360)

	// A revoked invite leaves the list, and its code no longer works.
	p.fill("invite-room", "7")
	p.do(chromedp.Click(tid("invite-create")))
	p.waitVisible("invite-result")
	revokedCode := p.text(`[data-testid="invite-code"]`)
	revokedID := p.attr(`[data-testid="invite-result"]`, "data-id")
	row := fmt.Sprintf(`[data-testid="pending-invite"][data-id=%q]`, revokedID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, row))
	p.do(chromedp.Click(chromedp.CSS(row + ` [data-testid="pending-revoke"]`)))
	p.until(fmt.Sprintf(`!document.querySelector(%q)`, row))
	p.waitVisible("pending-message")
	p.waitVisible("invite-form") // the revoked code is no longer on show
	p.shot("invite-revoked")
	r.do(chromedp.Navigate(baseURL + "/join#" + revokedCode))
	r.until(fmt.Sprintf(`document.querySelector('[data-testid="join-code"]')?.value === %q &&
		document.querySelector('[data-testid="join-code-error"]')?.textContent.includes('cancelled')`, revokedCode))
}

// A typed code may have spaces and small letters; an email that already has
// an account joins with that account's password, as the server asks.
func TestJoinTypedCodeWithExistingAccount(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)

	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("signin-join")
	p.do(chromedp.Click(tid("signin-join")))
	p.waitVisible("join-code-form")
	p.fits(360)
	p.tappable()

	// An unknown code: the server's words under the field.
	p.fill("join-code", "aaaa bbbb cccc dddd")
	p.do(chromedp.Click(tid("join-lookup")), chromedp.WaitVisible(tid("join-code-error")))
	if got := p.attr(`[data-testid="join-code"]`, "aria-invalid"); got != "true" {
		t.Errorf("the code field is not marked invalid (aria-invalid=%q)", got)
	}
	p.shot("join-unknown-code")
	p.fits(360)

	code, _ := admin.newInvite(house.ID, "", "")
	password := "an-existing-password"
	email := unique("kelly") + "@example.org"
	admin.newUser("Kelly Returning", email, password)

	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	p.fill("join-code", typed)
	p.do(chromedp.Click(tid("join-lookup")), chromedp.WaitVisible(tid("join-form")))
	if got := p.text(`[data-testid="join-house-name"]`); got != house.Name {
		t.Errorf("joining %q, want %q", got, house.Name)
	}
	p.fill("join-name", "Kelly")
	p.fill("join-email", email)
	p.fill("join-password", "not-the-password")
	p.fill("join-password-again", "not-the-password")
	p.do(chromedp.Click(tid("join-submit")), chromedp.WaitVisible(tid("join-password-error")))
	msg := p.text(`[data-testid="join-password-error"]`)
	if !strings.Contains(msg, "already has a Hearth account") {
		t.Errorf("existing account message = %q", msg)
	}
	if n := run(p, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="join-password-again"]').length`)); n != 0 {
		t.Error("an existing account is still asked to repeat the password")
	}
	p.shot("join-existing-account")
	p.fits(360)

	p.fill("join-password", password)
	p.do(chromedp.Click(tid("join-submit")), chromedp.WaitVisible(tid("home-screen")))
	p.until(`document.querySelector('[data-testid="house-name"]')?.textContent === 'Maple House'`)
	m := admin.membershipOf(house.ID, admin.userID(email))
	if m.Status != "active" {
		t.Errorf("the existing account's membership is %q, want active", m.Status)
	}
}

// (b) The manager changes a resident's place, marks a pass and the return,
// then moves them out; the roster and the vacancies follow each change.
func TestManagerMovesResidentOut(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	today := houseToday(t, house.Timezone)
	moveIn := today.AddDate(0, 0, -10).Format("2006-01-02")
	name := unique("Dana Moveout ")
	uid, mid := admin.newResident(house.ID, name, unique("dana")+"@maple.example", "8", "A", moveIn)
	sam := admin.userID(samEmail)
	// Dana chose Sam as their partner (on their phone; here through the API).
	admin.call("PATCH", "/api/collections/memberships/records/"+mid, map[string]any{"partner": sam}, nil)

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.do(chromedp.Click(tid("nav-manage")))
	p.waitVisible("manage-screen")
	p.shot("manage")
	p.fits(360)
	p.tappable()
	p.do(chromedp.Click(tid("manage-roster")))
	row := fmt.Sprintf(`[data-testid="roster-resident"][data-user=%q]`, uid)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, row))

	vacancies := func() (free, occupied int) {
		v := p.attr(`[data-testid="vacancies"]`, "data-vacancies")
		o := p.attr(`[data-testid="vacancies"]`, "data-occupied")
		free, _ = strconv.Atoi(v)
		occupied, _ = strconv.Atoi(o)
		return
	}
	free0, occ0 := vacancies()
	h := admin.mapleHouse()
	if taken := admin.bedsTaken(h.ID); occ0 != taken || free0 != h.Capacity-taken {
		t.Errorf("vacancies show %d free of %d taken; the house has capacity %d and %d taken", free0, occ0, h.Capacity, taken)
	}
	if got := p.attr(row+` [data-testid="days-here"]`, "data-days"); got != "10" {
		t.Errorf("days in the house = %q, want 10", got)
	}
	p.shot("roster")
	p.fits(360)
	p.tappable()

	open := func() {
		p.do(chromedp.Click(chromedp.CSS(row + ` [data-testid="roster-open"]`)))
		p.waitVisible("resident-panel")
	}

	// The panel is a modal dialog: Escape closes it and focus goes back to the row.
	open()
	p.shot("roster-panel")
	p.fits(360)
	p.tappable()
	p.do(chromedp.KeyEvent(kb.Escape))
	p.until(`!document.querySelector('[data-testid="resident-panel"]')`)
	// Focus moves back once the dialog has gone, a frame later.
	p.until(fmt.Sprintf(`document.activeElement?.closest('[data-testid="roster-resident"]')?.dataset.user === %q`, uid))

	// Room, bed and phase; the partner is Dana's own choice: the manager
	// sees it and can only remove it.
	if got := p.text(row + ` [data-testid="roster-partner"]`); !strings.Contains(got, "Sam") {
		t.Errorf("partner shown as %q, want Sam", got)
	}
	open()
	if got := p.eval(`[...document.querySelectorAll('[data-testid="panel-partner"] option')].map(o => o.value || 'none').join(',')`); got != "none,"+sam {
		t.Errorf("the manager's partner choices are %q, want only no partner and the resident's own choice", got)
	}
	p.fill("panel-room", "9")
	p.set("panel-phase", "2")
	p.set("panel-partner", "")
	p.do(chromedp.Click(tid("panel-save")))
	p.waitVisible("roster-message")
	p.until(fmt.Sprintf(`document.querySelector(%q)?.textContent.includes('Room 9')`, row+` [data-testid="roster-place"]`))
	if p.exists(row + ` [data-testid="roster-partner"]`) {
		t.Error("the partner still shows after the manager removed them")
	}
	if m := admin.membership(mid); m.Room != "9" || m.Phase != 2 || m.Partner != "" {
		t.Errorf("after saving, the membership is %+v", m)
	}
	if n := run(p, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="resident-panel"]').length`)); n != 0 {
		t.Error("the panel stays open after saving")
	}

	// Away on a pass, then back home. An away resident keeps their bed.
	back := today.AddDate(0, 0, 3).Format("2006-01-02")
	open()
	p.set("panel-away-until", back)
	p.do(chromedp.Click(tid("panel-away")))
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'away'`, row))
	p.waitVisible("away-tag")
	if m := admin.membership(mid); m.Status != "away" || !strings.HasPrefix(m.AwayUntil, back) {
		t.Errorf("after marking away, status %q away_until %q; want away until %s", m.Status, m.AwayUntil, back)
	}
	if free, occ := vacancies(); free != free0 || occ != occ0 {
		t.Errorf("a pass changed the vacancies: %d free, %d taken (was %d, %d)", free, occ, free0, occ0)
	}
	p.shot("roster-away")
	open()
	p.do(chromedp.Click(tid("panel-back")))
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'active'`, row))
	if m := admin.membership(mid); m.Status != "active" || m.AwayUntil != "" {
		t.Errorf("back home: status %q away_until %q; want active, no return date", m.Status, m.AwayUntil)
	}

	// Moving out before moving in: the server's words next to the date.
	open()
	p.do(chromedp.Click(tid("panel-move-out")))
	p.waitVisible("moveout-form")
	if got := p.eval(`document.querySelector('[data-testid="moveout-date"]').value`); got != today.Format("2006-01-02") {
		t.Errorf("move-out date starts at %q, want house-local today %s", got, today.Format("2006-01-02"))
	}
	p.set("moveout-date", today.AddDate(0, 0, -20).Format("2006-01-02"))
	p.do(chromedp.Click(tid("moveout-submit")))
	p.waitVisible("moveout-date-error")
	t.Logf("move-out before move-in: %q", p.text(`[data-testid="moveout-date-error"]`))
	p.shot("roster-moveout-error")
	p.fits(360)

	// Discharged, with a reason, after a confirmation.
	p.set("moveout-date", today.Format("2006-01-02"))
	p.do(chromedp.Click(tid("moveout-kind-discharged")))
	reason := "Asked to leave after a safety concern; referred to county services."
	p.fill("moveout-reason", reason)
	p.shot("roster-moveout")
	p.fits(360)
	p.tappable()
	p.do(chromedp.Click(tid("moveout-submit")))
	p.waitVisible("discharge-confirm")
	p.shot("roster-discharge-confirm")
	p.fits(360)
	p.do(chromedp.Click(tid("discharge-yes")))
	p.waitVisible("roster-message")
	p.until(fmt.Sprintf(`!document.querySelector(%q)`, row))
	moved := fmt.Sprintf(`[data-testid="roster-moved-out-item"][data-user=%q]`, uid)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'discharged'`, moved))
	if got := p.text(moved + ` [data-testid="moved-out-reason"]`); !strings.Contains(got, reason) {
		t.Errorf("moved-out reason shows %q, want %q", got, reason)
	}
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="vacancies"]').dataset.occupied === '%d'`, occ0-1))
	if free, _ := vacancies(); free != free0+1 {
		t.Errorf("after the move-out %d beds are open, want %d", free, free0+1)
	}
	m := admin.membership(mid)
	if m.Status != "discharged" || !strings.HasPrefix(m.MoveOut, today.Format("2006-01-02")) || m.ExitReason != reason {
		t.Errorf("after the move-out the membership is %+v", m)
	}
	p.shot("roster-moved-out")
	p.fits(360)
}

// The house settings load the stored values (the rules as plain text), show
// the server's field errors by the field, and save rules that everyone then
// reads as text, never as markup.
func TestHouseSettingsAndRules(t *testing.T) {
	admin := superuser(t)
	before := admin.mapleHouse()
	t.Cleanup(func() {
		admin.call("PATCH", "/api/collections/houses/records/"+before.ID, map[string]any{
			"rules": before.Rules, "chore_grace": before.ChoreGrace,
		}, nil)
	})

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/manage/house")
	p.until(`document.querySelector('[data-testid="settings-rules"]')?.value.includes('Stay sober')`)
	if got := p.eval(`document.querySelector('[data-testid="settings-curfew"]').value`); got != before.Curfew {
		t.Errorf("curfew shows %q, want %q", got, before.Curfew)
	}
	if got := p.eval(`document.querySelector('[data-testid="settings-curfew-weekend"]').value`); got != before.CurfewWeekend {
		t.Errorf("weekend curfew shows %q, want %q", got, before.CurfewWeekend)
	}
	p.shot("settings")
	p.fits(360)
	p.tappable()

	p.fill("settings-chore-grace", "-5")
	p.do(chromedp.Click(tid("settings-save")), chromedp.WaitVisible(tid("settings-chore-grace-error")))
	t.Logf("negative grace: %q", p.text(`[data-testid="settings-chore-grace-error"]`))
	p.shot("settings-field-error")
	p.fits(360)

	rules := "Be kind <always> & \"honest\".\nCall if you'll be late.\n\n<script>alert('x')</script>"
	p.fill("settings-chore-grace", strconv.Itoa(before.ChoreGrace))
	p.set("settings-rules", rules)
	p.do(chromedp.Click(tid("settings-save")), chromedp.WaitVisible(chromedp.CSS(`[data-testid="settings-saved"] p`)))
	want := `<p>Be kind &lt;always&gt; &amp; &quot;honest&quot;.<br>Call if you&#39;ll be late.</p><p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>`
	if got := admin.mapleHouse().Rules; got != want {
		t.Errorf("stored rules = %q, want %q", got, want)
	}

	// A resident reads them as text.
	r := p.separate()
	r.signInAs(alexEmail)
	r.do(chromedp.Click(tid("home-rules")))
	r.waitVisible("rules-text")
	var got struct {
		Paras   int    `json:"paras"`
		Scripts int    `json:"scripts"`
		Text    string `json:"text"`
	}
	raw := run(r, chromedp.Evaluate[[]byte](`(() => { const el = document.querySelector('[data-testid="rules-text"]');
		return { paras: el.querySelectorAll('p').length, scripts: document.querySelectorAll('#main script').length, text: el.innerText }; })()`))
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Paras != 2 || got.Scripts != 0 || !strings.Contains(got.Text, "<script>alert('x')</script>") ||
		!strings.Contains(got.Text, "Be kind <always> & \"honest\".\nCall if you'll be late.") {
		t.Errorf("rules as a resident sees them: %+v", got)
	}
	r.shot("rules")
	r.fits(360)
	r.tappable()

	// The demo's own rules (a heading and a numbered list) read well too.
	admin.call("PATCH", "/api/collections/houses/records/"+before.ID, map[string]any{"rules": before.Rules}, nil)
	r.open("/rules")
	r.until(`document.querySelectorAll('[data-testid="rules-text"] ol li').length === 7`)
	r.shot("rules-demo")
	r.fits(360)
}

// A resident chooses an accountability partner and removes them again.
func TestPartnerChoice(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	taylor := admin.userID(taylorEmail)
	sam := admin.userID(samEmail)
	mine := admin.membershipOf(house.ID, taylor)
	t.Cleanup(func() {
		admin.call("PATCH", "/api/collections/memberships/records/"+mine.ID, map[string]any{"partner": mine.Partner}, nil)
	})

	p := newPhone(t)
	p.signInAs(taylorEmail)
	p.do(chromedp.Click(tid("home-partner")))
	p.waitVisible("partner-form")
	if !strings.Contains(p.text(`[data-testid="partner-screen"] .lead`), "Nobody else in the house will") {
		t.Error("the partner screen does not explain who sees what")
	}
	p.shot("partner")
	p.fits(360)
	p.tappable()

	p.set("partner-select", sam)
	p.do(chromedp.Click(tid("partner-save")), chromedp.WaitVisible(chromedp.CSS(`[data-testid="partner-saved"] p`)))
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="partner-current"]').dataset.partner === %q`, sam))
	if got := admin.membership(mine.ID).Partner; got != sam {
		t.Errorf("partner stored as %q, want Sam (%s)", got, sam)
	}
	p.shot("partner-chosen")
	p.fits(360)

	p.do(chromedp.Click(tid("partner-remove")))
	p.until(`document.querySelector('[data-testid="partner-current"]').dataset.partner === ''`)
	if got := admin.membership(mine.ID).Partner; got != "" {
		t.Errorf("after removing, partner is %q", got)
	}
}

// An alumnus sees their own stay in the house on their home screen.
func TestAlumnusSeesStay(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	m := admin.membershipOf(house.ID, admin.userID(chrisEmail))

	p := newPhone(t)
	p.signInAs(chrisEmail)
	p.waitVisible("alumni-stay")
	in, _ := time.Parse("2006-01-02", m.MoveIn[:10])
	out, _ := time.Parse("2006-01-02", m.MoveOut[:10])
	if got, want := p.text(`[data-testid="stay-move-in"]`), in.Format("Jan 2, 2006"); got != want {
		t.Errorf("moved in shows %q, want %q", got, want)
	}
	if got, want := p.text(`[data-testid="stay-move-out"]`), out.Format("Jan 2, 2006"); got != want {
		t.Errorf("moved out shows %q, want %q", got, want)
	}
	if got, want := p.attr(`[data-testid="stay-days"]`, "data-days"), strconv.Itoa(int(out.Sub(in).Hours()/24)); got != want {
		t.Errorf("days in the house = %q, want %s", got, want)
	}
	if n := run(p, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="home-partner"]').length`)); n != 0 {
		t.Error("an alumnus is offered to choose a partner")
	}
	p.shot("alumni-stay")
	p.fits(360)
	p.tappable()
}

// (c) Every new screen at 360 px: nothing overflows, everything is big
// enough to tap; a resident is kindly turned away from manager screens.
func TestNewScreensAt360(t *testing.T) {
	p := newPhone(t)
	p.signInAs(managerEmail)
	p.fits(360)
	p.tappable()
	p.shot("manager-home-links")
	for _, s := range []struct{ path, ready string }{
		{"/manage", `document.querySelector('[data-testid="manage-links"]')`},
		{"/manage/roster", `document.querySelector('[data-testid="roster-residents"]')`},
		{"/manage/invite", `document.querySelector('[data-testid="pending-invites"], [data-testid="pending-empty"]')`},
		{"/manage/house", `document.querySelector('[data-testid="settings-rules"]')?.value`},
		{"/rules", `document.querySelector('[data-testid="rules-text"], [data-testid="rules-empty"]')`},
		{"/partner", `document.querySelector('[data-testid="partner-form"]')`},
		{"/join", `document.querySelector('[data-testid="join-code-form"]')`},
	} {
		p.open(s.path)
		p.until(s.ready)
		p.fits(360)
		p.tappable()
	}
	p.shot("join-signed-in")

	r := p.separate()
	r.signInAs(alexEmail)
	r.waitVisible("home-rules")
	r.fits(360)
	r.tappable()
	for _, path := range []string{"/manage", "/manage/roster", "/manage/invite", "/manage/house"} {
		r.open(path)
		r.waitVisible("not-manager")
		r.fits(360)
		r.tappable()
	}
	r.shot("not-manager")

	s := p.separate()
	s.open("/join")
	s.waitVisible("join-code-form")
	if path := s.eval(`location.pathname`); path != "/join" {
		t.Errorf("signed out, /join led to %s", path)
	}
	s.fits(360)
	s.tappable()
	s.shot("join-signed-out")
}

// Stored rules are read as text in an inert document: markup from anywhere
// (the dashboard's editor, a script) never runs, and the text survives the
// trip through the settings' plain-text editor.
func TestRulesTextIsInert(t *testing.T) {
	// The hostile markup below is parsed in an inert document (DOMParser):
	// Chromium reports its handler and style to the page's
	// Content-Security-Policy while parsing, though neither could run.
	cspViolationsExpected.Store(t.Name(), true)
	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("signin-form")
	var got struct {
		Blocks string `json:"blocks"`
		Text   string `json:"text"`
		Back   string `json:"back"`
		Pwned  bool   `json:"pwned"`
	}
	raw := run(p, chromedp.Evaluate[[]byte](`(async () => {
		const m = await import('/js/richtext.js');
		window.__pwned = false;
		const src = '<h1>Title</h1><div>Loose <b>bold</b><br>line two<div>nested</div></div>' +
			'<img src=x onerror="window.__pwned=true"><script>window.__pwned=true<\/script><style>body{display:none}</style>' +
			'<ul><li>One</li><li>Two<ul><li>Two a</li></ul></li></ul>text after';
		const blocks = m.rulesBlocks(src);
		const text = m.rulesToText(src);
		const back = m.rulesToText(m.textToRules(text));
		await new Promise(r => setTimeout(r, 300));
		return { blocks: JSON.stringify(blocks), text, back, pwned: window.__pwned };
	})()`, chromedp.EvalAwaitPromise))
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	wantText := "Title\n\nLoose bold\nline two\n\nnested\n\n• One\n• Two\nTwo a\n\ntext after"
	if got.Text != wantText {
		t.Errorf("rules as text = %q, want %q (blocks %s)", got.Text, wantText, got.Blocks)
	}
	if got.Back != got.Text {
		t.Errorf("after a trip through the editor the rules read %q, want %q", got.Back, got.Text)
	}
	if got.Pwned {
		t.Error("markup in the rules ran")
	}
}
