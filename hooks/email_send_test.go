package hooks_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	smtp "github.com/emersion/go-smtp"
	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/hook"

	"hearth/hooks"
	tk "hearth/testkit"
	"hearth/testkit/smtpsink"
)

// testAppURL is the Application URL of the email tests.
const testAppURL = "https://hearth.example.org"

// smtpSink is the SMTP server of the tests (testkit/smtpsink).
type smtpSink = smtpsink.Sink

// startSink starts an SMTP sink on a loopback port for the test.
func startSink(t testing.TB) *smtpSink {
	t.Helper()
	return smtpsink.Start(t, nil)
}

// startSinkWith is startSink offering STARTTLS with tlsConfig.
func startSinkWith(t testing.TB, tlsConfig *tls.Config) *smtpSink {
	t.Helper()
	return smtpsink.Start(t, tlsConfig)
}

// startSilentServer accepts connections and never answers, like a mail
// server that hangs.
func startSilentServer(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return ln.Addr().(*net.TCPAddr).Port
}

// useSMTP points the app's mail settings at a local port, as an admin
// would in the dashboard, and undoes tests.TestApp's swap of every mailer
// for its in-memory TestMailer, so the email really goes over SMTP.
func useSMTP(t testing.TB, app *tests.TestApp, port int) {
	t.Helper()
	s := app.Settings()
	s.SMTP.Enabled = true
	s.SMTP.Host = "127.0.0.1"
	s.SMTP.Port = port
	s.Meta.AppURL = testAppURL
	s.Meta.SenderName = "Cedar Hearth"
	s.Meta.SenderAddress = "hearth@example.org"
	var real core.MailerEvent
	app.OnMailerSend().Bind(&hook.Handler[*core.MailerEvent]{Priority: -100000, Func: func(e *core.MailerEvent) error {
		real.Mailer = e.Mailer
		return e.Next()
	}})
	app.OnMailerSend().Bind(&hook.Handler[*core.MailerEvent]{Priority: 100000, Func: func(e *core.MailerEvent) error {
		e.Mailer = real.Mailer
		return e.Next()
	}})
}

// readMail is a received message: its headers and decoded parts.
type readMail struct {
	Header  mail.Header
	Subject string
	Text    string
	HTML    string
}

func parseMail(t testing.TB, data []byte) readMail {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("reading the message: %v\n%s", err, data)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	out := readMail{Header: m.Header, Subject: subject}
	var walk func(ctype string, body io.Reader)
	walk = func(ctype string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ctype)
		if err != nil {
			t.Fatalf("content type %q: %v", ctype, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(p.Header.Get("Content-Type"), p)
			}
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		switch mt {
		case "text/plain":
			out.Text = string(b)
		case "text/html":
			out.HTML = string(b)
		}
	}
	walk(m.Header.Get("Content-Type"), m.Body)
	return out
}

// personWithLanguage loads a fixture account and sets its language.
func personWithLanguage(t testing.TB, app core.App, actor, lang string) *core.Record {
	t.Helper()
	u, err := app.FindRecordById("users", tk.Seeded(t).People[actor].ID)
	if err != nil {
		t.Fatal(err)
	}
	u.Set("language", lang)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestNotificationEmailOverSMTP(t *testing.T) {
	cases := []struct {
		lang                   string
		wantWords, notWords    []string
		wantSettings, wantOpen string
		title, body            string // as the outbox renders them for the lock screen
	}{
		{lang: "en", title: "Someone in Cedar House asked for support", body: "Open Hearth to answer.", wantOpen: "Open Hearth", wantSettings: "Change what Hearth emails you",
			wantWords: []string{"Hello residentA1,"}, notWords: []string{"Abrir Hearth"}},
		{lang: "es", title: "Alguien en Cedar House pidió apoyo", body: "Abre Hearth para responder.", wantOpen: "Abrir Hearth", wantSettings: "Cambiar lo que Hearth te envía por correo",
			wantWords: []string{"Hola, residentA1:"}, notWords: []string{"Open Hearth", "Hello"}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			app := tk.NewApp(t)
			sink := startSink(t)
			useSMTP(t, app, sink.Port)
			user := personWithLanguage(t, app, tk.ResidentA1, c.lang)
			n := saveOrFail(t, app, "notifications", map[string]any{
				"user": user.Id, "kind": "support", "link": "/board/posts/abc123",
				"title": "Cravings are bad tonight", "body": "the words of the post",
			})
			title, body := c.title, c.body

			if err := hooks.SendNotificationEmail(context.Background(), app, n, user, title, body); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := sink.Mails()
			if len(got) != 1 {
				t.Fatalf("the sink got %d messages, want 1", len(got))
			}
			if got[0].From != "hearth@example.org" || strings.Join(got[0].To, ",") != user.Email() {
				t.Errorf("envelope from %q to %v", got[0].From, got[0].To)
			}
			m := parseMail(t, got[0].Data)
			if m.Subject != title {
				t.Errorf("subject %q, want %q", m.Subject, title)
			}
			from, err := mail.ParseAddress(m.Header.Get("From"))
			if err != nil || from.Name != "Cedar Hearth" || from.Address != "hearth@example.org" {
				t.Errorf("From %q (%v)", m.Header.Get("From"), err)
			}
			if to := m.Header.Get("To"); !strings.Contains(to, user.Email()) {
				t.Errorf("To %q", to)
			}
			if h := m.Header.Get("Auto-Submitted"); h != "auto-generated" {
				t.Errorf("Auto-Submitted %q", h)
			}
			if h := m.Header.Get("Content-Language"); h != c.lang {
				t.Errorf("Content-Language %q", h)
			}
			if m.Text == "" || m.HTML == "" {
				t.Fatalf("want a text and an HTML part; text %q html %q", m.Text, m.HTML)
			}
			link := testAppURL + "/board/posts/abc123"
			settings := testAppURL + "/settings/notifications"
			for part, content := range map[string]string{"text": m.Text, "html": m.HTML} {
				want := append([]string{title, body, link, settings, c.wantOpen, c.wantSettings}, c.wantWords...)
				for _, w := range want {
					if !strings.Contains(content, w) {
						t.Errorf("%s part lacks %q:\n%s", part, w, content)
					}
				}
				for _, w := range append([]string{"the words of the post", "Cravings are bad tonight", "<script"}, c.notWords...) {
					if strings.Contains(content, w) {
						t.Errorf("%s part carries %q:\n%s", part, w, content)
					}
				}
			}
			if !strings.Contains(m.HTML, `href="`+link+`"`) || !strings.Contains(m.HTML, `href="`+settings+`"`) {
				t.Errorf("the HTML part lacks its links:\n%s", m.HTML)
			}
			if !strings.Contains(m.HTML, `lang="`+c.lang+`"`) || strings.Contains(m.HTML, "<img") {
				t.Errorf("the HTML part: want lang=%s and no images:\n%s", c.lang, m.HTML)
			}
		})
	}
}

func TestEmailFailuresAreClassified(t *testing.T) {
	cases := []struct {
		name       string
		setup      func(t *testing.T, app *tests.TestApp)
		retryLater bool
		is         error
		says       string // in the error, for the operator
	}{
		{"4xx on RCPT tries later", func(t *testing.T, app *tests.TestApp) {
			sink := startSink(t)
			sink.SetFail(map[string]*smtp.SMTPError{"RCPT": {Code: 450, EnhancedCode: smtp.EnhancedCode{4, 2, 1}, Message: "mailbox busy"}})
			useSMTP(t, app, sink.Port)
		}, true, nil, ""},
		{"4xx on DATA tries later", func(t *testing.T, app *tests.TestApp) {
			sink := startSink(t)
			sink.SetFail(map[string]*smtp.SMTPError{"DATA": {Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "local error"}})
			useSMTP(t, app, sink.Port)
		}, true, nil, ""},
		{"5xx unknown recipient is permanent", func(t *testing.T, app *tests.TestApp) {
			sink := startSink(t)
			sink.SetFail(map[string]*smtp.SMTPError{"RCPT": {Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}})
			useSMTP(t, app, sink.Port)
		}, false, nil, ""},
		{"a refused connection tries later", func(t *testing.T, app *tests.TestApp) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			port := ln.Addr().(*net.TCPAddr).Port
			_ = ln.Close()
			useSMTP(t, app, port)
		}, true, nil, ""},
		{"a server that never answers tries later, within the deadline", func(t *testing.T, app *tests.TestApp) {
			useSMTP(t, app, startSilentServer(t))
		}, true, nil, ""},
		{"STARTTLS with a certificate nobody signed is permanent", func(t *testing.T, app *tests.TestApp) {
			// httptest's certificate is for 127.0.0.1, signed by no known authority.
			https := httptest.NewTLSServer(http.NotFoundHandler())
			cert := https.TLS.Certificates
			https.Close()
			sink := startSinkWith(t, &tls.Config{Certificates: cert})
			useSMTP(t, app, sink.Port)
		}, false, nil, "certificate"},
		{"SMTP turned off is permanent, and no sendmail", func(t *testing.T, app *tests.TestApp) {
			useSMTP(t, app, startSink(t).Port)
			app.Settings().SMTP.Enabled = false
		}, false, hooks.ErrEmailNotConfigured, "not set up"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app := tk.NewApp(t)
			c.setup(t, app)
			user := personWithLanguage(t, app, tk.ResidentA1, "en")
			n := saveOrFail(t, app, "notifications", map[string]any{"user": user.Id, "kind": "announcement", "title": "House meeting"})

			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- hooks.SendNotificationEmail(ctx, app, n, user, "House meeting", "") }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("the send outlived its deadline by far")
			}
			if err == nil {
				t.Fatal("want an error")
			}
			if hooks.IsRetryLater(err) != c.retryLater {
				t.Errorf("retry later = %v, want %v (%v)", hooks.IsRetryLater(err), c.retryLater, err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %v, want %v", err, c.is)
			}
			if c.is != nil && len(app.TestMailer.Messages()) > 0 {
				t.Errorf("a mailer got the email: %d", len(app.TestMailer.Messages()))
			}
		})
	}
}

func TestEmailWordsExistInEveryLanguage(t *testing.T) {
	keys := hooks.EmailWordKeys()
	if len(keys) < 2 {
		t.Fatalf("want en and es, got %v", keys)
	}
	all := map[string]bool{}
	for _, ks := range keys {
		for _, k := range ks {
			all[k] = true
		}
	}
	for lang, ks := range keys {
		have := map[string]bool{}
		for _, k := range ks {
			have[k] = true
		}
		for k := range all {
			if !have[k] {
				t.Errorf("%s lacks the email word %q", lang, k)
			}
		}
	}
}

func TestDailyDigestOnAFakeClock(t *testing.T) {
	app := tk.NewApp(t)
	sink := startSink(t)
	useSMTP(t, app, sink.Port)
	w := tk.Seeded(t)
	manager := personWithLanguage(t, app, tk.ManagerA, "es")
	manager.Set("email_digest", true)
	if err := app.Save(manager); err != nil {
		t.Fatal(err)
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	clock := clockwork.NewFakeClockAt(time.Date(2026, 11, 23, 6, 59, 0, 0, la)) // Cedar House, before 07:00
	digestRow := func(title, kind, body string) *core.Record {
		n := saveOrFail(t, app, "notifications", map[string]any{
			"user": manager.Id, "kind": kind, "title": title, "body": body, "link": "/manage/today"})
		return saveOrFail(t, app, "deliveries", map[string]any{
			"notification": n.Id, "user": manager.Id, "channel": "email", "status": "digest"})
	}
	first := digestRow("Check-in summary: 2 of 3", "checkin_summary", "")
	support := digestRow("Cravings are bad tonight", "support", "the words of the post")
	other := saveOrFail(t, app, "deliveries", map[string]any{ // someone else's single email: not the digest's
		"notification": w.NotificationA1, "user": w.People[tk.ResidentA1].ID, "channel": "email", "status": "pending"})
	ctx := context.Background()

	sendAt := func(now time.Time) int {
		t.Helper()
		n, err := hooks.SendDigests(ctx, app, now)
		if err != nil {
			t.Fatalf("SendDigests at %s: %v", now, err)
		}
		return n
	}
	status := func(r *core.Record) *core.Record {
		t.Helper()
		got, err := app.FindRecordById("deliveries", r.Id)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	if n := sendAt(clock.Now()); n != 0 || len(sink.Mails()) != 0 {
		t.Fatalf("before 07:00: %d digests, %d mails", n, len(sink.Mails()))
	}
	clock.Advance(time.Minute) // 07:00 in Los Angeles
	if n := sendAt(clock.Now()); n != 1 {
		t.Fatalf("at 07:00: %d digests, want 1", n)
	}
	mails := sink.Mails()
	if len(mails) != 1 || mails[0].To[0] != manager.Email() {
		t.Fatalf("mails %+v", mails)
	}
	m := parseMail(t, mails[0].Data)
	if m.Subject != "Hearth: tu resumen del día" {
		t.Errorf("subject %q", m.Subject)
	}
	for part, content := range map[string]string{"text": m.Text, "html": m.HTML} {
		for _, want := range []string{"Tu resumen del día", "Check-in summary: 2 of 3", testAppURL + "/manage/today", testAppURL + "/settings/notifications"} {
			if !strings.Contains(content, want) {
				t.Errorf("%s part lacks %q:\n%s", part, want, content)
			}
		}
		for _, not := range []string{"the words of the post", "Cravings are bad tonight"} {
			if strings.Contains(content, not) {
				t.Errorf("%s part carries %q", part, not)
			}
		}
	}
	for _, r := range []*core.Record{first, support} {
		if got := status(r); got.GetString("status") != "sent" || got.GetDateTime("sent_at").IsZero() {
			t.Errorf("row %s: status %q sent_at %v", r.Id, got.GetString("status"), got.GetDateTime("sent_at"))
		}
	}
	if got := status(other); got.GetString("status") != "pending" {
		t.Errorf("another person's row became %q", got.GetString("status"))
	}

	// Later the same day: a new row waits for tomorrow's digest.
	clock.Advance(2 * time.Hour)
	later := digestRow("A chore to review", "chore_review", "")
	if n := sendAt(clock.Now()); n != 0 || len(sink.Mails()) != 1 {
		t.Fatalf("09:00 the same day: %d digests, %d mails", n, len(sink.Mails()))
	}

	// Tomorrow at 07:00 the mail server asks to try later: the row waits
	// with backoff, then leaves.
	clock.Advance(22 * time.Hour)
	sink.SetFail(map[string]*smtp.SMTPError{"DATA": {Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}})
	if n := sendAt(clock.Now()); n != 0 {
		t.Fatalf("a refused digest counted as sent")
	}
	if got := status(later); got.GetString("status") != "digest" || got.GetInt("attempts") != 1 || got.GetDateTime("next_at").IsZero() {
		t.Fatalf("after a 451: status %q attempts %d next_at %v", got.GetString("status"), got.GetInt("attempts"), got.GetDateTime("next_at"))
	}
	sink.SetFail(nil)
	clock.Advance(30 * time.Second)
	if n := sendAt(clock.Now()); n != 0 {
		t.Fatalf("retried before its backoff")
	}
	clock.Advance(5 * time.Minute)
	if n := sendAt(clock.Now()); n != 1 {
		t.Fatalf("after the backoff: %d digests, want 1", n)
	}
	mails = sink.Mails()
	if len(mails) != 2 {
		t.Fatalf("%d mails, want 2", len(mails))
	}
	if m := parseMail(t, mails[1].Data); !strings.Contains(m.Text, "A chore to review") || strings.Contains(m.Text, "Check-in summary") {
		t.Errorf("the second digest lists what it should not, or lacks its row:\n%s", m.Text)
	}
	if got := status(later); got.GetString("status") != "sent" {
		t.Errorf("the later row is %q", got.GetString("status"))
	}
}

// TestDigestRunsInTheSweep: the scheduler, on a fake clock, sends a
// manager's digest at 07:00 in their house and not before.
func TestDigestRunsInTheSweep(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	app, clock := jobsApp(t, time.Date(2026, 11, 23, 6, 58, 0, 0, la))
	sink := startSink(t)
	useSMTP(t, app, sink.Port)
	manager := personWithLanguage(t, app, tk.ManagerA, "en")
	n := saveOrFail(t, app, "notifications", map[string]any{"user": manager.Id, "kind": "curfew_summary", "title": "Curfew: all in"})
	saveOrFail(t, app, "deliveries", map[string]any{"notification": n.Id, "user": manager.Id, "channel": "email", "status": "digest"})

	// The jobs' own notifications (the night's curfew summary, caught up
	// at start) may be emailed too: only digests count here.
	digests := func() []readMail {
		var out []readMail
		for _, m := range sink.Mails() {
			if pm := parseMail(t, m.Data); pm.Subject == "Hearth: your daily summary" {
				out = append(out, pm)
			}
		}
		return out
	}

	advance(t, clock, time.Date(2026, 11, 23, 6, 59, 30, 0, la))
	if poll(func() bool { return len(digests()) > 0 }) {
		t.Fatal("a digest left before 07:00")
	}
	advance(t, clock, time.Date(2026, 11, 23, 7, 0, 30, 0, la))
	eventually(t, "the 07:00 digest", func() bool { return len(digests()) == 1 })
	if m := digests()[0]; !strings.Contains(m.Text, "Curfew: all in") {
		t.Errorf("the digest lacks its row:\n%s", m.Text)
	}
}
