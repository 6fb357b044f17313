package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"

	tk "hearth/testkit"
)

// A create sent again with the same id, as the web app's outbox does after
// a lost answer or a reload mid-send, answers with the record the first one
// made: nothing twice, no error. Someone else's id is PocketBase's to
// refuse, and tells nothing of the record.
func TestOutboxRepeatsMakeOneRecord(t *testing.T) {
	r := newRaceServer(t, utc("2026-11-24T07:30:00Z")) // 23:30 in Los Angeles, past curfew
	w := r.w
	house, a1 := w.HouseA, w.People[tk.ResidentA1].ID
	count := func(kind string) int {
		var n int
		if err := r.app.DB().Select("count(*)").From("checkins").
			Where(dbx.HashExp{"user": a1, "kind": kind}).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	idOf := func(body string) string {
		var rec struct {
			ID string `json:"id"`
		}
		json.Unmarshal([]byte(body), &rec)
		return rec.ID
	}

	const curfewID = "outboxcurfew001"
	curfew := fmt.Sprintf(`{"id":%q,"house":%q,"user":%q,"kind":"curfew","phone_time":"2026-11-24 06:58:00.000Z"}`, curfewID, house, a1)
	for i := range 3 {
		status, body := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/checkins/records", curfew)
		if status != http.StatusOK || idOf(body) != curfewID || !strings.Contains(body, `"late":true`) ||
			!strings.Contains(body, `"phone_time":"2026-11-24 06:58:00.000Z"`) {
			t.Errorf("send %d: %d %s, want 200 with the curfew check-in, late, with the phone's time", i+1, status, body)
		}
	}
	if n := count("curfew"); n != 1 {
		t.Errorf("%d curfew check-ins after three sends, want 1", n)
	}

	// The managers see the phone's time beside the time it arrived, and so
	// does the resident.
	for _, c := range []struct{ actor, url string }{
		{tk.ManagerA, "/api/hearth/houses/" + house + "/status"},
		{tk.ResidentA1, "/api/hearth/today?house=" + house},
	} {
		if status, body := r.send(c.actor, http.MethodGet, c.url, ""); status != http.StatusOK ||
			!strings.Contains(body, `"phone_time":"2026-11-24 06:58:00.000Z"`) {
			t.Errorf("%s as %s: %d %s, want the curfew check-in's phone time", c.url, c.actor, status, body)
		}
	}

	// Someone else sending the same id: refused by PocketBase, nothing shown.
	a2 := w.People[tk.ResidentA2].ID
	other := fmt.Sprintf(`{"id":%q,"house":%q,"user":%q,"kind":"curfew"}`, curfewID, house, a2)
	if status, body := r.send(tk.ResidentA2, http.MethodPost, "/api/collections/checkins/records", other); status != http.StatusBadRequest ||
		strings.Contains(body, a1) || strings.Contains(body, "06:58") {
		t.Errorf("another resident reusing the id: %d %s, want 400 telling nothing", status, body)
	}

	// The daily check-in sent by two tabs at once.
	const dailyID = "outboxdaily0001"
	daily := fmt.Sprintf(`{"id":%q,"house":%q,"user":%q,"kind":"daily","mood":2,"craving":3,"note":"x"}`, dailyID, house, a1)
	var wg sync.WaitGroup
	results := make([]string, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/checkins/records", daily)
			results[i] = fmt.Sprintf("%d %s", status, idOf(body))
		}()
	}
	wg.Wait()
	for i, got := range results {
		if got != "200 "+dailyID {
			t.Errorf("concurrent send %d answered %q, want 200 %s", i+1, got, dailyID)
		}
	}
	if n := count("daily"); n != 2 { // the world's earlier one, and this one
		t.Errorf("%d daily check-ins, want 2", n)
	}

	// A new daily check-in with a fresh id the same day is still a second one.
	again := fmt.Sprintf(`{"id":"outboxdaily0002","house":%q,"user":%q,"kind":"daily","mood":4,"craving":0}`, house, a1)
	if status, body := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/checkins/records", again); status != http.StatusBadRequest ||
		!strings.Contains(body, "validation_already_checked_in") {
		t.Errorf("a second daily check-in: %d %s, want 400 already checked in", status, body)
	}
}

// A check-in made on an earlier day or night and sent late does not take
// today's place: it is refused in words (the outbox shows them), and
// today's can still be made.
func TestCheckinFromAnEarlierDayIsRefused(t *testing.T) {
	r := newRaceServer(t, utc("2026-11-24T20:00:00Z")) // Tuesday noon in Los Angeles
	w := r.w
	a1 := w.People[tk.ResidentA1].ID
	for _, c := range []struct{ kind, phoneTime string }{
		{"daily", "2026-11-24 07:30:00.000Z"},  // Monday 23:30: Monday's day
		{"curfew", "2026-11-24 06:58:00.000Z"}, // Monday 22:58: Monday's night, which ended at noon
	} {
		body := fmt.Sprintf(`{"house":%q,"user":%q,"kind":%q,"mood":3,"craving":0,"phone_time":%q}`, w.HouseA, a1, c.kind, c.phoneTime)
		status, answer := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/checkins/records", body)
		if status != http.StatusBadRequest || !strings.Contains(answer, "validation_made_earlier_day") {
			t.Errorf("a %s check-in from an earlier day: %d %s, want 400 made_earlier_day", c.kind, status, answer)
		}
	}
	today := fmt.Sprintf(`{"house":%q,"user":%q,"kind":"daily","mood":3,"craving":0,"phone_time":"2026-11-24 19:50:00.000Z"}`, w.HouseA, a1)
	if status, answer := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/checkins/records", today); status != http.StatusOK {
		t.Errorf("today's check-in, sent ten minutes late: %d %s, want 200", status, answer)
	}
}

// A phone time ahead of the house's clock, or more than a day old, is not
// believed: the check-in is kept, without it.
func TestPhoneTimeOutOfRangeIsDropped(t *testing.T) {
	for _, c := range []struct{ name, phoneTime string }{
		{"an hour ahead of the house", "2026-11-24 08:30:00.000Z"},
		{"two days old", "2026-11-22 07:30:00.000Z"},
	} {
		r := newRaceServer(t, utc("2026-11-24T07:30:00Z"))
		w := r.w
		body := fmt.Sprintf(`{"house":%q,"user":%q,"kind":"curfew","phone_time":%q}`, w.HouseA, w.People[tk.ResidentA1].ID, c.phoneTime)
		status, answer := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/checkins/records", body)
		if status != http.StatusOK || !strings.Contains(answer, `"phone_time":""`) {
			t.Errorf("%s: %d %s, want 200 with no phone time", c.name, status, answer)
		}
	}
}

// TestOutboxFirstSendReadsNoRecord: a write the web app's outbox sends
// for the first time (with the id the phone made) runs no look-up of that
// id: only a write that was refused is looked for as a repeat, and
// answered with the earlier record. A check-in and a meeting, each sent
// twice.
func TestOutboxFirstSendReadsNoRecord(t *testing.T) {
	r := newRaceServer(t, utc("2026-11-24T20:00:00Z")) // Tuesday noon in Los Angeles
	w := r.w
	house, a1 := w.HouseA, w.People[tk.ResidentA1].ID
	log := &queryLog{}
	log.attach(r.app)
	for _, c := range []struct{ collection, id, body string }{
		{"checkins", "outboxfirst0001", `"kind":"daily","mood":4,"craving":0`},
		{"meetings", "outboxfirst0002", `"date":"2026-11-24 12:00:00.000Z","program":"na","name":"Noon"`},
	} {
		body := fmt.Sprintf(`{"id":%q,"house":%q,"user":%q,%s}`, c.id, house, a1, c.body)
		lookup := "FROM `" + c.collection + "` WHERE `" + c.collection + "`.`id`="
		for send := 1; send <= 2; send++ {
			log.mu.Lock()
			log.sql = nil
			log.mu.Unlock()
			status, got := r.send(tk.ResidentA1, http.MethodPost, "/api/collections/"+c.collection+"/records", body)
			if status != http.StatusOK || !strings.Contains(got, `"id":"`+c.id+`"`) {
				t.Errorf("%s, send %d: %d %s, want 200 with the record", c.collection, send, status, got)
			}
			looked := 0
			log.mu.Lock()
			for _, q := range log.sql {
				if strings.Contains(q, lookup) {
					looked++
				}
			}
			log.mu.Unlock()
			if want := send - 1; looked != want { // the repeat is looked for once
				t.Errorf("%s, send %d: the id was looked up %d times, want %d", c.collection, send, looked, want)
			}
		}
	}
}
