package e2e_test

// Browser tests of events: a manager schedules a weekly house meeting in
// the house's own time; a resident sees it on the home screen's "Coming
// up" card and answers Yes with one tap, changes it on /events, and the
// manager sees the answer; a manager takes attendance after an event has
// started, for someone who answered and someone who never did; the
// server's words for an event that ends before it starts show by the
// field, and deleting asks first; alumni do not see events. Every screen
// at 360 px. The server is shared by all tests, so each test makes its
// own residents and events, with unique names, and finds them by id.

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

type eventRecord struct {
	ID          string `json:"id"`
	House       string `json:"house"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	Starts      string `json:"starts"`
	Ends        string `json:"ends"`
	Location    string `json:"location"`
	Required    bool   `json:"required"`
	Repeat      string `json:"repeat"`
	RepeatUntil string `json:"repeat_until"`
	Series      string `json:"series"`
	CreatedBy   string `json:"created_by"`
}

type rsvpRecord struct {
	ID       string `json:"id"`
	Event    string `json:"event"`
	User     string `json:"user"`
	Status   string `json:"status"`
	Attended bool   `json:"attended"`
}

// eventsTitled: the house's events with the title, earliest first.
func (a *api) eventsTitled(houseID, title string) []eventRecord {
	a.t.Helper()
	var res struct {
		Items []eventRecord `json:"items"`
	}
	a.call("GET", "/api/collections/events/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && title = %q`, houseID, title)}, "sort": {"starts"}, "perPage": {"100"},
	}.Encode(), nil, &res)
	return res.Items
}

// rsvpOf: the person's row for the event, if there is one.
func (a *api) rsvpOf(eventID, userID string) (rsvpRecord, bool) {
	a.t.Helper()
	var res struct {
		Items []rsvpRecord `json:"items"`
	}
	a.call("GET", "/api/collections/rsvps/records?"+url.Values{
		"filter": {fmt.Sprintf(`event = %q && user = %q`, eventID, userID)},
	}.Encode(), nil, &res)
	if len(res.Items) == 0 {
		return rsvpRecord{}, false
	}
	return res.Items[0], true
}

// newEventResident adds an active resident to the demo house, for one test.
func newEventResident(t *testing.T, admin *api, house houseRecord, first string) (id, email, name string) {
	t.Helper()
	name = unique(first + " Events ")
	email = unique(strings.ToLower(first)+"-ev") + "@maple.example"
	id, _ = admin.newResident(house.ID, name, email, "9", "", houseToday(t, house.Timezone).Format("2006-01-02"))
	return id, email, name
}

// houseWallClock is the instant the house's clocks show hh:mm on the day.
func houseWallClock(t *testing.T, tz string, day time.Time, hh, mm int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(tz)
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, loc)
}

// openNewEvent opens the editor for a new event on /manage/events.
func (p *phone) openNewEvent() {
	p.t.Helper()
	p.open("/manage/events")
	p.waitVisible("events-admin-screen")
	p.do(chromedp.Click(tid("events-add")))
	p.waitVisible("event-form")
}

// A manager makes a weekly required house meeting for tomorrow morning,
// house-local; the server makes its next weeks. A resident sees it on the
// home card, with a calm "Required", and answers Yes with one tap; the
// answer is stored and the manager's page for the event shows it. On
// /events the resident changes it to Maybe.
func TestEventWeeklyMeetingAndRSVP(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	rid, remail, _ := newEventResident(t, admin, house, "Riley")
	tomorrow := houseToday(t, house.Timezone).AddDate(0, 0, 1)
	title := unique("House meeting ")

	m := newPhone(t)
	m.signInAs(managerEmail)
	m.open("/manage")
	m.waitVisible("manage-events")
	m.do(chromedp.Click(tid("manage-events")))
	m.waitVisible("events-admin-screen")
	m.until(`document.querySelector('[data-testid="events-admin-upcoming"] [data-testid="event-row"]')`)
	m.at360("events-admin")

	m.do(chromedp.Click(tid("events-add")))
	m.waitVisible("event-form")
	m.fill("event-title", title)
	m.set("event-kind", "house_meeting")
	m.set("event-date", tomorrow.Format("2006-01-02"))
	m.set("event-start", "07:00")
	m.set("event-end", "08:15")
	m.do(chromedp.Click(tid("event-repeat")))
	m.waitVisible("event-until")
	m.fill("event-location", "Living room")
	m.do(chromedp.Click(tid("event-required")))
	if m.exists(`[data-testid="event-series-note"]`) {
		t.Error("a new event shows the note about editing one week of a series")
	}
	m.at360("event-editor-new")
	m.do(chromedp.Click(tid("event-save")))
	m.waitVisible("events-admin-message")
	if msg := m.text(`[data-testid="events-admin-message"]`); !strings.Contains(msg, title) || !strings.Contains(msg, "every") {
		t.Errorf("after adding, the screen says %q", msg)
	}

	// Stored in the house's time, and one row a week.
	stored := admin.eventsTitled(house.ID, title)
	if len(stored) < 12 {
		t.Fatalf("%d weeks of %q stored, want the next 12 or more", len(stored), title)
	}
	first := stored[0]
	wantStart := houseWallClock(t, house.Timezone, tomorrow, 7, 0)
	if first.Starts != pbTime(wantStart) || first.Ends != pbTime(wantStart.Add(75*time.Minute)) {
		t.Errorf("stored %s to %s, want %s to %s (07:00 to 08:15 in %s)", first.Starts, first.Ends,
			pbTime(wantStart), pbTime(wantStart.Add(75*time.Minute)), house.Timezone)
	}
	if first.Kind != "house_meeting" || !first.Required || first.Repeat != "weekly" || first.Location != "Living room" ||
		first.Series != first.ID || first.CreatedBy != admin.userID(managerEmail) {
		t.Errorf("stored event %+v", first)
	}
	for _, ev := range stored[1:] {
		if ev.Series != first.ID {
			t.Errorf("week %s is in series %q, want %q", ev.Starts, ev.Series, first.ID)
		}
	}
	m.until(fmt.Sprintf(`document.querySelector(%q)`, item("event-row", first.ID)))

	// The resident's home card.
	r := m.separate()
	r.signInAs(remail)
	r.until(`document.querySelector('[data-testid="home-events"]')?.dataset.state === 'ready'`)
	card := `[data-testid="home-events"] ` + item("event", first.ID)
	r.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	if when := r.text(card + ` [data-testid="event-when"]`); !strings.Contains(when, "Tomorrow") || !strings.Contains(when, "7:00") {
		t.Errorf("the home card says the meeting is %q, want tomorrow at 7:00", when)
	}
	if req := r.text(card + ` [data-testid="event-required-tag"]`); req != "Required" {
		t.Errorf("the required label is %q", req)
	}
	if got := r.eval(fmt.Sprintf(`[...document.querySelectorAll(%q)].map(b => b.textContent.trim() + ':' + b.getAttribute('aria-pressed')).join(',')`,
		card+` [data-testid="rsvp"] button`)); got != "Yes:false,Maybe:false,No:false" {
		t.Errorf("before answering, the buttons are %q", got)
	}
	if state := r.text(card + ` [data-testid="rsvp-state"]`); state != "Not answered yet" {
		t.Errorf("before answering, the card says %q", state)
	}
	if label := r.attr(card+` [data-testid="rsvp"]`, "aria-label"); !strings.Contains(label, title) {
		t.Errorf("the answer buttons' group is labelled %q, want the event's name", label)
	}
	r.at360("events-home-card")

	// One tap.
	r.click(card + ` [data-testid="rsvp-yes"]`)
	r.until(fmt.Sprintf(`(() => { const c = document.querySelector(%q);
		return c.querySelector('[data-testid="rsvp-yes"]').getAttribute('aria-pressed') === 'true' &&
			c.querySelector('[data-testid="rsvp"]').dataset.busy === 'false'; })()`, card))
	if focused := r.eval(`document.activeElement?.dataset.testid || ''`); focused != "rsvp-yes" {
		t.Errorf("after answering, focus is on %q, want still on Yes", focused)
	}
	if state := r.text(card + ` [data-testid="rsvp-state"]`); !strings.Contains(state, "coming") {
		t.Errorf("after Yes, the card says %q", state)
	}
	if got, ok := admin.rsvpOf(first.ID, rid); !ok || got.Status != "yes" || got.Attended {
		t.Errorf("stored answer %+v (found %v), want yes", got, ok)
	}
	r.at360("events-home-card-yes")

	// The manager's page for the event.
	m.open("/manage/event?id=" + first.ID)
	m.waitVisible("answers")
	m.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.rsvp === 'yes'`, row("attendance-person", rid)))
	if said := m.text(row("attendance-person", rid) + ` [data-testid="attendance-answer"]`); said != "Said yes" {
		t.Errorf("the manager sees %q for the resident", said)
	}
	if m.exists(`[data-testid="attendance-toggle"]`) {
		t.Error("attendance is offered before the event starts")
	}
	m.at360("event-answers")

	// The manager edits one week of the series: the note says so.
	m.do(chromedp.Click(tid("event-edit")))
	m.waitVisible("event-series-note")
	if got := m.eval(`document.querySelector('[data-testid="event-start"]').value + '-' + document.querySelector('[data-testid="event-end"]').value`); got != "07:00-08:15" {
		t.Errorf("the editor shows the times %q, want 07:00-08:15 house-local", got)
	}
	m.at360("event-editor-series")
	m.do(chromedp.Click(tid("event-cancel")))
	m.until(`!document.querySelector('[data-testid="event-editor"]')`)

	// /events: the next four weeks, each answerable; the past folded.
	r.open("/events")
	r.waitVisible("events-screen")
	list := `[data-testid="events-upcoming"] ` + item("event", first.ID)
	r.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.answer === 'yes'`, list))
	if n := run(r, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="events-upcoming"] [data-testid="event"]').length`)); n < 4 {
		t.Errorf("/events lists %d upcoming events, want four weeks of the meeting at least", n)
	}
	r.click(list + ` [data-testid="rsvp-maybe"]`)
	r.until(fmt.Sprintf(`document.querySelector(%q).getAttribute('aria-pressed') === 'true' && document.querySelector(%q).dataset.busy === 'false'`,
		list+` [data-testid="rsvp-maybe"]`, list+` [data-testid="rsvp"]`))
	if got, _ := admin.rsvpOf(first.ID, rid); got.Status != "maybe" {
		t.Errorf("after Maybe, the stored answer is %q", got.Status)
	}
	r.at360("events-screen")
	if r.exists(`[data-testid="events-past"]`) {
		if r.exists(`[data-testid="events-past"][open]`) {
			t.Error("the past events are not folded away")
		}
		r.do(chromedp.Click(tid("events-past-toggle")))
		r.until(`document.querySelector('[data-testid="events-past"]').open`)
		r.at360("events-screen-past")
	}
}

// A manager takes attendance at an event that has started: one resident
// answered yes, another never answered; both are ticked (the second gets a
// row with no answer), one is unticked again, and a reload shows what was
// stored.
func TestEventAttendance(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	aID, _, aName := newEventResident(t, admin, house, "Ash")
	bID, _, _ := newEventResident(t, admin, house, "Bo")
	title := unique("Sunset walk ")
	now := time.Now()
	var ev eventRecord
	admin.call("POST", "/api/collections/events/records", map[string]any{
		"house": house.ID, "title": title, "kind": "social", "location": "American River trail",
		"starts": pbTime(now.Add(-2 * time.Hour)), "ends": pbTime(now.Add(-time.Hour)),
	}, &ev)
	admin.call("POST", "/api/collections/rsvps/records", map[string]any{"event": ev.ID, "user": aID, "status": "yes"}, nil)

	m := newPhone(t)
	m.signInAs(managerEmail)
	m.open("/manage/events")
	m.waitVisible("events-admin-screen")
	pastRow := `[data-testid="events-admin-past"] ` + item("event-row", ev.ID)
	m.until(fmt.Sprintf(`document.querySelector(%q)`, pastRow))
	if tally := m.text(pastRow + ` [data-testid="event-row-tally"]`); tally != "Attendance not taken yet" {
		t.Errorf("before attendance, the row says %q", tally)
	}
	m.click(pastRow + ` [data-testid="event-open"]`)
	m.waitVisible("attendance")
	a, b := row("attendance-person", aID), row("attendance-person", bID)
	m.until(fmt.Sprintf(`document.querySelector(%q) && document.querySelector(%q)`, a, b))
	if got := m.attr(a, "data-rsvp") + "/" + m.text(b+` [data-testid="attendance-answer"]`); got != "yes/Not answered yet" {
		t.Errorf("before attendance: %q, want yes / Not answered yet", got)
	}
	if label := m.attr(a+` [data-testid="attendance-toggle"]`, "aria-label"); label != aName+" was there" {
		t.Errorf("the tick for %s is labelled %q", aName, label)
	}
	m.at360("event-attendance-before")

	tick := func(css string, want bool) {
		t.Helper()
		m.click(css + ` [data-testid="attendance-toggle"]`)
		m.until(fmt.Sprintf(`(() => { const r = document.querySelector(%q); const i = r.querySelector('input');
			return r.dataset.attended === %q && r.dataset.busy === 'false' && i.checked === %v; })()`, css, fmt.Sprint(want), want))
	}
	tick(a, true)
	tick(b, true)
	if got, ok := admin.rsvpOf(ev.ID, aID); !ok || got.Status != "yes" || !got.Attended {
		t.Errorf("%s's row after the tick: %+v (found %v), want yes and there", aName, got, ok)
	}
	if got, ok := admin.rsvpOf(ev.ID, bID); !ok || got.Status != "" || !got.Attended {
		t.Errorf("the row of someone who never answered: %+v (found %v), want no answer and there", got, ok)
	}
	tick(b, false)
	if got, _ := admin.rsvpOf(ev.ID, bID); got.Attended {
		t.Error("unticking did not store it")
	}

	m.open("/manage/event?id=" + ev.ID)
	m.waitVisible("attendance")
	m.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.attended === 'true' && document.querySelector(%q)?.dataset.attended === 'false'`, a, b))
	if count := m.text(`[data-testid="event-people-count"]`); !strings.HasPrefix(count, "1 of ") {
		t.Errorf("the count says %q, want 1 of the residents", count)
	}
	m.at360("event-attendance")

	m.open("/manage/events")
	m.until(fmt.Sprintf(`document.querySelector(%q)?.textContent.includes('1 person was there')`, pastRow))
}

// The server's words for an event that ends before it starts show next
// to the end time, nothing is stored, and the fixed event saves. Deleting
// it asks first.
func TestEventErrorsAndDelete(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	title := unique("Game night ")
	tomorrow := houseToday(t, house.Timezone).AddDate(0, 0, 1).Format("2006-01-02")

	m := newPhone(t)
	m.signInAs(managerEmail)
	m.openNewEvent()
	m.fill("event-title", title)
	m.set("event-kind", "social")
	m.set("event-date", tomorrow)
	m.set("event-start", "19:00")
	m.set("event-end", "18:00")
	m.do(chromedp.Click(tid("event-save")))
	m.waitVisible("event-end-error")
	if msg := m.text(`[data-testid="event-end-error"]`); !strings.Contains(msg, "has to end after it starts") {
		t.Errorf("the end time's error says %q, want the server's words", msg)
	}
	if inv := m.attr(`[data-testid="event-end"]`, "aria-invalid"); inv != "true" {
		t.Errorf("the end time's aria-invalid is %q", inv)
	}
	if id := m.eval(`document.activeElement?.id || ''`); id != "event-end" {
		t.Errorf("after the error, focus is on %q, want the end time", id)
	}
	if n := len(admin.eventsTitled(house.ID, title)); n != 0 {
		t.Errorf("%d events stored from a refused form", n)
	}
	m.at360("event-editor-error")

	m.set("event-end", "21:30")
	if m.exists(`[data-testid="event-end-error"]`) {
		t.Error("the error stays after the end time was changed")
	}
	m.do(chromedp.Click(tid("event-save")))
	m.waitVisible("events-admin-message")
	stored := admin.eventsTitled(house.ID, title)
	if len(stored) != 1 || stored[0].Series != "" {
		t.Fatalf("stored %+v, want one one-off event", stored)
	}

	m.click(item("event-row", stored[0].ID) + ` [data-testid="event-open"]`)
	m.waitVisible("event-page")
	m.do(chromedp.Click(tid("event-edit")))
	m.waitVisible("event-form")
	m.do(chromedp.Click(tid("event-delete")))
	m.waitVisible("event-delete-confirm")
	if q := m.text(`[data-testid="event-delete-confirm"] .confirm-question`); !strings.Contains(q, title) {
		t.Errorf("the confirmation asks %q", q)
	}
	m.at360("event-delete-confirm")
	m.do(chromedp.Click(tid("event-delete-no")))
	m.waitVisible("event-form")
	if n := len(admin.eventsTitled(house.ID, title)); n != 1 {
		t.Errorf("going back deleted the event (%d left)", n)
	}
	m.do(chromedp.Click(tid("event-delete")))
	m.waitVisible("event-delete-confirm")
	m.do(chromedp.Click(tid("event-delete-yes")))
	m.waitVisible("events-admin-screen")
	if n := len(admin.eventsTitled(house.ID, title)); n != 0 {
		t.Errorf("%d events left after deleting", n)
	}
}

// Alumni keep the house, not its events: no card on the home screen, and
// /events says so kindly.
func TestEventsNotForAlumni(t *testing.T) {
	p := newPhone(t)
	p.signInAs(chrisEmail)
	p.waitVisible("alumni-note")
	if p.exists(`[data-testid="home-events"]`) {
		t.Error("an alumnus's home shows the events card")
	}
	p.open("/events")
	p.waitVisible("events-not-member")
	p.at360("events-alumni")
}
