package hooks

import (
	"context"
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Push internals for the tests of package hooks_test (kept apart from
// export_test.go for merging).

// PushPayload is pushPayload.
type PushPayload = pushPayload

// SendPush is sendPush.
func SendPush(ctx context.Context, app core.App, sub *core.Record, p PushPayload, urgent bool) error {
	return sendPush(ctx, app, sub, p, urgent)
}

// PushEndpointProblem is pushEndpointProblem.
func PushEndpointProblem(endpoint string, allow []string) string {
	return pushEndpointProblem(endpoint, allow)
}

// EncodePushPayload is encodePushPayload.
func EncodePushPayload(p PushPayload) ([]byte, error) { return encodePushPayload(p) }

// PushPayloadMax is pushPayloadMax.
const PushPayloadMax = pushPayloadMax

// PushDevicesMax is pushDevicesMax.
const PushDevicesMax = pushDevicesMax

// PushSubscriber is pushSubscriber.
func PushSubscriber(app core.App) string { return pushSubscriber(app) }

// RetryAfter is retryAfter.
func RetryAfter(h string, now time.Time) time.Duration { return retryAfter(h, now) }

// IsDeliveryGone reports whether err is errDeliveryGone.
func IsDeliveryGone(err error) bool { return errors.Is(err, errDeliveryGone) }

// RetryLater reports whether err is a *retryLaterError, and its After.
func RetryLater(err error) (time.Duration, bool) {
	var r *retryLaterError
	if errors.As(err, &r) {
		return r.After, true
	}
	return 0, false
}

// SetPushTimeout sets pushTimeout until the returned function restores it.
func SetPushTimeout(d time.Duration) (restore func()) {
	old := pushTimeout
	pushTimeout = d
	return func() { pushTimeout = old }
}

// PushDialControl is pushDialControl.
func PushDialControl(network, address string) error { return pushDialControl(network, address, nil) }
