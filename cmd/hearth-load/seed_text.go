package main

import "hearth/domain"

// The words the seeder writes: names, posts, comments and notes that read
// like a house's board, so that rows have realistic lengths. The words
// the server and the collections define (roles, statuses, kinds, the
// one-tap answers and their words, the reactions) are domain's.

var streetNames = []string{"Maple", "Cedar", "Oak", "Willow", "Birch", "Aspen", "Juniper", "Magnolia", "Sycamore", "Laurel", "Hawthorn", "Linden"}

var firstNames = []string{"Alex", "Sam", "Jordan", "Taylor", "Casey", "Riley", "Morgan", "Jamie", "Drew", "Quinn",
	"Rosa", "Luis", "Maria", "Andre", "Keisha", "Tom", "Nina", "Marcus", "Elena", "Derek", "Tasha", "Victor", "Hannah", "Omar"}

var lastNames = []string{"Garcia", "Smith", "Johnson", "Brown", "Lee", "Martinez", "Davis", "Wilson", "Nguyen", "Patel", "Lopez", "Clark"}

const houseRules = "<p>Be home by curfew. Check in every day before 9 pm. Three outside meetings a week. " +
	"Do your chores and leave the kitchen as you found it. No visitors in bedrooms. Respect each other.</p>"

var choreNotes = []string{"", "", "Done before work.", "Ran out of trash bags, bought more.", "All clean."}

var checkinNotes = []string{
	"Good day at work.", "Tired but okay.", "Went to a meeting with my sponsor.", "Rough morning, better now.",
	"Called my mom.", "Stressed about court next week.", "Grateful for this house.", "Slept badly.",
	"Started the new job today.", "Cravings in the afternoon, went for a walk.",
}

var programs = []string{"aa", "aa", "aa", "na", "na", "smart", "ca", "celebrate_recovery", "recovery_dharma", "other"}

var meetingNames = []string{"Tuesday Night Big Book", "Early Birds", "Step Study", "Downtown Noon", "Young People's", "Home Group", "Speaker Meeting"}

// postKinds are weighted by repetition: mostly shares and wins.
var postKinds = []string{domain.PostShare, domain.PostShare, domain.PostShare, domain.PostShare, domain.PostShare, domain.PostShare,
	domain.PostWin, domain.PostWin, domain.PostWin, domain.PostSupport, domain.PostAnnouncement}

var commentBodies = []string{
	"Proud of you.", "Thanks for sharing this.", "Same here, one day at a time.", "Let's grab coffee after the meeting.",
	"You've got this.", "I needed to read this today.", "Congrats!", "Here if you want to talk.",
	"That's huge, well done.", "Love this house.",
}

var winOpeners = []string{"Got the job!", "90 days today.", "Paid off my fine.", "Passed my driving test.", "Got my kids for the weekend."}

var supportOpeners = []string{"Having a hard day.", "Really struggling tonight.", "Could use someone to talk to.", "Bad news from home."}

var announcements = []string{
	"House meeting moves to 7:30 this Sunday.", "Pest control comes Thursday morning, clear the kitchen counters.",
	"New chore chart starts Monday.", "Reminder: visitors sign in at the front door.",
}

var shareSentences = []string{
	"Went to the noon meeting and it was exactly what I needed.",
	"My sponsor and I finished step four this week, which was a lot.",
	"Cooked dinner for the house tonight, there are leftovers in the fridge.",
	"Some days are harder than others, and today was one of the harder ones.",
	"Grateful for everyone who sat with me on the porch last night.",
	"Work has been busy but I'm keeping my meetings.",
	"I keep reminding myself that I only have to do today.",
	"Anyone want to go to the Saturday morning meeting with me?",
	"The weather was beautiful so I walked to work instead of taking the bus.",
	"Talked to my family for the first time in months and it went well.",
	"Thanks to whoever cleaned the kitchen this morning.",
	"Still thinking about what the speaker said on Sunday.",
}

var outings = []string{"Bowling night", "Picnic in the park", "Food bank volunteering", "Movie afternoon", "Hike at the lake"}
