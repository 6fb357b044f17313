package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// driver holds what the workers share: the server, the seeded people and
// the state that makes actions repeatable (whose check-ins exist, which
// reactions exist, which assignments are done).
type driver struct {
	c        *client
	su       string // the superuser's token, for the untimed helper requests
	houses   []*House
	pool     chan *Assignment
	baseline []string // ids of baseline records to view

	reactMu   sync.Mutex
	reactions map[ReactionKey]string
	reacting  map[ReactionKey]bool

	// serverCPU is the server's CPU time so far (nil: unknown).
	serverCPU func() time.Duration

	// helpers counts the untimed requests made so that actions can
	// repeat: check-ins deleted, chores reopened, look-ups.
	helpers atomic.Int64
}

func newDriver(c *client, su string, seed *SeedResult) *driver {
	d := &driver{
		c: c, su: su, houses: seed.Houses, baseline: seed.BaselineIDs,
		pool:      make(chan *Assignment, len(seed.Pool)),
		reactions: map[ReactionKey]string{},
		reacting:  map[ReactionKey]bool{},
	}
	for _, a := range seed.Pool {
		d.pool <- a
	}
	for _, h := range seed.Houses {
		for k, id := range h.Reactions {
			d.reactions[k] = id
		}
	}
	return d
}

// action is one thing a worker does; run makes exactly one timed request
// (and possibly untimed helper requests before it).
type action struct {
	name   string
	weight int
	run    func(w *worker, ctx context.Context) result
}

// worker is one closed-loop client: it does an action, waits for the
// answer, and does the next.
type worker struct {
	d   *driver
	rng *rand.Rand
	rec *recorder
}

// house is a random house.
func (w *worker) house() *House { return w.d.houses[w.rng.IntN(len(w.d.houses))] }

// resident is a random current resident of a random house.
func (w *worker) resident() *Person {
	h := w.house()
	return h.Residents[w.rng.IntN(len(h.Residents))]
}

// PhaseResult is one phase's figures.
type PhaseResult struct {
	Name        string // "hearth" or "baseline"
	Concurrency int
	Elapsed     time.Duration
	Requests    int // timed requests, all outcomes
	Helpers     int64
	Actions     []ActionStats
	// LoadBefore and LoadAfter are the machine's 1-minute load average
	// when the phase began and ended: other work on the machine shows.
	LoadBefore, LoadAfter string
	// ServerCPU is the CPU time the server used during the phase (helper
	// requests included): unlike latency, it does not grow when other
	// work on the machine takes the CPU.
	ServerCPU time.Duration
}

// CPUPerRequest is the server's CPU time per timed request.
func (p PhaseResult) CPUPerRequest() time.Duration {
	if p.Requests == 0 {
		return 0
	}
	return p.ServerCPU / time.Duration(p.Requests)
}

// Cores is how many CPU cores the server kept busy on average.
func (p PhaseResult) Cores() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return p.ServerCPU.Seconds() / p.Elapsed.Seconds()
}

// PerSec is the phase's throughput over all actions.
func (p PhaseResult) PerSec() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Requests) / p.Elapsed.Seconds()
}

// Action is the named action's figures, or a zero value.
func (p PhaseResult) Action(name string) ActionStats {
	for _, a := range p.Actions {
		if a.Name == name {
			return a
		}
	}
	return ActionStats{Name: name}
}

// phase runs the mix with conc workers until the duration has passed or
// the budget of requests is spent, whichever is first. The last requests
// in flight finish; the phase's time runs until they have.
func (d *driver) phase(ctx context.Context, name string, mix []action, conc int, dur time.Duration, budget int64, seed uint64) PhaseResult {
	total := 0
	for _, a := range mix {
		total += a.weight
	}
	var spent atomic.Int64
	helpers, load, cpu := d.helpers.Load(), loadAverage(), d.cpu()
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	recs := make([]*recorder, conc)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range conc {
		w := &worker{d: d, rng: rand.New(rand.NewPCG(seed, uint64(i))), rec: newRecorder()}
		recs[i] = w.rec
		wg.Go(func() {
			for ctx.Err() == nil && (budget <= 0 || spent.Add(1) <= budget) {
				n := w.rng.IntN(total)
				for _, a := range mix {
					if n -= a.weight; n < 0 {
						// The request itself runs to its end even when the
						// phase's time is up, so no answer is cut short.
						w.rec.add(a.name, a.run(w, context.WithoutCancel(ctx)))
						break
					}
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	all := newRecorder()
	for _, r := range recs {
		all.merge(r)
	}
	var order []string
	for _, a := range mix {
		order = append(order, a.name)
	}
	res := PhaseResult{Name: name, Concurrency: conc, Elapsed: elapsed, Helpers: d.helpers.Load() - helpers,
		Actions: all.stats(order, elapsed), LoadBefore: load, LoadAfter: loadAverage(), ServerCPU: d.cpu() - cpu}
	for _, a := range res.Actions {
		res.Requests += a.Count + a.Errors + a.Refused
	}
	return res
}

func (d *driver) cpu() time.Duration {
	if d.serverCPU == nil {
		return 0
	}
	return d.serverCPU()
}

// solo runs each action alone, one request at a time, n times: its
// latency without queueing and the server's CPU time per request.
func (d *driver) solo(ctx context.Context, actions []action, n int64, seed uint64) []PhaseResult {
	var out []PhaseResult
	for i, a := range actions {
		a.weight = 1
		out = append(out, d.phase(ctx, a.name, []action{a}, 1, time.Minute, n, seed+uint64(i)))
	}
	return out
}

// loadAverage is the 1-minute load average, "?" where /proc has none.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

// timed turns a response into a result: ok when its status is one of
// want, refused when refusal says so, else an error.
func timed(r response, refusal func(response) bool, want ...int) result {
	if r.err != nil {
		return result{elapsed: r.elapsed, outcome: failed, detail: r.err.Error()}
	}
	for _, s := range want {
		if r.status == s {
			return result{elapsed: r.elapsed, outcome: ok}
		}
	}
	detail := strconv.Itoa(r.status) + " " + clip(strings.TrimSpace(string(r.body)), 200)
	if refusal != nil && refusal(r) {
		return result{elapsed: r.elapsed, outcome: refused, detail: detail}
	}
	return result{elapsed: r.elapsed, outcome: failed, detail: detail}
}

// signIn signs every seeded person in with their password, a few at a
// time, and keeps their tokens.
func (d *driver) signIn(ctx context.Context) error {
	var people []*Person
	for _, h := range d.houses {
		people = append(people, h.Manager)
		people = append(people, h.Residents...)
	}
	jobs := make(chan *Person)
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for p := range jobs {
				var auth struct {
					Token string `json:"token"`
				}
				err := d.c.json(ctx, http.MethodPost, "/api/collections/users/auth-with-password", "",
					map[string]string{"identity": p.Email, "password": Password}, &auth)
				if err != nil {
					select {
					case errs <- fmt.Errorf("signing in %s: %w", p.Email, err):
					default:
					}
					continue
				}
				p.Token = auth.Token
			}
		})
	}
	for _, p := range people {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// parseMix reads "home=30,board=30,..." into weights by action name.
func parseMix(s string, known []string) (map[string]int, error) {
	out := map[string]int{}
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, weight, found := strings.Cut(part, "=")
		n, err := strconv.Atoi(weight)
		if !found || err != nil || n < 0 {
			return nil, fmt.Errorf("mix: %q is not name=weight", part)
		}
		if !contains(known, name) {
			return nil, fmt.Errorf("mix: unknown action %q (known: %s)", name, strings.Join(known, ", "))
		}
		out[name] = n
	}
	return out, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// weighted keeps the actions the mix gives a weight, in their order.
func weighted(actions []action, mix map[string]int) []action {
	var out []action
	for _, a := range actions {
		if w := mix[a.name]; w > 0 {
			a.weight = w
			out = append(out, a)
		}
	}
	return out
}

// mixString writes the mix back as name=weight, by weight.
func mixString(actions []action) string {
	as := append([]action(nil), actions...)
	sort.SliceStable(as, func(i, j int) bool { return as[i].weight > as[j].weight })
	var parts []string
	for _, a := range as {
		parts = append(parts, fmt.Sprintf("%s=%d", a.name, a.weight))
	}
	return strings.Join(parts, ",")
}
