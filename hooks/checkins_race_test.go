package hooks_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"

	tk "hearth/testkit"
)

// raceServer is a served test app on a fake clock, for tests that hold one
// request in a hook while another goes through.
type raceServer struct {
	t   *testing.T
	app core.App
	srv *httptest.Server
	w   *tk.World
}

func newRaceServer(t *testing.T, at time.Time) *raceServer {
	t.Helper()
	app := tk.NewAppWithClock(t, clockwork.NewFakeClockAt(at))
	t.Cleanup(app.Cleanup)
	return &raceServer{t: t, app: app, srv: tk.Serve(t, app), w: tk.Seeded(t)}
}

// send makes one request as actor ("" for nobody) and returns the status
// and the body.
func (r *raceServer) send(actor, method, url, body string) (int, string) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, r.srv.URL+url, rd)
	if err != nil {
		r.t.Error(err)
		return 0, ""
	}
	req.Header.Set("Content-Type", "application/json")
	if actor != "" {
		req.Header.Set("Authorization", r.w.People[actor].Token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Error(err)
		return 0, ""
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// holdFirst returns a hook that parks the first request matching when, until
// release is closed, after telling held.
func holdFirst(when func(e *core.RecordRequestEvent) bool) (hook func(e *core.RecordRequestEvent) error, held, release chan struct{}) {
	held, release = make(chan struct{}), make(chan struct{})
	return func(e *core.RecordRequestEvent) error {
		if when(e) {
			select {
			case <-held:
			default:
				close(held)
				<-release
			}
		}
		return e.Next()
	}, held, release
}

// A resident's second daily check-in that passed the duplicate check just
// before the first one committed is still refused with the kind words.
func TestCheckinRaceRefusedKindly(t *testing.T) {
	r := newRaceServer(t, utc("2026-11-24T03:00:00Z")) // 19:00 in Los Angeles
	hook, held, release := holdFirst(func(e *core.RecordRequestEvent) bool { return e.Record.GetString("note") == "second" })
	r.app.OnRecordCreateRequest("checkins").BindFunc(hook) // runs after the duplicate check
	body := func(note string) string {
		return `{"house":"` + r.w.HouseA + `","user":"` + r.w.People[tk.ResidentA1].ID + `","kind":"daily","mood":3,"craving":0,"note":"` + note + `"}`
	}
	second := make(chan string, 1)
	go func() {
		_, b := r.send(tk.ResidentA1, "POST", checkinsURL, body("second"))
		second <- b
	}()
	<-held
	if st, b := r.send(tk.ResidentA1, "POST", checkinsURL, body("first")); st != 200 {
		t.Fatalf("the first check-in: %d %s", st, b)
	}
	close(release)
	got := <-second
	if !strings.Contains(got, fieldErrJSON("kind", "validation_already_checked_in")) || !strings.Contains(got, "already checked in today") {
		t.Errorf("the racing second check-in answered %s, want the kind refusal", got)
	}
}

// The owner's edit or delete passed the rule (the meeting was unverified),
// then a manager verified it: the owner's stale request is refused and the
// verification stands.
func TestMeetingVerifiedMeanwhile(t *testing.T) {
	for _, method := range []string{"PATCH", "DELETE"} {
		t.Run(method, func(t *testing.T) {
			r := newRaceServer(t, utc("2026-11-24T03:00:00Z"))
			owner := r.w.People[tk.ResidentA1].ID
			hook, held, release := holdFirst(func(e *core.RecordRequestEvent) bool { return e.Auth != nil && e.Auth.Id == owner })
			r.app.OnRecordUpdateRequest("meetings").BindFunc(hook)
			r.app.OnRecordDeleteRequest("meetings").BindFunc(hook)
			url := "/api/collections/meetings/records/" + r.w.MeetingA1

			type reply struct {
				status int
				body   string
			}
			answer := make(chan reply, 1)
			go func() {
				body := ""
				if method == "PATCH" {
					body = `{"name":"edited by owner"}`
				}
				st, b := r.send(tk.ResidentA1, method, url, body)
				answer <- reply{st, b}
			}()
			<-held
			manager := r.w.People[tk.ManagerA].ID
			if st, b := r.send(tk.ManagerA, "PATCH", url, `{"verified_by":"`+manager+`"}`); st != 200 {
				t.Fatalf("verifying: %d %s", st, b)
			}
			close(release)
			if got := <-answer; got.status != 400 || !strings.Contains(got.body, fieldErrJSON("verified_by", "validation_meeting_changed")) {
				t.Errorf("the owner's stale %s answered %d %s, want a 400 saying it was verified", method, got.status, got.body)
			}
			m := findOrFail(t, r.app, "meetings", r.w.MeetingA1)
			if m.GetString("verified_by") != manager || m.GetString("name") == "edited by owner" || m.GetDateTime("verified_at").IsZero() {
				t.Errorf("after the race: verified_by %q, verified_at %v, name %q", m.GetString("verified_by"), m.GetDateTime("verified_at"), m.GetString("name"))
			}
		})
	}
}
