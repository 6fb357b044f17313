package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
	"hearth/hooks"
)

// The demo's weekly house meeting: Sundays at 19:00, house-local, as the
// house rules say.
var (
	meetingDay   = time.Sunday
	meetingAt    = domain.Clock{Hour: 19}
	meetingHours = time.Hour
)

// pastMeetings is how many of the weekly meeting's past weeks the demo
// starts with, attendance taken.
const pastMeetings = 2

// oneOff is one of the demo's one-off events, on the day `in` days from
// the seeding day (negative: past), house-local.
type oneOff struct {
	in                                 int
	at                                 domain.Clock
	length                             time.Duration
	title, kind, location, description string
	answers                            map[string]string // e-mail → yes, maybe or no
	attended                           []string          // e-mails, for an event that has started
}

var oneOffs = []oneOff{
	{in: -4, at: domain.Clock{Hour: 19, Minute: 30}, length: 2*time.Hour + 30*time.Minute,
		title: "Movie night", kind: hooks.EventSocial, location: "Living room",
		description: "Popcorn and a comedy. Bring a blanket.",
		answers:     map[string]string{"alex@maple.example": "yes", "taylor@maple.example": "yes", "morgan@maple.example": "maybe", "jordan@maple.example": "no"},
		attended:    []string{"alex@maple.example", "taylor@maple.example", "morgan@maple.example"}},
	{in: 2, at: domain.Clock{Hour: 18, Minute: 30}, length: 2*time.Hour + 30*time.Minute,
		title: "Sober bowling night", kind: hooks.EventSocial, location: "Sunset Lanes, 2000 Fulton Ave",
		description: "Shoes are on the house. Carpool leaves from the porch at 6:15.",
		answers: map[string]string{"alex@maple.example": "yes", "jordan@maple.example": "maybe", "taylor@maple.example": "yes",
			"morgan@maple.example": "yes", "sam@maple.example": "no"}},
	{in: 5, at: domain.Clock{Hour: 9}, length: 3 * time.Hour,
		title: "Food bank volunteer morning", kind: hooks.EventService, location: "Sacramento Food Bank, 3333 3rd Ave",
		description: "Sorting and packing boxes for families. Closed-toe shoes, please.",
		answers:     map[string]string{"sam@maple.example": "yes", "taylor@maple.example": "maybe"}},
}

// nextMeetingAnswers are the residents' answers to the next house meeting;
// the others have not answered yet.
var nextMeetingAnswers = map[string]string{
	"alex@maple.example": "yes", "jordan@maple.example": "yes", "sam@maple.example": "maybe",
	"taylor@maple.example": "yes", "casey@maple.example": "no",
}

// seedEvents adds the house's events: the weekly required house meeting,
// its past two weeks with attendance taken and its next twelve weeks (made
// by the server's own series extension, hooks.ExtendEventSeriesOf, as a
// new weekly event gets them); a movie night last week; a sober bowling
// night and a food bank morning in the coming days; and the residents'
// answers. It does nothing if the house has events. It returns the
// records it added.
func seedEvents(tx core.App, house *core.Record, manager string, now time.Time, loc *time.Location) (int, error) {
	h, err := beginHistory(tx, house, "events", now, loc)
	if err != nil || h == nil {
		return 0, err
	}
	events, today, residents := h.collection, h.today, h.residents
	added := 0

	// The meeting's latest weeks that have started. The first of them is
	// the series' first event, as a manager's "repeat weekly" makes it;
	// the next is the week the server made after it, claimed in job_runs
	// as the server claims each week it makes.
	var past []time.Time
	for d := today - 14; d <= today; d++ {
		day := d.String()
		if date, _ := time.Parse(domain.DateLayout, day); date.Weekday() != meetingDay {
			continue
		}
		at, err := domain.LocalInstant(day, meetingAt, loc)
		if err != nil {
			return 0, err
		}
		if at.Before(now) {
			past = append(past, at)
		}
	}
	past = past[max(0, len(past)-pastMeetings):]

	series := core.GenerateDefaultRandomId()
	var meetings []*core.Record
	for i, at := range past {
		r := core.NewRecord(events)
		if i == 0 {
			r.Set("id", series)
		}
		r.Load(map[string]any{
			"house": house.Id, "title": "House meeting", "kind": hooks.EventHouseMeeting,
			"description": "Our weekly check-in as a house: wins, struggles, chores for the week, and anything on your mind.",
			"location":    "Living room", "required": true, "repeat": hooks.RepeatWeekly,
			"series": series, "created_by": manager, "starts": at, "ends": at.Add(meetingHours),
		})
		if err := saveAt(tx, r, past[0].AddDate(0, 0, -3)); err != nil {
			return 0, fmt.Errorf("house meeting on %s: %w", domain.LocalDate(at, loc), err)
		}
		added++
		if i > 0 {
			if err := claimWeek(tx, house.Id, series, domain.LocalDate(at, loc)); err != nil {
				return 0, err
			}
			added++
		}
		meetings = append(meetings, r)
	}

	// The coming weeks, by the server's own extension (one claim each).
	made, err := hooks.ExtendEventSeriesOf(tx, series, now)
	if err != nil {
		return 0, fmt.Errorf("extending the house meeting: %w", err)
	}
	added += 2 * made

	// Attendance at the past weeks: most said yes and came; Jordan said
	// maybe and came; Morgan (when she lived here yet) and Casey, the
	// earlier week, never answered and came; Sam said yes to the earlier
	// one and could not make it.
	for i, m := range meetings {
		k := int(today - domain.CivilDayOf(m.GetDateTime("starts").Time().In(loc)))
		for _, c := range residents {
			if !c.present(today, k) {
				continue
			}
			status, came := "yes", true
			switch c.email {
			case "jordan@maple.example":
				status = "maybe"
			case "morgan@maple.example":
				status = ""
			case "casey@maple.example":
				if i == 0 {
					status = ""
				}
			case "sam@maple.example":
				came = i > 0
			}
			if err := answer(tx, m, c.user, status, came, now); err != nil {
				return 0, err
			}
			added++
		}
	}

	// The next meeting's answers so far.
	coming, err := tx.FindRecordsByFilter("events", "series = {:s} && starts > {:now}", "starts", 1, 0,
		dbx.Params{"s": series, "now": now.UTC().Format(types.DefaultDateLayout)})
	if err != nil || len(coming) == 0 {
		return 0, fmt.Errorf("the next house meeting (%d): %v", len(coming), err)
	}
	next := coming[0]
	for _, c := range residents {
		if s, ok := nextMeetingAnswers[c.email]; ok {
			if err := answer(tx, next, c.user, s, false, now); err != nil {
				return 0, err
			}
			added++
		}
	}

	for _, o := range oneOffs {
		at, err := domain.LocalInstant((today + domain.CivilDay(o.in)).String(), o.at, loc)
		if err != nil {
			return 0, err
		}
		r := core.NewRecord(events)
		r.Load(map[string]any{
			"house": house.Id, "title": o.title, "kind": o.kind, "description": o.description,
			"location": o.location, "required": false, "created_by": manager,
			"starts": at, "ends": at.Add(o.length),
		})
		if err := saveAt(tx, r, earlier(at, now).Add(-5*24*time.Hour)); err != nil {
			return 0, fmt.Errorf("%s: %w", o.title, err)
		}
		added++
		started := at.Before(now)
		for _, c := range residents {
			if o.in < 0 && !c.present(today, -o.in) {
				continue
			}
			status, came := o.answers[c.email], started && slices.Contains(o.attended, c.email)
			if status == "" && !came {
				continue
			}
			if err := answer(tx, r, c.user, status, came, now); err != nil {
				return 0, err
			}
			added++
		}
	}
	return added, nil
}

// answer saves a resident's answer to an event (status "" for someone who
// never answered) and, for an event that has started, whether a manager
// noted them there. The answer was given two days before the event (not
// after now); a row made only for attendance, an hour after it started.
func answer(tx core.App, event *core.Record, user, status string, attended bool, now time.Time) error {
	rsvps, err := tx.FindCachedCollectionByNameOrId("rsvps")
	if err != nil {
		return err
	}
	starts := event.GetDateTime("starts").Time()
	at := earlier(starts.Add(-48*time.Hour), now.Add(-2*time.Hour))
	if status == "" {
		at = starts.Add(time.Hour)
	}
	r := core.NewRecord(rsvps)
	r.Load(map[string]any{"event": event.Id, "user": user, "status": status, "attended": attended})
	if err := saveAt(tx, r, at); err != nil {
		return fmt.Errorf("answer of %s to %q: %w", user, event.GetString("title"), err)
	}
	return nil
}

// claimWeek records in job_runs that the series' week on the house-local
// day was made, as the server records each week it makes, so the week is
// never made again.
func claimWeek(tx core.App, houseID, series, day string) error {
	runs, err := tx.FindCachedCollectionByNameOrId("job_runs")
	if err != nil {
		return err
	}
	r := core.NewRecord(runs)
	r.Load(map[string]any{"house": houseID, "job": "series:" + series, "day": day})
	return tx.Save(r)
}

// earlier is the earlier of two instants.
func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
