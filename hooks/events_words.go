package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// eventsLink is where an event's notification leads. Its words are in the
// notification catalogue (kind event): a house meeting is an invitation to
// show up for each other, and a resident who can't make it is asked to say
// so, never warned.
const eventsLink = "/events"

// requiredMeetingMessage announces a new required house meeting, or a
// weekly series of them, in the house's time.
func requiredMeetingMessage(ev *core.Record, loc *time.Location) Message {
	p := Params{
		"title":    ev.GetString("title"),
		"starts":   instantParam(ev.GetDateTime("starts").Time()),
		"tz":       loc.String(),
		"location": ev.GetString("location"),
		"event":    ev.Id,
	}
	if ev.GetString("repeat") == RepeatWeekly {
		p["variant"] = "weekly"
	}
	return Message{Kind: kindEvent, Params: p, Link: eventsLink}
}
