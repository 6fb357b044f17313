package hooks

import (
	"context"

	"github.com/pocketbase/pocketbase/core"
)

// The email channel, for its tests.

// SendNotificationEmail is sendNotificationEmail.
func SendNotificationEmail(ctx context.Context, app core.App, n, user *core.Record, title, body string) error {
	return sendNotificationEmail(ctx, app, n, user, title, body)
}

// SendDigestEmail is sendDigestEmail.
func SendDigestEmail(ctx context.Context, app core.App, user *core.Record, ns []*core.Record) error {
	return sendDigestEmail(ctx, app, user, ns)
}

// SendInviteEmail is sendInviteEmail.
func SendInviteEmail(ctx context.Context, app core.App, to string, payload map[string]any) error {
	return sendInviteEmail(ctx, app, to, payload)
}

// IsRetryLater reports whether err asks the sender to try again later.
func IsRetryLater(err error) bool {
	_, ok := err.(*retryLaterError)
	return ok
}

// EmailWordKeys lists each language's email word keys.
func EmailWordKeys() map[string][]string {
	out := map[string][]string{}
	for lang, words := range emailWords {
		for k := range words {
			out[lang] = append(out[lang], k)
		}
	}
	return out
}

// ErrEmailNotConfigured is errEmailNotConfigured.
var ErrEmailNotConfigured = errEmailNotConfigured
