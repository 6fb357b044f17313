package hooks

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hearth/domain"
)

// What the check-in jobs say, in one place. The words are warm and plain:
// a reminder is an invitation, and a summary tells a manager who may need
// a kind word, never who "failed". Titles stay short (a notification's
// title holds 200 characters); the names go in the body.
const (
	// The resident's reminder; %s is the deadline ("9:00 PM").
	checkinReminderTitle = "Time for your check-in"
	checkinReminderBody  = "A minute to check in before %s keeps your streak going."
	checkinReminderLink  = "/checkin"

	// The managers' summaries open their board.
	summaryLink = "/manage/today"

	// The daily summary; the first %s is the day's weekday ("Tuesday").
	checkinSummaryTitleOne  = "%s's check-ins: 1 resident hasn't checked in"
	checkinSummaryTitleMany = "%s's check-ins: %d residents haven't checked in"
	// %s: the deadline, then the names.
	checkinSummaryBody = "Not checked in by %s: %s. A kind word can go a long way."
	// The all-clear; %s is the weekday.
	checkinAllClearTitle = "%s's check-ins: everyone checked in"
	checkinAllClearBody  = "Every active resident checked in on %s. Thank you for keeping the house connected."

	// The curfew summary; the first %s is the night's weekday ("Friday").
	curfewSummaryTitleOne  = "%s night: 1 resident hasn't checked in as home"
	curfewSummaryTitleMany = "%s night: %d residents haven't checked in as home"
	// %s: the curfew ("11:00 PM"), then the names.
	curfewSummaryBody = "No \"I'm home\" check-in since curfew at %s: %s. They may simply have forgotten to tap it."
	// The all-clear; %s is the night's weekday.
	curfewAllClearTitle = "%s night: everyone checked in as home"
	curfewAllClearBody  = "Every active resident checked in as home on %s night."

	// A resident whose profile has no name.
	unnamedResident = "(no name set)"
	// The end of a list cut short; %d is how many names were left out.
	moreNames = "%s and %d more (see Today and tonight)"
)

// Bounds of a list of names in a summary's body, which holds 2,000
// characters: a house rarely has more than a dozen residents, and a longer
// list is cut and ends "and N more".
const (
	summaryMaxNames = 25
	summaryMaxChars = 1200
)

// clockLabel is an instant's house-local time as the app shows it ("9:00
// PM").
func clockLabel(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("3:04 PM")
}

// weekdayLabel is the weekday of a day or night ("YYYY-MM-DD"), or the day
// itself if it is not one.
func weekdayLabel(day string) string {
	t, err := time.Parse(domain.DateLayout, day)
	if err != nil {
		return day
	}
	return t.Weekday().String()
}

// nameList joins names as a sentence does ("A, B and C"), keeping at most
// summaryMaxNames of them within summaryMaxChars characters (a name holds
// at most 255, so the first always fits); the rest are counted ("A, B and
// 7 more (see Today and tonight)").
func nameList(names []string) string {
	shown := make([]string, 0, min(len(names), summaryMaxNames))
	size := 0
	for _, n := range names {
		if n == "" {
			n = unnamedResident
		}
		if len(shown) == summaryMaxNames || (len(shown) > 0 && size+utf8.RuneCountInString(n)+2 > summaryMaxChars) {
			break
		}
		shown = append(shown, n)
		size += utf8.RuneCountInString(n) + 2
	}
	if rest := len(names) - len(shown); rest > 0 {
		return fmt.Sprintf(moreNames, strings.Join(shown, ", "), rest)
	}
	switch len(shown) {
	case 0:
		return ""
	case 1:
		return shown[0]
	}
	return strings.Join(shown[:len(shown)-1], ", ") + " and " + shown[len(shown)-1]
}

// summaryWords are one summary's formats: titles and bodies for nobody,
// one and several residents missing.
type summaryWords struct {
	kind                         string
	allClearTitle, allClearBody  string
	titleOne, titleMany, listing string
}

var (
	checkinSummaryWords = summaryWords{jobCheckinSummary, checkinAllClearTitle, checkinAllClearBody,
		checkinSummaryTitleOne, checkinSummaryTitleMany, checkinSummaryBody}
	curfewSummaryWords = summaryWords{jobCurfewSummary, curfewAllClearTitle, curfewAllClearBody,
		curfewSummaryTitleOne, curfewSummaryTitleMany, curfewSummaryBody}
)

// checkinSummaryMessage is the managers' daily summary of the day
// ("YYYY-MM-DD") whose deadline was at, listing who has not checked in.
func checkinSummaryMessage(day string, at time.Time, loc *time.Location, missing []string) Message {
	return summaryMessage(checkinSummaryWords, day, at, loc, missing)
}

// curfewSummaryMessage is the managers' curfew summary of the night
// ("YYYY-MM-DD") whose curfew was at, listing who has not checked in as
// home.
func curfewSummaryMessage(night string, curfew time.Time, loc *time.Location, missing []string) Message {
	return summaryMessage(curfewSummaryWords, night, curfew, loc, missing)
}

// summaryMessage words a summary of the day or night: an all-clear, or
// how many are missing with their names and the instant that passed.
func summaryMessage(w summaryWords, day string, at time.Time, loc *time.Location, missing []string) Message {
	msg := Message{Kind: w.kind, Link: summaryLink}
	wd := weekdayLabel(day)
	switch len(missing) {
	case 0:
		msg.Title = fmt.Sprintf(w.allClearTitle, wd)
		msg.Body = fmt.Sprintf(w.allClearBody, wd)
		return msg
	case 1:
		msg.Title = fmt.Sprintf(w.titleOne, wd)
	default:
		msg.Title = fmt.Sprintf(w.titleMany, wd, len(missing))
	}
	msg.Body = fmt.Sprintf(w.listing, clockLabel(at, loc), nameList(missing))
	return msg
}

// checkinReminderMessage is a resident's reminder before the deadline at.
func checkinReminderMessage(deadline time.Time, loc *time.Location) Message {
	return Message{
		Kind:  jobCheckinReminder,
		Title: checkinReminderTitle,
		Body:  fmt.Sprintf(checkinReminderBody, clockLabel(deadline, loc)),
		Link:  checkinReminderLink,
	}
}
