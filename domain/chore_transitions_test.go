package domain_test

import (
	"slices"
	"strings"
	"testing"

	"hearth/domain"
)

// TestChoreTransition checks every pair of states for every actor against
// docs/API.md's table; everything not in it is refused with a reason.
func TestChoreTransition(t *testing.T) {
	states := []string{domain.ChoreOpen, domain.ChoreDone, domain.ChoreApproved, domain.ChoreRejected, domain.ChoreMissed, domain.ChoreExcused}
	allowed := map[domain.ChoreActor]map[[2]string]bool{
		domain.ChoreByAssignee: {{"open", "done"}: true, {"rejected", "done"}: true},
		domain.ChoreByReviewer: {{"done", "approved"}: true, {"done", "rejected"}: true, {"open", "excused"}: true, {"missed", "excused"}: true},
		domain.ChoreByServer:   {{"open", "missed"}: true},
	}
	for actor, table := range allowed {
		for _, from := range states {
			for _, to := range states {
				want := from == to || table[[2]string{from, to}]
				ok, why := domain.ChoreTransition(from, to, actor)
				if ok != want {
					t.Errorf("actor %d %s→%s: ok=%v, want %v", actor, from, to, ok, want)
				}
				if !ok && why == "" {
					t.Errorf("actor %d %s→%s refused without a reason", actor, from, to)
				}
			}
		}
	}
	if _, why := domain.ChoreTransition("done", "approved", domain.ChoreByAssignee); why != "Another house manager reviews your chores; you can't approve your own." {
		t.Errorf("self-approval says %q", why)
	}
}

// FuzzChoreTransition: whatever the strings and actor, a move is allowed
// exactly when it changes nothing or is in docs/API.md's table for that
// actor, so the table is closed: from a state, an allowed move leads to a
// state, approved and excused are final, and no string outside the six
// states is ever reached or left. A refusal always says why; an allowance
// never does.
func FuzzChoreTransition(f *testing.F) {
	states := []string{domain.ChoreOpen, domain.ChoreDone, domain.ChoreApproved, domain.ChoreRejected, domain.ChoreMissed, domain.ChoreExcused}
	for i, from := range states {
		for j, to := range states {
			f.Add(from, to, (i+j)%4)
		}
	}
	for _, s := range []string{"", "OPEN", "done ", "approved\x00", "pending", "miss"} {
		f.Add(s, "done", 0)
		f.Add("open", s, 1)
	}
	f.Add("open", "done", -1)
	f.Add("x", "x", 7)
	allowed := map[domain.ChoreActor]map[[2]string]bool{
		domain.ChoreByAssignee: {{"open", "done"}: true, {"rejected", "done"}: true},
		domain.ChoreByReviewer: {{"done", "approved"}: true, {"done", "rejected"}: true, {"open", "excused"}: true, {"missed", "excused"}: true},
		domain.ChoreByServer:   {{"open", "missed"}: true},
	}
	f.Fuzz(func(t *testing.T, from, to string, actor int) {
		a := domain.ChoreActor(actor)
		ok, why := domain.ChoreTransition(from, to, a)
		if want := from == to || allowed[a][[2]string{from, to}]; ok != want {
			t.Fatalf("ChoreTransition(%q, %q, %d) = %v, want %v", from, to, actor, ok, want)
		}
		if ok != (why == "") {
			t.Fatalf("ChoreTransition(%q, %q, %d) = %v with reason %q", from, to, actor, ok, why)
		}
		if ok && from != to {
			if !slices.Contains(states, from) || !slices.Contains(states, to) {
				t.Fatalf("%q → %q allowed for actor %d", from, to, actor)
			}
			if from == domain.ChoreApproved || from == domain.ChoreExcused {
				t.Fatalf("a final state %q moved to %q", from, to)
			}
		}
		if !ok && !strings.HasSuffix(why, ".") {
			t.Fatalf("ChoreTransition(%q, %q, %d) says %q", from, to, actor, why)
		}
	})
}
