package e2e_test

// Issue 17 item 7: passes on two phones at 360 px, replacing the paper
// sign-out sheet.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A resident asks for a pass from today on her phone; the manager, on his,
// finds it in "Needs you now" with the days, the place and the phone, and
// approves it there; the resident then sees it approved and is away on
// the day (the pass starts today, so at once), and the roster says so.
func TestPassAskedAndApprovedInNeedsYouNow(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	id, email, _ := newCheckinResident(t, admin, house, "Jordan")
	today := houseToday(t, house.Timezone)
	place := unique("My aunt's in Oakland ")

	p := newPhone(t)
	p.signInAs(email)
	p.waitVisible("home-passes")
	p.click(`[data-testid="home-passes"]`)
	p.waitVisible("pass-form")
	if got := p.eval(`document.querySelector('[data-testid="pass-starts"]').value`); got != today.Format("2006-01-02") {
		t.Errorf("the form starts on %q, want today %s", got, today.Format("2006-01-02"))
	}
	p.set("pass-ends", today.AddDate(0, 0, 2).Format("2006-01-02"))
	p.fill("pass-destination", place)
	p.fill("pass-phone", "510-555-0199")
	p.fill("pass-note", "Family dinner on Saturday.")
	p.at360("passes-1-ask")

	// A phone number that is not one is refused in plain words, by the field.
	p.fill("pass-phone", "my aunt")
	p.do(chromedp.Click(tid("pass-ask")))
	p.waitVisible("pass-phone-error")
	p.fill("pass-phone", "510-555-0199")
	p.do(chromedp.Click(tid("pass-ask")))
	p.until(`document.querySelector('[data-testid="pass-card"]')?.dataset.status === 'requested'`)
	if got := p.text(`[data-testid="pass-card"] [data-testid="pass-status"]`); got != "Waiting for a manager" {
		t.Errorf("the new pass says %q", got)
	}
	p.at360("passes-2-asked")

	m := p.separate()
	m.signInAs(managerEmail)
	m.waitVisible("needs-you")
	item := `[data-testid="needs-item"][data-user="` + id + `"]`
	m.until(`!!document.querySelector('` + item + ` [data-testid="pass-approve"]')`)
	if got := m.attr(item, "data-reasons"); !strings.Contains(got, "pass_requested") {
		t.Errorf("the resident's reasons in Needs you now: %q", got)
	}
	details := m.text(item + ` [data-testid="pass-decision"]`)
	for _, want := range []string{place, "510-555-0199", "Family dinner"} {
		if !strings.Contains(details, want) {
			t.Errorf("the pass in Needs you now says %q, without %q", details, want)
		}
	}
	m.at360("passes-3-needs-you-now")
	m.eval(`document.querySelector('` + item + `').scrollIntoView({ block: 'start', behavior: 'instant' }), ''`)
	m.viewShot("passes-3-needs-you-now-screen")
	m.click(item + ` [data-testid="pass-approve"]`)
	m.waitVisible("needs-decided")
	m.until(`!document.querySelector('` + item + ` [data-testid="pass-decision"]')`)
	m.viewShot("passes-4-approved-by-manager")

	// The resident: approved, and away today.
	p.open("/passes")
	p.waitVisible("passes-screen")
	p.until(`document.querySelector('[data-testid="pass-card"]')?.dataset.status === 'approved'`)
	p.waitVisible("passes-away-now")
	if !p.exists(`[data-testid="pass-card"] [data-testid="pass-cancel"]`) {
		t.Error("a running pass cannot be ended early by the resident")
	}
	p.at360("passes-5-resident-approved-away")
	status := ""
	for _, r := range admin.roster() {
		if r.User == id {
			status = r.Status
		}
	}
	if status != "away" {
		t.Errorf("the resident's membership is %q after the pass from today was approved, want away", status)
	}
	// The manager's list of the house's passes: away now.
	m.open("/manage/passes")
	m.waitVisible("passes-current")
	if got := m.text(`[data-testid="passes-current"]`); !strings.Contains(got, place) {
		t.Errorf("Away now says %q", got)
	}
	m.at360("passes-6-manage-passes")

	// Back early: the resident ends it, and is active again.
	p.click(`[data-testid="pass-card"] [data-testid="pass-cancel"]`)
	p.until(`document.querySelector('[data-testid="pass-card"]')?.dataset.status === 'cancelled'`)
	for _, r := range admin.roster() {
		if r.User == id && r.Status != "active" {
			t.Errorf("after ending the pass the membership is %q, want active", r.Status)
		}
	}
}
