package durability_test

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// healthStatus is the status of GET /api/health (0 when it does not answer).
func healthStatus(base string) int {
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(base + "/api/health")
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// waitHealth polls GET /api/health until it answers want.
func waitHealth(t testing.TB, base string, want int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	got := 0
	for time.Now().Before(deadline) {
		if got = healthStatus(base); got == want {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("GET /api/health answered %d for %s, want %d", got, limit, want)
}

// corruptPage overwrites the start of the root page of a table in a
// database file: SQLite's quick_check reports the page, a query reading it
// fails.
func corruptPage(t testing.TB, path, table string) {
	t.Helper()
	db, err := openRO(path)
	if err != nil {
		t.Fatal(err)
	}
	var pageSize, root int64
	err = db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	if err == nil {
		err = db.QueryRow("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&root)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	garbage := []byte(strings.Repeat("\xff\x00", 32))
	if _, err := f.WriteAt(garbage, (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
}

// TestHealthDetails: GET /api/hearth/health gives superusers the version,
// the database's check, the free space, the scheduler's last sweep and the
// backups' last and next times; nobody else.
func TestHealthDetails(t *testing.T) {
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	su := superuser(t, srv)
	guest := &client{base: srv.base, http: newHTTP()}
	if err := guest.do(context.Background(), "GET", "/api/hearth/health", nil, nil); status(err) != http.StatusUnauthorized {
		t.Errorf("a guest's GET /api/hearth/health: %v, want 401", err)
	}
	su.must(t, "POST", "/api/backups", map[string]string{"name": "now.zip"}, nil)
	var d struct {
		Version       string  `json:"version"`
		Database      string  `json:"database"`
		DiskFreeBytes float64 `json:"disk_free_bytes"`
		Scheduler     struct {
			LastSweep *time.Time `json:"last_sweep"`
		} `json:"scheduler"`
		Backups struct {
			Last *time.Time `json:"last"`
			Next *time.Time `json:"next"`
		} `json:"backups"`
	}
	su.must(t, "GET", "/api/hearth/health", nil, &d)
	out, _ := hearthRun(t, 20*time.Second, "--version")
	if want := strings.TrimSpace(strings.TrimPrefix(out, "hearth version ")); d.Version != want {
		t.Errorf("version %q, want %q as --version says", d.Version, want)
	}
	if d.Database != "ok" {
		t.Errorf("database %q, want ok", d.Database)
	}
	if d.DiskFreeBytes <= 0 {
		t.Errorf("disk_free_bytes %v", d.DiskFreeBytes)
	}
	now := time.Now()
	if d.Scheduler.LastSweep == nil || now.Sub(*d.Scheduler.LastSweep) > time.Minute+healthLimit {
		t.Errorf("scheduler.last_sweep %v: want the start-up sweep", d.Scheduler.LastSweep)
	}
	if d.Backups.Last == nil || now.Sub(*d.Backups.Last) > time.Minute {
		t.Errorf("backups.last %v: want the backup just made", d.Backups.Last)
	}
	// The migration's default: every night at 10:00 UTC.
	if n := d.Backups.Next; n == nil || n.UTC().Hour() != 10 || n.Minute() != 0 || !n.After(now) || n.Sub(now) > 24*time.Hour {
		t.Errorf("backups.next %v: want the next 10:00 UTC", d.Backups.Next)
	}
}

// TestCorruptDatabase: a damaged page turns GET /api/health to 503 within
// the check's cache time; the damaged database is refused at start-up with
// the newest backup and the command that restores it; hearth doctor says
// the same; the restore brings Hearth back. A damaged header (not a
// database at all) is refused with the same advice.
func TestCorruptDatabase(t *testing.T) {
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	su := superuser(t, srv)
	su.must(t, "POST", "/api/collections/houses/records", map[string]any{"name": "Birch House", "timezone": "America/Chicago"}, nil)
	// An HTTPS address, so that the doctor finds nothing to say about delivery.
	su.must(t, "PATCH", "/api/settings", map[string]any{"meta": map[string]any{"appURL": "https://birch.example.org"}}, nil)
	su.must(t, "POST", "/api/backups", map[string]string{"name": "sound.zip"}, nil)
	// A restart leaves the pages in data.db itself, not in the WAL.
	srv.stop()
	srv.start()
	if got := healthStatus(srv.base); got != http.StatusOK {
		t.Fatalf("health %d before the damage", got)
	}

	corruptPage(t, filepath.Join(dir, "data.db"), "houses")
	waitHealth(t, srv.base, http.StatusServiceUnavailable, 30*time.Second)
	srv.stop()

	advice := regexp.MustCompile(`(?s)The newest backup is sound\.zip .*hearth restore sound\.zip --dir ` + regexp.QuoteMeta(dir))
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	serve := []string{"serve", "--http", "127.0.0.1:" + strconv.Itoa(port), "--dir", dir}
	refused(t, regexp.MustCompile(`(?s)the database .*data\.db (is damaged \(SQLite's quick_check: .+\)|cannot be read \(.*malformed.*\))\. `+advice.String()), serve...)

	out, err := hearthRun(t, 60*time.Second, "doctor", "--dir", dir)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !regexp.MustCompile(`PROBLEM  database  data\.db (is damaged|cannot be read)`).MatchString(out) || !advice.MatchString(out) {
		t.Errorf("doctor on a damaged database (%v):\n%s", err, out)
	}

	out, err = hearthRun(t, 60*time.Second, "restore", "sound.zip", "--dir", dir)
	if err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	srv.start()
	if n := count(t, superuser(t, srv), "houses", `name = "Birch House"`); n != 1 {
		t.Errorf("%d Birch House after the restore, want 1", n)
	}
	srv.stop()
	checkIntegrity(t, dir)
	out, err = hearthRun(t, 60*time.Second, "doctor", "--dir", dir)
	if err != nil || !strings.Contains(out, "ok       database  data.db passes SQLite's integrity_check") ||
		!regexp.MustCompile(`ok       backups   2; the newest is sound\.zip .*it opens`).MatchString(out) {
		t.Errorf("doctor after the restore (%v):\n%s", err, out)
	}

	// The header: "file is not a database".
	f, err := os.OpenFile(filepath.Join(dir, "data.db"), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("this is not SQLite"), 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// The newest backup to restore is still sound.zip: the copy of the
	// damaged data that the restore saved is not offered.
	unreadable := regexp.MustCompile(`(?s)the database .*data\.db cannot be read \(.*not a database.*\)\. ` + advice.String())
	refused(t, unreadable, serve...)
	refused(t, unreadable, "house", "list", "--dir", dir)
}

// TestDiskFull: on a small tmpfs filled up, a write that finds no room
// answers 507 with plain words and is logged to standard error, GET
// /api/health answers 503, and once space is freed writes work again and
// every acknowledged write is there.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("the full-disk test mounts a tmpfs: CI runs as root")
		}
		t.Skip("mounting a tmpfs needs root")
	}
	mnt := filepath.Join(testDir(t), "small")
	if err := os.MkdirAll(mnt, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Fatalf("mount a tmpfs: %v\n%s", err, out)
	}
	dir := mnt // the server's log is next to it, off the full disk
	srv := newServer(t, dir)
	t.Cleanup(func() {
		if srv.running() {
			srv.stop()
		}
		if out, err := exec.Command("umount", "--lazy", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount: %v\n%s", err, out)
		}
	})
	su := superuser(t, srv)
	openTheGates(t, su)

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	acked := map[string]bool{}
	write := func() error {
		id := newID(rng)
		rules := make([]byte, 48<<10)
		for i := range rules {
			rules[i] = 'a' + byte(rng.IntN(26))
		}
		err := su.do(context.Background(), "POST", "/api/collections/houses/records", map[string]any{
			"id": id, "name": "House " + id, "timezone": "America/Chicago", "rules": "<p>" + string(rules) + "</p>",
		}, nil)
		if err == nil {
			acked[id] = true
		}
		return err
	}
	for range 5 {
		if err := write(); err != nil {
			t.Fatal(err)
		}
	}

	filler := filepath.Join(mnt, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()

	var refusedWrites int
	for i := 0; i < 300 && refusedWrites < 3; i++ {
		err := write()
		if err == nil {
			continue
		}
		refusedWrites++
		var ae *apiError
		if !errors.As(err, &ae) || ae.Status != http.StatusInsufficientStorage || !strings.Contains(ae.Body, "disk") || !strings.Contains(ae.Body, "full") {
			t.Fatalf("a write on a full disk: %v; want 507 saying the disk is full", err)
		}
	}
	if refusedWrites == 0 {
		t.Fatal("300 writes of 48 KB on a full tmpfs all succeeded")
	}
	if got := healthStatus(srv.base); got != http.StatusServiceUnavailable {
		t.Errorf("GET /api/health on a full disk: %d, want 503", got)
	}
	if log := readFile(t, srv.log.Name()); !strings.Contains(log, "POST /api/collections/houses/records refused: the disk is full") {
		t.Errorf("the refusal is not on standard error:\n%s", tail(srv.log.Name(), 20))
	}
	t.Logf("%d writes acknowledged, %d refused with 507", len(acked), refusedWrites)

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitHealth(t, srv.base, http.StatusOK, 30*time.Second)
	if err := write(); err != nil {
		t.Fatalf("a write once space is freed: %v", err)
	}
	srv.stop()
	srv.start()
	have, err := ids(dir, "houses")
	if err != nil {
		t.Fatal(err)
	}
	for id := range acked {
		if !have[id] {
			t.Errorf("acknowledged house %s is missing", id)
		}
	}
	checkIntegrity(t, dir)
}
