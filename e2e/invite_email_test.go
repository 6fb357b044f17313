package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hearth/testkit/smtpsink"
)

// TestInviteByEmailField: the Add resident screen has an optional email
// field that fits a 360 px phone; an address that is not one is refused
// under the field in plain words, and so is any address while no admin
// has set up email; once email is set up, a good one makes the invite,
// says the email is on its way and that the code works without it, and
// the server sends it.
func TestInviteByEmailField(t *testing.T) {
	admin := superuser(t)
	admin.ensureFreeBeds(1)

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.waitVisible("home-manage")
	p.do(chromedp.Click(tid("manage-invite")))
	p.waitVisible("invite-email")
	p.fits(360)
	p.tappable()

	p.fill("invite-room", "8")
	p.fill("invite-email", "not an address")
	p.do(chromedp.Click(tid("invite-create")))
	p.waitVisible("invite-email-error")
	if msg := p.text(`[data-testid="invite-email-error"]`); !strings.Contains(msg, "email address") {
		t.Errorf("the bad address's error reads %q", msg)
	}
	p.fits(360)

	// No mail server set up yet: said under the field, no invite made.
	p.fill("invite-email", "new.resident@example.com")
	p.do(chromedp.Click(tid("invite-create")))
	p.until(`document.querySelector('[data-testid="invite-email-error"]')?.textContent.includes('cannot send email yet')`)

	// An admin sets up email (Settings > Mail settings): the invite goes.
	sink := smtpsink.Start(t, nil)
	admin.call("PATCH", "/api/settings", map[string]any{"smtp": map[string]any{
		"enabled": true, "host": "127.0.0.1", "port": sink.Port}}, nil)
	t.Cleanup(func() {
		admin.call("PATCH", "/api/settings", map[string]any{"smtp": map[string]any{"enabled": false}}, nil)
	})
	p.do(chromedp.Click(tid("invite-create")))
	p.waitVisible("invite-emailed")
	note := p.text(`[data-testid="invite-emailed"]`)
	if !strings.Contains(note, "new.resident@example.com") || !strings.Contains(note, "code") {
		t.Errorf("the emailed note reads %q", note)
	}
	code := p.text(`[data-testid="invite-code"]`)
	deadline := time.Now().Add(20 * time.Second)
	for len(sink.Mails()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if mails := sink.Mails(); len(mails) != 1 || strings.Join(mails[0].To, ",") != "new.resident@example.com" ||
		(code != "" && !strings.Contains(string(mails[0].Data), code)) {
		t.Errorf("the mail server got %d messages (code %q): %+v", len(mails), code, mails)
	}
	p.shot("invite-emailed")
	p.fits(360)
}
