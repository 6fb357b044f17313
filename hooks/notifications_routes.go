package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// readAllResponse is the answer of POST /api/hearth/notifications/read-all.
type readAllResponse struct {
	Marked int `json:"marked"`
}

// markAllRead marks every unread notification of the requester as read.
// Each is saved as a record, so the requester's other open apps hear of it
// through realtime.
func markAllRead(e *core.RequestEvent) error {
	unread, err := e.App.FindRecordsByFilter("notifications",
		"user = {:user} && read = false", "", 0, 0, map[string]any{"user": e.Auth.Id})
	if err != nil {
		return e.InternalServerError("", err)
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		for _, n := range unread {
			n.Set("read", true)
			if err := tx.Save(n); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return e.JSON(http.StatusOK, readAllResponse{Marked: len(unread)})
}
