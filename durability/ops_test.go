package durability_test

import (
	"archive/zip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hearthRun runs a command of the binary for at most limit and returns its
// combined output and error (a *exec.ExitError when it exited non-zero, a
// deadline error when it was still running and had to be killed). It
// answers "y" to a question (migrate down asks).
func hearthRun(t testing.TB, limit time.Duration, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	cmd.Env = append(os.Environ(), "BROWSER=true")
	cmd.Stdin = strings.NewReader("y\n")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return string(out), ctx.Err()
	}
	return string(out), err
}

// refused checks that a command exited with status 1 (not a timeout: a
// second server that kept serving would be one) and said want.
func refused(t testing.TB, want *regexp.Regexp, args ...string) {
	t.Helper()
	out, err := hearthRun(t, 20*time.Second, args...)
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Errorf("hearth %s: want a refusal (exit status 1), got %v\n%s", strings.Join(args, " "), err, out)
		return
	}
	if !want.MatchString(out) {
		t.Errorf("hearth %s refused with %q, want it to match %q", strings.Join(args, " "), out, want)
	}
}

// TestOneProcessPerDataDir: while `hearth serve` runs on a data directory,
// a second `serve` on it refuses to start, naming the process that holds
// the directory, and so do the commands that write (demo, house create,
// migrate, superuser); reading (house list) still works. Once the server
// has stopped the same commands run.
func TestOneProcessPerDataDir(t *testing.T) {
	dir := filepath.Join(testDir(t), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, dir)
	pid := strconv.Itoa(srv.cmd.Process.Pid)
	holds := regexp.MustCompile(`another Hearth \(process ` + pid + `, ` + "`hearth serve`" + `\) is using the data directory ` + regexp.QuoteMeta(dir))

	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	refused(t, holds, "serve", "--http", "127.0.0.1:"+strconv.Itoa(port), "--dir", dir)
	refused(t, holds, "demo", "--dir", dir)
	refused(t, holds, "house", "create", "--name", "Second House", "--timezone", "America/Chicago",
		"--manager-email", "second@example.org", "--manager-name", "Second Manager", "--dir", dir)
	refused(t, holds, "migrate", "up", "--dir", dir)
	refused(t, holds, "migrate", "down", "1", "--dir", dir)
	refused(t, holds, "superuser", "upsert", "other@example.org", "other-password-1234", "--dir", dir)
	if out, err := hearthRun(t, 20*time.Second, "house", "list", "--dir", dir); err != nil {
		t.Errorf("house list while serving: %v\n%s", err, out)
	}
	if !srv.running() {
		t.Fatal("the first server stopped")
	}
	if err := srv.waitHealthy(5 * time.Second); err != nil {
		t.Fatal(err)
	}

	srv.stop()
	if out, err := hearthRun(t, 60*time.Second, "demo", "--dir", dir); err != nil {
		t.Errorf("demo after the server stopped: %v\n%s", err, out)
	}
	srv.start() // the lock is free again
}

// TestDataDirMustExist: every command but serve refuses a --dir that does
// not exist, and leaves it absent; serve creates it on its first start and
// says so.
func TestDataDirMustExist(t *testing.T) {
	base := testDir(t)
	typo := filepath.Join(base, "pb_dta")
	missing := regexp.MustCompile(`the data directory ` + regexp.QuoteMeta(typo) + ` does not exist`)
	for _, args := range [][]string{
		{"house", "list"},
		{"house", "create", "--name", "Typo House", "--timezone", "America/Chicago",
			"--manager-email", "typo@example.org", "--manager-name", "Typo Manager"},
		{"demo"},
		{"migrate", "up"},
		{"superuser", "upsert", "typo@example.org", "typo-password-1234"},
	} {
		refused(t, missing, append(args, "--dir", typo)...)
		if _, err := os.Stat(typo); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("hearth %s made the data directory (%v)", strings.Join(args, " "), err)
		}
	}

	fresh := filepath.Join(base, "fresh")
	log, err := openLog(fresh)
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, bin: binPath, dir: fresh, log: log}
	t.Cleanup(func() {
		if s.running() {
			s.stop()
		}
		log.Close()
	})
	s.start()
	if !strings.Contains(readFile(t, log.Name()), "created a new, empty data directory at "+fresh) {
		t.Errorf("serve's first start does not say it created %s:\n%s", fresh, tail(log.Name(), 20))
	}
	s.stop()
	s.start()
	if n := strings.Count(readFile(t, log.Name()), "created a new, empty data directory"); n != 1 {
		t.Errorf("the log says %d times that the data directory was created, want once", n)
	}
}

// TestVersion: --version and the help name Hearth and its version, and the
// start-up line carries the same version.
func TestVersion(t *testing.T) {
	out, err := hearthRun(t, 20*time.Second, "--version")
	if err != nil {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	version := regexp.MustCompile(`^hearth version (\S+ \(commit [0-9a-f]+(, modified)?\)|\S+ \(commit unknown\))\n$`)
	m := version.FindStringSubmatch(out)
	if m == nil || strings.Contains(out, "untracked") {
		t.Fatalf("--version = %q, want it to match %q", out, version)
	}
	help, err := hearthRun(t, 20*time.Second, "--help")
	if err != nil {
		t.Fatalf("--help: %v\n%s", err, help)
	}
	if !strings.Contains(help, "\n  hearth [command]") || strings.Contains(help, " CLI") {
		t.Errorf("--help does not call the binary hearth:\n%s", help)
	}
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	if log := readFile(t, srv.log.Name()); !strings.Contains(log, "Hearth "+m[1]+" serving the data directory "+dir) {
		t.Errorf("the start-up line does not carry the version %q:\n%s", m[1], tail(srv.log.Name(), 20))
	}
}

// tableCount is the number of tables in data.db.
func tableCount(t testing.TB, dir string) int {
	t.Helper()
	db, err := openRO(filepath.Join(dir, "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOlderBinaryRefusesNewerData: a data directory that a newer Hearth
// migrated (here: a migration this binary does not carry, recorded in
// _migrations) is refused by serve and by every other command, migrate down
// included, with words that say what to do; nothing is changed.
func TestOlderBinaryRefusesNewerData(t *testing.T) {
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	srv.stop()
	db, err := sql.Open("sqlite", filepath.Join(dir, "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO _migrations (file, applied) VALUES ('1799999999_from_the_future.go', 1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tables := tableCount(t, dir)

	newer := regexp.MustCompile(`this data was written by a newer Hearth \(.*1799999999_from_the_future\.go\); install that version or newer`)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	refused(t, newer, "serve", "--http", "127.0.0.1:"+strconv.Itoa(port), "--dir", dir)
	refused(t, newer, "migrate", "down", "1", "--dir", dir)
	refused(t, newer, "house", "list", "--dir", dir)
	if got := tableCount(t, dir); got != tables {
		t.Errorf("data.db has %d tables after the refusals, %d before", got, tables)
	}
}

// TestUpgradeBacksUpFirst: a binary that finds migrations to apply on an
// existing data directory backs it up first and says so; the backup holds
// the data as it was before (without the new migration), for a rollback.
func TestUpgradeBacksUpFirst(t *testing.T) {
	dir := filepath.Join(testDir(t), "data")
	srv := newServer(t, dir)
	srv.stop()
	// The data as an older release left it: its newest migration undone.
	out, err := hearthRun(t, 60*time.Second, "migrate", "down", "1", "--dir", dir)
	if err != nil {
		t.Fatalf("migrate down 1: %v\n%s", err, out)
	}
	before, err := filepath.Glob(filepath.Join(dir, "backups", "*.zip"))
	if err != nil || len(before) != 0 {
		t.Fatalf("backups before the upgrade: %v %v", before, err)
	}

	srv.start()
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-upgrade-*.zip"))
	if len(backups) != 1 {
		t.Fatalf("want one pre-upgrade backup, got %v", backups)
	}
	name := filepath.Base(backups[0])
	if log := readFile(t, srv.log.Name()); !strings.Contains(log, "backed up first to backups/"+name) {
		t.Errorf("the log does not name the backup %s:\n%s", name, tail(srv.log.Name(), 20))
	}
	// The backup is the data before the upgrade: one migration fewer.
	restored := filepath.Join(filepath.Dir(dir), "restored")
	if err := unzip(backups[0], restored); err != nil {
		t.Fatal(err)
	}
	count := func(dir string) int {
		db, err := openRO(filepath.Join(dir, "data.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM _migrations").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got, now := count(restored), count(dir); got != now-1 {
		t.Errorf("the backup has %d migrations applied, the upgraded data %d: want one fewer", got, now)
	}
	// Started again, nothing is pending: no second backup.
	srv.stop()
	srv.start()
	if again, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-upgrade-*.zip")); len(again) != 1 {
		t.Errorf("a start with nothing to migrate made another backup: %v", again)
	}

	// The rollback: with Hearth stopped, restore the pre-upgrade backup.
	refused(t, regexp.MustCompile(`another Hearth \(process \d+, `+"`hearth serve`"+`\)`), "restore", name, "--dir", dir)
	upgraded := count(dir)
	srv.stop()
	out, err = hearthRun(t, 60*time.Second, "restore", name, "--dir", dir)
	if err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Restored "+name) || !strings.Contains(out, "saved as backups/before-restore-") {
		t.Errorf("restore said:\n%s", out)
	}
	if got := count(dir); got != upgraded-1 {
		t.Errorf("after the rollback %d migrations are applied, want %d", got, upgraded-1)
	}
	checkIntegrity(t, dir)
}

// unzip extracts a zip archive into dir.
func unzip(path, dir string) error {
	r, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer r.Close()
	for _, f := range r.File {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("zip entry %q escapes", f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
