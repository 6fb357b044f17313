package domain_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"hearth/domain"
)

func civil(t testing.TB, s string) domain.CivilDay {
	t.Helper()
	d, err := domain.ParseCivilDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCivilDay(t *testing.T) {
	cases := []struct {
		in   string
		want domain.CivilDay
	}{
		{"1970-01-01", 0},
		{"1970-01-02", 1},
		{"1969-12-31", -1},
		{"2026-03-08 00:00:00.000Z", domain.CivilDay(20520)},
	}
	for _, c := range cases {
		got, err := domain.ParseCivilDay(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseCivilDay(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
		if got.String() != c.in[:10] {
			t.Errorf("%d.String() = %q, want %q", got, got.String(), c.in[:10])
		}
	}
	if _, err := domain.ParseCivilDay("2026-02-30"); err == nil {
		t.Error("ParseCivilDay accepted 2026-02-30")
	}
	// 05:30 UTC on the 24th is still the 23rd in Los Angeles.
	la, _ := domain.LoadTimezone("America/Los_Angeles")
	now := time.Date(2026, 11, 24, 5, 30, 0, 0, time.UTC)
	if got := domain.CivilDayOf(now.In(la)).String(); got != "2026-11-23" {
		t.Errorf("CivilDayOf in Los Angeles = %s, want 2026-11-23", got)
	}
	if !(domain.DaySpan{From: 3, To: 5}).Contains(5) || (domain.DaySpan{From: 3, To: 5}).Contains(6) {
		t.Error("DaySpan.Contains is wrong at the edges")
	}
}

// house runs AssignChores day after day, feeding it its own history, as
// the chores job does.
type house struct {
	t       testing.TB
	chores  []domain.RotationChore
	stays   map[string][]domain.DaySpan
	users   []string
	history []domain.RotationRecord
	points  map[string]int
}

func newHouse(t testing.TB, chores []domain.RotationChore, users ...string) *house {
	h := &house{t: t, chores: chores, stays: map[string][]domain.DaySpan{}, points: map[string]int{}}
	for _, c := range chores {
		h.points[c.ID] = c.Points
	}
	h.users = users
	return h
}

// present marks user present on days from through to.
func (h *house) present(user string, from, to domain.CivilDay) {
	if !slices.Contains(h.users, user) {
		h.users = append(h.users, user)
	}
	h.stays[user] = append(h.stays[user], domain.DaySpan{From: from, To: to})
}

func (h *house) residents() []domain.RotationResident {
	var rs []domain.RotationResident
	for _, u := range h.users {
		rs = append(rs, domain.RotationResident{User: u, Present: h.stays[u]})
	}
	return rs
}

// day assigns the given chores on d and records the picks.
func (h *house) day(d domain.CivilDay, due ...string) []domain.ChorePick {
	picks := domain.AssignChores(domain.ChoreRotationInput{
		Day: d, Chores: h.chores, Due: due, Residents: h.residents(), History: h.history,
	})
	for _, p := range picks {
		if p.Assignee != "" {
			h.history = append(h.history, domain.RotationRecord{Chore: p.Chore, Assignee: p.Assignee, Points: h.points[p.Chore], Day: d})
		}
	}
	return picks
}

func (h *house) who(chore string, from, to domain.CivilDay) []string {
	var out []string
	for _, r := range h.history {
		if r.Chore == chore && r.Day >= from && r.Day <= to {
			out = append(out, r.Assignee)
		}
	}
	return out
}

func (h *house) pointsOf(user string, from, to domain.CivilDay) int {
	n := 0
	for _, r := range h.history {
		if r.Assignee == user && r.Day >= from && r.Day <= to {
			n += r.Points
		}
	}
	return n
}

func count(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}

func TestAssignChoresExamples(t *testing.T) {
	d0 := civil(t, "2026-03-02") // a Monday
	forever := d0 + 10000

	t.Run("daily chore among three goes round", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{{ID: "dishes", Points: 1}}, "ana", "ben", "cy")
		for _, u := range h.users {
			h.present(u, d0, forever)
		}
		for d := d0; d < d0+90; d++ {
			h.day(d, "dishes")
		}
		seq := h.who("dishes", d0, d0+89)
		first := seq[:3]
		if count(first, "ana") != 1 || count(first, "ben") != 1 || count(first, "cy") != 1 {
			t.Fatalf("first three days %v, want each once", first)
		}
		for i := 3; i < len(seq); i++ {
			if seq[i] != seq[i-3] {
				t.Fatalf("day %d went to %s, want %s: the order %v should repeat every three days", i, seq[i], seq[i-3], seq[:i+1])
			}
		}
	})

	t.Run("weekly chore", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{{ID: "bathroom", Points: 3}, {ID: "dishes", Points: 1}}, "ana", "ben", "cy")
		for _, u := range h.users {
			h.present(u, d0, forever)
		}
		for d := d0; d < d0+364; d++ {
			due := []string{"dishes"}
			if (d-d0)%7 == 0 {
				due = append(due, "bathroom")
			}
			h.day(d, due...)
		}
		// Fairness is in points: four bathrooms every four weeks among three
		// people means one of them does two, and fewer dishes for it.
		bath := h.who("bathroom", d0, d0+363)
		for _, u := range h.users {
			if n := count(bath, u); n < 13 {
				t.Errorf("%s cleaned the bathroom %d of 52 weeks (%v)", u, n, bath)
			}
		}
		for s := d0; s+27 < d0+364; s++ {
			a, b, c := h.pointsOf("ana", s, s+27), h.pointsOf("ben", s, s+27), h.pointsOf("cy", s, s+27)
			if max(a, b, c)-min(a, b, c) > 3 {
				t.Fatalf("window from %s: ana %d, ben %d, cy %d, more apart than the bathroom's 3", s, a, b, c)
			}
		}
	})

	t.Run("monthly chore", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{{ID: "bathroom", Points: 3}, {ID: "fridge", Points: 5}}, "ana", "ben", "cy")
		for _, u := range h.users {
			h.present(u, d0, forever)
		}
		for d := d0; d < d0+365; d++ {
			var due []string
			if (d-d0)%7 == 0 {
				due = append(due, "bathroom")
			}
			if strings.HasSuffix(d.String(), "-05") {
				due = append(due, "fridge")
			}
			h.day(d, due...)
		}
		fridge := h.who("fridge", d0, d0+364)
		var year []int
		for _, u := range h.users {
			if n := count(fridge, u); n < 3 {
				t.Errorf("%s cleaned the fridge %d times in 12 months (%v)", u, n, fridge)
			}
			year = append(year, h.pointsOf(u, d0, d0+364))
		}
		if slices.Max(year)-slices.Min(year) > 5 {
			t.Errorf("points over the year %v, more apart than the fridge's 5", year)
		}
		worst := 0
		for s := d0; s+27 < d0+365; s++ {
			a, b, c := h.pointsOf("ana", s, s+27), h.pointsOf("ben", s, s+27), h.pointsOf("cy", s, s+27)
			worst = max(worst, max(a, b, c)-min(a, b, c))
		}
		t.Logf("fridge %v; points over the year %v; widest 4-week gap %d", fridge, year, worst)
		if worst > 10 {
			t.Errorf("a 4-week window %d points apart, more than twice the fridge's 5", worst)
		}
	})

	t.Run("explicit rotation", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{
			{ID: "kitchen", Points: 2, Rotation: []string{"ben", "dee", "ben", "ghost"}},
			{ID: "trash", Points: 1},
		}, "ana", "ben", "cy", "dee")
		for _, u := range h.users {
			h.present(u, d0, forever)
		}
		for d := d0; d < d0+28; d++ {
			h.day(d, "kitchen", "trash")
		}
		kitchen := h.who("kitchen", d0, d0+27)
		if count(kitchen, "ben") != 14 || count(kitchen, "dee") != 14 {
			t.Errorf("kitchen went to %v, want ben and dee 14 times each", kitchen)
		}
		// The kitchen is balanced on its own: trash is shared by all four.
		trash := h.who("trash", d0, d0+27)
		for _, u := range h.users {
			if n := count(trash, u); n != 7 {
				t.Errorf("%s took the trash out %d times, want 7", u, n)
			}
		}
	})

	t.Run("away for ten days is skipped and comes back without a pile", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{{ID: "dishes", Points: 1}, {ID: "mop", Points: 3}}, "ana", "ben", "cy")
		h.present("ben", d0, forever)
		h.present("cy", d0, forever)
		h.present("ana", d0, d0+29)
		h.present("ana", d0+40, forever) // away days 30..39
		for d := d0; d < d0+80; d++ {
			due := []string{"dishes"}
			if (d-d0)%7 == 3 {
				due = append(due, "mop")
			}
			h.day(d, due...)
		}
		if n := h.pointsOf("ana", d0+30, d0+39); n != 0 {
			t.Errorf("ana was given %d points while away", n)
		}
		// Back on day 40: over her first two weeks she does her third of
		// the dishes, not the ten she missed.
		back := h.who("dishes", d0+40, d0+53)
		if n := count(back, "ana"); n < 4 || n > 5 {
			t.Errorf("ana did the dishes %d of her first 14 days back (%v), want 4 or 5", n, back)
		}
		for s := d0 + 40; s+27 < d0+80; s++ {
			a, b, c := h.pointsOf("ana", s, s+27), h.pointsOf("ben", s, s+27), h.pointsOf("cy", s, s+27)
			if max(a, b, c)-min(a, b, c) > 3 {
				t.Errorf("window from %s: ana %d, ben %d, cy %d", s, a, b, c)
			}
		}
	})

	t.Run("newcomer mid-month starts level", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{{ID: "dishes", Points: 1}, {ID: "yard", Points: 2}}, "ana", "ben", "cy")
		for _, u := range h.users {
			h.present(u, d0, forever)
		}
		h.present("dee", d0+45, forever)
		for d := d0; d < d0+100; d++ {
			h.day(d, "dishes", "yard")
		}
		// 84 points over four weeks among four people: 21 each.
		first := h.pointsOf("dee", d0+45, d0+72)
		if first < 19 || first > 23 {
			t.Errorf("dee got %d points in her first four weeks, want 21 ± 2", first)
		}
		firstWeek := h.pointsOf("dee", d0+45, d0+51)
		if firstWeek > 7 {
			t.Errorf("dee got %d points in her first week, want at most a week's share (about 5) plus one chore (2)", firstWeek)
		}
	})

	t.Run("nobody in the rotation is present", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{
			{ID: "garden", Points: 2, Rotation: []string{"ben"}},
			{ID: "hall", Points: 1, Rotation: []string{"ghost"}},
			{ID: "dishes", Points: 1},
		}, "ana", "ben")
		h.present("ana", d0, forever)
		h.present("ben", d0, d0+2)
		picks := h.day(d0+5, "garden", "hall", "dishes", "unknown")
		want := []domain.ChorePick{{Chore: "garden"}, {Chore: "hall"}, {Chore: "dishes", Assignee: "ana"}, {Chore: "unknown"}}
		if !slices.Equal(picks, want) {
			t.Errorf("picks = %v, want %v", picks, want)
		}
		if picks := h.day(d0 + 6); len(picks) != 0 {
			t.Errorf("nothing due gave %v", picks)
		}
	})

	t.Run("today's earlier assignments count", func(t *testing.T) {
		h := newHouse(t, []domain.RotationChore{{ID: "a", Points: 3}, {ID: "b", Points: 3}}, "ana", "ben")
		h.present("ana", d0, forever)
		h.present("ben", d0, forever)
		first := h.day(d0, "a")
		second := h.day(d0, "b")
		if first[0].Assignee == second[0].Assignee {
			t.Errorf("both of today's chores went to %s", first[0].Assignee)
		}
	})
}

func TestAssignChoresDeterministic(t *testing.T) {
	sim := simulate(7, 70, true, true)
	in := sim.lastInput
	want := domain.AssignChores(in)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		c := in
		c.Chores = slices.Clone(in.Chores)
		c.Residents = slices.Clone(in.Residents)
		c.History = slices.Clone(in.History)
		rng.Shuffle(len(c.Chores), func(i, j int) { c.Chores[i], c.Chores[j] = c.Chores[j], c.Chores[i] })
		rng.Shuffle(len(c.Residents), func(i, j int) { c.Residents[i], c.Residents[j] = c.Residents[j], c.Residents[i] })
		rng.Shuffle(len(c.History), func(i, j int) { c.History[i], c.History[j] = c.History[j], c.History[i] })
		if got := domain.AssignChores(c); !slices.Equal(got, want) {
			t.Fatalf("shuffled input gave %v, want %v", got, want)
		}
	}
	// Ties between equals are not always won by the same person.
	h := newHouse(t, []domain.RotationChore{{ID: "x", Points: 1}}, "u1", "u2", "u3", "u4")
	d0 := civil(t, "2026-01-01")
	winners := map[string]bool{}
	for d := d0; d < d0+40; d++ {
		for _, u := range h.users {
			h.stays[u] = []domain.DaySpan{{From: d, To: d}}
		}
		winners[h.day(d, "x")[0].Assignee] = true
		h.history = nil
	}
	if len(winners) < 3 {
		t.Errorf("40 days of four-way ties all went to %v", winners)
	}
}

// A simulated house: random residents who move in, go on passes, move out
// and come back, and random chores of every cadence.
type simChore struct {
	domain.RotationChore
	cadence  string
	weekday  time.Weekday
	monthday int
}

func (c simChore) dueOn(d domain.CivilDay) bool {
	t := time.Unix(int64(d)*86400, 0).UTC()
	switch c.cadence {
	case "weekly":
		return t.Weekday() == c.weekday
	case "monthly":
		return t.Day() == c.monthday
	}
	return true
}

type simResult struct {
	seed      uint64
	start     domain.CivilDay
	days      int
	chores    []simChore
	users     []string
	present   map[string][]bool // by day index
	history   []domain.RotationRecord
	lastInput domain.ChoreRotationInput
	problems  []string // invariant breaches seen while running
}

// simulate runs a house for days days. With churn, residents move in, go
// away for 1 to 21 days, move out and come back; without it the first
// residents stay throughout. With monthly, some chores are monthly.
func simulate(seed uint64, days int, churn, monthly bool) *simResult {
	rng := rand.New(rand.NewPCG(seed, 0x43484f5245))
	start := domain.CivilDay(20089 + rng.IntN(365)) // a day of 2025
	sim := &simResult{seed: seed, start: start, days: days, present: map[string][]bool{}}
	type person struct {
		id    string
		stays []domain.DaySpan
		state int // 0 here, 1 away, 2 moved out
		back  domain.CivilDay
	}
	var people []*person
	newPerson := func() {
		id := fmt.Sprintf("u%02d", len(people))
		people = append(people, &person{id: id})
		sim.users = append(sim.users, id)
		sim.present[id] = make([]bool, days)
	}
	n0 := 3 + rng.IntN(13)
	for range n0 {
		newPerson()
	}
	for i := range 3 + rng.IntN(18) {
		c := simChore{RotationChore: domain.RotationChore{ID: fmt.Sprintf("c%02d", i), Points: 1 + rng.IntN(5)}}
		switch r := rng.Float64(); {
		case r < 0.45 || (!monthly && r >= 0.75):
			c.cadence = "daily"
		case r < 0.75:
			c.cadence = "weekly"
			c.weekday = time.Weekday(rng.IntN(7))
		default:
			c.cadence = "monthly"
			c.monthday = 1 + rng.IntN(28)
		}
		if rng.Float64() < 0.3 {
			for range 1 + rng.IntN(5) {
				c.Rotation = append(c.Rotation, fmt.Sprintf("u%02d", rng.IntN(n0)))
			}
		}
		sim.chores = append(sim.chores, c)
	}
	var chores []domain.RotationChore
	points := map[string]int{}
	for _, c := range sim.chores {
		chores = append(chores, c.RotationChore)
		points[c.ID] = c.Points
	}
	for i := range days {
		day := start + domain.CivilDay(i)
		here := 0
		for _, p := range people {
			if p.state == 1 && day >= p.back {
				p.state = 0
			}
			if p.state == 0 {
				here++
			}
		}
		if churn && i > 0 {
			for _, p := range people {
				switch x := rng.Float64(); {
				case p.state == 0 && x < 1.0/40 && here > 2:
					p.state, p.back = 1, day+domain.CivilDay(1+rng.IntN(21))
					here--
				case p.state == 0 && x < 1.0/40+1.0/120 && here > 2:
					p.state = 2
					here--
				case p.state == 2 && x < 1.0/200 && here < 15:
					p.state = 0
					here++
				}
			}
			if rng.Float64() < 1.0/12 && here < 15 {
				newPerson()
			}
		}
		var residents []domain.RotationResident
		for _, p := range people {
			if p.state == 0 {
				if n := len(p.stays); n > 0 && p.stays[n-1].To == day-1 {
					p.stays[n-1].To = day
				} else {
					p.stays = append(p.stays, domain.DaySpan{From: day, To: day})
				}
				sim.present[p.id][i] = true
			}
			if len(p.stays) > 0 {
				residents = append(residents, domain.RotationResident{User: p.id, Present: slices.Clone(p.stays)})
			}
		}
		var due []string
		for _, c := range sim.chores {
			if c.dueOn(day) {
				due = append(due, c.ID)
			}
		}
		in := domain.ChoreRotationInput{Day: day, Chores: chores, Due: due, Residents: residents, History: sim.history}
		sim.lastInput = in
		picks := domain.AssignChores(in)
		for k, p := range picks {
			c := sim.chores[slices.IndexFunc(sim.chores, func(c simChore) bool { return c.ID == due[k] })]
			canTake := func(u string) bool {
				return sim.present[u] != nil && sim.present[u][i] && (len(c.Rotation) == 0 || slices.Contains(c.Rotation, u))
			}
			if p.Chore != due[k] {
				sim.problems = append(sim.problems, fmt.Sprintf("%s: pick %d is for %s, want %s", day, k, p.Chore, due[k]))
			}
			if p.Assignee == "" {
				if slices.ContainsFunc(sim.users, canTake) {
					sim.problems = append(sim.problems, fmt.Sprintf("%s: %s left unassigned though a member of its rotation is present", day, c.ID))
				}
				continue
			}
			if !canTake(p.Assignee) {
				sim.problems = append(sim.problems, fmt.Sprintf("%s: %s went to %s, who is away or not in its rotation %v", day, c.ID, p.Assignee, c.Rotation))
			}
			sim.history = append(sim.history, domain.RotationRecord{Chore: p.Chore, Assignee: p.Assignee, Points: points[p.Chore], Day: day})
		}
	}
	return sim
}

// fairness measures every 28-day window of every rotation group of a
// simulated house.
type fairness struct {
	windows     int     // (group, window) pairs with two or more eligible members
	overP       int     // of which the spread exceeded P
	worstSpread float64 // largest spread among eligible members, in units of P
	worstReturn float64 // largest excess of a newcomer or returner over the busiest eligible member, in units of P
	firstOverP  string
	worst       string
}

func (sim *simResult) fairness() fairness {
	var f fairness
	groups := map[string][]simChore{}
	var keys []string
	for _, c := range sim.chores {
		k := "*"
		if len(c.Rotation) > 0 {
			k = strings.Join(slices.Compact(slices.Sorted(slices.Values(c.Rotation))), ",")
		}
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], c)
	}
	const w = domain.ChoreWindowDays
	for _, k := range keys {
		P := 0
		in := map[string]bool{}
		for _, c := range groups[k] {
			P = max(P, c.Points)
			in[c.ID] = true
		}
		members := sim.users
		if k != "*" {
			members = strings.Split(k, ",")
		}
		// got[u][i]: points of this group's chores due to u on day i.
		got := map[string][]int{}
		for _, u := range members {
			got[u] = make([]int, sim.days)
		}
		for _, r := range sim.history {
			if in[r.Chore] {
				got[r.Assignee][r.Day-sim.start] += r.Points
			}
		}
		for s := 0; s+w <= sim.days; s++ {
			lo, hi, busiest := -1, -1, -1
			var loU, hiU string
			type partial struct {
				user   string
				points int
			}
			var partials []partial
			for _, u := range members {
				sum, whole := 0, true
				for i := s; i < s+w; i++ {
					sum += got[u][i]
					whole = whole && sim.present[u][i]
				}
				switch {
				case whole:
					if lo < 0 || sum < lo {
						lo, loU = sum, u
					}
					if sum > hi {
						hi, hiU = sum, u
					}
					busiest = max(busiest, sum)
				case sim.present[u][s+w-1]:
					partials = append(partials, partial{u, sum})
				}
			}
			where := fmt.Sprintf("seed %d, rotation %q (P=%d), window %s..%s", sim.seed, k, P, sim.start+domain.CivilDay(s), sim.start+domain.CivilDay(s+w-1))
			if lo >= 0 && loU != hiU {
				f.windows++
				spread := float64(hi-lo) / float64(P)
				if hi-lo > P {
					f.overP++
					if f.firstOverP == "" {
						f.firstOverP = fmt.Sprintf("%s: %s got %d, %s got %d", where, loU, lo, hiU, hi)
					}
				}
				if spread > f.worstSpread {
					f.worstSpread = spread
					f.worst = fmt.Sprintf("%s: %s got %d, %s got %d", where, loU, lo, hiU, hi)
				}
			}
			if busiest >= 0 {
				for _, p := range partials {
					if x := float64(p.points-busiest) / float64(P); x > f.worstReturn {
						f.worstReturn = x
						if x > 1 {
							f.worst = fmt.Sprintf("%s: %s, back during the window, got %d; the busiest resident there throughout got %d", where, p.user, p.points, busiest)
						}
					}
				}
			}
		}
	}
	return f
}

// TestChoreRotationSteadyProperty: with nobody moving in, out or away and
// daily and weekly chores, every 28-day window of every rotation meets the
// contract's bound exactly.
func TestChoreRotationSteadyProperty(t *testing.T) {
	windows := 0
	for seed := range uint64(200) {
		sim := simulate(seed, 16*7, false, false)
		for _, p := range sim.problems {
			t.Errorf("seed %d: %s", seed, p)
		}
		f := sim.fairness()
		windows += f.windows
		if f.overP > 0 {
			t.Errorf("%d windows over the bound; first: %s", f.overP, f.firstOverP)
		}
	}
	t.Logf("%d windows of 200 steady houses, all within the bound", windows)
}

// TestChoreRotationProperty: houses with move-ins, move-outs, passes of 1
// to 21 days and monthly chores.
func TestChoreRotationProperty(t *testing.T) {
	var total fairness
	for seed := range uint64(200) {
		sim := simulate(seed, 16*7, true, true)
		for _, p := range sim.problems {
			t.Errorf("seed %d: %s", seed, p)
		}
		f := sim.fairness()
		total.windows += f.windows
		total.overP += f.overP
		if f.worstSpread > 2 {
			t.Errorf("two residents present throughout differ by more than twice the largest chore: %s", f.worst)
		}
		if f.worstReturn > 1 {
			t.Errorf("a newcomer or returner was overloaded: %s", f.worst)
		}
		total.worstSpread = max(total.worstSpread, f.worstSpread)
		total.worstReturn = max(total.worstReturn, f.worstReturn)
		if total.firstOverP == "" {
			total.firstOverP = f.firstOverP
		}
	}
	rate := float64(total.overP) / float64(total.windows)
	t.Logf("%d windows with two or more eligible residents; %d (%.3f%%) over the largest chore's points (first: %s); worst spread %.2f P; worst newcomer excess %.2f P",
		total.windows, total.overP, 100*rate, total.firstOverP, total.worstSpread, total.worstReturn)
	if rate > 0.005 {
		t.Errorf("%.3f%% of windows over the bound, want at most 0.5%%; first: %s", 100*rate, total.firstOverP)
	}
}

func FuzzChoreRotation(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(2))
	f.Add(uint64(42), uint8(6), uint8(5))
	f.Add(uint64(7), uint8(1), uint8(1))
	f.Add(uint64(99), uint8(0), uint8(4))
	f.Fuzz(func(t *testing.T, seed uint64, nUsers, nChores uint8) {
		rng := rand.New(rand.NewPCG(seed, uint64(nUsers)<<8|uint64(nChores)))
		today := domain.CivilDay(20000 + rng.IntN(100))
		users := make([]string, nUsers%8)
		for i := range users {
			users[i] = fmt.Sprintf("u%d", rng.IntN(10)) // repeats allowed
		}
		var in domain.ChoreRotationInput
		in.Day = today
		for _, u := range users {
			r := domain.RotationResident{User: u}
			for range rng.IntN(3) {
				from := today - domain.CivilDay(rng.IntN(40))
				r.Present = append(r.Present, domain.DaySpan{From: from, To: from + domain.CivilDay(rng.IntN(50)-5)})
			}
			in.Residents = append(in.Residents, r)
		}
		for range nChores % 8 {
			c := domain.RotationChore{ID: fmt.Sprintf("c%d", rng.IntN(8)), Points: rng.IntN(7) - 1}
			for range rng.IntN(4) {
				c.Rotation = append(c.Rotation, fmt.Sprintf("u%d", rng.IntN(12)))
			}
			in.Chores = append(in.Chores, c)
			if rng.IntN(3) > 0 {
				in.Due = append(in.Due, c.ID)
			}
		}
		in.Due = append(in.Due, fmt.Sprintf("c%d", rng.IntN(10)))
		for range rng.IntN(60) {
			in.History = append(in.History, domain.RotationRecord{
				Chore: fmt.Sprintf("c%d", rng.IntN(10)), Assignee: fmt.Sprintf("u%d", rng.IntN(12)),
				Points: rng.IntN(7) - 1, Day: today - domain.CivilDay(rng.IntN(70)-3),
			})
		}
		picks := domain.AssignChores(in)
		if len(picks) != len(in.Due) {
			t.Fatalf("%d picks for %d due", len(picks), len(in.Due))
		}
		chore := func(id string) (domain.RotationChore, bool) {
			for _, c := range in.Chores {
				if c.ID == id {
					return c, true
				}
			}
			return domain.RotationChore{}, false
		}
		presentToday := func(u string) bool {
			for _, r := range in.Residents {
				if r.User == u && slices.ContainsFunc(r.Present, func(s domain.DaySpan) bool { return s.Contains(today) }) {
					return true
				}
			}
			return false
		}
		for i, p := range picks {
			if p.Chore != in.Due[i] {
				t.Fatalf("pick %d is for %q, want %q", i, p.Chore, in.Due[i])
			}
			c, known := chore(p.Chore)
			canTake := func(u string) bool {
				return presentToday(u) && (len(c.Rotation) == 0 || slices.Contains(c.Rotation, u))
			}
			if p.Assignee == "" {
				if known && slices.ContainsFunc(users, canTake) {
					t.Errorf("%s unassigned though someone can take it", p.Chore)
				}
				continue
			}
			if !known || !canTake(p.Assignee) {
				t.Errorf("%s went to %s, who cannot take it", p.Chore, p.Assignee)
			}
		}
		again := in
		again.Residents = slices.Clone(in.Residents)
		again.History = slices.Clone(in.History)
		slices.Reverse(again.Residents)
		slices.Reverse(again.History)
		if got := domain.AssignChores(again); !slices.Equal(got, picks) {
			t.Errorf("reordered input gave %v, want %v", got, picks)
		}
	})
}

// BenchmarkChoreRotation: one day of a house with 20 chores and 15
// residents, given a year of history.
func BenchmarkChoreRotation(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	var users []string
	for i := range 15 {
		users = append(users, fmt.Sprintf("resident%02d", i))
	}
	var chores []simChore
	for i := range 20 {
		c := simChore{RotationChore: domain.RotationChore{ID: fmt.Sprintf("chore%02d", i), Points: 1 + rng.IntN(5)}}
		switch i % 4 {
		case 0, 1:
			c.cadence = "daily"
		case 2:
			c.cadence, c.weekday = "weekly", time.Weekday(rng.IntN(7))
		default:
			c.cadence, c.monthday = "monthly", 1+rng.IntN(28)
		}
		if i%5 == 0 {
			c.Rotation = users[i/5*3 : i/5*3+4]
		}
		chores = append(chores, c)
	}
	h := newHouse(b, nil, users...)
	for _, c := range chores {
		h.chores = append(h.chores, c.RotationChore)
		h.points[c.ID] = c.Points
	}
	start := civil(b, "2025-01-01")
	for i, u := range users {
		h.present(u, start, start+400)
		if i%3 == 0 { // a pass in spring
			h.stays[u] = []domain.DaySpan{{From: start, To: start + 99 + domain.CivilDay(i)}, {From: start + 110 + domain.CivilDay(i), To: start + 400}}
		}
	}
	due := func(d domain.CivilDay) []string {
		var ids []string
		for _, c := range chores {
			if c.dueOn(d) {
				ids = append(ids, c.ID)
			}
		}
		return ids
	}
	for d := start; d < start+365; d++ {
		h.day(d, due(d)...)
	}
	in := domain.ChoreRotationInput{Day: start + 365, Chores: h.chores, Due: due(start + 365), Residents: h.residents(), History: h.history}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		domain.AssignChores(in)
	}
	b.ReportMetric(float64(len(in.History)), "records")
}

// FuzzParseCivilDay: a string is a day exactly when its first ten
// characters are a "YYYY-MM-DD", the day prints back as those ten
// characters, counting days forward agrees with the calendar, and the day
// an instant falls on in a zone is the day its local date names.
func FuzzParseCivilDay(f *testing.F) {
	for _, s := range []string{"2026-11-23", "2028-02-29", "2027-02-29", "1970-01-01", "1969-12-31", "0000-01-01",
		"9999-12-31", "2026-11-23 00:00:00.000Z", "2026-11-23T23:59:59-08:00", "2026-1-5", "２０２６-11-23", ""} {
		f.Add(s, int16(1), int64(1793000000), 0)
	}
	f.Fuzz(func(t *testing.T, s string, step int16, unix int64, z int) {
		d, err := domain.ParseCivilDay(s)
		ref, refErr := time.Parse(domain.DateLayout, firstTen(s))
		if (err == nil) != (refErr == nil) {
			t.Fatalf("ParseCivilDay(%q) = %d, %v", s, d, err)
		}
		if err == nil {
			if d.String() != firstTen(s) {
				t.Fatalf("ParseCivilDay(%q) prints as %s", s, d)
			}
			if later := ref.AddDate(0, 0, int(step)); later.Year() >= 0 && later.Year() <= 9999 {
				if got := (d + domain.CivilDay(step)).String(); got != later.Format(domain.DateLayout) {
					t.Fatalf("%s + %d days = %s, want %s", d, step, got, later.Format(domain.DateLayout))
				}
			}
		}
		loc := fuzzZone(t, z)
		at := time.Unix(unix%(1<<37), 0).In(loc) // some 4,000 years either way
		if at.Year() < 0 || at.Year() > 9999 {
			return
		}
		if back, err := domain.ParseCivilDay(domain.LocalDate(at, loc)); err != nil || back != domain.CivilDayOf(at) {
			t.Fatalf("%s in %s: LocalDate %s is day %d, CivilDayOf %d", at, loc, domain.LocalDate(at, loc), back, domain.CivilDayOf(at))
		}
	})
}
