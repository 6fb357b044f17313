package hooks

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

const storeKeyAudit = "hearth.audit"

// auditRecorder writes read events off the request's path: a request
// hands its events (one per subject) to a queue, and one writer drains
// the queue into the chain in batches, one transaction each. A full queue,
// or a stopped writer, writes in the caller instead: an event is never
// dropped. The chain stays linear because AppendAudit reads the previous
// hash inside its write transaction.
type auditRecorder struct {
	app     core.App
	queue   chan []AuditEvent
	quit    chan struct{}
	stopped atomic.Bool
	pending sync.WaitGroup // events handed over and not yet written
	exited  sync.WaitGroup
}

func newAuditRecorder(app core.App) *auditRecorder {
	r := &auditRecorder{app: app, queue: make(chan []AuditEvent, 1024), quit: make(chan struct{})}
	r.exited.Add(1)
	go r.loop()
	return r
}

// record hands events to the writer.
func (r *auditRecorder) record(events []AuditEvent) {
	if len(events) == 0 {
		return
	}
	if !r.stopped.Load() {
		r.pending.Add(1)
		select {
		case r.queue <- events:
			return
		default:
			r.pending.Done()
		}
	}
	r.write(events)
}

func (r *auditRecorder) write(events []AuditEvent) {
	if err := AppendAudit(r.app, events...); err != nil {
		r.app.Logger().Error("audit: cannot write events", "error", err, "events", len(events))
	}
}

func (r *auditRecorder) loop() {
	defer r.exited.Done()
	for {
		select {
		case evs := <-r.queue:
			r.drain(evs)
		case <-r.quit:
			for {
				select {
				case evs := <-r.queue:
					r.drain(evs)
				default:
					return
				}
			}
		}
	}
}

// auditBatchDelay is how long the writer gathers events before it writes
// them in one transaction: one commit (one sync of the disk) for every
// read of a busy quarter second, instead of one each, keeps the audit
// trail from queueing the house's own writes behind SQLite's one writer.
// A crash loses at most this much of the trail; a stop writes it.
const auditBatchDelay = 250 * time.Millisecond

// drain writes evs and whatever else comes within auditBatchDelay at once.
func (r *auditRecorder) drain(evs []AuditEvent) {
	batches := 1
	timer := time.NewTimer(auditBatchDelay)
	defer timer.Stop()
gather:
	for batches < cap(r.queue) {
		select {
		case more := <-r.queue:
			evs = append(evs, more...)
			batches++
		case <-timer.C:
			break gather
		case <-r.quit:
			break gather
		}
	}
	r.write(evs)
	for range batches {
		r.pending.Done()
	}
}

// stop writes what is queued and ends the writer; later events are
// written by their callers.
func (r *auditRecorder) stop() {
	if r.stopped.Swap(true) {
		return
	}
	close(r.quit)
	r.exited.Wait()
}

// bindAuditRecorder starts the app's audit writer and stops it (writing
// what is queued) when the app terminates.
func bindAuditRecorder(app core.App) {
	r := newAuditRecorder(app)
	app.Store().Set(storeKeyAudit, r)
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		r.stop()
		return e.Next()
	})
}

// recordAudit hands events to app's audit writer (written synchronously
// when the app has none, as in a command).
func recordAudit(app core.App, events []AuditEvent) {
	if r, ok := app.Store().Get(storeKeyAudit).(*auditRecorder); ok {
		r.record(events)
		return
	}
	if err := AppendAudit(app, events...); err != nil {
		app.Logger().Error("audit: cannot write events", "error", err, "events", len(events))
	}
}

// FlushAudit waits until every event handed to app's audit writer so far
// is written (tests read the trail after it).
func FlushAudit(app core.App) {
	if r, ok := app.Store().Get(storeKeyAudit).(*auditRecorder); ok {
		r.pending.Wait()
	}
}
