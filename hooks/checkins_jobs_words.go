package hooks

import "time"

// What the check-in jobs say is in the notification catalogue
// (notifications_catalogue_en.go and the others); here are the messages'
// parameters.

// The links of the check-in jobs' notifications: the resident's reminder
// opens the check-in, the managers' summaries their board.
const (
	checkinReminderLink = "/checkin"
	summaryLink         = "/manage/today"
)

// Bounds of a list of names in a summary, whose body holds 2,000
// characters: a house rarely has more than a dozen residents, and a longer
// list is cut and ends "and N more".
const (
	summaryMaxNames = 25
	summaryMaxChars = 1200
)

// checkinSummaryMessage is the managers' daily summary of the day
// ("YYYY-MM-DD") whose deadline was at, listing who has not checked in.
func checkinSummaryMessage(day string, at time.Time, loc *time.Location, missing []string) Message {
	return summaryMessage(kindCheckinSummary, Params{"day": day, "deadline": instantParam(at)}, loc, missing)
}

// curfewSummaryMessage is the managers' curfew summary of the night
// ("YYYY-MM-DD") whose curfew was at, listing who has not checked in as
// home.
func curfewSummaryMessage(night string, curfew time.Time, loc *time.Location, missing []string) Message {
	return summaryMessage(kindCurfewSummary, Params{"night": night, "curfew": instantParam(curfew)}, loc, missing)
}

// summaryMessage is a summary: an all-clear, or how many are missing and
// (the first of) their names.
func summaryMessage(kind string, p Params, loc *time.Location, missing []string) Message {
	p["tz"] = loc.String()
	if len(missing) == 0 {
		p["variant"] = "all_clear"
	} else {
		p["missing"] = len(missing)
		p["names"] = shortNameList(missing)
	}
	return Message{Kind: kind, Params: p, Link: summaryLink}
}

// checkinReminderMessage is a resident's reminder before the deadline at.
func checkinReminderMessage(deadline time.Time, loc *time.Location) Message {
	return Message{Kind: kindCheckinReminder, Params: Params{"deadline": instantParam(deadline), "tz": loc.String()},
		Link: checkinReminderLink}
}
