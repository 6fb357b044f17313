package hooks

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// What the events say, in one place: a house meeting is an invitation to
// show up for each other, and a resident who can't make it is asked to say
// so, never warned.
const (
	// The kind of the notifications about events.
	notifyEvent = "event"
	// %s: the event's title.
	requiredMeetingTitle = "House meeting: %s"
	// %s: when (and where) it is.
	requiredMeetingBody = "%s. Everyone in the house comes to this one; if you can't make it, please let a manager know."
	eventsLink          = "/events"
)

// requiredMeetingMessage announces a new required house meeting, or a
// weekly series of them, in the house's time.
func requiredMeetingMessage(ev *core.Record, loc *time.Location) Message {
	starts := ev.GetDateTime("starts").Time().In(loc)
	when := starts.Format("Monday, January 2 at 3:04 PM")
	if ev.GetString("repeat") == RepeatWeekly {
		when = "Every " + starts.Format("Monday at 3:04 PM") + ", starting " + starts.Format("January 2")
	}
	if where := ev.GetString("location"); where != "" {
		when += ", " + where
	}
	return Message{
		Kind:  notifyEvent,
		Title: fmt.Sprintf(requiredMeetingTitle, ev.GetString("title")),
		Body:  fmt.Sprintf(requiredMeetingBody, when),
		Link:  eventsLink,
	}
}
