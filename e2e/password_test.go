package e2e_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// signInStatus tries a password sign-in through the API and returns the status.
func signInStatus(t *testing.T, email, password string) int {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"identity": email, "password": password})
	res, err := http.Post(baseURL+"/api/collections/users/auth-with-password", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// TestPasswordChange: a manager made the account with a password they
// handed over; the resident changes it on their profile. Mistakes are
// explained by the field, and after the change this phone stays signed in.
func TestPasswordChange(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	email := unique("pat") + "@maple.example"
	admin.newResident(house.ID, unique("Pat Password "), email, "9", "A", houseToday(t, house.Timezone).Format("2006-01-02"))

	p := newPhone(t)
	p.signInAs(email)
	p.open("/profile")
	p.waitVisible("password-form")

	submit := func(current, next, again string) {
		p.fill("password-current", current)
		p.fill("password-new", next)
		p.fill("password-repeat", again)
		p.do(chromedp.Click(tid("password-save")))
	}
	errorOf := func(id string) string {
		p.until(`document.getElementById('` + id + `-error')`)
		return p.text("#" + id + "-error")
	}

	submit("not-my-password", "a-new-long-password", "a-new-long-password")
	if got := errorOf("password-current"); !strings.Contains(got, "isn’t your current password") {
		t.Errorf("wrong current password says %q", got)
	}
	submit(demoPassword, "short", "short")
	if got := errorOf("password-new"); !strings.Contains(got, "at least 10 characters") {
		t.Errorf("short password says %q", got)
	}
	submit(demoPassword, "a-new-long-password", "a-different-one")
	if got := errorOf("password-repeat"); !strings.Contains(got, "not the same") {
		t.Errorf("mismatch says %q", got)
	}
	p.shot("password-errors")
	p.fits(360)

	submit(demoPassword, "a-new-long-password", "a-new-long-password")
	p.waitVisible("password-changed")
	p.shot("password-changed")

	if got := signInStatus(t, email, "a-new-long-password"); got != 200 {
		t.Errorf("sign-in with the new password: %d", got)
	}
	if got := signInStatus(t, email, demoPassword); got != 400 {
		t.Errorf("sign-in with the old password: %d, want 400", got)
	}
	// This phone signed in again with the new password: it still works.
	p.open("/")
	p.waitVisible("home-screen")
}
