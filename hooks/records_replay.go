package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// replayedCollections are the collections whose creates the web app may
// send again: the writes its offline outbox keeps (docs/API.md, "Writes
// made offline"). Each of them has a `user` field naming the writer.
var replayedCollections = []string{"checkins", "meetings"}

// bindRecordsReplay makes a create that carries an id the requester has
// already used answer with the record that id made, as the first create
// did, instead of refusing it. The web app's outbox gives every write an id
// made on the phone and sends it until it has an answer: an answer lost on
// the way, a reload mid-send or two tabs sending at once must not become
// an error (or a second record). A record of someone else's is never
// answered: that id stays PocketBase's to refuse.
func bindRecordsReplay(app core.App) {
	app.OnRecordCreateRequest(replayedCollections...).Bind(&hook.Handler[*core.RecordRequestEvent]{
		Id:       "hearthReplayCreate",
		Func:     replayCreate,
		Priority: -100, // around validation, which refuses a repeat (as a second check-in of the day, say)
	})
}

func replayCreate(e *core.RecordRequestEvent) error {
	id := e.Record.Id
	if id == "" || e.Auth == nil || e.HasSuperuserAuth() {
		return e.Next()
	}
	// A first send, the common case, reads nothing more. A repeat is not
	// saved (the id is the primary key, and the day's check-in is one);
	// whatever refused it, an earlier record of the requester's with that
	// id is the answer: sent again after a lost answer, or twice at once
	// and the other request made it first.
	err := e.Next()
	if err != nil {
		if earlier := ownRecord(e, id); earlier != nil {
			return answerReplay(e, earlier)
		}
	}
	return err
}

// ownRecord finds the requester's record of the collection with that id.
func ownRecord(e *core.RecordRequestEvent, id string) *core.Record {
	r, err := e.App.FindRecordById(e.Collection, id)
	if err != nil || r.GetString("user") != e.Auth.Id {
		return nil
	}
	return r
}

func answerReplay(e *core.RecordRequestEvent, r *core.Record) error {
	if err := apis.EnrichRecord(e.RequestEvent, r); err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, r)
}
