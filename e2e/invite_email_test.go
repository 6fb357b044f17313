package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestInviteByEmailField: the Add resident screen has an optional email
// field that fits a 360 px phone; an address that is not one is refused
// under the field in plain words; a good one makes the invite, says the
// email is on its way and that the code works without it.
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

	p.fill("invite-email", "new.resident@example.com")
	p.do(chromedp.Click(tid("invite-create")))
	p.waitVisible("invite-emailed")
	note := p.text(`[data-testid="invite-emailed"]`)
	if !strings.Contains(note, "new.resident@example.com") || !strings.Contains(note, "code") {
		t.Errorf("the emailed note reads %q", note)
	}
	p.shot("invite-emailed")
	p.fits(360)
}
