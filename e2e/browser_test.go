package e2e_test

// Browser tests of the embedded web app against the real binary and the demo
// house. Every screen is driven at 360 px wide and saved as a screenshot.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	alexEmail   = "alex@maple.example"
	jordanEmail = "jordan@maple.example"
	chrisEmail  = "chris@maple.example" // an alumnus of the demo house
)

func TestSignInWrongPassword(t *testing.T) {
	p := newPhone(t)
	p.open("/")
	p.waitVisible("signin-form")
	if path := p.eval(`location.pathname`); path != "/signin" {
		t.Errorf("signed out, / should lead to /signin, got %s", path)
	}
	p.shot("signin")
	p.fits(360)

	// Keyboard users see where they are.
	p.do(chromedp.Focus(tid("signin-email")))
	if ring := p.eval(`(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; })()`); ring != "solid 3px" {
		t.Errorf("focused field outline = %q, want a visible 3px ring", ring)
	}

	p.do(
		chromedp.SendKeys(tid("signin-email"), alexEmail),
		chromedp.SendKeys(tid("signin-password"), "not-the-password"),
		chromedp.Click(tid("signin-submit")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="signin-error"] p`)),
	)
	msg := p.eval(`document.querySelector('[data-testid="signin-error"]').textContent`)
	if !strings.Contains(msg, "don’t match") {
		t.Errorf("wrong password message = %q, want the plain-words one", msg)
	}
	if role := p.eval(`document.querySelector('[data-testid="signin-error"]').getAttribute('role')`); role != "alert" {
		t.Errorf("the sign-in error has role %q, want alert", role)
	}
	p.shot("signin-error")
	p.fits(360)
}

// (a) A resident sees the house, its house-local date and at least 5
// housemates, with days sober only for those who share their date.
func TestResidentSeesHouse(t *testing.T) {
	roster := superuser(t).roster()
	var me *user
	byID := map[string]user{}
	for _, m := range roster {
		byID[m.User] = m.Expand.User
		if m.Expand.User.Email == alexEmail {
			u := m.Expand.User
			me = &u
		}
	}
	if me == nil {
		t.Fatalf("%s is not an active member of the demo house", alexEmail)
	}
	house := roster[0].Expand.House

	p := newPhone(t)
	p.signIn(alexEmail)
	p.until(`document.querySelectorAll('[data-testid="housemate"]').length >= 5`)

	if got := p.eval(`document.querySelector('[data-testid="house-name"]').textContent`); got != house.Name {
		t.Errorf("house name = %q, want %q", got, house.Name)
	}
	loc, err := time.LoadLocation(house.Timezone)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc)
	wantDate := now.Format("Monday, January 2, 2006")
	if got := p.eval(`document.querySelector('[data-testid="house-date"]').textContent.trim()`); got != wantDate {
		t.Errorf("house date = %q, want %q (house-local)", got, wantDate)
	}
	if n := run(p, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="manager-badge"]').length`)); n != 0 {
		t.Errorf("a resident sees the Manager badge")
	}

	var rows []struct {
		User string  `json:"user"`
		Days *string `json:"days"`
	}
	raw := run(p, chromedp.Evaluate[[]byte](`[...document.querySelectorAll('[data-testid="housemate"]')].map(li => ({
		user: li.dataset.user,
		days: li.querySelector('[data-testid="days-sober"]')?.dataset.days ?? null,
	}))`))
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(roster) {
		t.Errorf("home lists %d housemates, the house has %d active or away members", len(rows), len(roster))
	}
	today := now.Format("2006-01-02")
	shown, hidden := 0, 0
	for _, r := range rows {
		u, ok := byID[r.User]
		if !ok {
			t.Errorf("home lists user %s, who is not in the house", r.User)
			continue
		}
		visible := u.SobrietyDate != "" && (u.ShareSobriety || u.ID == me.ID)
		switch {
		case visible && r.Days == nil:
			t.Errorf("%s shares a sobriety date but no days sober are shown", u.Email)
		case !visible && r.Days != nil:
			t.Errorf("%s does not share a sobriety date but %s days sober are shown", u.Email, *r.Days)
		case visible:
			shown++
			want := daysBetween(t, u.SobrietyDate[:10], today)
			if got, _ := strconv.Atoi(*r.Days); got != want {
				t.Errorf("%s: %d days sober shown, want %d", u.Email, got, want)
			}
		default:
			hidden++
		}
	}
	t.Logf("%d housemates: days sober shown for %d, kept private for %d", len(rows), shown, hidden)
	if shown == 0 {
		t.Error("nobody's days sober are shown; the demo should have someone who shares")
	}

	p.shot("home")
	p.fits(360)
}

func daysBetween(t *testing.T, from, to string) int {
	t.Helper()
	a, err := time.Parse("2006-01-02", from)
	if err != nil {
		t.Fatal(err)
	}
	b, err := time.Parse("2006-01-02", to)
	if err != nil {
		t.Fatal(err)
	}
	return int(b.Sub(a).Hours() / 24)
}

// (b) A resident edits their name and phone, saves, reloads and sees the change.
func TestProfileEdit(t *testing.T) {
	p := newPhone(t)
	p.signIn(jordanEmail)
	p.do(chromedp.Click(tid("nav-profile")))
	p.waitVisible("profile-form")
	p.until(`document.querySelector('[data-testid="profile-name"]').value !== ''`)
	p.shot("profile")
	p.fits(360)

	// PocketBase's field errors show next to the field, in a live alert.
	p.fill("profile-name", strings.Repeat("Jordan ", 40))
	p.do(
		chromedp.Click(tid("profile-save")),
		chromedp.WaitVisible(tid("profile-name-error")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="profile-error"] p`)),
	)
	if got := p.eval(`document.querySelector('[data-testid="profile-name"]').getAttribute('aria-describedby')`); got != "profile-name-error" {
		t.Errorf("the name field is described by %q, want its error", got)
	}
	p.shot("profile-field-error")

	name := fmt.Sprintf("Jordan Tested %d", time.Now().Unix()%1000)
	phone := "+1 555 0142"
	p.fill("profile-name", name)
	p.fill("profile-phone", phone)
	p.do(
		chromedp.Click(tid("profile-save")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="profile-saved"] p`)),
	)
	if role := p.eval(`document.querySelector('[data-testid="profile-saved"]').getAttribute('aria-live')`); role != "polite" {
		t.Errorf("the saved message is not in a polite live region (aria-live=%q)", role)
	}
	p.shot("profile-saved")

	p.do(chromedp.Reload())
	p.waitVisible("profile-form")
	p.until(`document.querySelector('[data-testid="profile-name"]').value !== ''`)
	if got := run(p, chromedp.Value(tid("profile-name"))); got != name {
		t.Errorf("after reload the name is %q, want %q", got, name)
	}
	if got := run(p, chromedp.Value(tid("profile-phone"))); got != phone {
		t.Errorf("after reload the phone is %q, want %q", got, phone)
	}

	// The language switch applies at once, and back.
	setSelect := func(v string) {
		p.eval(`(() => { const s = document.querySelector('[data-testid="profile-language"]');
			s.value = '` + v + `'; s.dispatchEvent(new Event('change', {bubbles: true})); return s.value; })()`)
	}
	setSelect("es")
	p.until(`document.documentElement.lang === 'es' && document.querySelector('[data-testid="profile-screen"] h1').textContent === 'Tu perfil'`)
	p.shot("profile-es")
	p.fits(360)
	setSelect("en")
	p.until(`document.documentElement.lang === 'en' && document.querySelector('[data-testid="profile-screen"] h1').textContent === 'Your profile'`)
}

// (c) A notification created while the home screen is open raises the bell
// count without a reload; the list shows it, a tap marks it read, and
// "Mark all as read" clears the rest.
func TestNotificationBellIsLive(t *testing.T) {
	admin := superuser(t)
	email := ""
	for _, e := range admin.residents() {
		if e != alexEmail && e != jordanEmail {
			email = e
			break
		}
	}
	uid := admin.userID(email)
	var unread struct {
		Items []struct{ ID string } `json:"items"`
	}
	admin.call("GET", "/api/collections/notifications/records?"+url.Values{
		"filter": {fmt.Sprintf("user = %q && read = false", uid)}, "perPage": {"200"}, "fields": {"id"},
	}.Encode(), nil, &unread)
	before := len(unread.Items)

	p := newPhone(t)
	p.signIn(email)
	p.until(fmt.Sprintf(`(() => { const b = document.querySelector('[data-testid="bell"]');
		return b && b.dataset.live === 'true' && b.dataset.count === '%d'; })()`, before))

	title := fmt.Sprintf("Kitchen duty swapped %d", time.Now().UnixNano()%100000)
	admin.call("POST", "/api/collections/notifications/records", map[string]any{
		"user": uid, "kind": "test", "title": title, "body": "Sam took your Tuesday kitchen shift. You have Thursday instead.",
	}, nil)
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="bell"]').dataset.count === '%d'`, before+1))
	label := p.eval(`document.querySelector('[data-testid="bell"]').getAttribute('aria-label')`)
	if !strings.Contains(label, strconv.Itoa(before+1)) {
		t.Errorf("bell aria-label %q does not say %d unread", label, before+1)
	}
	if path := p.eval(`location.pathname`); path != "/" {
		t.Errorf("the page moved to %s", path)
	}
	p.shot("home-bell")

	p.do(chromedp.Click(tid("bell")))
	p.waitVisible("notifications")
	first := p.eval(`document.querySelector('[data-testid="notification"] [data-testid="notification-title"]').textContent`)
	if first != title {
		t.Errorf("newest notification is %q, want %q", first, title)
	}
	p.shot("notifications")
	p.fits(360)

	p.do(chromedp.Click(tid("notification")))
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="notification"]').dataset.read === 'true' &&
		document.querySelector('[data-testid="bell"]').dataset.count === '%d'`, before))

	if before > 0 {
		p.do(chromedp.Click(tid("mark-all-read")))
		p.until(`document.querySelector('[data-testid="bell"]').dataset.count === '0' &&
			!document.querySelector('[data-testid="notification"][data-read="false"]')`)
	}
	p.shot("notifications-read")
	p.fits(360)
}

// (d) The manager sees the Manager badge.
func TestManagerBadge(t *testing.T) {
	p := newPhone(t)
	p.signIn(managerEmail)
	p.waitVisible("manager-badge")
	p.until(`document.querySelectorAll('[data-testid="housemate"]').length > 0`)
	p.shot("manager-home")
	p.fits(360)
}

// (e) At 360 px nothing overflows horizontally, on any screen.
func TestNothingOverflowsAt360(t *testing.T) {
	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("signin-form")
	p.fits(360)
	p.tappable()
	p.signIn(alexEmail)
	p.until(`document.querySelectorAll('[data-testid="housemate"]').length > 0`)
	p.fits(360)
	p.tappable()
	for _, s := range []struct{ path, ready string }{
		{"/profile", `document.querySelector('[data-testid="profile-name"]')?.value`},
		{"/notifications", `document.querySelector('[data-testid="notifications"], [data-testid="notifications-empty"]')`},
		{"/settings/notifications", `document.querySelector('[data-testid="push-device"], [data-testid="push-why"]')`},
		{"/no-such-page", `document.querySelector('[data-testid="not-found"]')`},
	} {
		p.open(s.path)
		p.until(s.ready)
		p.fits(360)
		p.tappable()
	}
	p.shot("not-found")
}

// A saved session the server no longer accepts leads back to sign in, with
// a kind word about why.
func TestRejectedSessionReturnsToSignIn(t *testing.T) {
	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("signin-form")
	enc := base64.RawStdEncoding.EncodeToString // the SDK reads the payload with atob
	payload, _ := json.Marshal(map[string]any{
		"id": "nosuchuser0000", "type": "auth", "collectionId": "_pb_users_auth_", "refreshable": true,
		"exp": time.Now().Add(24 * time.Hour).Unix(),
	})
	token := enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc(payload) + "." + enc([]byte("forged"))
	auth, _ := json.Marshal(map[string]any{
		"token":  token,
		"record": map[string]any{"id": "nosuchuser0000", "collectionName": "users", "name": "Nobody"},
	})
	p.eval(fmt.Sprintf(`localStorage.setItem('hearth_auth', %q), ''`, auth))
	p.open("/")
	p.waitVisible("signin-notice")
	if path := p.eval(`location.pathname`); path != "/signin" {
		t.Errorf("after a rejected session the path is %s, want /signin", path)
	}
	if stored := p.eval(`localStorage.getItem('hearth_auth') || ''`); strings.Contains(stored, token) {
		t.Error("the rejected token is still stored")
	}
	p.shot("signin-expired")
}

// The same app on a desktop window.
func TestDesktopLayout(t *testing.T) {
	p := newBrowser(t, 1280, 800)
	p.signIn(managerEmail)
	p.until(`document.querySelectorAll('[data-testid="housemate"]').length > 0`)
	p.shot("desktop-home")
	p.fits(1280)
}

// An alumnus keeps the house but not the roster: a kind note, no empty list.
func TestAlumnusHome(t *testing.T) {
	p := newPhone(t)
	p.signIn(chrisEmail)
	p.waitVisible("alumni-note")
	if n := run(p, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="housemates"], [data-testid="housemates-empty"]').length`)); n != 0 {
		t.Error("an alumnus is shown a housemates list")
	}
	p.shot("alumni-home")
	p.fits(360)
}

// Every Spanish key is also an English key, so a translation never hides a
// typo; English is complete by construction (missing keys fail the page).
func TestDictionariesMatch(t *testing.T) {
	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("signin-form")
	extra := run(p, chromedp.Evaluate[[]string](`(async () => {
		const flat = (o, pre = '') => Object.entries(o).flatMap(([k, v]) =>
			typeof v === 'object' ? flat(v, pre + k + '.') : [pre + k]);
		const en = new Set(flat((await import('/js/i18n/en.js')).default));
		return flat((await import('/js/i18n/es.js')).default).filter(k => !en.has(k));
	})()`, chromedp.EvalAwaitPromise))
	if len(extra) > 0 {
		t.Errorf("es.js has keys that en.js lacks: %v", extra)
	}
}

// userID returns the id of a demo user, looked up as the superuser.
func (a *api) userID(email string) string {
	a.t.Helper()
	var res struct {
		Items []user `json:"items"`
	}
	a.call("GET", "/api/collections/users/records?"+url.Values{"filter": {fmt.Sprintf("email = %q", email)}}.Encode(), nil, &res)
	if len(res.Items) != 1 {
		a.t.Fatalf("no user %s", email)
	}
	return res.Items[0].ID
}

// The notification list pages with "Show more", and a tap follows the
// notification's link inside the app.
func TestNotificationsPagingAndLink(t *testing.T) {
	const email = "taylor@maple.example"
	admin := superuser(t)
	uid := admin.userID(email)
	for i := 1; i <= 21; i++ {
		admin.call("POST", "/api/collections/notifications/records", map[string]any{
			"user": uid, "kind": "test", "title": fmt.Sprintf("Check-in reminder %02d", i),
			"body": "A gentle nudge: your daily check-in is open until 9 pm.", "read": true,
		}, nil)
	}
	admin.call("POST", "/api/collections/notifications/records", map[string]any{
		"user": uid, "kind": "test", "title": "Please review your profile", "body": "Tap to open it.", "link": "/profile",
	}, nil)

	p := newPhone(t)
	p.signIn(email)
	p.open("/notifications")
	p.until(`document.querySelectorAll('[data-testid="notification"]').length === 20`)
	p.waitVisible("notifications-more")
	p.do(chromedp.Click(tid("notifications-more")))
	p.until(`document.querySelectorAll('[data-testid="notification"]').length > 20`)
	p.shot("notifications-more")
	p.fits(360)

	p.do(chromedp.Click(tid("notification"))) // the newest: the one with a link
	p.waitVisible("profile-form")
	if path := p.eval(`location.pathname`); path != "/profile" {
		t.Errorf("tapping a notification with link /profile led to %s", path)
	}
}

// A person in two houses picks one with a labelled select; the date follows
// the chosen house's timezone.
func TestHouseSwitcher(t *testing.T) {
	const email = "morgan@maple.example"
	admin := superuser(t)
	var house struct {
		ID string `json:"id"`
	}
	admin.call("POST", "/api/collections/houses/records", map[string]any{
		"name": "Cedar House", "timezone": "Pacific/Kiritimati",
	}, &house)
	admin.call("POST", "/api/collections/memberships/records", map[string]any{
		"house": house.ID, "user": admin.userID(email), "role": "resident", "status": "active", "room": "7",
	}, nil)

	p := newPhone(t)
	p.signIn(email)
	p.waitVisible("house-switch")
	if label := p.eval(`document.querySelector('label[for="house-switch"]')?.textContent || ''`); label == "" {
		t.Error("the house switcher has no label")
	}
	p.eval(fmt.Sprintf(`(() => { const s = document.querySelector('[data-testid="house-switch"]');
		s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); return ''; })()`, house.ID))
	p.until(`document.querySelector('[data-testid="house-name"]').textContent === 'Cedar House'`)
	loc, err := time.LoadLocation("Pacific/Kiritimati") // UTC+14: often a day ahead of Los Angeles
	if err != nil {
		t.Fatal(err)
	}
	want := time.Now().In(loc).Format("Monday, January 2, 2006")
	if got := p.eval(`document.querySelector('[data-testid="house-date"]').textContent.trim()`); got != want {
		t.Errorf("Cedar House date = %q, want %q", got, want)
	}
	p.shot("home-switcher")
	p.fits(360)

	// The choice is remembered on this phone.
	p.do(chromedp.Reload())
	p.until(`document.querySelector('[data-testid="house-name"]')?.textContent === 'Cedar House'`)
}
