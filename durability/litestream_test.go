package durability_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// litestreamBin finds the litestream binary: HEARTH_LITESTREAM_BIN, the
// one `make litestream` builds into .work/bin, or PATH. CI builds it
// (.ci/run), so there a missing one fails.
func litestreamBin(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("HEARTH_LITESTREAM_BIN"); p != "" {
		return p
	}
	if p := filepath.Join(repoRoot, ".work", "bin", "litestream"); fileExists(p) {
		return p
	}
	if p, err := exec.LookPath("litestream"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("litestream not found; .ci/run builds it (make litestream)")
	}
	t.Skip("litestream not found: `make litestream` builds the pinned version into .work/bin")
	return ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// litestreamConfig is deploy/litestream.yml with the test's paths: the
// file the operator installs is the one the drill runs.
func litestreamConfig(t testing.TB, dataDir, metaDir, out string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "litestream.yml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(b), "/var/lib/hearth/pb_data", dataDir)
	s = strings.ReplaceAll(s, "/var/lib/hearth/litestream", metaDir)
	if err := os.WriteFile(out, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

// litestreamEnv is the process's environment with /etc/litestream/hearth.env
// for the in-process S3. AWS_CA_BUNDLE is left out: Litestream v0.5.18
// cannot load its AWS configuration when it is set ("unable to add custom
// RootCAs HTTPClient"; docs/OPERATIONS.md says so too).
func litestreamEnv(s3 *s3Server) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_CA_BUNDLE=") {
			env = append(env, kv)
		}
	}
	return append(env, "LITESTREAM_BUCKET="+s3Bucket, "LITESTREAM_ENDPOINT="+s3.URL, "LITESTREAM_REGION=us-east-1",
		"LITESTREAM_ACCESS_KEY_ID=durability", "LITESTREAM_SECRET_ACCESS_KEY=durability-secret")
}

// drillWrite is one write of the drill's load, as its writer saw it.
type drillWrite struct {
	id      string
	sent    time.Time
	took    time.Duration
	acked   bool
	backing bool // sent while a backup ran
}

// TestLitestreamRestoreDrill is the restore drill of docs/OPERATIONS.md:
// Hearth (HEARTH_LITESTREAM=1) serves a house while Litestream, built
// from its module and run with deploy/litestream.yml, replicates data.db
// to S3 (an in-process gofakes3). Writers create records as fast as the
// server answers, and a PocketBase backup runs meanwhile (its TRUNCATE
// checkpoint is the one that fought Litestream). Then Hearth dies
// (SIGKILL), Litestream stops (its shutdown sync), a new data directory
// is rebuilt with `litestream restore`, and Hearth starts on it: every
// acknowledged write is there, the database is sound, Litestream never
// had to start over because another process reset the WAL, and no write
// waited for the backup's checkpoint. Short mode: 30 days of a house and 5
// s of writes; long mode: 365 days and 60 s.
func TestLitestreamRestoreDrill(t *testing.T) {
	ls := litestreamBin(t)
	days, load := 30, 5*time.Second
	if longMode {
		days, load = 365, 60*time.Second
	}
	base := testDir(t)
	dir := filepath.Join(base, "data")
	st, err := seedHouse(dir, days, quietZone(time.Now()), uint64(time.Now().UnixNano()))
	if err != nil {
		t.Fatalf("seeding: %v", err)
	}
	hearth(t, "superuser", "upsert", adminEmail, adminPassword, "--dir", dir)
	srv := serveOn(t, binPath, dir, "HEARTH_LITESTREAM=1")
	if !strings.Contains(readFile(t, srv.log.Name()), "Litestream mode") {
		t.Error("the start-up line does not say Litestream mode")
	}
	su := superuser(t, srv)
	openTheGates(t, su)
	var members struct {
		Items []record `json:"items"`
	}
	su.must(t, "GET", "/api/collections/memberships/records?perPage=50&skipTotal=1&filter="+
		url.QueryEscape(fmt.Sprintf("house = %q", st.house)), nil, &members)
	if len(members.Items) == 0 {
		t.Fatal("the seeded house has no members")
	}

	s3 := newS3Server(t)
	cfg := filepath.Join(base, "litestream.yml")
	litestreamConfig(t, dir, filepath.Join(base, "litestream-meta"), cfg)
	lsLog, err := os.Create(filepath.Join(base, "litestream.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer lsLog.Close()
	rep := exec.Command(ls, "replicate", "-config", cfg)
	rep.Env = litestreamEnv(s3)
	rep.Stdout, rep.Stderr = lsLog, lsLog
	if err := rep.Start(); err != nil {
		t.Fatal(err)
	}
	repDone := make(chan error, 1)
	go func() { repDone <- rep.Wait() }()
	t.Cleanup(func() {
		if rep.ProcessState == nil {
			_ = rep.Process.Kill()
			<-repDone
		}
	})

	// The load: writers create notifications for the house's members (a
	// plain create through the API and its hooks) until the time is up; a
	// backup runs in the middle.
	var (
		mu      sync.Mutex
		writes  []drillWrite
		backing bool
		stop    = make(chan struct{})
		wg      sync.WaitGroup
	)
	httpc := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	writer := func(seed uint64) {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(seed, 5))
		for {
			select {
			case <-stop:
				return
			default:
			}
			w := drillWrite{id: newID(rng), sent: time.Now()}
			mu.Lock()
			w.backing = backing
			mu.Unlock()
			m := members.Items[rng.IntN(len(members.Items))]
			body, _ := json.Marshal(map[string]any{"id": w.id, "user": m["user"], "kind": "event", "title": "Drill " + w.id})
			req, _ := http.NewRequestWithContext(context.Background(), "POST", srv.base+"/api/collections/notifications/records", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", su.token)
			resp, err := httpc.Do(req)
			if err == nil {
				_, rerr := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				w.acked = rerr == nil && resp.StatusCode == http.StatusOK
			}
			w.took = time.Since(w.sent)
			mu.Lock()
			writes = append(writes, w)
			mu.Unlock()
		}
	}
	const writers = 4
	for i := range writers {
		wg.Add(1)
		go writer(uint64(time.Now().UnixNano()) + uint64(i))
	}
	time.Sleep(load / 2)
	mu.Lock()
	backing = true
	mu.Unlock()
	tb := time.Now()
	su.must(t, "POST", "/api/backups", map[string]string{"name": "during-replication.zip"}, nil)
	backupTook := time.Since(tb)
	mu.Lock()
	backing = false
	mu.Unlock()
	time.Sleep(max(0, load/2-time.Since(tb)))
	close(stop)
	wg.Wait()

	// The machine dies mid-house; Litestream's shutdown sends what it has.
	srv.kill()
	tk := time.Now()
	_ = rep.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-repDone:
		if err != nil {
			t.Errorf("litestream replicate exited with %v; log:\n%s", err, tail(lsLog.Name(), 30))
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("litestream did not stop within 60 s; log:\n%s", tail(lsLog.Name(), 30))
	}
	stopTook := time.Since(tk)

	// A new data directory from the replica.
	fresh := filepath.Join(base, "restored")
	if err := os.MkdirAll(fresh, 0o750); err != nil {
		t.Fatal(err)
	}
	tr := time.Now()
	restore := exec.Command(ls, "restore", "-config", cfg, "-o", filepath.Join(fresh, "data.db"), filepath.Join(dir, "data.db"))
	restore.Env = litestreamEnv(s3)
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("litestream restore: %v\n%s", err, out)
	}
	restoreTook := time.Since(tr)
	restoredInfo, err := os.Stat(filepath.Join(fresh, "data.db"))
	if err != nil {
		t.Fatal(err)
	}

	ts := time.Now()
	restored := serveOn(t, binPath, fresh, "HEARTH_LITESTREAM=1")
	startTook := time.Since(ts)
	su2 := superuser(t, restored)
	notes := count(t, su2, "notifications", "")
	restored.stop()
	checkIntegrity(t, fresh)
	have, err := ids(fresh, "notifications")
	if err != nil {
		t.Fatal(err)
	}

	acked, lost, refused := 0, 0, 0
	var slowest, slowestBacking time.Duration
	for _, w := range writes {
		slowest = max(slowest, w.took)
		if w.backing {
			slowestBacking = max(slowestBacking, w.took)
		}
		if w.took > time.Second {
			t.Logf("slow write: sent %s, took %s (the backup started %s)", w.sent.Format("15:04:05.000"), w.took.Round(time.Millisecond), tb.Format("15:04:05.000"))
		}
		if !w.acked {
			refused++
			continue
		}
		acked++
		if !have[w.id] {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged write %s (sent %s) is not in the restored data", w.id, w.sent.Format(time.RFC3339Nano))
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged writes are missing after the restore from the replica", lost, acked)
	}
	if acked == 0 {
		t.Fatal("no write was acknowledged: the drill proved nothing")
	}

	// Litestream kept its place: no snapshot forced by another process's
	// checkpoint (PocketBase's), which HEARTH_LITESTREAM=1 prevents.
	logText := readFile(t, lsLog.Name())
	for _, bad := range []string{"by another process", "checkpoint detected", "level=ERROR"} {
		if strings.Contains(logText, bad) {
			t.Errorf("litestream's log says %q:\n%s", bad, tail(lsLog.Name(), 30))
		}
	}
	// The backup's checkpoint no longer holds the write lock for the
	// busy_timeout (10 s) while Litestream reads.
	if slowestBacking >= 5*time.Second {
		t.Errorf("a write during the backup took %s: the backup's checkpoint waited for Litestream", slowestBacking)
	}

	t.Logf("Litestream drill, %d days of a house then %s of writes by %d writers: %d acknowledged (%.0f/s), %d not, all %d in the restored data (%d notifications); "+
		"a backup meanwhile took %s, the slowest write during it %s (%s in all); litestream's shutdown sync %s, "+
		"litestream restore %s (data.db %s), Hearth's first start on it %s",
		days, load, writers, acked, float64(acked)/load.Seconds(), refused, acked-lost, notes,
		backupTook.Round(time.Millisecond), slowestBacking.Round(time.Millisecond), slowest.Round(time.Millisecond),
		stopTook.Round(time.Millisecond), restoreTook.Round(time.Millisecond), mib(restoredInfo.Size()), startTook.Round(time.Millisecond))
}
