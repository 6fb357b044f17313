package hooks_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// An email change request answers the same whether or not the new address
// has an account, and sends nothing to an address that belongs to someone
// else. PocketBase alone answered 400 validation_invalid_new_email for a
// taken address: any signed-in person could ask whether someone has one.
func TestEmailChangeDoesNotTellWhoHasAnAccount(t *testing.T) {
	w := tk.Seeded(t)
	const url = "/api/collections/users/request-email-change"
	cases := []struct {
		name, actor, body string
		status            int
		mails             int // emails sent
		content           []string
	}{
		{"another resident's address", tk.ResidentA1, `{"newEmail":"residentA2@example.com"}`, 204, 0, nil},
		{"a manager's address, sent as a form", tk.ResidentA1, "newEmail=managerA%40example.com", 204, 0, nil},
		{"an address nobody has", tk.ResidentA1, `{"newEmail":"new-a1@example.com"}`, 204, 1, nil},
		{"an address nobody has, with no working mail server", tk.ResidentA1, `{"newEmail":"new-a1@example.com"}`, 204, -1, nil},
		{"one's own address", tk.ResidentA1, `{"newEmail":"residentA1@example.com"}`, 400, 0, []string{`"newEmail":{"code":"validation_not_in_invalid"`}},
		{"not an address", tk.ResidentA1, `{"newEmail":"nobody"}`, 400, 0, []string{`"newEmail":{"code":"validation_is_email"`}},
		{"nobody signed in", tk.Anonymous, `{"newEmail":"residentA2@example.com"}`, 401, 0, nil},
	}
	for _, c := range cases {
		contentType := "application/json"
		if !strings.HasPrefix(c.body, "{") {
			contentType = "application/x-www-form-urlencoded"
		}
		headers := map[string]string{"Content-Type": contentType}
		for k, v := range w.Headers(c.actor) {
			headers[k] = v
		}
		mails := c.mails
		var before func(testing.TB, *tests.TestApp, *core.ServeEvent)
		if mails < 0 {
			// The send fails, as it does on a house with no mail server set up.
			before = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				app.OnMailerSend().BindFunc(func(*core.MailerEvent) error { return errors.New("no mail server") })
			}
			mails = 0
		}
		s := tests.ApiScenario{
			BeforeTestFunc: before,
			Name:           c.name, Method: http.MethodPost, URL: url, Body: strings.NewReader(c.body), Headers: headers,
			ExpectedStatus: c.status, ExpectedContent: c.content, TestAppFactory: tk.Factory,
			NotExpectedContent: []string{"validation_invalid_new_email"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				// The link is sent after the answer.
				deadline := time.Now().Add(2 * time.Second)
				for app.TestMailer.TotalSend() < mails && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
				time.Sleep(50 * time.Millisecond) // and no more than that
				if got := app.TestMailer.TotalSend(); got != mails {
					t.Errorf("%d emails sent, want %d", got, mails)
				}
			},
		}
		s.Test(t)
	}
}
