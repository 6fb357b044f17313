package hooks

import (
	"sync"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// bindRealtimeFanout makes a record event's realtime cost follow its house
// rather than the server (issue 20; docs/SCALING.md, "Realtime").
//
// PocketBase v0.40 broadcasts a record event by checking the collection's
// rule, with a database query, for every connected client subscribed to
// the collection, inside the request that wrote the record (its
// OnModelAfter*Success handlers at priority -99, which have no id and
// cannot be unbound). With 50 houses of 20 connected, a post in one house
// cost 1,000 rule queries before its author had an answer.
//
// For a collection whose rules this file can read (realtime_scope.go:
// every way through its list and view rules needs a membership of the
// record's house, or names the client's person on the record), an event
// goes only to the candidates: superusers, clients whose person has a
// membership of the record's house of any role and status, or is the
// partner on one (houseIndex, in memory, forgotten when a membership
// changes), and clients whose person the record names (its user, author,
// reporter...). The candidates are a superset of who can pass the rule,
// and each still goes through PocketBase's own rule check, subscription
// filter and enrich hooks (realtime_pb.go, a copy of PocketBase's code),
// so who hears what is exactly PocketBase's. PocketBase's own handler is
// given an App whose broker has no clients (quietApp).
//
// The candidates' rule checks run in the writer's request, right after
// the commit, as PocketBase's do: checked later, off the request, a rule
// would see a later state than the event's (a post hidden a moment after
// it was written would never reach the housemates who saw it written,
// which TestBoardRealtime forbids). That is one query per candidate, the
// house's size, whatever the number of connected clients; the sending is
// not waited for (realtimeFanout.send keeps each client's messages in
// order, in a goroutine). Deletes are checked while the record exists
// (PocketBase's dry cache, given the candidates only) and sent after the
// commit.
//
// Anything else (users, collections whose rules it cannot read, an event
// whose house cannot be read, an app that is not serving) stays on
// PocketBase's path unchanged.
func bindRealtimeFanout(app core.App) {
	f := &realtimeFanout{
		app:     app,
		quiet:   subscriptions.NewBroker(),
		houses:  newHouseIndex(app),
		clients: newClientIndex(),
		scopes:  map[string]cachedScope{},
		tails:   map[string]chan struct{}{},
		pending: map[string]pendingDelete{},
	}
	app.Store().Set(storeKeyFanout, f)
	f.clients.bind(app)

	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		f.live.Store(true)
		return se.Next()
	})

	// Memberships change who is a candidate: the index forgets the house
	// before anything else hears of the change.
	forget := func(e *core.ModelEvent) error {
		if rec := modelRecord(e.Model); rec != nil && rec.Collection().Name == "memberships" {
			f.houses.forget(rec.GetString("house"))
			if o := rec.Original(); o != nil {
				f.houses.forget(o.GetString("house"))
			}
		}
		return e.Next()
	}
	app.OnModelAfterCreateSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutIndexCreate", Priority: -101, Func: forget})
	app.OnModelAfterUpdateSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutIndexUpdate", Priority: -101, Func: forget})
	app.OnModelAfterDeleteSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutIndexDelete", Priority: -101, Func: forget})

	// Before PocketBase's realtime handlers (-99), and the quiet App taken
	// back right after them (-98), so that nothing else sees it.
	app.OnModelAfterCreateSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutCreate", Priority: -100, Func: f.afterSave("create")})
	app.OnModelAfterUpdateSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutUpdate", Priority: -100, Func: f.afterSave("update")})
	app.OnModelAfterCreateSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutCreateRestore", Priority: -98, Func: restoreApp})
	app.OnModelAfterUpdateSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutUpdateRestore", Priority: -98, Func: restoreApp})

	// Deletes: PocketBase's dry cache runs at 99, its send at -99.
	app.OnModelDelete().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutDelete", Priority: 98, Func: f.onDelete})
	app.OnModelDelete().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutDeleteRestore", Priority: 100, Func: restoreApp})
	app.OnModelAfterDeleteSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutDeleted", Priority: -100, Func: f.afterDelete})
	app.OnModelAfterDeleteSuccess().Bind(&hook.Handler[*core.ModelEvent]{Id: "hearthFanoutDeletedRestore", Priority: -98, Func: restoreApp})
	app.OnModelAfterDeleteError().Bind(&hook.Handler[*core.ModelErrorEvent]{Id: "hearthFanoutDeleteFailed", Priority: -100, Func: f.deleteFailed})
}

// storeKeyFanout holds the app's *realtimeFanout.
const storeKeyFanout = "hearth.realtimeFanout"

// realtimeFanout is the state of bindRealtimeFanout.
type realtimeFanout struct {
	app   core.App
	live  atomic.Bool           // the app serves: PocketBase's realtime handlers are bound
	quiet *subscriptions.Broker // nobody in it: what PocketBase's handler is given

	houses  *houseIndex
	clients *clientIndex // the connected clients by auth id (realtime_clients.go)
	visited atomic.Int64 // clients whose auth candidates has read, for the tests

	scopeMu sync.Mutex
	scopes  map[string]cachedScope // by collection id

	tailMu sync.Mutex
	tails  map[string]chan struct{} // by client id: closed when its last message is handed over

	pendingMu sync.Mutex
	pending   map[string]pendingDelete // by dry cache key
}

// cachedScope is a collection's scope and the rules it was read from.
type cachedScope struct {
	list, view string
	listNil    bool
	viewNil    bool
	scope      realtimeScope
}

// pendingDelete is a delete checked inside its request, waiting for the
// commit: the clients that may hold its messages.
type pendingDelete struct {
	clients []subscriptions.Client
}

// target is who may hear of one event: the houses whose people (by the
// index) and the people (by id; "" for guests) who are candidates.
type target struct {
	houses []string
	users  map[string]bool
}

// quietApp is the event's App with a broker that has no clients: handed to
// PocketBase's realtime handler, it sends nothing, the fan-out does.
type quietApp struct {
	core.App
	broker *subscriptions.Broker
}

// SubscriptionsBroker is the broker PocketBase's handler broadcasts to.
func (a quietApp) SubscriptionsBroker() *subscriptions.Broker { return a.broker }

// restoreApp takes the quiet App back once PocketBase's handlers have run.
func restoreApp(e *core.ModelEvent) error {
	q, ok := e.App.(quietApp)
	if !ok {
		return e.Next()
	}
	e.App = q.App
	defer func() { e.App = q }()
	return e.Next()
}

// modelRecord is the model as a record, or nil (PocketBase's
// realtimeResolveRecord, without custom models: Hearth has none).
func modelRecord(m core.Model) *core.Record {
	switch r := m.(type) {
	case *core.Record:
		return r
	case core.RecordProxy:
		return r.ProxyRecord()
	}
	return nil
}

// scope is the collection's scope, read again when its rules change.
func (f *realtimeFanout) scope(c *core.Collection) realtimeScope {
	deref := func(p *string) (string, bool) {
		if p == nil {
			return "", true
		}
		return *p, false
	}
	list, listNil := deref(c.ListRule)
	view, viewNil := deref(c.ViewRule)
	f.scopeMu.Lock()
	defer f.scopeMu.Unlock()
	if s, ok := f.scopes[c.Id]; ok && s.list == list && s.view == view && s.listNil == listNil && s.viewNil == viewNil {
		return s.scope
	}
	s := scopeOfCollection(c)
	f.scopes[c.Id] = cachedScope{list: list, view: view, listNil: listNil, viewNil: viewNil, scope: s}
	return s
}

// target reads who may hear of the record's event, or false when it must
// go to everyone (an open scope, a house it cannot read).
func (f *realtimeFanout) target(app core.App, rec *core.Record) (target, bool) {
	if !f.live.Load() {
		return target{}, false
	}
	s := f.scope(rec.Collection())
	if s.open {
		return target{}, false
	}
	t := target{users: map[string]bool{}}
	for _, p := range s.houses {
		vals, err := resolvePath(f.app, rec, p)
		if err != nil && app != f.app {
			vals, err = resolvePath(app, rec, p)
		}
		if err != nil {
			return target{}, false
		}
		for _, v := range vals {
			if v == "" {
				return target{}, false
			}
			t.houses = append(t.houses, v)
		}
	}
	for _, p := range s.users {
		vals, err := resolvePath(f.app, rec, p)
		if err != nil && app != f.app {
			vals, err = resolvePath(app, rec, p)
		}
		if err != nil {
			return target{}, false
		}
		if len(vals) == 0 {
			vals = []string{""} // an empty field equals a guest's empty id
		}
		for _, v := range vals {
			t.users[v] = true
		}
	}
	return t, true
}

// candidates are the connected clients that may hear of an event to t:
// superusers, and the clients whose person t or its houses' people name.
// It looks only at the clients the client index files under those people
// (realtime_clients.go), or at every client when the index cannot answer,
// and reads each client's auth as it is now; ok is false when a house's
// people cannot be read (the event then goes to every client).
func (f *realtimeFanout) candidates(t target) ([]subscriptions.Client, bool) {
	people := t.users
	if len(t.houses) > 0 {
		people = make(map[string]bool, len(t.users)+32)
		for u := range t.users {
			people[u] = true
		}
		for _, h := range t.houses {
			users, err := f.houses.people(h)
			if err != nil {
				f.app.Logger().Warn("realtime fan-out: reading a house's people", "house", h, "error", err)
				return nil, false
			}
			for _, u := range users {
				people[u] = true
			}
		}
	}
	visit, ok := f.clients.lookup(f.app.SubscriptionsBroker(), people)
	if !ok {
		visit = allClients(f.app)
	}
	f.visited.Add(int64(len(visit)))
	var out []subscriptions.Client
	for _, c := range visit {
		auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record)
		switch {
		case auth == nil:
			if people[""] {
				out = append(out, c)
			}
		case auth.IsSuperuser() || people[auth.Id]:
			out = append(out, c)
		}
	}
	return out, true
}

// allClients is every connected client.
func allClients(app core.App) []subscriptions.Client {
	var out []subscriptions.Client
	for _, chunk := range app.SubscriptionsBroker().ChunkedClients(1 << 20) {
		out = append(out, chunk...)
	}
	return out
}

// eventCandidates is the event's record and the connected clients that may
// hear of it, or false when the event stays on PocketBase's path (not a
// record, an open scope, a house or its people it cannot read).
func (f *realtimeFanout) eventCandidates(e *core.ModelEvent) (*core.Record, []subscriptions.Client, bool) {
	rec := modelRecord(e.Model)
	if rec == nil {
		return nil, nil, false
	}
	t, ok := f.target(e.App, rec)
	if !ok {
		return nil, nil, false
	}
	clients, ok := f.candidates(t)
	if !ok {
		return nil, nil, false
	}
	return rec, clients, true
}

// afterSave runs PocketBase's broadcast of a create or update over the
// candidates, here, right after the commit, so that each rule is checked
// against the state the write left (as PocketBase does), and hands
// PocketBase's own handler the quiet App. The messages are handed to
// send, which does not wait for the connections.
func (f *realtimeFanout) afterSave(action string) func(*core.ModelEvent) error {
	return func(e *core.ModelEvent) error {
		rec, clients, ok := f.eventCandidates(e)
		if !ok {
			return e.Next()
		}
		if len(clients) > 0 {
			if err := pbBroadcastRecord(e.App, clients, action, rec, f.send); err != nil {
				e.App.Logger().Debug("realtime fan-out: broadcast", "collection", rec.Collection().Name, "id", rec.Id, "error", err)
			}
		}
		orig := e.App
		e.App = quietApp{App: orig, broker: f.quiet}
		defer func() { e.App = orig }()
		return e.Next()
	}
}

// onDelete gives PocketBase's dry cache (priority 99, while the record
// exists) the candidates only, and keeps them for afterDelete.
func (f *realtimeFanout) onDelete(e *core.ModelEvent) error {
	rec, clients, ok := f.eventCandidates(e)
	if !ok {
		return e.Next()
	}
	broker := subscriptions.NewBroker()
	for _, c := range clients {
		broker.Register(c)
	}
	key := pbDryCacheKey("delete", rec)
	f.pendingMu.Lock()
	f.pending[key] = pendingDelete{clients: clients}
	f.pendingMu.Unlock()
	orig := e.App
	e.App = quietApp{App: orig, broker: broker}
	defer func() { e.App = orig }()
	err := e.Next()
	if err != nil {
		f.pendingMu.Lock()
		delete(f.pending, key)
		f.pendingMu.Unlock()
	}
	return err
}

// afterDelete sends a committed delete's cached messages to the
// candidates it was checked for, PocketBase's send given the quiet App.
func (f *realtimeFanout) afterDelete(e *core.ModelEvent) error {
	key := pbDryCacheKey("delete", e.Model)
	f.pendingMu.Lock()
	p, ok := f.pending[key]
	delete(f.pending, key)
	f.pendingMu.Unlock()
	if !ok {
		return e.Next()
	}
	f.sendCached(key, p.clients)
	orig := e.App
	e.App = quietApp{App: orig, broker: f.quiet}
	defer func() { e.App = orig }()
	return e.Next()
}

// deleteFailed forgets a delete that did not happen (PocketBase's own
// handler clears the clients' cached messages).
func (f *realtimeFanout) deleteFailed(e *core.ModelErrorEvent) error {
	f.pendingMu.Lock()
	delete(f.pending, pbDryCacheKey("delete", e.Model))
	f.pendingMu.Unlock()
	return e.Next()
}

// sendCached is PocketBase's realtimeBroadcastDryCacheKey over the clients.
func (f *realtimeFanout) sendCached(key string, clients []subscriptions.Client) {
	for _, c := range clients {
		messages, ok := c.Get(key).([]subscriptions.Message)
		if !ok {
			continue
		}
		c.Unset(key)
		for _, m := range messages {
			f.send(c, m)
		}
	}
}

// send hands the message to the client's connection without making the
// queue wait for it (a slow client holds up only itself, as with
// PocketBase's FireAndForget), after the client's previous message.
func (f *realtimeFanout) send(c subscriptions.Client, m subscriptions.Message) {
	id := c.Id()
	done := make(chan struct{})
	f.tailMu.Lock()
	prev := f.tails[id]
	f.tails[id] = done
	f.tailMu.Unlock()
	go func() {
		if prev != nil {
			<-prev
		}
		c.Send(m)
		close(done)
		f.tailMu.Lock()
		if f.tails[id] == done {
			delete(f.tails, id)
		}
		f.tailMu.Unlock()
	}()
}
