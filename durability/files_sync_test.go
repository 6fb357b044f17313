package durability_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUploadedPhotosAreSynced watches the real binary under strace while a
// resident posts a photo: after PocketBase renames the upload into
// storage/, Hearth (hooks/files_sync.go) flushes the file and its folders
// to the disk before the post is acknowledged, so a power cut cannot take
// an acknowledged photo. A kill cannot show this (the kernel keeps the
// page cache); the system calls can.
func TestUploadedPhotosAreSynced(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("strace not found; .ci/run installs it (apt-get install strace)")
		}
		t.Skip("strace not found; install it to watch the file syncs")
	}
	dir := filepath.Join(testDir(t), "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hearth(t, "demo", "--dir", dir)
	hearth(t, "superuser", "upsert", adminEmail, adminPassword, "--dir", dir)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	trace := dir + ".strace"
	cmd := exec.Command(strace, "-f", "-qq", "-e", "trace=openat,renameat,rename,fsync,fdatasync", "-o", trace,
		binPath, "serve", "--http", base[len("http://"):], "--dir", dir)
	cmd.Env = append(os.Environ(), "BROWSER=true")
	log, err := openLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	})
	s := &server{t: t, base: base, cmd: cmd, exited: exited, log: log}
	if err := s.waitHealthy(healthLimit); err != nil {
		t.Fatal(err)
	}

	alex := signIn(t, base, "users", "alex@maple.example", "maple-house-demo")
	su := superuser(t, s)
	var me struct {
		Record struct {
			ID string `json:"id"`
		} `json:"record"`
	}
	alex.must(t, "POST", "/api/collections/users/auth-refresh", nil, &me)
	var houses struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	su.must(t, "GET", "/api/collections/houses/records?filter="+strings.ReplaceAll("name='Maple House'", " ", "%20"), nil, &houses)
	if len(houses.Items) != 1 {
		t.Fatalf("no Maple House: %+v", houses)
	}
	var post struct {
		ID     string   `json:"id"`
		Images []string `json:"images"`
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = alex.multipart(ctx, "POST", "/api/collections/posts/records",
		map[string]string{"house": houses.Items[0].ID, "author": me.Record.ID, "kind": "share", "body": "The garden today"},
		[]upload{{field: "images", name: "garden.png", data: photo(rng, 64)}}, &post)
	if err != nil || len(post.Images) != 1 {
		t.Fatalf("posting a photo: %v (%+v)", err, post)
	}

	// strace writes as the calls happen; give it the acknowledged post's
	// calls, then read them in order.
	final := "/" + post.ID + "/" + post.Images[0]
	var calls []string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		raw, _ := os.ReadFile(trace)
		calls = joinResumed(strings.Split(string(raw), "\n"))
		if synced(calls, final) {
			return
		}
	}
	var seen []string
	for _, c := range calls {
		if strings.Contains(c, post.ID) {
			seen = append(seen, c)
		}
	}
	t.Errorf("the photo %s was not flushed after its rename; its calls:\n%s", final, strings.Join(seen, "\n"))
}

var (
	unfinished = regexp.MustCompile(`^(\d+)\s+(.*?)\s*<unfinished \.\.\.>$`)
	resumed    = regexp.MustCompile(`^(\d+)\s+<\.\.\. \w+ resumed>\s?(.*)$`)
	openedFD   = regexp.MustCompile(`^(\d+)\s+openat\(AT_FDCWD, "([^"]+)", [^)]*\)\s+= (\d+)`)
	fsyncFD    = regexp.MustCompile(`^(\d+)\s+f(?:data)?sync\((\d+)\)\s+= 0`)
)

// synced reports whether, after the upload was renamed to its final path,
// the server opened that file and its record's folder and flushed both.
// Threads share one table of file descriptors, and a goroutine may change
// threads between its open and its fsync, so a descriptor is followed by
// its number alone: an fsync counts for the path last opened under it.
func synced(calls []string, final string) bool {
	renamed := -1
	for i, c := range calls {
		if strings.Contains(c, "rename") && strings.Contains(c, final+`"`) && strings.HasSuffix(strings.TrimSpace(c), "= 0") {
			renamed = i
			break
		}
	}
	if renamed < 0 {
		return false
	}
	folder := filepath.Dir(final)
	open := map[string]string{} // fd -> path
	var file, dir bool
	for _, c := range calls[renamed+1:] {
		if m := openedFD.FindStringSubmatch(c); m != nil {
			open[m[3]] = m[2]
			continue
		}
		if m := fsyncFD.FindStringSubmatch(c); m != nil {
			switch path := open[m[2]]; {
			case strings.HasSuffix(path, final):
				file = true
			case strings.HasSuffix(path, folder):
				dir = true
			}
		}
	}
	return file && dir
}

// joinResumed puts back together the calls strace splits when another
// thread's call comes in between: "12 fsync(22 <unfinished ...>" and,
// later, "12 <... fsync resumed>) = 0" become "12 fsync(22) = 0", in the
// place of the second half (where the call returned).
func joinResumed(lines []string) []string {
	pending := map[string]string{} // thread -> the call's first half
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if m := unfinished.FindStringSubmatch(l); m != nil {
			pending[m[1]] = m[2]
			continue
		}
		if m := resumed.FindStringSubmatch(l); m != nil {
			if head, ok := pending[m[1]]; ok {
				delete(pending, m[1])
				out = append(out, m[1]+" "+head+m[2])
				continue
			}
		}
		out = append(out, l)
	}
	return out
}
