package hooks

import (
	"fmt"

	"hearth/domain"
)

// The notification kinds the board sends.
const (
	kindSupport       = "support"        // a need-support post, to the house
	kindSupportAnswer = "support_answer" // an answer to one, to its author
	kindComment       = "comment"        // a comment on your post
	kindPostReport    = "post_report"    // a report, to the managers
	kindPostHidden    = "post_hidden"    // a manager hid your post
)

// postLink is the web app's path of one post.
func postLink(postID string) string { return "/board/posts/" + postID }

// displayName is a person's name for a message, or a kind stand-in.
func displayName(name string) string {
	if name == "" {
		return "A housemate"
	}
	return name
}

// supportMessage is the alert a need-support post sends. It names the
// author but carries none of the post's words: alerts may reach a lock
// screen (push and email later), the post itself only the house.
func supportMessage(authorName, postID string) Message {
	name := displayName(authorName)
	return Message{
		Kind:  kindSupport,
		Title: name + " needs support right now",
		Body:  fmt.Sprintf("%s reached out on the board. A call, a knock on the door or one tap to answer lets them know they're not alone.", name),
		Link:  postLink(postID),
	}
}

// supportAnswerMessage tells the author of a need-support post who
// answered and how.
func supportAnswerMessage(commenterName, quick, body, postID string) Message {
	name := displayName(commenterName)
	if words, ok := domain.QuickAnswerWords[quick]; ok {
		return Message{Kind: kindSupportAnswer, Title: name + ": " + words, Link: postLink(postID)}
	}
	return Message{Kind: kindSupportAnswer, Title: name + " answered your post", Body: clip(body, 300), Link: postLink(postID)}
}

// commentMessage tells a post's author about a comment.
func commentMessage(commenterName, body, postID string) Message {
	return Message{
		Kind:  kindComment,
		Title: displayName(commenterName) + " commented on your post",
		Body:  clip(body, 300),
		Link:  postLink(postID),
	}
}

// reportMessage tells the managers a post was reported, and why, without
// naming who reported it (the reports list shows them that).
func reportMessage(reason, postID string) Message {
	return Message{
		Kind:  kindPostReport,
		Title: "A post on the board was reported",
		Body:  "The reason given: " + clip(reason, 500),
		Link:  postLink(postID),
	}
}

// hiddenMessage tells an author a manager hid their post.
func hiddenMessage(postID string) Message {
	return Message{
		Kind:  kindPostHidden,
		Title: "A manager hid your post",
		Body:  "Only you and the house managers can see it now. A manager can tell you more if you'd like to talk about it.",
		Link:  postLink(postID),
	}
}

// MilestoneWords is the body of a milestone post for the person named:
// warm, about what they reached, never about what came before. The
// milestone job and the demo both use it.
func MilestoneWords(name string, m domain.SobrietyMilestone) string {
	name = displayName(name)
	switch m.Label {
	case "1d":
		return fmt.Sprintf("24 hours! %s reached their first full day sober today. One day at a time.", name)
	case "7d":
		return fmt.Sprintf("One week! %s reached 7 days sober today.", name)
	case "180d":
		return fmt.Sprintf("6 months! %s reached 180 days sober today.", name)
	case "270d":
		return fmt.Sprintf("9 months! %s reached 270 days sober today.", name)
	}
	switch {
	case m.Years == 1:
		return fmt.Sprintf("One year! %s celebrates a year sober today.", name)
	case m.Years > 1:
		return fmt.Sprintf("%d years! %s celebrates %d years sober today.", m.Years, name, m.Years)
	default:
		return fmt.Sprintf("%d days! %s reached %d days sober today.", m.Days, name, m.Days)
	}
}

// Words of the board's refusals.
const (
	msgBodyEmpty        = "Write a few words before posting."
	msgPinAnnouncements = "Only announcements can be pinned to the top of the board."
	msgAlreadyReacted   = "You've already reacted this way. Tap it again to take it back."
	msgAlreadyReported  = "You've already reported this post. The house managers have it."
	msgReasonEmpty      = "Tell the managers in a few words what's wrong with this post."
	msgQuickNotSupport  = "One-tap answers are for need-support posts. Write a comment instead."
)
