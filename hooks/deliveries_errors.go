package hooks

import (
	"errors"
	"fmt"
	"time"
)

// errDeliveryGone tells the sender that a delivery's target is gone for
// good (a push service answered 404 or 410): the row is dropped, never
// retried. The channel has already removed what is gone (the push
// subscription).
var errDeliveryGone = errors.New("the delivery's target is gone")

// retryLaterError tells the sender that a delivery failed for now (a 429,
// a 5xx, a timeout, a refused connection) and may succeed later. After is
// what the other side asked for (Retry-After), or zero for the sender's
// own backoff.
type retryLaterError struct {
	After time.Duration
	Err   error
}

func (e *retryLaterError) Error() string {
	if e.After > 0 {
		return fmt.Sprintf("%v (retry after %s)", e.Err, e.After)
	}
	return e.Err.Error()
}

func (e *retryLaterError) Unwrap() error { return e.Err }

// Any other error from a channel is permanent: the row is marked failed
// with the error, for the operator, and not retried.
