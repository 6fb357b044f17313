package hooks

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"net/mail"
	"strings"
	texttemplate "text/template"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"hearth/domain"
)

// The emails Hearth sends (docs/API.md, "Email"): a notification, a
// manager's daily digest, an invite. Each is one template pair embedded in
// the binary, a text and an HTML part, filled with the words of the
// recipient's language (email_words.go) and the lock-screen words of the
// notifications (renderNotification): never a post's words, a check-in's
// answers or a staff record.

//go:embed email_templates
var emailTemplateFS embed.FS

var (
	emailHTML = htmltemplate.Must(htmltemplate.ParseFS(emailTemplateFS, "email_templates/email.html"))
	emailText = texttemplate.Must(texttemplate.ParseFS(emailTemplateFS, "email_templates/email.txt"))
)

// settingsPath is the app's notification settings screen.
const settingsPath = "/settings/notifications"

// emailView is what the templates show. Every field is plain text; the
// HTML template escapes it.
type emailView struct {
	Lang       string
	Subject    string
	Greeting   string
	Heading    string
	Paragraphs []string
	Items      []emailItem
	ItemLink   string
	Action     emailLink
	CodeLine   string
	Code       string
	After      []string
	Footer     []string
	Settings   emailLink
}

type emailItem struct {
	Title, Body, URL string
}

type emailLink struct {
	Label, URL string
}

// sendNotificationEmail emails one notification to user, with the title
// and body the outbox rendered for the lock screen (renderNotification(n,
// lang, true)) as the subject and text, a link to the notification in the
// app and one to the notification settings, in the user's language.
func sendNotificationEmail(ctx context.Context, app core.App, n, user *core.Record, title, body string) error {
	to, err := userAddress(user)
	if err != nil {
		return err
	}
	lang := emailLang(user.GetString("language"))
	base := emailBase(app)
	v := emailView{
		Lang:     lang,
		Subject:  title,
		Greeting: greeting(lang, user),
		Heading:  title,
		Action:   emailLink{Label: emailWord(lang, "open"), URL: base + appPath(n.GetString("link"))},
	}
	if strings.TrimSpace(body) != "" {
		v.Paragraphs = []string{body}
	}
	personalFooter(&v, lang, base)
	return sendEmail(ctx, app, to, v, true)
}

// sendDigestEmail emails user one list of the notifications ns (the
// digest rows the daily job gathered), each with its lock-screen words
// and a link into the app. No notifications, no email.
func sendDigestEmail(ctx context.Context, app core.App, user *core.Record, ns []*core.Record) error {
	if len(ns) == 0 {
		return nil
	}
	to, err := userAddress(user)
	if err != nil {
		return err
	}
	lang := emailLang(user.GetString("language"))
	base := emailBase(app)
	v := emailView{
		Lang:       lang,
		Subject:    emailWord(lang, "digestSubject"),
		Greeting:   greeting(lang, user),
		Heading:    emailWord(lang, "digestHeading"),
		Paragraphs: []string{emailWord(lang, "digestIntro")},
		ItemLink:   emailWord(lang, "digestOpen"),
		Action:     emailLink{Label: emailWord(lang, "open"), URL: base + "/notifications"},
	}
	for _, n := range ns {
		title, body := renderNotification(n, lang, true)
		v.Items = append(v.Items, emailItem{Title: title, Body: body, URL: base + appPath(n.GetString("link"))})
	}
	personalFooter(&v, lang, base)
	return sendEmail(ctx, app, to, v, true)
}

// Invite email payload keys (deliveries.payload, written by the invite
// route, cleared by the outbox once sent).
const (
	invitePayloadCode     = "code"     // the code as shown, XXXX-XXXX
	invitePayloadHouse    = "house"    // the house's name
	invitePayloadURL      = "url"      // the join link, code included
	invitePayloadOrigin   = "origin"   // where to type the code by hand
	invitePayloadExpires  = "expires"  // RFC 3339
	invitePayloadTimezone = "timezone" // the house's IANA zone
	invitePayloadLang     = "lang"     // the inviter's language
	invitePayloadInviter  = "inviter"  // the inviter's name, may be empty
)

// sendInviteEmail emails an invite to the address to: the house, the join
// link, the code to type by hand, and until when it works in the house's
// timezone, in the inviter's language.
func sendInviteEmail(ctx context.Context, app core.App, to string, payload map[string]any) error {
	addr, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("the invite's address %q is not an email address: %w", to, err)
	}
	str := func(k string) string { s, _ := payload[k].(string); return s }
	code, house, url := str(invitePayloadCode), str(invitePayloadHouse), str(invitePayloadURL)
	if code == "" || url == "" {
		return errors.New("the invite email has no code or link (its payload was cleared or never written)")
	}
	lang := emailLang(str(invitePayloadLang))
	intro := emailWord(lang, "inviteIntroNoInviter", "house", house)
	if inviter := str(invitePayloadInviter); inviter != "" {
		intro = emailWord(lang, "inviteIntro", "inviter", inviter, "house", house)
	}
	v := emailView{
		Lang:       lang,
		Subject:    emailWord(lang, "inviteSubject", "house", house),
		Greeting:   emailWord(lang, "greetingNoName"),
		Paragraphs: []string{intro, emailWord(lang, "inviteHow")},
		Action:     emailLink{Label: emailWord(lang, "inviteJoin", "house", house), URL: url},
		CodeLine:   emailWord(lang, "inviteCode", "url", strings.TrimRight(str(invitePayloadOrigin), "/")+"/join"),
		Code:       code,
		Footer:     []string{emailWord(lang, "inviteIgnore"), emailWord(lang, "automatic")},
	}
	if expires, err := time.Parse(time.RFC3339, str(invitePayloadExpires)); err == nil {
		loc, err := domain.LoadTimezone(str(invitePayloadTimezone))
		if err != nil {
			loc = time.UTC
		}
		v.After = []string{emailWord(lang, "inviteExpires", "date", emailDateTime(lang, expires.In(loc)))}
	}
	return sendEmail(ctx, app, *addr, v, false)
}

// sendEmail renders v and sends it to one address through deliverEmail.
// An email to a person (personal) names the settings page in its
// List-Unsubscribe header.
func sendEmail(ctx context.Context, app core.App, to mail.Address, v emailView, personal bool) error {
	var text, html bytes.Buffer
	if err := emailText.Execute(&text, v); err != nil {
		return fmt.Errorf("rendering the email's text: %w", err)
	}
	if err := emailHTML.Execute(&html, v); err != nil {
		return fmt.Errorf("rendering the email's HTML: %w", err)
	}
	meta := app.Settings().Meta
	msg := &mailer.Message{
		From:    mail.Address{Name: meta.SenderName, Address: meta.SenderAddress},
		To:      []mail.Address{to},
		Subject: v.Subject,
		Text:    text.String(),
		HTML:    html.String(),
		Headers: map[string]string{
			// No out-of-office or other automatic answers to an automatic email.
			"Auto-Submitted":           "auto-generated",
			"X-Auto-Response-Suppress": "All",
			"Content-Language":         v.Lang,
		},
	}
	if personal && v.Settings.URL != "" {
		msg.Headers["List-Unsubscribe"] = "<" + v.Settings.URL + ">"
	}
	return deliverEmail(ctx, app, msg)
}

// userAddress is the address of user, with their name.
func userAddress(user *core.Record) (mail.Address, error) {
	email := user.Email()
	if email == "" {
		return mail.Address{}, errors.New("the person has no email address")
	}
	return mail.Address{Name: user.GetString("name"), Address: email}, nil
}

func greeting(lang string, user *core.Record) string {
	if name := strings.TrimSpace(user.GetString("name")); name != "" {
		return emailWord(lang, "greeting", "name", name)
	}
	return emailWord(lang, "greetingNoName")
}

// personalFooter adds why the person gets the email and the link to
// change it.
func personalFooter(v *emailView, lang, base string) {
	v.Footer = []string{emailWord(lang, "why"), emailWord(lang, "automatic")}
	v.Settings = emailLink{Label: emailWord(lang, "settings"), URL: base + settingsPath}
}

// emailBase is the Application URL the admin set (Settings → Application),
// without a trailing slash: every link in an email starts there.
func emailBase(app core.App) string {
	return strings.TrimRight(app.Settings().Meta.AppURL, "/")
}

// appPath is a notification's link when it is a path of the app, or the
// notifications screen when it is empty or anything else.
func appPath(link string) string {
	if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") && !strings.ContainsAny(link, " \\\r\n") {
		return link
	}
	return "/notifications"
}
