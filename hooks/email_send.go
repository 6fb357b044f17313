package hooks

import (
	"context"
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// TEMPORARY: the email helper's branch replaces this file with the
// emails themselves.

// sendNotificationEmail emails the notification n to user.
func sendNotificationEmail(ctx context.Context, app core.App, n, user *core.Record, title, body string) error {
	return errors.New("email is not available in this build")
}

// sendInviteEmail emails an invite to the address to.
func sendInviteEmail(ctx context.Context, app core.App, to string, payload map[string]any) error {
	return errors.New("email is not available in this build")
}
