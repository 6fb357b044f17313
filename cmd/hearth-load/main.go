// Command hearth-load is Hearth's load test. It seeds houses with a year
// of history straight into a fresh data directory, serves it with the real
// hearth binary on loopback, drives a resident mix (home screen, check-in,
// the board's first page, reactions, chores, the manager's board) and bare
// PocketBase record create, view and list in the same binary, at each
// concurrency, and prints throughput and p50/p95/p99 per action, with each
// Hearth action's p95 as a ratio to the baseline's.
//
//	go build -o .work/hearth . && go run ./cmd/hearth-load -bin .work/hearth \
//		-houses 50 -residents 20 -days 365 -concurrency 10,50 -duration 20s
//
// With -realtime M it measures realtime instead of the mix: M clients of
// each house subscribed to the board, need-support posts written in the
// first house with only it connected and then with every house (create
// p95, delivery to the house, messages to other houses, server RSS per
// client; realtime.go, BENCHMARKS.md "Realtime by house").
//
//	go run ./cmd/hearth-load -bin .work/hearth -houses 50 -days 7 -realtime 20 -realtime-posts 60
//
// It exits 1 when an action fails more than 1% of its requests, or, with
// -check-targets, when a latency target is missed. See README.md, "Load test".
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // house timezones on a machine without zoneinfo
)

func main() {
	cfg, timeout, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "hearth-load:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	rep, err := run(ctx, cfg)
	if rep != nil {
		rep.Print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "hearth-load:", err)
		os.Exit(1)
	}
	if len(rep.Failures()) > 0 {
		os.Exit(1)
	}
}

func parseFlags(args []string) (Config, time.Duration, error) {
	fs := flag.NewFlagSet("hearth-load", flag.ContinueOnError)
	cfg := Config{Progress: os.Stderr}
	var conc string
	var timeout time.Duration
	fs.StringVar(&cfg.Bin, "bin", "", "the hearth binary to test (required; not under "+os.TempDir()+")")
	fs.StringVar(&cfg.Dir, "dir", "", "a fresh working directory (default .work/load-<time>)")
	fs.StringVar(&cfg.Litestream, "litestream", "", "a litestream binary: replicate data.db to a file replica during the load (make litestream builds one)")
	fs.BoolVar(&cfg.Keep, "keep", false, "keep the working directory (data and server log) after the run")
	fs.IntVar(&cfg.Houses, "houses", 1, "houses to seed")
	fs.IntVar(&cfg.Residents, "residents", 20, "current residents per house (each house also has a manager and alumni)")
	fs.IntVar(&cfg.Days, "days", 365, "days of history")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed of the data and of the workers")
	fs.BoolVar(&cfg.Analyze, "analyze", false, "run ANALYZE after seeding (PocketBase's nightly PRAGMA optimize may or may not have)")
	fs.StringVar(&conc, "concurrency", "10,50", "comma-separated numbers of concurrent workers, one level after the other")
	fs.DurationVar(&cfg.Duration, "duration", 20*time.Second, "length of each measured phase (Hearth mix, then baseline) per level")
	fs.DurationVar(&cfg.Warmup, "warmup", 2*time.Second, "unmeasured warm-up before each level (0: none)")
	fs.Int64Var(&cfg.MaxRequests, "max-requests", 0, "at most this many timed requests in the whole run (0: bounded by time only)")
	fs.Int64Var(&cfg.Solo, "solo", 50, "requests of each action made alone, one at a time, for its unqueued latency and server CPU (0: skip)")
	fs.StringVar(&cfg.Mix, "mix", defaultMix, "weights of the Hearth actions")
	fs.IntVar(&cfg.Realtime, "realtime", 0, "measure realtime instead of the mix: this many clients per house subscribed to the board (0: the mix)")
	fs.IntVar(&cfg.RealtimePosts, "realtime-posts", 20, "need-support posts written in the first house per realtime phase")
	fs.StringVar(&cfg.BaselineMix, "baseline-mix", baselineMix, "weights of the baseline's actions (base_create=1 with -mix checkin=1,post=1 compares writes with writes)")
	fs.BoolVar(&cfg.CheckTargets, "check-targets", false, "exit 1 when a latency target is missed")
	fs.DurationVar(&timeout, "timeout", 30*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return cfg, 0, err
	}
	if fs.NArg() > 0 {
		return cfg, 0, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	for part := range strings.SplitSeq(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			return cfg, 0, fmt.Errorf("-concurrency: %q is not a number", part)
		}
		cfg.Concurrency = append(cfg.Concurrency, n)
	}
	if cfg.Dir == "" {
		cfg.Dir = filepath.Join(".work", "load-"+time.Now().Format("20060102-150405"))
	}
	return cfg, timeout, nil
}
