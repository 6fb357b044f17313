package hooks

import (
	"sync"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// clientIndex is the connected realtime clients by the id of the auth
// record each has had since it connected, so that an event visits only its
// candidates' clients rather than every connected one (issue 20; with 50
// houses of 20 connected a need-support post is 20 events, each a pass over
// 1,000 clients before).
//
// It is kept by the connect request (a client is known from before
// PocketBase registers it until its connection ends) and the subscribe
// request (the only place PocketBase gives a client an auth record). An
// entry is never trusted: candidates still read each client's auth as it
// is now, so an entry left by an auth PocketBase unset or replaced
// (realtimeUpdateClientsAuth, a deleted user) only costs a look. What it
// must not do is miss a client, so the fan-out goes back to the pass over
// every client when the broker holds a client the index does not know of
// (registered other than by the connect request) or when guests are
// candidates (a client whose auth was unset is a guest the index would
// file under its old id).
type clientIndex struct {
	mu     sync.RWMutex
	known  map[string]subscriptions.Client            // by client id: every client connected through the connect request
	byAuth map[string]map[string]subscriptions.Client // auth record id → client id → client
	supers map[string]subscriptions.Client            // by client id: the clients that have had a superuser's auth
}

func newClientIndex() *clientIndex {
	return &clientIndex{known: map[string]subscriptions.Client{}, byAuth: map[string]map[string]subscriptions.Client{}, supers: map[string]subscriptions.Client{}}
}

// bind keeps the index from PocketBase's realtime requests, and takes
// each connection over from PocketBase's handler when it can
// (realtime_conn.go): the last connect hook, so that every other one has
// run first.
func (x *clientIndex) bind(app core.App) {
	conns := newSSEConns(app, x.remove)
	app.Store().Set(storeKeySSEConns, conns)
	app.OnRealtimeConnectRequest().Bind(&hook.Handler[*core.RealtimeConnectRequestEvent]{
		Id:       "hearthRealtimeConnect",
		Priority: 1000,
		Func: func(e *core.RealtimeConnectRequestEvent) error {
			if conns.take(e, x.connected) {
				return nil // the connection stays open; x.remove when it ends
			}
			x.connected(e.Client)
			defer x.remove(e.Client.Id())
			return e.Next()
		},
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		conns.closeAll()
		return e.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.Auth != nil && !e.Auth.IsSuperuser() && x.others(e.Auth.Id, e.Client.Id()) >= maxClientsPerPerson {
			return e.TooManyRequestsError("Hearth is open in too many places with your account. Close it in another tab or app, then try again.", nil)
		}
		err := e.Next()
		// Whatever the outcome, file the client under the auth it has now.
		if auth, _ := e.Client.Get(apis.RealtimeClientAuthKey).(*core.Record); auth != nil {
			x.add(e.Client, auth.Id, auth.IsSuperuser())
		}
		return err
	})
}

// maxClientsPerPerson is how many realtime clients one person may have
// subscribed at once (phones, tabs, the office computer). Each is a rule
// check in every write of their house that it may hear of, inside the
// writer's request, so without a limit one resident with hundreds of open
// connections could slow every write of the house (a post took 1.2 s with
// 500). A subscription beyond it is refused (429); the connections the
// person has keep working.
const maxClientsPerPerson = 10

// others is how many connected clients other than clientID are filed
// under the person.
func (x *clientIndex) others(authID, clientID string) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	m := x.byAuth[authID]
	if _, ok := m[clientID]; ok {
		return len(m) - 1
	}
	return len(m)
}

// storeKeySSEConns holds the app's *sseConns.
const storeKeySSEConns = "hearth.sseConns"

// connected files a client that has just connected.
func (x *clientIndex) connected(c subscriptions.Client) {
	x.mu.Lock()
	x.known[c.Id()] = c
	x.mu.Unlock()
}

func (x *clientIndex) add(c subscriptions.Client, authID string, superuser bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.known[c.Id()]; !ok {
		return // not connected through the connect request, or gone
	}
	m := x.byAuth[authID]
	if m == nil {
		m = map[string]subscriptions.Client{}
		x.byAuth[authID] = m
	}
	m[c.Id()] = c
	if superuser {
		x.supers[c.Id()] = c
	}
}

// remove forgets a client whose connection ended.
func (x *clientIndex) remove(id string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	delete(x.known, id)
	delete(x.supers, id)
	for a, m := range x.byAuth {
		if _, ok := m[id]; ok {
			delete(m, id)
			if len(m) == 0 {
				delete(x.byAuth, a)
			}
		}
	}
}

// lookup is the clients filed under the people and every client that has
// had a superuser's auth, each once, or false when the index cannot answer
// for every client of the broker. The caller checks each client's auth as
// it is now.
func (x *clientIndex) lookup(broker *subscriptions.Broker, people map[string]bool) ([]subscriptions.Client, bool) {
	if people[""] {
		return nil, false
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if broker.TotalClients() > len(x.known) {
		return nil, false
	}
	out := make([]subscriptions.Client, 0, len(x.supers)+len(people))
	seen := make(map[string]bool, len(x.supers)+len(people))
	for id, c := range x.supers {
		seen[id] = true
		out = append(out, c)
	}
	for p := range people {
		for id, c := range x.byAuth[p] {
			if !seen[id] && !c.IsDiscarded() {
				seen[id] = true
				out = append(out, c)
			}
		}
	}
	return out, true
}
