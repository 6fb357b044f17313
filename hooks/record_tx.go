package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// inTransaction runs fn in a transaction with e.App set to it, so that a
// hook writes in the same transaction as the save it wraps (fn calls
// e.Next for the save itself), and then sets e.App back to the app it
// was. PocketBase runs a save's after-success hooks, realtime among them,
// on the event's App once the save is done: left pointing at the finished
// transaction, they fail quietly and nobody subscribed hears the change.
func inTransaction(e *core.RecordEvent, fn func(tx core.App) error) error {
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return fn(tx)
	})
}
