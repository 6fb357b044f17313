package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestLoadSmoke runs the whole tool briefly against the real binary: one
// house of five with a week of history, two workers, two seconds per
// phase. Every action must run, with under 1% of errors.
//
// HEARTH_LOAD_BIN names a prebuilt binary; otherwise the test builds one
// under the repository's .work/ (not under the temporary directory, where
// PocketBase takes a binary for `go run`).
func TestLoadSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and serves the real binary")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(root, ".work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp(work, "load-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log("data and server log kept in", dir)
			return
		}
		os.RemoveAll(dir)
	})

	bin := os.Getenv("HEARTH_LOAD_BIN")
	if bin == "" {
		bin = filepath.Join(dir, "hearth")
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Dir = root
		build.Env = append(os.Environ(), "GOTOOLCHAIN=auto")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var progress bytes.Buffer
	rep, err := run(ctx, Config{
		Bin: bin, Dir: filepath.Join(dir, "run"), Keep: true,
		Houses: 1, Residents: 5, Days: 7, Seed: 1,
		Concurrency: []int{2}, Duration: 2 * time.Second, Solo: 5,
		Mix: defaultMix, Progress: &progress,
	})
	if err != nil {
		t.Fatalf("run: %v\n%s", err, progress.String())
	}
	var out bytes.Buffer
	rep.Print(&out)
	t.Log("\n" + out.String())

	if rep.People != 6 || rep.Rows["checkins"] == 0 || rep.Rows[baselineCollection] != rep.Rows["checkins"] {
		t.Errorf("seeded %d people, %d check-ins, %d baseline rows; want 6, some, as many as check-ins",
			rep.People, rep.Rows["checkins"], rep.Rows[baselineCollection])
	}
	if len(rep.Solo) != 10 {
		t.Errorf("%d actions ran alone, want 10", len(rep.Solo))
	}
	if len(rep.Levels) != 1 {
		t.Fatalf("%d levels ran, want 1", len(rep.Levels))
	}
	lv := rep.Levels[0]
	for _, want := range [][]string{
		{"hearth", actHome, actBoard, actCheckin, actReact, actChoreDone, actStatus, actPost},
		{"baseline", actBaseList, actBaseView, actBaseCreate},
	} {
		phase := lv.Hearth
		if want[0] == "baseline" {
			phase = lv.Baseline
		}
		for _, name := range want[1:] {
			a := phase.Action(name)
			if a.Count == 0 {
				t.Errorf("%s: %s never succeeded (%d errors: %v)", want[0], name, a.Errors, a.ErrorSamples)
			}
			if a.ErrorRate() >= maxErrorRate {
				t.Errorf("%s: %s failed %d of %d: %v", want[0], name, a.Errors, a.Count+a.Errors, a.ErrorSamples)
			}
		}
	}
	if f := rep.Failures(); len(f) > 0 {
		t.Errorf("failures: %v", f)
	}
}

// TestPercentile checks the nearest-rank percentiles.
func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.50, 50 * time.Millisecond}, {0.95, 95 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}} {
		if got := percentile(lat, c.p); got != c.want {
			t.Errorf("p%.0f = %s, want %s", 100*c.p, got, c.want)
		}
	}
	if got := percentile(lat[:1], 0.99); got != time.Millisecond {
		t.Errorf("p99 of one = %s", got)
	}
}

// TestParseMix checks the -mix syntax.
func TestParseMix(t *testing.T) {
	known := []string{actHome, actBoard}
	got, err := parseMix("home=3, board=1", known)
	if err != nil || got[actHome] != 3 || got[actBoard] != 1 {
		t.Errorf("parseMix = %v, %v", got, err)
	}
	for _, bad := range []string{"home", "home=x", "home=-1", "tea=1"} {
		if _, err := parseMix(bad, known); err == nil {
			t.Errorf("parseMix(%q) accepted", bad)
		}
	}
}
