// Package smtpsink is a small SMTP server for tests (emersion/go-smtp): it
// keeps the messages it accepts, and can be told to answer a command with
// an SMTP error, as a mail server that is busy or refuses a recipient.
package smtpsink

import (
	"crypto/tls"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// Mail is one message the sink accepted: the envelope and the raw message.
type Mail struct {
	From string
	To   []string
	Data []byte
}

// Sink is an SMTP server on a loopback port.
type Sink struct {
	// Port is the loopback port it listens on.
	Port int

	mu   sync.Mutex
	got  []Mail
	fail map[string]*smtp.SMTPError
}

// Start starts a sink for the test, offering STARTTLS with tlsConfig
// (nil: no STARTTLS); it stops when the test ends.
func Start(t testing.TB, tlsConfig *tls.Config) *Sink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sink := &Sink{Port: ln.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(sink)
	srv.Domain = "localhost"
	srv.TLSConfig = tlsConfig
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return sink
}

// SetFail makes the sink answer the commands named (MAIL, RCPT or DATA)
// with the errors given; nil answers every command normally again.
func (s *Sink) SetFail(fail map[string]*smtp.SMTPError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = fail
}

// Mails returns the messages accepted so far.
func (s *Sink) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.got...)
}

// NewSession is go-smtp's Backend.
func (s *Sink) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{sink: s}, nil }

func (s *Sink) failure(cmd string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.fail[cmd]; e != nil {
		return e
	}
	return nil
}

type session struct {
	sink *Sink
	cur  Mail
}

func (ss *session) Reset()        { ss.cur = Mail{} }
func (ss *session) Logout() error { return nil }

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if err := ss.sink.failure("MAIL"); err != nil {
		return err
	}
	ss.cur.From = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := ss.sink.failure("RCPT"); err != nil {
		return err
	}
	ss.cur.To = append(ss.cur.To, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := ss.sink.failure("DATA"); err != nil {
		return err
	}
	ss.cur.Data = b
	ss.sink.mu.Lock()
	ss.sink.got = append(ss.sink.got, ss.cur)
	ss.sink.mu.Unlock()
	return nil
}
