package e2e_test

// Issue 18: staff records on a phone at 360 px. A manager records a drug
// test (with a photo of the form) and an incident with an agreement and a
// follow-up date, sees the form through a file token, has Hearth pick a
// resident at random and sees the pick listed, corrects the test and
// closes the incident; the resident, on a phone of their own,
// acknowledges the agreement and then sees in "What Hearth holds about
// me" that the manager read their tests and the incident.

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestStaffRecordsOnAPhone(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	id, email, name := newCheckinResident(t, admin, house, "Jordan")
	photo := cameraPhoto(t, 600, 800)

	// The manager records a test, with a photo of the form.
	m := newPhone(t)
	m.signInAs(managerEmail)
	m.open("/manage/tests")
	m.waitVisible("test-form")
	m.set("test-user", id)
	m.click(`[data-testid="test-result-negative"]`)
	m.upload(`[data-testid="test-document"]`, photo)
	m.fill("test-notes", "Routine, before the house meeting.")
	m.do(chromedp.Click(tid("test-save")))
	m.waitVisible("tests-message")
	if n := m.eval(`String(document.querySelector('[data-testid="test-document"]').files.length)`); n != "0" {
		t.Errorf("after saving, the form still holds %s photo(s)", n)
	}
	row := fmt.Sprintf(`[data-testid="test-row"][data-user=%q]`, id)
	m.until(`!!document.querySelector('` + row + `')`)
	if got := m.text(row + ` .person-name`); !strings.Contains(got, name) || !strings.Contains(got, "Negative") {
		t.Errorf("the test's row says %q", got)
	}
	m.at360("staff-1-test-recorded")

	// The form, through a file token.
	m.click(row + ` [data-testid="test-document-view"]`)
	if w := m.imageLoaded(row + ` [data-testid="test-document-shown"] img`); w == 0 {
		t.Error("the form's image did not load")
	}
	if href := m.attr(row+` [data-testid="test-document-link"]`, "href"); !strings.Contains(href, "token=") {
		t.Errorf("the form opens without a file token: %q", href)
	}
	m.eval(`document.querySelector('` + row + `').scrollIntoView({ block: 'start', behavior: 'instant' }), ''`)
	m.viewShot("staff-2-test-form-shown")

	// A correction points at the old test; the old one says it was corrected.
	m.click(row + ` [data-testid="test-correct"]`)
	m.waitVisible("test-correcting")
	m.click(`[data-testid="test-result-dilute"]`)
	m.do(chromedp.Click(tid("test-save")))
	m.waitVisible("tests-message")
	m.until(`!!document.querySelector('` + row + ` [data-testid="test-corrected"]') && !!document.querySelector('` + row + ` [data-testid="test-corrects"]')`)
	m.fits(360)

	// A random pick, listed with when and who asked.
	m.fill("random-count", "1")
	m.do(chromedp.Click(tid("random-pick-button")))
	m.waitVisible("random-picked")
	m.until(`!!document.querySelector('[data-testid="random-pick-today"]')`)
	m.eval(`document.querySelector('[data-testid="random-pick"]').scrollIntoView({ block: 'start', behavior: 'instant' }), ''`)
	m.viewShot("staff-3-random-picks")
	m.fits(360)
	m.tappable()

	// An incident naming the resident, with an agreement and a follow-up.
	m.open("/manage/incidents")
	m.waitVisible("incident-form")
	m.set("incident-kind", "rule_violation")
	m.click(`[data-testid="incident-severity-minor"]`)
	m.click(fmt.Sprintf(`[data-testid="incident-person-%s"]`, id))
	m.fill("incident-description", "Came in after curfew without calling.")
	m.fill("incident-actions", "Talked it through the next morning.")
	m.set("incident-follow-up", houseToday(t, house.Timezone).AddDate(0, 0, 7).Format("2006-01-02"))
	m.fill("incident-agreement", "Call the house phone if running late.")
	m.do(chromedp.Click(tid("incident-save")))
	m.waitVisible("incidents-message")
	var incident string
	m.until(`[...document.querySelectorAll('[data-testid="incident-row"]')].some(r => r.textContent.includes(` + fmt.Sprintf("%q", name) + `))`)
	incident = m.eval(`[...document.querySelectorAll('[data-testid="incident-row"]')].find(r => r.textContent.includes(` + fmt.Sprintf("%q", name) + `)).dataset.id`)
	irow := fmt.Sprintf(`[data-testid="incident-row"][data-id=%q]`, incident)
	if got := m.text(irow + ` [data-testid="incident-status"]`); got != "Open" {
		t.Errorf("the new incident's state is %q", got)
	}
	if got := m.text(irow + ` [data-testid="incident-ack"]`); !strings.Contains(got, "hasn’t read it yet") {
		t.Errorf("before the resident reads it, the agreement says %q", got)
	}
	m.at360("staff-4-incident-recorded")

	// The resident, on their own phone, reads and acknowledges it.
	r := m.separate()
	r.signInAs(email)
	r.open("/my-records")
	r.waitVisible("my-agreement-ack")
	r.do(chromedp.Click(tid("my-agreement-ack")))
	r.waitVisible("my-agreement-acked")
	if got := r.text(`[data-testid="my-test"] .muted`); !strings.Contains(got, "Urine · observed") {
		t.Errorf("the resident's test says %q", got)
	}
	r.at360("staff-5-agreement-acknowledged")

	// The manager sees it read, and closes the incident.
	m.open("/manage/incidents")
	m.waitVisible("incidents-list")
	m.until(`(document.querySelector('` + irow + ` [data-testid="incident-ack"]')?.textContent || '').includes('read the agreement')`)
	m.click(irow + ` [data-testid="incident-close"]`)
	m.until(`(document.querySelector('` + irow + ` [data-testid="incident-status"]')?.textContent || '') === 'Closed'`)
	m.eval(`document.querySelector('` + irow + `').scrollIntoView({ block: 'start', behavior: 'instant' }), ''`)
	m.viewShot("staff-6-incident-read-and-closed")
	m.fits(360)

	// "What Hearth holds about me": the manager read their tests and the
	// incident, and recorded them.
	r.open("/me/record")
	r.waitVisible("my-record-reads")
	for _, what := range []string{"list.drug_tests", "create.drug_tests", "list.incidents", "create.incidents"} {
		css := fmt.Sprintf(`[data-testid="my-record-read"][data-what=%q]`, what)
		r.until(`!!document.querySelector('` + css + `')`)
		if got := r.text(css); !strings.Contains(got, "house manager") {
			t.Errorf("%s: the read says %q, not that a house manager did it", what, got)
		}
	}
	if got := r.text(`[data-testid="my-record-held"] [data-kind="drug_tests"]`); got != "2 drug tests" {
		t.Errorf("what Hearth keeps: %q, want 2 drug tests (the test and its correction)", got)
	}
	if got := r.text(`[data-testid="my-record-held"] [data-kind="incidents"]`); got != "1 incident that names you" {
		t.Errorf("what Hearth keeps: %q", got)
	}
	r.at360("staff-7-what-hearth-holds")
}
