package hooks

import (
	"fmt"
	"strings"

	"hearth/domain"
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
// author and the house but carries none of the post's words: alerts reach
// lock screens (push and email), the post itself only the house.
func supportMessage(authorName, houseName, postID string) Message {
	return Message{Kind: kindSupport, Params: Params{"name": authorName, "house": houseName, "post": postID},
		Link: postLink(postID)}
}

// supportAnswerMessage tells the author of a need-support post who
// answered and how: a one-tap answer by its value, written words in
// Params "words" (the app shows them, a lock screen never).
func supportAnswerMessage(commenterName, quick, body, postID string) Message {
	if _, ok := domain.QuickAnswerWords[quick]; ok {
		return Message{Kind: kindSupportAnswer, Params: Params{"variant": "quick", "name": commenterName, "quick": quick, "post": postID},
			Link: postLink(postID)}
	}
	return Message{Kind: kindSupportAnswer, Params: Params{"name": commenterName, "words": clip(body, 300), "post": postID},
		Link: postLink(postID)}
}

// commentMessage tells a post's author about a comment.
func commentMessage(commenterName, body, postID string) Message {
	return Message{Kind: kindComment, Params: Params{"name": commenterName, "words": clip(body, 300), "post": postID},
		Link: postLink(postID)}
}

// reportMessage tells the managers a post was reported, and why, without
// naming who reported it (the reports list shows them that).
func reportMessage(reason, postID string) Message {
	return Message{Kind: kindPostReport, Params: Params{"words": clip(reason, 500), "post": postID}, Link: postLink(postID)}
}

// hiddenMessage tells an author a manager hid their post.
func hiddenMessage(postID string) Message {
	return Message{Kind: kindPostHidden, Params: Params{"post": postID}, Link: postLink(postID)}
}

// announcementMessage tells the house about a manager's announcement:
// the app shows its first words, a lock screen only who wrote it where.
func announcementMessage(authorName, houseName, body, postID string) Message {
	return Message{Kind: kindAnnouncement,
		Params: Params{"name": authorName, "house": houseName, "words": clip(strings.TrimSpace(body), 300), "post": postID},
		Link:   postLink(postID)}
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
