package durability_test

import (
	"context"
	"errors"
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
// deadline error when it was still running and had to be killed).
func hearthRun(t testing.TB, limit time.Duration, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binPath, args...)
	cmd.Env = append(os.Environ(), "BROWSER=true")
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
