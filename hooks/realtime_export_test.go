package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Realtime fan-out internals for the tests of package hooks_test (kept
// apart from export_test.go for merging).

// RealtimeCandidates is who the fan-out would check for an event of rec
// (realtime_fanout.go): everyone when open, else the person ids (""
// for guests); superusers always are. The app must be serving.
func RealtimeCandidates(app core.App, rec *core.Record) (people map[string]bool, open bool, err error) {
	f, ok := app.Store().Get(storeKeyFanout).(*realtimeFanout)
	if !ok {
		return nil, true, nil
	}
	t, ok := f.target(app, rec)
	if !ok {
		return nil, true, nil
	}
	people = map[string]bool{}
	for u := range t.users {
		people[u] = true
	}
	for _, h := range t.houses {
		users, err := f.houses.people(h)
		if err != nil {
			return nil, false, err
		}
		for _, u := range users {
			people[u] = true
		}
	}
	return people, false, nil
}

// RealtimeVisited is how many connected clients the fan-out has looked at
// to find events' candidates since the app started.
func RealtimeVisited(app core.App) int64 {
	f, ok := app.Store().Get(storeKeyFanout).(*realtimeFanout)
	if !ok {
		return 0
	}
	return f.visited.Load()
}

// RealtimeConnections is how many realtime connections Hearth holds taken
// over from net/http (realtime_conn.go).
func RealtimeConnections(app core.App) int {
	s, ok := app.Store().Get(storeKeySSEConns).(*sseConns)
	if !ok {
		return 0
	}
	return s.count()
}

// SetRealtimeWatch sets how often the watcher of the taken-over
// connections looks at them (10 s in the server).
func SetRealtimeWatch(app core.App, tick time.Duration) {
	if s, ok := app.Store().Get(storeKeySSEConns).(*sseConns); ok {
		s.tick = tick
	}
}
