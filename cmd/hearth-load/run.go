package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Config is one load run.
type Config struct {
	// Bin is the hearth binary under test. It must not live under the
	// system's temporary directory, where PocketBase takes it for `go run`.
	Bin string
	// Dir is the run's working directory: fresh (absent or empty). The data
	// directory is Dir/pb_data, the server's log Dir/serve.log.
	Dir string
	// Keep keeps Dir after the run; otherwise it is removed.
	Keep bool

	// Litestream, when set, is a litestream binary: it replicates data.db
	// to a file replica in Dir while the load runs, and Hearth runs with
	// HEARTH_LITESTREAM=1 (the write cost of replication).
	Litestream string

	Houses, Residents, Days int
	Seed                    uint64
	// Analyze runs ANALYZE on the seeded database.
	Analyze bool

	// Concurrency lists the numbers of closed-loop workers, one level
	// after the other: for each, a warm-up, the Hearth mix and the
	// baseline, each for Duration.
	Concurrency []int
	Duration    time.Duration
	Warmup      time.Duration
	// MaxRequests bounds the timed requests of the whole run, warm-ups
	// included (0: no bound but time). Sign-ins and helper requests are
	// not counted.
	MaxRequests int64
	// Mix weighs the Hearth actions ("home=30,board=30,...").
	Mix string
	// BaselineMix weighs the baseline's actions (empty: baselineMix).
	BaselineMix string

	// Solo is how many requests of each action are made one at a time,
	// before the levels, to measure latency and server CPU per request
	// without queueing (0: none).
	Solo int64

	// Realtime, when above 0, measures realtime instead of the mix: that
	// many clients of each house connected and subscribed to the board,
	// RealtimePosts need-support posts written in the first house with
	// only it connected, then with every house (realtime.go).
	Realtime, RealtimePosts int

	// CheckTargets makes a missed target a failure of the run.
	CheckTargets bool
	// Progress receives a line per step (nil: nowhere).
	Progress io.Writer
}

// Level is one concurrency level's phases.
type Level struct {
	Concurrency int
	Hearth      PhaseResult
	Baseline    PhaseResult
}

// Report is a run's figures.
type Report struct {
	Config    Config
	Mix       string
	SeedTime  time.Duration
	Rows      map[string]int
	DBBytes   int64 // data.db after seeding
	People    int   // accounts signed in and driven
	Pool      int   // open chore assignments for chore_done
	AheadDays int
	SignIn    time.Duration
	Solo      []PhaseResult
	Levels    []Level
	Targets   []TargetResult
	Realtime  *RealtimeResult
}

// superuserEmail is the account the tool drives the admin API with.
const superuserEmail = "load@hearth.test"

// run does one load run: prepare and seed a data directory, serve it,
// drive every concurrency level, stop the server and report.
func run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	say := func(format string, args ...any) {
		if cfg.Progress != nil {
			fmt.Fprintf(cfg.Progress, "hearth-load: "+format+"\n", args...)
		}
	}
	mixWeights, err := parseMix(cfg.Mix, []string{actHome, actBoard, actCheckin, actReact, actChoreDone, actStatus, actPost})
	if err != nil {
		return nil, err
	}
	if cfg.BaselineMix == "" {
		cfg.BaselineMix = baselineMix
	}
	baseWeights, err := parseMix(cfg.BaselineMix, []string{actBaseList, actBaseView, actBaseCreate})
	if err != nil {
		return nil, err
	}

	bin, err := filepath.Abs(cfg.Bin)
	if err != nil {
		return nil, err
	}
	if err := freshDir(cfg.Dir); err != nil {
		return nil, err
	}
	if !cfg.Keep {
		defer os.RemoveAll(cfg.Dir)
	}
	dataDir, logPath := workDirs(cfg.Dir)
	suPassword := randomHex(12)

	say("migrating %s", dataDir)
	if err := prepareDataDir(ctx, bin, dataDir, superuserEmail, suPassword); err != nil {
		return nil, err
	}
	// The admin API makes the baseline collection and turns the rate
	// limiter off; the server then stops for the seeding.
	srv, err := startServer(ctx, bin, dataDir, logPath)
	if err != nil {
		return nil, err
	}
	err = setupServer(ctx, newClient(srv.url, 4), superuserEmail, suPassword)
	if stopErr := srv.stop(); err == nil {
		err = stopErr
	}
	if err != nil {
		return nil, err
	}

	maxConc := 0
	for _, c := range cfg.Concurrency {
		maxConc = max(maxConc, c)
	}
	say("seeding %d houses × %d residents, %d days of history", cfg.Houses, cfg.Residents, cfg.Days)
	seed, err := Seed(ctx, dataDB(dataDir), SeedConfig{
		Houses: cfg.Houses, Residents: cfg.Residents, Days: cfg.Days, Seed: cfg.Seed,
		Now: time.Now(), OpenPool: max(200, 3*maxConc), Analyze: cfg.Analyze,
	})
	if err != nil {
		return nil, err
	}
	rep := &Report{Config: cfg, SeedTime: seed.Duration, Rows: seed.Rows, DBBytes: dbSize(dataDB(dataDir)),
		Pool: len(seed.Pool), AheadDays: seed.AheadDays}
	say("seeded in %s, data.db %s", seed.Duration.Round(time.Millisecond), mb(rep.DBBytes))

	var env []string
	if cfg.Litestream != "" {
		stopReplication, err := startLitestream(cfg.Litestream, cfg.Dir, dataDir)
		if err != nil {
			return nil, err
		}
		defer stopReplication()
		env = append(env, "HEARTH_LITESTREAM=1")
		say("litestream replicates data.db to %s", filepath.Join(cfg.Dir, "replica"))
	}
	srv, err = startServer(ctx, bin, dataDir, logPath, env...)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	c := newClient(srv.url, maxConc)
	su, err := superuserToken(ctx, c, superuserEmail, suPassword)
	if err != nil {
		return nil, err
	}
	d := newDriver(c, su, seed)
	d.serverCPU = srv.cpu
	started := time.Now()
	if err := d.signIn(ctx); err != nil {
		return nil, err
	}
	rep.SignIn = time.Since(started)
	for _, h := range seed.Houses {
		rep.People += 1 + len(h.Residents)
	}
	say("signed in %d people in %s", rep.People, rep.SignIn.Round(time.Millisecond))

	if cfg.Realtime > 0 {
		say("realtime: %d clients per house, %d posts", cfg.Realtime, cfg.RealtimePosts)
		pid := srv.cmd.Process.Pid
		rep.Realtime, err = d.realtime(ctx, srv.url, cfg.Realtime, cfg.RealtimePosts, func() int64 { return processRSS(pid) })
		if stopErr := srv.stop(); stopErr != nil {
			say("stopping the server: %v", stopErr)
		}
		return rep, err
	}

	hearth := weighted(d.hearthActions(), mixWeights)
	base := weighted(d.baselineActions(), baseWeights)
	if len(hearth) == 0 {
		return nil, errors.New("the mix gives no action a weight")
	}
	rep.Mix = mixString(hearth)
	measured, warmups := 2*len(cfg.Concurrency), 0
	if cfg.Warmup > 0 {
		warmups = len(cfg.Concurrency)
	}
	// A warm-up gets a fifth of a measured phase's share of the budget.
	share := func(weight float64) int64 {
		if cfg.MaxRequests <= 0 {
			return 0
		}
		return max(1, int64(float64(cfg.MaxRequests)*weight/(float64(measured)+0.2*float64(warmups))))
	}
	if cfg.Solo > 0 {
		say("each action alone, %d requests one at a time", cfg.Solo)
		rep.Solo = d.solo(ctx, append(append([]action(nil), hearth...), base...), cfg.Solo, cfg.Seed*1000+999)
	}
	for i, conc := range cfg.Concurrency {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		seedOf := cfg.Seed*1000 + uint64(i)*10
		if cfg.Warmup > 0 {
			say("concurrency %d: warming up for %s", conc, cfg.Warmup)
			d.phase(ctx, "warmup", hearth, conc, cfg.Warmup, share(0.2), seedOf)
		}
		say("concurrency %d: Hearth mix for %s", conc, cfg.Duration)
		lv := Level{Concurrency: conc}
		lv.Hearth = d.phase(ctx, "hearth", hearth, conc, cfg.Duration, share(1), seedOf+1)
		say("concurrency %d: baseline for %s", conc, cfg.Duration)
		lv.Baseline = d.phase(ctx, "baseline", base, conc, cfg.Duration, share(1), seedOf+2)
		rep.Levels = append(rep.Levels, lv)
	}
	if err := srv.stop(); err != nil {
		say("stopping the server: %v", err)
	}
	rep.Targets = evaluateTargets(rep.Levels)
	return rep, ctx.Err()
}

func (cfg Config) check() error {
	switch {
	case cfg.Bin == "":
		return errors.New("-bin is required: the hearth binary to test (make load builds dist/hearth)")
	case cfg.Dir == "":
		return errors.New("-dir is required")
	case cfg.Houses < 1 || cfg.Residents < 1 || cfg.Days < 1:
		return errors.New("-houses, -residents and -days must be at least 1")
	case len(cfg.Concurrency) == 0:
		return errors.New("-concurrency lists no level")
	case cfg.Duration <= 0:
		return errors.New("-duration must be positive")
	}
	for _, c := range cfg.Concurrency {
		if c < 1 {
			return fmt.Errorf("-concurrency %d: must be at least 1", c)
		}
	}
	fi, err := os.Stat(cfg.Bin)
	if err != nil {
		return fmt.Errorf("-bin: %w (make load builds dist/hearth)", err)
	}
	if fi.IsDir() {
		return fmt.Errorf("-bin %s is a directory", cfg.Bin)
	}
	abs, _ := filepath.Abs(cfg.Bin)
	if rel, err := filepath.Rel(os.TempDir(), abs); err == nil && filepath.IsLocal(rel) {
		return fmt.Errorf("-bin %s is under %s, where PocketBase takes a binary for `go run`; build it elsewhere (e.g. .work/)", cfg.Bin, os.TempDir())
	}
	return nil
}

// freshDir makes dir, which must be absent or empty.
func freshDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("-dir %s is not empty: each run needs a fresh directory", dir)
	}
	return os.MkdirAll(dir, 0o755)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
