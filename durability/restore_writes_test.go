package durability_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// restoreWrite is one write of TestRestoreUnderWrites, as its writer saw it.
type restoreWrite struct {
	id         string
	sent, done time.Time
	status     int // 0: no answer (the server was restarting)
	retryAfter string
}

// TestRestoreUnderWrites: writers create records as fast as the server
// answers while a backup is restored through the API. Every write sent
// after the restore's 204 is either refused with 503 and Retry-After, or
// acknowledged by the restarted server and still there at the end: nothing
// is acknowledged and then lost. (Before the gate, PocketBase acknowledged
// writes for a second after its 204 into the data it then replaced.)
func TestRestoreUnderWrites(t *testing.T) {
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	su := superuser(t, srv)
	openTheGates(t, su)
	su.must(t, "POST", "/api/collections/houses/records", map[string]any{"id": "beforebackup001", "name": "Before the backup", "timezone": "America/Chicago"}, nil)
	su.must(t, "POST", "/api/backups", map[string]string{"name": "point.zip"}, nil)
	su.must(t, "POST", "/api/collections/houses/records", map[string]any{"id": "afterbackup0001", "name": "After the backup", "timezone": "America/Chicago"}, nil)

	var (
		mu     sync.Mutex
		writes []restoreWrite
		stop   = make(chan struct{})
		wg     sync.WaitGroup
	)
	httpc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	writer := func(seed uint64) {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(seed, 3))
		for {
			select {
			case <-stop:
				return
			default:
			}
			w := restoreWrite{id: newID(rng), sent: time.Now()}
			body, _ := json.Marshal(map[string]any{"id": w.id, "name": "House " + w.id, "timezone": "America/Chicago"})
			req, _ := http.NewRequestWithContext(context.Background(), "POST", srv.base+"/api/collections/houses/records", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", su.token)
			resp, err := httpc.Do(req)
			if err == nil {
				_, rerr := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if rerr == nil {
					w.status, w.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
				}
			}
			w.done = time.Now()
			mu.Lock()
			writes = append(writes, w)
			mu.Unlock()
			if w.status == 0 {
				time.Sleep(10 * time.Millisecond) // restarting: no listener
			}
		}
	}
	for i := range 6 {
		wg.Add(1)
		go writer(uint64(time.Now().UnixNano()) + uint64(i))
	}

	time.Sleep(500 * time.Millisecond)
	if err := su.do(context.Background(), "POST", "/api/backups/point.zip/restore", nil, nil); err != nil {
		close(stop)
		wg.Wait()
		t.Fatal(err)
	}
	acked204 := time.Now()
	// Restored: the house made after the backup is gone.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := su.do(context.Background(), "GET", "/api/collections/houses/records/afterbackup0001", nil, nil)
		if status(err) == http.StatusNotFound {
			break
		}
		if time.Now().After(deadline) {
			close(stop)
			wg.Wait()
			t.Fatalf("the backup was not restored within 2 minutes; log:\n%s", tail(srv.log.Name(), 30))
		}
		time.Sleep(20 * time.Millisecond)
	}
	restored := time.Now()
	// The restarted process holds the data directory again.
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	refused(t, regexp.MustCompile(`another Hearth \(process `+strconv.Itoa(srv.cmd.Process.Pid)+`, `),
		"serve", "--http", "127.0.0.1:"+strconv.Itoa(port), "--dir", dir)
	time.Sleep(time.Second) // writes on the restored data
	close(stop)
	wg.Wait()

	// The restore is in the restored logs, and on standard error.
	if !strings.Contains(readFile(t, srv.log.Name()), "restarted on the backup point.zip") {
		t.Errorf("standard error does not say the server restarted on point.zip:\n%s", tail(srv.log.Name(), 20))
	}
	logged := 0
	for deadline := time.Now().Add(15 * time.Second); logged == 0 && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		var res struct {
			TotalItems int `json:"totalItems"`
		}
		su.must(t, "GET", "/api/logs?perPage=1&filter="+url.QueryEscape(`message = "backup restored" && data.backup = "point.zip"`), nil, &res)
		logged = res.TotalItems
	}
	if logged != 1 {
		t.Errorf("the restored logs hold %d entries of the restore, want 1", logged)
	}

	srv.stop()
	have, err := ids(dir, "houses")
	if err != nil {
		t.Fatal(err)
	}
	if !have["beforebackup001"] || have["afterbackup0001"] {
		t.Fatalf("the data is not the backup's: before %v, after %v", have["beforebackup001"], have["afterbackup0001"])
	}
	var before, refused, noAnswer, ackedAfter, lost int
	for _, w := range writes {
		switch {
		case w.sent.Before(acked204):
			before++
		case w.status == http.StatusServiceUnavailable:
			refused++
			if w.retryAfter == "" {
				t.Errorf("a 503 during the restore without Retry-After (sent %s after the 204)", w.sent.Sub(acked204))
			}
		case w.status == 0:
			noAnswer++
		case w.status/100 == 2:
			ackedAfter++
			if !have[w.id] {
				lost++
				if lost <= 10 {
					t.Errorf("write %s sent %s after the restore's 204 was acknowledged (%d) and is lost",
						w.id, w.sent.Sub(acked204).Round(time.Millisecond), w.status)
				}
			}
		default:
			t.Errorf("write %s sent after the 204 answered %d", w.id, w.status)
		}
	}
	t.Logf("%d writes: %d sent before the 204; after it %d refused with 503, %d unanswered (restarting), %d acknowledged (%d lost); restored %s after the 204",
		len(writes), before, refused, noAnswer, ackedAfter, lost, restored.Sub(acked204).Round(time.Millisecond))
	if refused == 0 {
		t.Error("no write was refused during the restore: the test proved nothing")
	}
	if ackedAfter-lost == 0 {
		t.Error("no write was acknowledged by the restored server")
	}
}
