package hooks

import (
	"time"

	"hearth/domain"
)

// notificationEnglish is the English catalogue. The words are warm and
// plain: a reminder is an invitation, and a summary tells a manager who
// may need a kind word, never who "failed". Titles stay short (a title
// holds 200 characters); names and details go in the body.
var notificationEnglish = notificationLanguage{
	messages: map[string]notificationWords{
		kindSupport: {
			Title:     "{name|or:A housemate} needs support right now",
			Body:      "{name|or:A housemate} reached out on the board. A call, a knock on the door or one tap to answer lets them know they're not alone.",
			LockTitle: "Someone in {house|or:your house} asked for support",
			LockBody:  "Open Hearth to answer.",
		},
		kindSupportUnanswered: {
			Title:     "{name|or:A housemate} is still waiting for an answer",
			Body:      "{name|or:A housemate} reached out on the board 30 minutes ago and nobody has answered yet. A call or a knock on the door can make the difference.",
			LockTitle: "Someone in {house|or:your house} is still waiting for support",
			LockBody:  "Nobody has answered for 30 minutes. Open Hearth to answer.",
		},
		kindSupportAnswer: {
			Title:     "{name|or:A housemate} answered your post",
			Body:      "{words}",
			LockTitle: "{name|or:A housemate} answered your post",
		},
		kindSupportAnswer + ".quick": {
			Title: "{name|or:A housemate}: {quick|quick}",
		},
		kindComment: {
			Title:     "{name|or:A housemate} commented on your post",
			Body:      "{words}",
			LockTitle: "{name|or:A housemate} commented on your post",
		},
		kindPostReport: {
			Title:     "A post on the board was reported",
			Body:      "The reason given: {words}",
			LockTitle: "A post on the board was reported",
			LockBody:  "Open Hearth to see it.",
		},
		kindPostHidden: {
			Title: "A manager hid your post",
			Body:  "Only you and the house managers can see it now. A manager can tell you more if you'd like to talk about it.",
		},
		kindAnnouncement: {
			Title:     "New announcement from {name|or:a manager}",
			Body:      "{words}",
			LockTitle: "New announcement in {house|or:your house} from {name|or:a manager}",
			LockBody:  "Open Hearth to read it.",
		},
		kindCheckinReminder: {
			Title: "Time for your check-in",
			Body:  "A minute to check in before {deadline|time} keeps your streak going.",
		},
		kindCheckinSummary: {
			Title:     "{day|weekday}'s check-ins: {missing|plural:1 resident hasn't checked in|# residents haven't checked in}",
			Body:      "Not checked in by {deadline|time}: {names|list:missing}. A kind word can go a long way.",
			LockTitle: "{day|weekday}'s check-ins: {missing|plural:1 resident hasn't checked in|# residents haven't checked in}",
			LockBody:  "Open Today and tonight to see who.",
		},
		kindCheckinSummary + ".all_clear": {
			Title: "{day|weekday}'s check-ins: everyone checked in",
			Body:  "Every active resident checked in on {day|weekday}. Thank you for keeping the house connected.",
		},
		kindCurfewSummary: {
			Title:     "{night|weekday} night: {missing|plural:1 resident hasn't checked in as home|# residents haven't checked in as home}",
			Body:      "No \"I'm home\" check-in since curfew at {curfew|time}: {names|list:missing}. They may simply have forgotten to tap it.",
			LockTitle: "{night|weekday} night: {missing|plural:1 resident hasn't checked in as home|# residents haven't checked in as home}",
			LockBody:  "Open Today and tonight to see who.",
		},
		kindCurfewSummary + ".all_clear": {
			Title: "{night|weekday} night: everyone checked in as home",
			Body:  "Every active resident checked in as home on {night|weekday} night.",
		},
		kindWeeklySummary: {
			Title: "The week of {from|month_day}: {checkins} of {checkins_expected} check-ins",
			Body:  "Meetings: {meetings} of {meetings_expected}. After curfew: {curfew_late}. Chores: {chores_done} done, {chores_missed} not done in time. Support posts: {support}. The week before: {prev_checkins} of {prev_checkins_expected} check-ins, {prev_meetings|plural:1 meeting|# meetings}, {prev_curfew_late} after curfew, {prev_chores_missed|plural:1 chore|# chores} not done in time. The full report is under Reports.",
		},
		kindEvent: {
			Title: "House meeting: {title}",
			Body:  "{starts|datetime}{location|comma}. Everyone in the house comes to this one; if you can't make it, please let a manager know.",
		},
		kindEvent + ".weekly": {
			Title: "House meeting: {title}",
			Body:  "Every {starts|weekday_time}, starting {starts|month_day}{location|comma}. Everyone in the house comes to this one; if you can't make it, please let a manager know.",
		},
		kindChoreReview: {
			Title: "{name|or:Someone}: {chore|or:A chore} is done",
			Body:  "It's waiting for a review.",
		},
		kindChoreRejected: {
			Title:     "{chore|or:A chore} needs another go",
			Body:      "{words}",
			LockTitle: "{chore|or:A chore} needs another go",
			LockBody:  "Open your chores to see the manager's note.",
		},
		kindChoreMissed: {
			Title: "{chore|or:A chore} wasn't marked done in time",
			Body:  "If something got in the way, talk to your house manager.",
		},
		kindChoreMissed + ".manager": {
			Title: "{name|or:Someone}: {chore|or:A chore} was missed",
		},
		kindChoreUnassigned: {
			Title: "Nobody could take {chore} today",
			Body:  "Everyone who shares it is away or has moved out. Check who shares it in the chore list.",
		},
		kindChoreUnassigned + ".many": {
			Title: "Nobody could take {count} chores today",
			Body:  "{chores|join}. Everyone who shares them is away or has moved out. Check who shares them in the chore list.",
		},
		kindWelcome: {
			Title: "Welcome to {house}",
			Body:  "This is your house's own space. Your housemates are on the home screen; your profile decides what they see about you.",
		},
		"push_test": {
			Title: "Test notification",
			Body:  "Push notifications reach this device.",
		},
		// Staff records: names nobody and nothing of what happened.
		kindIncidentFollowup: {
			Title:     "{count|plural:An incident follow-up is|# incident follow-ups are} due tomorrow",
			Body:      "Set for {day|weekday}, {day|month_day}. Open Incidents to see {count|plural:it|them} and what was agreed.",
			LockTitle: "{count|plural:An incident follow-up is|# incident follow-ups are} due tomorrow",
			LockBody:  "Open Hearth to see {count|plural:it|them}.",
		},
		// Passes (kept together for merging).
		kindPassRequested: {
			Title: "{name|or:A resident} asked for a pass",
			Body:  "From {starts|month_day} to {ends|month_day}. Approve or decline it in Needs you now.",
		},
		kindPassDecided: {
			Title: "Your pass is approved",
			Body:  "You're signed out from {starts|month_day} to {ends|month_day}. Take care, and we'll see you when you're back.",
		},
		kindPassDecided + ".declined": {
			Title:     "Your pass wasn't approved",
			Body:      "{words}",
			LockTitle: "Your pass wasn't approved",
			LockBody:  "Open your passes to see the manager's note.",
		},
		kindPassCancelled: {
			Title: "{name|or:A resident} cancelled a pass",
			Body:  "The pass from {starts|month_day} to {ends|month_day} is cancelled.",
		},
		kindPassCancelled + ".manager": {
			Title: "A manager cancelled your pass",
			Body:  "Your pass from {starts|month_day} to {ends|month_day} is cancelled. If you have questions, talk with your house manager.",
		},
	},
	weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	months: [12]string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"},
	clock: func(t time.Time) string { return t.Format("3:04 PM") },
	datetime: func(l *notificationLanguage, t time.Time) string {
		return t.Format("Monday, January 2 at 3:04 PM")
	},
	weekdayTime: func(l *notificationLanguage, t time.Time) string {
		return t.Format("Monday at 3:04 PM")
	},
	atTime: func(l *notificationLanguage, t time.Time) string {
		return l.clock(t)
	},
	monthDay: func(l *notificationLanguage, t time.Time) string {
		return t.Format("January 2")
	},
	and:     func(string) string { return "and" },
	more:    "%s and %d more (see Today and tonight)",
	unnamed: "(no name set)",
	quick:   domain.QuickAnswerWords,
}
