package hooks

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/domodwyer/mailyak/v3"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/security"
)

// emailSendTimeout bounds one email whose context has no sooner deadline:
// connecting, the TLS handshake, every SMTP reply and the message itself.
// PocketBase's SMTP client has no timeout of its own (a server that takes
// the connection and never answers would hold it for ever), so Hearth
// speaks SMTP itself, with PocketBase's settings, on a connection that
// carries the deadline.
const emailSendTimeout = 30 * time.Second

// errEmailNotConfigured is the permanent error of every email while the
// admin has not turned SMTP on in the dashboard (Settings → Mail
// settings). PocketBase would then fall back to the machine's sendmail,
// which on a mini PC usually does not exist or queues mail nobody reads;
// Hearth never hands an email to it, so an email either leaves through
// the SMTP server the admin chose or is marked failed with these words.
var errEmailNotConfigured = errors.New("email is not set up: an admin turns on SMTP in the dashboard (Settings → Mail settings)")

// deliverEmail sends msg through the SMTP server of the app's settings,
// within ctx's deadline or emailSendTimeout, whichever comes first. It
// goes through app.OnMailerSend like PocketBase's own emails, so a hook
// may look at or replace the message or the mailer. Failures are
// classified for the outbox: *retryLaterError for what may pass (a 4xx
// reply, a timeout, a refused or dropped connection), a plain error for
// what will not (a 5xx reply such as an unknown recipient, a bad
// certificate, email not set up).
func deliverEmail(ctx context.Context, app core.App, msg *mailer.Message) error {
	settings := app.Settings()
	if !settings.SMTP.Enabled {
		return errEmailNotConfigured
	}
	if settings.Meta.SenderAddress == "" {
		return errors.New("email has no sender address: an admin sets it in the dashboard (Settings → Mail settings)")
	}
	ctx, cancel := context.WithTimeout(ctx, emailSendTimeout)
	defer cancel()

	event := &core.MailerEvent{App: app, Mailer: &smtpMailer{ctx: ctx, cfg: settings.SMTP}, Message: msg}
	err := app.OnMailerSend().Trigger(event, func(e *core.MailerEvent) error {
		return e.Mailer.Send(e.Message)
	})
	return classifyEmailError(ctx, err)
}

// smtpMailer is a mailer.Mailer that speaks SMTP like PocketBase's
// SMTPClient (the same settings, the same MIME from mailyak, STARTTLS when
// offered, PLAIN or LOGIN auth) but within its context: the connection is
// dialled with ctx, carries ctx's deadline, and is cut when ctx is
// cancelled, so a send never outlives its deadline and leaves no
// goroutine behind.
type smtpMailer struct {
	ctx context.Context
	cfg core.SMTPConfig
}

// Send implements mailer.Mailer.
func (m *smtpMailer) Send(msg *mailer.Message) error {
	raw, err := buildMIME(msg)
	if err != nil {
		return err
	}
	host := m.cfg.Host
	addr := net.JoinHostPort(host, strconv.Itoa(m.cfg.Port))

	var d net.Dialer
	conn, err := d.DialContext(m.ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if deadline, ok := m.ctx.Deadline(); ok {
		if err := conn.SetDeadline(deadline); err != nil {
			return err
		}
	}
	// A cancelled context cuts the conversation at once.
	stop := context.AfterFunc(m.ctx, func() { _ = conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	if m.cfg.TLS {
		conn = tls.Client(conn, &tls.Config{ServerName: host})
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return err
	}
	defer c.Close()
	localName := m.cfg.LocalName
	if localName == "" {
		localName = "localhost"
	}
	if err := c.Hello(localName); err != nil {
		return err
	}
	if !m.cfg.TLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
				return err
			}
		}
	}
	if auth := m.auth(); auth != nil {
		if err := c.Auth(auth); err != nil {
			return err
		}
	}
	if err := c.Mail(msg.From.Address); err != nil {
		return err
	}
	for _, list := range [][]mail.Address{msg.To, msg.Cc, msg.Bcc} {
		for _, a := range list {
			if err := c.Rcpt(a.Address); err != nil {
				return err
			}
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	// The message is accepted once DATA is answered; a QUIT that fails
	// changes nothing.
	_ = c.Quit()
	return nil
}

// auth is the SMTP authentication of PocketBase's client: none without
// credentials, LOGIN when the admin chose it, PLAIN otherwise. Both send
// credentials only over TLS or to localhost.
func (m *smtpMailer) auth() smtp.Auth {
	if m.cfg.Username == "" && m.cfg.Password == "" {
		return nil
	}
	if m.cfg.AuthMethod == mailer.SMTPAuthLogin {
		return &smtpLoginAuth{m.cfg.Username, m.cfg.Password}
	}
	return smtp.PlainAuth("", m.cfg.Username, m.cfg.Password, m.cfg.Host)
}

// buildMIME writes msg as PocketBase's SMTPClient would (mailyak, a text
// and an HTML part, the headers given, a Message-ID at the sender's
// domain), for our own SMTP conversation.
func buildMIME(msg *mailer.Message) ([]byte, error) {
	yak := mailyak.New("", nil)
	if msg.From.Name != "" {
		yak.FromName(msg.From.Name)
	}
	yak.From(msg.From.Address)
	yak.Subject(msg.Subject)
	yak.HTML().Set(msg.HTML)
	yak.Plain().Set(msg.Text)
	to := make([]string, 0, len(msg.To))
	for _, a := range msg.To {
		to = append(to, a.String())
	}
	yak.To(to...)
	hasID := false
	for k, v := range msg.Headers {
		hasID = hasID || strings.EqualFold(k, "Message-ID")
		yak.AddHeader(k, v)
	}
	if _, domain, ok := strings.Cut(msg.From.Address, "@"); ok && !hasID {
		yak.AddHeader("Message-ID", fmt.Sprintf("<%s@%s>", security.PseudorandomString(15), domain))
	}
	buf, err := yak.MimeBuf()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// classifyEmailError sorts a failed send for the outbox (see
// deliveries_errors.go).
func classifyEmailError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var reply *textproto.Error
	if errors.As(err, &reply) {
		if reply.Code >= 400 && reply.Code < 500 {
			return &retryLaterError{Err: fmt.Errorf("the mail server asked to try later: %w", err)}
		}
		return fmt.Errorf("the mail server refused the email: %w", err)
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) {
		return fmt.Errorf("the mail server's certificate is not trusted (check the SMTP host and TLS in Settings → Mail settings): %w", err)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return fmt.Errorf("the mail server's name is not known (check the SMTP host in Settings → Mail settings): %w", err)
	}
	var netErr net.Error
	switch {
	case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return &retryLaterError{Err: fmt.Errorf("the mail server did not answer in time: %w", err)}
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &dnsErr):
		return &retryLaterError{Err: fmt.Errorf("the mail server could not be reached: %w", err)}
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return &retryLaterError{Err: fmt.Errorf("the mail server could not be reached: %w", err)}
	}
	return err
}

// smtpLoginAuth is PocketBase's AUTH LOGIN (tools/mailer, unexported
// there): some services, such as Outlook's, require it. It sends the
// credentials only over TLS or to localhost.
type smtpLoginAuth struct {
	username, password string
}

// Start implements smtp.Auth.
func (a *smtpLoginAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && server.Name != "localhost" && server.Name != "127.0.0.1" && server.Name != "::1" {
		return "", nil, errors.New("unencrypted connection")
	}
	return "LOGIN", nil, nil
}

// Next implements smtp.Auth.
func (a *smtpLoginAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if more {
		switch strings.ToLower(string(fromServer)) {
		case "username:":
			return []byte(a.username), nil
		case "password:":
			return []byte(a.password), nil
		}
	}
	return nil, nil
}
