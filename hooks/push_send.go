package hooks

import (
	"context"
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// TEMPORARY: the push helper's branch replaces this file with Web Push.

// pushPayload is what a push message carries, as JSON.
type pushPayload struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Body  string `json:"body"`
	URL   string `json:"url"`
}

// sendPush sends p to the subscription sub.
func sendPush(ctx context.Context, app core.App, sub *core.Record, p pushPayload, urgent bool) error {
	return errors.New("push is not available in this build")
}
