package e2e_test

// Browser tests of check-ins and meetings: the resident's check-in card on
// the home screen (two taps), the /checkin page the reminder opens, "I'm
// home", the meeting log, the partner's view, and the manager's live
// "Today and tonight" board with a resident's history, where a meeting is
// verified. Every screen at 360 px. The server is shared by all tests, so
// each test makes its own residents, with unique names, and finds them by id.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

type checkinRecord struct {
	ID      string `json:"id"`
	User    string `json:"user"`
	House   string `json:"house"`
	Kind    string `json:"kind"`
	Mood    int    `json:"mood"`
	Craving int    `json:"craving"`
	Note    string `json:"note"`
	Late    bool   `json:"late"`
	Day     string `json:"day"`
}

type meetingRecord struct {
	ID         string `json:"id"`
	User       string `json:"user"`
	House      string `json:"house"`
	Date       string `json:"date"`
	Program    string `json:"program"`
	Name       string `json:"name"`
	Format     string `json:"format"`
	Proof      string `json:"proof"`
	VerifiedBy string `json:"verified_by"`
}

// as is the API as a demo or test person, with their own token (the one
// their phone holds), so the server's rules apply to what they send.
func as(t *testing.T, email string) *api {
	t.Helper()
	var s struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal([]byte(sessionFor(t, email, demoPassword)), &s); err != nil || s.Token == "" {
		t.Fatalf("no session for %s: %v", email, err)
	}
	return &api{t: t, token: s.Token}
}

// newCheckinResident adds an active resident to the demo house, for one test.
func newCheckinResident(t *testing.T, admin *api, house houseRecord, first string) (id, email, name string) {
	t.Helper()
	name = unique(first + " Checkin ")
	email = unique(strings.ToLower(first)) + "@maple.example"
	id, _ = admin.newResident(house.ID, name, email, "8", "", houseToday(t, house.Timezone).Format("2006-01-02"))
	return id, email, name
}

func (a *api) checkinsOf(houseID, userID, kind string) []checkinRecord {
	a.t.Helper()
	var res struct {
		Items []checkinRecord `json:"items"`
	}
	a.call("GET", "/api/collections/checkins/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && user = %q && kind = %q`, houseID, userID, kind)},
	}.Encode(), nil, &res)
	return res.Items
}

func (a *api) meetingsOf(houseID, userID string) []meetingRecord {
	a.t.Helper()
	var res struct {
		Items []meetingRecord `json:"items"`
	}
	a.call("GET", "/api/collections/meetings/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && user = %q`, houseID, userID)}, "sort": {"-created"},
	}.Encode(), nil, &res)
	return res.Items
}

// postMeeting logs a meeting with a slip photo, as the phone's form does
// (multipart), and returns it.
func (a *api) postMeeting(fields map[string]string, photo string) meetingRecord {
	a.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	part, err := w.CreateFormFile("proof", "slip.png")
	if err != nil {
		a.t.Fatal(err)
	}
	raw, err := os.ReadFile(photo)
	if err != nil {
		a.t.Fatal(err)
	}
	_, _ = part.Write(raw)
	_ = w.Close()
	req, _ := http.NewRequest("POST", baseURL+"/api/collections/meetings/records", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", a.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		a.t.Fatalf("log a meeting: %d %s", resp.StatusCode, out)
	}
	var m meetingRecord
	if err := json.Unmarshal(out, &m); err != nil {
		a.t.Fatal(err)
	}
	return m
}

func row(testid, user string) string {
	return fmt.Sprintf(`[data-testid=%q][data-user=%q]`, testid, user)
}

// (a) A resident checks in from the home card with three taps, a face, a
// craving (none is a choice, not a default) and "Check in", and sees it
// done with their streak; a second check-in is not
// offered. On the /checkin page the reminder opens, a check-in made
// meanwhile on another phone is answered with the server's kind words.
func TestDailyCheckinFromHome(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	id, email, _ := newCheckinResident(t, admin, house, "Robin")

	p := newPhone(t)
	p.signInAs(email)
	p.until(`document.querySelector('[data-testid="checkin-card"]')?.dataset.state === 'ready'`)
	if got := p.attr(`[data-testid="checkin-streak"]`, "data-streak"); got != "0" {
		t.Errorf("a new resident's streak is %q, want 0", got)
	}
	// The card comes before the chores card.
	if p.eval(`String(!!(document.querySelector('[data-testid="checkin-card"]').compareDocumentPosition(document.querySelector('[data-testid="home-chores"]')) & Node.DOCUMENT_POSITION_FOLLOWING))`) != "true" {
		t.Error("the check-in card is not above the chores card")
	}
	if got := p.attr(`[data-testid="craving-0"] input`, "aria-label"); got == "" || p.exists(`[data-testid="craving-picker"] input:checked`) {
		t.Errorf("a craving is chosen before the resident chose one (label %q)", got)
	}
	p.at360("checkin-home-card")

	// Without a craving, the form asks for one and sends nothing.
	p.click(`[data-testid="mood-4"]`)
	p.do(chromedp.Click(tid("checkin-submit")))
	p.waitVisible("craving-error")
	if n := len(admin.checkinsOf(house.ID, id, "daily")); n != 0 {
		t.Errorf("%d check-ins sent without a craving, want 0", n)
	}
	// Three taps: none is chosen like any other.
	p.click(`[data-testid="craving-0"]`)
	p.do(chromedp.Click(tid("checkin-submit")))
	p.until(`document.querySelector('[data-testid="daily-checkin"]')?.dataset.done === 'true'`)
	p.waitVisible("checkin-done")
	if got := p.attr(`[data-testid="checkin-streak"]`, "data-streak"); got != "1" {
		t.Errorf("after checking in, the streak is %q, want 1", got)
	}
	if !strings.Contains(p.text(`[data-testid="checkin-message"]`), "Thank you") {
		t.Errorf("after checking in, the card says %q", p.text(`[data-testid="checkin-message"]`))
	}
	if p.exists(`[data-testid="checkin-form"]`) {
		t.Error("the form is still offered after today's check-in")
	}
	got := admin.checkinsOf(house.ID, id, "daily")
	if len(got) != 1 || got[0].Mood != 4 || got[0].Craving != 0 {
		t.Errorf("stored check-ins: %+v, want one with mood 4 and craving 0", got)
	}
	p.at360("checkin-home-done")

	// The reminder's link: already done, nothing more to do.
	p.open("/checkin")
	p.waitVisible("checkin-screen")
	p.until(`document.querySelector('[data-testid="daily-checkin"]')?.dataset.done === 'true'`)
	if p.exists(`[data-testid="checkin-form"]`) {
		t.Error("/checkin offers a second check-in")
	}
	p.at360("checkin-page-done")

	// Another resident has /checkin open while a check-in is made on their
	// other phone: the server refuses the second one kindly.
	id2, email2, _ := newCheckinResident(t, admin, house, "Quinn")
	q := p.separate()
	q.signInAs(email2)
	q.open("/checkin")
	q.waitVisible("checkin-form")
	q.click(`[data-testid="mood-2"]`)
	q.click(`[data-testid="craving-6"]`)
	q.do(chromedp.Click(tid("checkin-note-toggle")))
	q.waitVisible("checkin-note")
	q.fill("checkin-note", "Rough morning, better after lunch.")
	q.at360("checkin-page-form")
	as(t, email2).call("POST", "/api/collections/checkins/records",
		map[string]any{"house": house.ID, "user": id2, "kind": "daily", "mood": 3, "craving": 1}, nil)
	q.do(chromedp.Click(tid("checkin-submit")))
	q.until(`document.querySelector('[data-testid="daily-checkin"]')?.dataset.done === 'true'`)
	if msg := q.text(`[data-testid="checkin-message"]`); !strings.Contains(msg, "already checked in today") {
		t.Errorf("a second check-in says %q, want the server's kind words", msg)
	}
	if n := len(admin.checkinsOf(house.ID, id2, "daily")); n != 1 {
		t.Errorf("%d daily check-ins stored, want 1", n)
	}
	q.at360("checkin-page-already")
}

// (b) A resident taps "I'm home" and sees the time; someone away on a pass
// is told they are exempt instead.
func TestImHome(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	id, email, _ := newCheckinResident(t, admin, house, "Avery")

	p := newPhone(t)
	p.signInAs(email)
	p.waitVisible("curfew-home")
	p.do(chromedp.Click(tid("curfew-home")))
	p.waitVisible("curfew-done")
	if got := p.text(`[data-testid="curfew-done"]`); !strings.Contains(got, "Home at") {
		t.Errorf("after I'm home the card says %q", got)
	}
	stored := admin.checkinsOf(house.ID, id, "curfew")
	if len(stored) != 1 {
		t.Fatalf("%d curfew check-ins stored, want 1", len(stored))
	}
	late := p.attr(`[data-testid="curfew-done"]`, "data-late") == "true"
	if late != stored[0].Late || late != p.exists(`[data-testid="curfew-late"]`) {
		t.Errorf("the card shows late=%v (gentle line: %v), the server says %v", late, p.exists(`[data-testid="curfew-late"]`), stored[0].Late)
	}
	if p.exists(`[data-testid="curfew-home"]`) {
		t.Error("I'm home is still offered after checking in for the night")
	}
	p.at360("checkin-home-curfew-done")

	// Casey, in the demo, is away on a pass.
	q := p.separate()
	q.signInAs("casey@maple.example")
	q.waitVisible("curfew-away")
	if q.exists(`[data-testid="curfew-home"]`) {
		t.Error("someone away on a pass is offered I'm home")
	}
	q.at360("checkin-home-away")
}

// (c) A resident logs a meeting with a photo of the slip and sees "1 of 3
// this week"; a day in the future is refused next to the field; an
// unverified meeting can be corrected and deleted.
func TestLogMeeting(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	id, email, _ := newCheckinResident(t, admin, house, "Jamie")
	today := houseToday(t, house.Timezone).Format("2006-01-02")
	expected := house.MeetingsPerWeek

	p := newPhone(t)
	p.signInAs(email)
	p.until(`document.querySelector('[data-testid="checkin-card"]')?.dataset.state === 'ready'`)
	if got, want := p.text(`[data-testid="home-meetings-text"]`), fmt.Sprintf("0 of %d this week", expected); got != want {
		t.Errorf("the home card says %q, want %q", got, want)
	}
	p.do(chromedp.Click(tid("home-meetings")))
	p.waitVisible("meetings-screen")
	p.waitVisible("meeting-form")
	if got := p.eval(`document.querySelector('[data-testid="meeting-date"]').value`); got != today {
		t.Errorf("the date starts at %q, want the house's today %q", got, today)
	}
	if got := p.attr(`[data-testid="meeting-date"]`, "max"); got != today {
		t.Errorf("the date's max is %q, want %q", got, today)
	}
	if got := p.attr(`[data-testid="meeting-proof-input"]`, "capture"); got != "environment" {
		t.Errorf("the slip photo input's capture is %q, want environment", got)
	}
	options := p.eval(`[...document.querySelectorAll('[data-testid="meeting-program"] option')].map(o => o.textContent).join('|')`)
	for _, want := range []string{"AA (Alcoholics Anonymous)", "NA (Narcotics Anonymous)", "SMART Recovery", "Recovery Dharma", "Celebrate Recovery", "Refuge Recovery", "Other"} {
		if !strings.Contains(options, want) {
			t.Errorf("the program list %q lacks %q", options, want)
		}
	}
	p.at360("meetings-empty")

	// Tomorrow is refused, next to the field.
	tomorrow := houseToday(t, house.Timezone).AddDate(0, 0, 1).Format("2006-01-02")
	p.set("meeting-date", tomorrow)
	p.do(chromedp.Click(tid("meeting-save")))
	p.waitVisible("meeting-date-error")
	if n := len(admin.meetingsOf(house.ID, id)); n != 0 {
		t.Errorf("a future meeting was stored (%d)", n)
	}

	p.set("meeting-date", today)
	p.set("meeting-program", "na")
	p.fill("meeting-name", "Just for Today")
	p.click(`[data-testid="meeting-format-online"]`)
	p.upload(`[data-testid="meeting-proof-input"]`, cameraPhoto(t, 1800, 1200))
	p.imageLoaded(`[data-testid="meeting-proof-preview"]`)
	p.at360("meetings-form-filled")
	p.do(chromedp.Click(tid("meeting-save")))
	p.waitVisible("meetings-message")
	want := fmt.Sprintf("1 of %d this week", expected)
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="meetings-week-text"]').textContent === %q`, want))
	stored := admin.meetingsOf(house.ID, id)
	if len(stored) != 1 {
		t.Fatalf("%d meetings stored, want 1", len(stored))
	}
	m := stored[0]
	if m.Program != "na" || m.Name != "Just for Today" || m.Format != "online" || !strings.HasPrefix(m.Date, today) ||
		!strings.HasSuffix(m.Proof, ".jpg") || m.VerifiedBy != "" {
		t.Errorf("the stored meeting is %+v", m)
	}
	card := item("meeting", m.ID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	p.imageLoaded(card + ` [data-testid="meeting-proof"] img`)
	// The form is ready for the next one, with the same program.
	if got := p.eval(`document.querySelector('[data-testid="meeting-name"]').value`); got != "" {
		t.Errorf("after logging, the name field still holds %q", got)
	}
	p.at360("meetings-logged")

	// Correct it.
	p.click(card + ` [data-testid="meeting-edit-open"]`)
	p.waitVisible("meeting-edit-form")
	p.waitVisible("meeting-edit-proof-kept")
	p.fill("meeting-edit-name", "Just for Today, Tuesday")
	p.at360("meetings-edit")
	p.do(chromedp.Click(tid("meeting-edit-proof-remove")))
	p.until(`!document.querySelector('[data-testid="meeting-edit-proof-kept"]')`)
	p.do(chromedp.Click(tid("meeting-edit-save")))
	p.until(fmt.Sprintf(`document.querySelector(%q)?.textContent.includes('Just for Today, Tuesday') && !document.querySelector('[data-testid="meeting-edit"]')`, card))
	if got := admin.meetingsOf(house.ID, id)[0]; got.Name != "Just for Today, Tuesday" || got.Proof != "" || got.Format != "online" {
		t.Errorf("after editing (new name, photo removed), the meeting is %+v", got)
	}
	if p.exists(card + ` [data-testid="meeting-proof"]`) {
		t.Error("the removed slip photo is still shown")
	}

	// The home card counts it too.
	p.open("/")
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="home-meetings-text"]')?.textContent === %q`, want))

	// A second one, logged by mistake, is deleted after asking.
	p.open("/meetings")
	p.waitVisible("meeting-form")
	p.set("meeting-program", "aa")
	p.do(chromedp.Click(tid("meeting-save")))
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="meetings-week-text"]').textContent === %q`, fmt.Sprintf("2 of %d this week", expected)))
	second := admin.meetingsOf(house.ID, id)[0]
	p.click(item("meeting", second.ID) + ` [data-testid="meeting-delete-open"]`)
	p.waitVisible("meeting-delete")
	p.at360("meetings-delete")
	p.do(chromedp.Click(tid("meeting-delete-yes")))
	p.until(fmt.Sprintf(`!document.querySelector(%q) && document.querySelector('[data-testid="meetings-week-text"]').textContent === %q`,
		item("meeting", second.ID), want))
	if n := len(admin.meetingsOf(house.ID, id)); n != 1 {
		t.Errorf("%d meetings stored after deleting one, want 1", n)
	}
}

// The person a resident chose as their partner sees that resident's recent
// check-ins, with the note, and meetings on the partner screen.
func TestPartnerSeesCheckins(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	id1, email1, name1 := newCheckinResident(t, admin, house, "Riley")
	id2, email2, _ := newCheckinResident(t, admin, house, "Sky")
	r1 := as(t, email1)
	r1.call("PATCH", "/api/collections/memberships/records/"+admin.membershipOf(house.ID, id1).ID, map[string]any{"partner": id2}, nil)
	r1.call("POST", "/api/collections/checkins/records",
		map[string]any{"house": house.ID, "user": id1, "kind": "daily", "mood": 2, "craving": 5, "note": "Hard day, called my sponsor."}, nil)
	r1.call("POST", "/api/collections/meetings/records",
		map[string]any{"house": house.ID, "user": id1, "date": houseToday(t, house.Timezone).Format("2006-01-02"), "program": "smart", "format": "in_person"}, nil)

	p := newPhone(t)
	p.signInAs(email2)
	p.open("/partner")
	person := row("partner-of-person", id1)
	p.until(fmt.Sprintf(`document.querySelector(%q + ' [data-testid="partner-of-checkin"]')`, person))
	if got := p.text(person + ` h3`); got != name1 {
		t.Errorf("the shared section names %q, want %q", got, name1)
	}
	if got := p.text(person + ` [data-testid="partner-of-note"]`); got != "Hard day, called my sponsor." {
		t.Errorf("the partner sees the note %q", got)
	}
	if got := p.attr(person+` [data-testid="partner-of-checkin"]`, "data-mood"); got != "2" {
		t.Errorf("the partner sees mood %q, want 2", got)
	}
	if got := p.text(person + ` [data-testid="partner-of-meeting"]`); !strings.Contains(got, "SMART Recovery") {
		t.Errorf("the partner sees the meeting %q", got)
	}
	p.at360("partner-of")

	// Riley, who chose, sees no such section: nobody chose them.
	q := p.separate()
	q.signInAs(email1)
	q.open("/partner")
	q.waitVisible("partner-form")
	time.Sleep(300 * time.Millisecond)
	if q.exists(`[data-testid="partner-of"]`) {
		t.Error("a resident whom nobody chose sees a partner section")
	}
}

// (d) The manager has the Today and tonight board open while a resident
// checks in on their phone: the resident's row changes by itself, without
// a reload.
func TestBoardIsLive(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	id, email, name := newCheckinResident(t, admin, house, "Morgan")

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.waitVisible("manage-today")
	p.do(chromedp.Click(tid("manage-today")))
	p.waitVisible("board-screen")
	r := row("board-row", id)
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="board-screen"]').dataset.live === 'true' && document.querySelector(%q)`, r))
	if got := p.text(r + ` [data-testid="board-name"]`); got != name {
		t.Errorf("the row names %q, want %q", got, name)
	}
	if d, c := p.attr(r, "data-daily"), p.attr(r, "data-curfew"); d != "none" || c != "none" {
		t.Errorf("before checking in, the row says daily=%q curfew=%q", d, c)
	}
	if got := p.text(r + ` [data-testid="board-daily"]`); got != "Not yet" {
		t.Errorf("before checking in, the row's check-in says %q", got)
	}
	// Casey, in the demo, is away.
	if got := p.attr(row("board-row", admin.userID("casey@maple.example")), "data-curfew"); got != "away" {
		t.Errorf("Casey's curfew shows %q, want away", got)
	}
	p.at360("board-before")
	p.eval(`window.__sameBoard = true, ''`)

	resident := as(t, email)
	resident.call("POST", "/api/collections/checkins/records",
		map[string]any{"house": house.ID, "user": id, "kind": "daily", "mood": 5, "craving": 0}, nil)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.daily === 'done' && document.querySelector(%q).dataset.mood === '5'`, r, r))
	if got := p.text(r + ` [data-testid="board-daily"]`); got != "Great · craving 0" {
		t.Errorf("after checking in, the row's check-in says %q, want Great · craving 0", got)
	}
	resident.call("POST", "/api/collections/checkins/records", map[string]any{"house": house.ID, "user": id, "kind": "curfew"}, nil)
	p.until(fmt.Sprintf(`['home', 'late'].includes(document.querySelector(%q)?.dataset.curfew)`, r))
	if p.eval(`String(window.__sameBoard === true)`) != "true" {
		t.Error("the board was reloaded; it should change in place")
	}
	if got := p.text(r + ` [data-testid="board-curfew-status"]`); !strings.HasPrefix(got, "Home") {
		t.Errorf("after I'm home, the row says %q", got)
	}
	p.at360("board-live")

	// Leaving the board (in the app, without a reload) lets go of its
	// subscriptions; the notification bell keeps its own.
	run(p, chromedp.Evaluate[chromedp.Void](`(async () => { window.__pb = (await import('/js/pb.js')).pb; })()`, chromedp.EvalAwaitPromise))
	topics := `Object.keys(window.__pb.realtime.subscriptions).sort().join(',')`
	if got := p.eval(topics); !strings.Contains(got, "checkins") || !strings.Contains(got, "chore_assignments") || !strings.Contains(got, "memberships") {
		t.Errorf("on the board, the realtime topics are %q", got)
	}
	p.click(`.back-link`)
	p.waitVisible("manage-links")
	p.until(`!Object.keys(window.__pb.realtime.subscriptions).some(k => /^(checkins|chore_assignments|memberships)/.test(k))`)
	if got := p.eval(topics); !strings.Contains(got, "notifications") {
		t.Errorf("after leaving the board, the realtime topics are %q; the bell's should stay", got)
	}
}

// (e) The manager opens a resident's history from the board and verifies
// their meeting; the resident then sees it verified and can no longer
// change it.
func TestManagerVerifiesMeeting(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	id, email, name := newCheckinResident(t, admin, house, "Devon")
	managerID := admin.userID(managerEmail)
	resident := as(t, email)
	today := houseToday(t, house.Timezone).Format("2006-01-02")
	resident.call("POST", "/api/collections/checkins/records",
		map[string]any{"house": house.ID, "user": id, "kind": "daily", "mood": 3, "craving": 2, "note": "Okay day. Went for a walk."}, nil)
	m := resident.postMeeting(map[string]string{"house": house.ID, "user": id, "date": today, "program": "aa",
		"name": "Early Birds", "format": "in_person"}, cameraPhoto(t, 600, 400))

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/manage/today")
	p.until(fmt.Sprintf(`document.querySelector(%q)`, row("board-row", id)))
	p.click(row("board-row", id))
	p.waitVisible("history-screen")
	if path := p.eval(`location.pathname + location.search`); path != "/manage/resident?user="+id {
		t.Errorf("the row led to %s", path)
	}
	card := item("history-meeting", m.ID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	if got := p.text(`h1`); got != name {
		t.Errorf("the history is titled %q, want %q", got, name)
	}
	if got := p.text(`[data-testid="history-note"]`); got != "Okay day. Went for a walk." {
		t.Errorf("the history shows the note %q", got)
	}
	// The slip, small, then large.
	p.imageLoaded(card + ` [data-testid="meeting-proof"] img`)
	p.at360("history-before")
	p.click(card + ` [data-testid="meeting-proof"]`)
	p.waitVisible("proof-view")
	p.imageLoaded(`[data-testid="proof-view-img"]`)
	p.at360("history-slip")
	p.do(chromedp.Click(tid("proof-view-close")))
	p.until(`!document.querySelector('[data-testid="proof-view"]')`)

	p.click(card + ` [data-testid="meeting-verify"]`)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.verified === 'true'`, card))
	p.waitVisible("history-message")
	if got := admin.meetingsOf(house.ID, id)[0].VerifiedBy; got != managerID {
		t.Errorf("verified_by = %q, want the manager %q", got, managerID)
	}
	p.at360("history-verified")

	// The resident sees the tag, and no way to change a verified meeting.
	q := p.separate()
	q.signInAs(email)
	q.open("/meetings")
	mine := item("meeting", m.ID)
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.verified === 'true'`, mine))
	if !q.exists(mine+` [data-testid="meeting-verified"]`) || q.exists(mine+` [data-testid="meeting-edit-open"]`) {
		t.Error("a verified meeting shows no tag, or can still be edited")
	}

	// Taking it back.
	p.click(card + ` [data-testid="meeting-unverify"]`)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.verified === 'false'`, card))
	if got := admin.meetingsOf(house.ID, id)[0].VerifiedBy; got != "" {
		t.Errorf("after taking it back, verified_by = %q", got)
	}
}

// A resident who is not the subject of the board is kindly turned away
// from it, and someone with no resident place has no check-in to make.
func TestCheckinScreensForOthers(t *testing.T) {
	p := newPhone(t)
	p.signInAs(managerEmail)
	if p.exists(`[data-testid="checkin-card"]`) {
		t.Error("a manager without a resident place sees the check-in card")
	}
	p.open("/checkin")
	p.waitVisible("checkin-unavailable")
	p.fits(360)
	p.tappable()

	r := p.separate()
	r.signInAs(chrisEmail) // an alumnus
	r.waitVisible("alumni-note")
	if r.exists(`[data-testid="checkin-card"]`) {
		t.Error("an alumnus sees the check-in card")
	}
	s := p.separate()
	s.signInAs(alexEmail)
	for _, path := range []string{"/manage/today", "/manage/resident?user=x"} {
		s.open(path)
		s.waitVisible("not-manager")
	}
}
