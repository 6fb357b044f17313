package domain_test

import (
	"testing"

	"hearth/domain"
)

// TestChoreTransition checks every pair of states for every actor against
// CONTRACT.md's table; everything not in it is refused with a reason.
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
