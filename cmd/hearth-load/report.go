package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Target is a latency goal: the action's p95 at the concurrency.
type Target struct {
	Action      string
	Concurrency int
	P95         time.Duration
}

// targets are issue 7's goals on a 2-core machine, for 1 house of 20 and
// for 50 houses of 20, each with a year of history.
var targets = []Target{
	{actHome, 10, 50 * time.Millisecond},
	{actBoard, 10, 50 * time.Millisecond},
	{actCheckin, 10, 50 * time.Millisecond},
	{actHome, 50, 250 * time.Millisecond},
	{actBoard, 50, 250 * time.Millisecond},
}

// TargetResult is a target and what the run measured; a target whose
// concurrency level or action did not run is left out.
type TargetResult struct {
	Target
	Got time.Duration
	Met bool
}

func evaluateTargets(levels []Level) []TargetResult {
	var out []TargetResult
	for _, t := range targets {
		for _, lv := range levels {
			a := lv.Hearth.Action(t.Action)
			if lv.Concurrency != t.Concurrency || a.Count == 0 {
				continue
			}
			out = append(out, TargetResult{Target: t, Got: a.P95, Met: a.P95 <= t.P95})
		}
	}
	return out
}

// maxErrorRate is the share of failed requests above which an action
// fails the run.
const maxErrorRate = 0.01

// Failures says what makes the run fail: an action with more than 1% of
// errors (refusals apart), an action of the mix that never ran, and, when
// targets are checked, a missed target.
func (r *Report) Failures() []string {
	var out []string
	for _, p := range r.Solo {
		for _, a := range p.Actions {
			if a.ErrorRate() > maxErrorRate {
				out = append(out, fmt.Sprintf("alone: %s failed %d of %d requests; first: %s",
					a.Name, a.Errors, a.Count+a.Errors, strings.Join(a.ErrorSamples, " | ")))
			}
		}
	}
	for _, lv := range r.Levels {
		for _, p := range []PhaseResult{lv.Hearth, lv.Baseline} {
			for _, a := range p.Actions {
				switch {
				case a.Count+a.Errors == 0:
					out = append(out, fmt.Sprintf("concurrency %d, %s: %s never ran", lv.Concurrency, p.Name, a.Name))
				case a.ErrorRate() > maxErrorRate:
					out = append(out, fmt.Sprintf("concurrency %d, %s: %s failed %d of %d requests (%.1f%%); first: %s",
						lv.Concurrency, p.Name, a.Name, a.Errors, a.Count+a.Errors, 100*a.ErrorRate(), strings.Join(a.ErrorSamples, " | ")))
				}
			}
		}
	}
	if rt := r.Realtime; rt != nil {
		for _, p := range []RealtimePhase{rt.Alone, rt.All} {
			if p.Missing > 0 || p.OtherHouse > 0 {
				out = append(out, fmt.Sprintf("realtime with %d clients: %d deliveries missing, %d to other houses", p.Clients, p.Missing, p.OtherHouse))
			}
		}
	}
	if r.Config.CheckTargets {
		for _, t := range r.Targets {
			if !t.Met {
				out = append(out, fmt.Sprintf("target missed: %s p95 %.1f ms > %.0f ms at concurrency %d",
					t.Action, ms(t.Got), ms(t.P95), t.Concurrency))
			}
		}
	}
	return out
}

// Print writes the report as tables.
func (r *Report) Print(w io.Writer) {
	cfg := r.Config
	fmt.Fprintf(w, "Hearth load test: %d houses × %d residents (+1 manager each), %d days of history, seed %d\n",
		cfg.Houses, cfg.Residents, cfg.Days, cfg.Seed)
	fmt.Fprintf(w, "binary %s; mix %s; baseline %s\n", cfg.Bin, r.Mix, cfg.BaselineMix)
	fmt.Fprintf(w, "rate limiter: OFF for the run (PATCH /api/settings rateLimits.enabled=false); production keeps it on\n")
	fmt.Fprintf(w, "seeded in %s (direct SQLite), data.db %s; %d people signed in (%s); chore pool %d open assignments",
		r.SeedTime.Round(time.Millisecond), mb(r.DBBytes), r.People, r.SignIn.Round(time.Millisecond), r.Pool)
	if r.AheadDays > 0 {
		fmt.Fprintf(w, " (%d days ahead seeded)", r.AheadDays)
	}
	fmt.Fprintln(w)
	var rows []string
	total := 0
	for _, name := range slices.Sorted(maps.Keys(r.Rows)) {
		rows = append(rows, fmt.Sprintf("%s %d", name, r.Rows[name]))
		total += r.Rows[name]
	}
	fmt.Fprintf(w, "rows (%d): %s\n", total, strings.Join(rows, ", "))

	if len(r.Solo) > 0 {
		fmt.Fprintf(w, "\neach action alone, one request at a time (server CPU per request does not grow with other work on the machine):\n")
		fmt.Fprintf(w, "%-12s %7s %6s %8s %8s %8s  %s\n", "action", "count", "errors", "p50 ms", "p95 ms", "CPU ms", "CPU vs baseline")
		cpuOf := map[string]time.Duration{}
		for _, p := range r.Solo {
			cpuOf[p.Name] = p.CPUPerRequest()
		}
		for _, p := range r.Solo {
			a := p.Action(p.Name)
			ratio := ""
			if b, ok := baselineOf[p.Name]; ok && cpuOf[b] > 0 {
				ratio = fmt.Sprintf("%.1f× %s", float64(cpuOf[p.Name])/float64(cpuOf[b]), b)
			}
			if p.Helpers > 0 {
				ratio += fmt.Sprintf(" (CPU includes %d helper requests)", p.Helpers)
			}
			fmt.Fprintf(w, "%-12s %7d %6d %8.1f %8.1f %8.2f  %s\n", a.Name, a.Count, a.Errors, ms(a.P50), ms(a.P95), ms(p.CPUPerRequest()), strings.TrimSpace(ratio))
		}
	}

	for _, lv := range r.Levels {
		fmt.Fprintln(w)
		for _, p := range []PhaseResult{lv.Hearth, lv.Baseline} {
			fmt.Fprintf(w, "concurrency %d, %s: %d requests in %s, %.1f req/s; server CPU %.2f ms/request, %.2f cores busy; load average %s → %s",
				lv.Concurrency, p.Name, p.Requests, p.Elapsed.Round(time.Millisecond), p.PerSec(), ms(p.CPUPerRequest()), p.Cores(), p.LoadBefore, p.LoadAfter)
			if p.Helpers > 0 {
				fmt.Fprintf(w, " (+%d untimed helper requests)", p.Helpers)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%-12s %7s %6s %7s %8s %8s %8s %8s %8s  %s\n",
			"action", "count", "errors", "refused", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "p95 vs baseline")
		for _, p := range []PhaseResult{lv.Hearth, lv.Baseline} {
			for _, a := range p.Actions {
				ratio := ""
				if b, ok := baselineOf[a.Name]; ok {
					if ba := lv.Baseline.Action(b); ba.P95 > 0 && a.Count > 0 {
						ratio = fmt.Sprintf("%.1f× %s", float64(a.P95)/float64(ba.P95), b)
					}
				}
				fmt.Fprintf(w, "%-12s %7d %6d %7d %8.1f %8.1f %8.1f %8.1f %8.1f  %s\n",
					a.Name, a.Count, a.Errors, a.Refused, a.PerSec, ms(a.P50), ms(a.P95), ms(a.P99), ms(a.Max), ratio)
			}
		}
	}

	if r.Realtime != nil {
		r.Realtime.print(w)
	}

	if len(r.Targets) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "target\tconcurrency\tp95\tgoal\t")
		for _, t := range r.Targets {
			verdict := "met"
			if !t.Met {
				verdict = "MISSED"
			}
			fmt.Fprintf(tw, "%s\t%d\t%.1f ms\t≤ %.0f ms\t%s\n", t.Action, t.Concurrency, ms(t.Got), ms(t.P95), verdict)
		}
		tw.Flush()
	}
	if f := r.Failures(); len(f) > 0 {
		fmt.Fprintln(w)
		for _, line := range f {
			fmt.Fprintln(w, "FAIL:", line)
		}
	}
}
