package hooks_test

import (
	"runtime/debug"
	"testing"
)

// realtimeCopiedFrom is the PocketBase version hooks/realtime_pb.go was
// copied from. The copy runs PocketBase's realtime access check for
// Hearth's house-scoped fan-out, so privacy depends on it matching.
const realtimeCopiedFrom = "v0.40.4"

// TestRealtimeCopyMatchesPocketBase fails when PocketBase is upgraded, so
// that hooks/realtime_pb.go is compared with the new apis/realtime.go and
// apis/record_helpers.go before the upgrade lands.
func TestRealtimeCopyMatchesPocketBase(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info in the test binary")
	}
	for _, dep := range info.Deps {
		if dep.Path != "github.com/pocketbase/pocketbase" {
			continue
		}
		if dep.Version != realtimeCopiedFrom {
			t.Fatalf("PocketBase is %s, hooks/realtime_pb.go is a copy of %s's apis/realtime.go: "+
				"compare the two, bring the copy in step, then change realtimeCopiedFrom", dep.Version, realtimeCopiedFrom)
		}
		return
	}
	t.Fatal("PocketBase is not among the test binary's modules")
}
