package main

import (
	"math"
	"slices"
	"sort"
	"time"
)

// outcome is how a timed request ended.
type outcome int

const (
	ok      outcome = iota
	refused         // an expected refusal (a second check-in, a chore that changed): counted apart
	failed          // anything else: an error
)

// result is one timed request of an action.
type result struct {
	elapsed time.Duration
	outcome outcome
	detail  string // for a refusal or an error: the status and the start of the body
}

// recorder collects one worker's results, by action; the workers'
// recorders are merged when the phase ends, so recording takes no lock.
type recorder struct {
	actions map[string]*tally
}

// tally is one action's results.
type tally struct {
	latencies []time.Duration // of successful requests
	refused   int
	errors    int
	samples   []string // the first few errors, to show
}

func newRecorder() *recorder { return &recorder{actions: map[string]*tally{}} }

func (r *recorder) add(action string, res result) {
	t := r.actions[action]
	if t == nil {
		t = &tally{}
		r.actions[action] = t
	}
	switch res.outcome {
	case ok:
		t.latencies = append(t.latencies, res.elapsed)
	case refused:
		t.refused++
	default:
		t.errors++
		if len(t.samples) < 3 {
			t.samples = append(t.samples, res.detail)
		}
	}
}

func (r *recorder) merge(o *recorder) {
	for name, ot := range o.actions {
		t := r.actions[name]
		if t == nil {
			t = &tally{}
			r.actions[name] = t
		}
		t.latencies = append(t.latencies, ot.latencies...)
		t.refused += ot.refused
		t.errors += ot.errors
		for _, s := range ot.samples {
			if len(t.samples) < 3 {
				t.samples = append(t.samples, s)
			}
		}
	}
}

// ActionStats are one action's figures in one phase.
type ActionStats struct {
	Name    string
	Count   int // successful requests
	Errors  int
	Refused int
	PerSec  float64
	P50     time.Duration
	P95     time.Duration
	P99     time.Duration
	Max     time.Duration
	// ErrorSamples are the first errors seen, for a look.
	ErrorSamples []string
}

// ErrorRate is the share of the action's requests that failed, refusals
// left out.
func (a ActionStats) ErrorRate() float64 {
	n := a.Count + a.Errors
	if n == 0 {
		return 0
	}
	return float64(a.Errors) / float64(n)
}

// stats turns the tallies into figures, actions in the order given.
func (r *recorder) stats(order []string, elapsed time.Duration) []ActionStats {
	var out []ActionStats
	for _, name := range order {
		t := r.actions[name]
		if t == nil {
			out = append(out, ActionStats{Name: name})
			continue
		}
		lat := slices.Clone(t.latencies)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		a := ActionStats{Name: name, Count: len(lat), Errors: t.errors, Refused: t.refused, ErrorSamples: t.samples}
		if elapsed > 0 {
			a.PerSec = float64(len(lat)) / elapsed.Seconds()
		}
		if len(lat) > 0 {
			a.P50, a.P95, a.P99 = percentile(lat, 0.50), percentile(lat, 0.95), percentile(lat, 0.99)
			a.Max = lat[len(lat)-1]
		}
		out = append(out, a)
	}
	return out
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// ms is a duration in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
