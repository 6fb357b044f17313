package hooks_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// TestInviteByEmail: a manager's invite with an address queues the email
// in the invite's transaction; the outbox's sender delivers it over SMTP,
// in the manager's language, with the code, the house, the join link at
// the Application URL and the expiry in the house's time; a bad address
// is refused in plain words and stores nothing; without an address
// nothing is queued.
func TestInviteByEmail(t *testing.T) {
	w := tk.Seeded(t)
	url := "/api/hearth/houses/" + w.HouseA + "/invites"
	sink := startSink(t)
	spanishManager := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		useSMTP(t, app, sink.Port)
		personWithLanguage(t, app, tk.ManagerA, "es")
	}
	inviteEmails := func(t testing.TB, app core.App) []*core.Record {
		t.Helper()
		rows, err := app.FindRecordsByFilter("deliveries", "to != ''", "", 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	invitesBefore := 0

	scenarios := []tests.ApiScenario{
		{
			Name: "with an address", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"room":"7","bed":"A","email":"  new.person@example.com "}`),
			Headers: w.Headers(tk.ManagerA), TestAppFactory: tk.Factory, BeforeTestFunc: spanishManager,
			ExpectedStatus: 200, ExpectedContent: []string{`"emailed":"new.person@example.com"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				rows := inviteEmails(t, app)
				if len(rows) != 1 || rows[0].GetString("to") != "new.person@example.com" || rows[0].GetString("channel") != "email" {
					t.Fatalf("invite email rows %v", rows)
				}
				var payload map[string]any
				if err := rows[0].UnmarshalJSONField("payload", &payload); err != nil {
					t.Fatal(err)
				}
				code, _ := payload["code"].(string)
				if code == "" {
					t.Fatalf("payload without a code: %v", payload)
				}

				sender := hooks.NewDeliverySender(app, clockwork.NewRealClock())
				if err := sender.Start(); err != nil {
					t.Fatal(err)
				}
				defer sender.Stop()
				deadline := time.Now().Add(10 * time.Second)
				for len(sink.Mails()) == 0 && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				mails := sink.Mails()
				if len(mails) != 1 || strings.Join(mails[0].To, ",") != "new.person@example.com" {
					t.Fatalf("the sink got %+v", mails)
				}
				m := parseMail(t, mails[0].Data)
				if m.Subject != "Tu invitación a Cedar House" {
					t.Errorf("subject %q", m.Subject)
				}
				link := testAppURL + "/join#" + code
				// The invite expires 7 days after now; the words are Los Angeles time.
				for part, content := range map[string]string{"text": m.Text, "html": m.HTML} {
					for _, want := range []string{code, "Cedar House", link, "managerA te invitó", "Unirme a Cedar House", testAppURL + "/join", "La invitación sirve una sola vez, hasta el"} {
						if !strings.Contains(content, want) {
							t.Errorf("%s part lacks %q:\n%s", part, want, content)
						}
					}
					if strings.Contains(content, "/settings/notifications") {
						t.Errorf("%s part links to settings the invitee does not have", part)
					}
				}
				var sent *core.Record
				for time.Now().Before(deadline) {
					var err error
					if sent, err = app.FindRecordById("deliveries", rows[0].Id); err == nil && sent.GetString("status") == "sent" {
						break
					}
					time.Sleep(20 * time.Millisecond)
				}
				if sent.GetString("status") != "sent" || strings.Contains(sent.GetString("payload"), code) {
					t.Errorf("after sending: status %q payload %q", sent.GetString("status"), sent.GetString("payload"))
				}
			},
		},
		{
			Name: "a bad address is refused, nothing stored", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"room":"7","email":"new.person at example"}`),
			Headers: w.Headers(tk.ManagerA), TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				n, _ := app.CountRecords("invites")
				invitesBefore = int(n)
			},
			ExpectedStatus: 400, ExpectedContent: []string{`"email":{"code":"validation_invalid_email"`, "doesn't look like an email address"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if n, _ := app.CountRecords("invites"); int(n) != invitesBefore {
					t.Errorf("invites %d, want %d", n, invitesBefore)
				}
				if rows := inviteEmails(t, app); len(rows) != 0 {
					t.Errorf("queued %d invite emails", len(rows))
				}
			},
		},
		{
			Name: "email not set up: the address is refused, nothing stored", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"room":"7","email":"new.person@example.com"}`),
			Headers: w.Headers(tk.ManagerA), TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				n, _ := app.CountRecords("invites")
				invitesBefore = int(n)
			},
			ExpectedStatus: 400, ExpectedContent: []string{`"email":{"code":"validation_email_off"`, "Hearth cannot send email yet"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if n, _ := app.CountRecords("invites"); int(n) != invitesBefore {
					t.Errorf("invites %d, want %d", n, invitesBefore)
				}
				if rows := inviteEmails(t, app); len(rows) != 0 {
					t.Errorf("queued %d invite emails", len(rows))
				}
			},
		},
		{
			Name: "twenty invites in an hour: the next is not emailed", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"room":"7","email":"new.person@example.com"}`),
			Headers: w.Headers(tk.ManagerA), TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
				useSMTP(t, app, sink.Port)
				invites, err := app.FindCollectionByNameOrId("invites")
				if err != nil {
					t.Fatal(err)
				}
				for i := range 20 {
					r := core.NewRecord(invites)
					r.Set("house", w.HouseA)
					r.Set("code_hash", fmt.Sprintf("flood-%d", i))
					r.Set("role", "resident")
					r.Set("created_by", w.People[tk.ManagerA].ID)
					r.Set("expires", time.Now().Add(time.Hour))
					if err := app.Save(r); err != nil {
						t.Fatal(err)
					}
				}
			},
			ExpectedStatus: 400, ExpectedContent: []string{`"email":{"code":"validation_email_limit"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if rows := inviteEmails(t, app); len(rows) != 0 {
					t.Errorf("queued %d invite emails", len(rows))
				}
			},
		},
		{
			Name: "without an address the code works alone", Method: http.MethodPost, URL: url,
			Body:    strings.NewReader(`{"room":"7"}`),
			Headers: w.Headers(tk.ManagerA), TestAppFactory: tk.Factory,
			ExpectedStatus: 200, ExpectedContent: []string{`"code":`}, NotExpectedContent: []string{`"emailed"`},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if rows := inviteEmails(t, app); len(rows) != 0 {
					t.Errorf("queued %d invite emails", len(rows))
				}
			},
		},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// TestInviteEmailWords: the invite email's expiry is written in the house's
// timezone, in the inviter's language.
func TestInviteEmailWords(t *testing.T) {
	app := tk.NewApp(t)
	sink := startSink(t)
	useSMTP(t, app, sink.Port)
	payload := map[string]any{
		"code": "ABCD-EFGH", "house": "Cedar House", "url": testAppURL + "/join#ABCD-EFGH", "origin": testAppURL,
		"expires": "2026-11-30T18:30:00Z", "timezone": "America/Los_Angeles", "lang": "en", "inviter": "Maria",
	}
	if err := hooks.SendInviteEmail(context.Background(), app, "new@example.com", payload); err != nil {
		t.Fatal(err)
	}
	payload["lang"] = "es"
	if err := hooks.SendInviteEmail(context.Background(), app, "nuevo@example.com", payload); err != nil {
		t.Fatal(err)
	}
	mails := sink.Mails()
	if len(mails) != 2 {
		t.Fatalf("%d mails", len(mails))
	}
	en, es := parseMail(t, mails[0].Data), parseMail(t, mails[1].Data)
	for _, c := range []struct{ part, want string }{
		{en.Text, "The invite works until Monday 30 November at 10:30, once."},
		{en.Text, "Maria invited you to join Cedar House"},
		{es.Text, "La invitación sirve una sola vez, hasta el lunes 30 de noviembre a las 10:30."},
		{es.HTML, "Maria te invitó a unirte a Cedar House"},
	} {
		if !strings.Contains(c.part, c.want) {
			t.Errorf("lacks %q:\n%s", c.want, c.part)
		}
	}
	if err := hooks.SendInviteEmail(context.Background(), app, "new@example.com", map[string]any{}); err == nil || hooks.IsRetryLater(err) {
		t.Errorf("an emptied payload: %v, want a permanent error", err)
	}
}
