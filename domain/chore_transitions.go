package domain

// The states of a chore assignment, as docs/API.md names them.
const (
	ChoreOpen     = "open"     // assigned, not done yet
	ChoreDone     = "done"     // marked done by the assignee, awaiting review
	ChoreApproved = "approved" // accepted by a manager; final
	ChoreRejected = "rejected" // sent back by a manager with a reason
	ChoreMissed   = "missed"   // not done within the house's grace
	ChoreExcused  = "excused"  // let off by a manager; final
)

// ChoreActor is who asks to move an assignment.
type ChoreActor int

// The actors of the chore transitions.
const (
	// ChoreByAssignee is the person the chore is assigned to, even when
	// they are also a manager: nobody reviews their own chore.
	ChoreByAssignee ChoreActor = iota
	// ChoreByReviewer is a manager of the house who is not the assignee.
	ChoreByReviewer
	// ChoreByServer is Hearth itself (the missed-chore job).
	ChoreByServer
)

// ChoreTransition tells whether actor may move an assignment from one
// status to another, and if not, why, in words for the person who tried.
// The table is docs/API.md's: the assignee moves open or rejected to done;
// a manager who is not the assignee moves done to approved or rejected,
// and open or missed to excused; the server moves open to missed.
func ChoreTransition(from, to string, actor ChoreActor) (ok bool, why string) {
	if from == to {
		return true, ""
	}
	switch actor {
	case ChoreByServer:
		if from == ChoreOpen && to == ChoreMissed {
			return true, ""
		}
		return false, "Hearth only marks open chores missed."
	case ChoreByAssignee:
		switch {
		case to == ChoreDone && (from == ChoreOpen || from == ChoreRejected):
			return true, ""
		case to == ChoreDone:
			return false, choreSettled(from)
		case to == ChoreApproved || to == ChoreRejected || to == ChoreExcused:
			return false, "Another house manager reviews your chores; you can't " + choreVerb(to) + " your own."
		case to == ChoreMissed:
			return false, "Hearth marks a chore missed by itself when its time has passed."
		default:
			return false, "A chore can't go back to open. Mark it done when it's done."
		}
	case ChoreByReviewer:
		switch {
		case (to == ChoreApproved || to == ChoreRejected) && from == ChoreDone:
			return true, ""
		case to == ChoreApproved || to == ChoreRejected:
			return false, "Only a chore marked done can be " + to + "; this one is " + from + "."
		case to == ChoreExcused && (from == ChoreOpen || from == ChoreMissed):
			return true, ""
		case to == ChoreExcused:
			return false, "Only an open or missed chore can be excused; this one is " + from + "."
		case to == ChoreDone:
			return false, "Only the person it's assigned to marks a chore done."
		case to == ChoreMissed:
			return false, "Hearth marks a chore missed by itself when its time has passed."
		default:
			return false, "A chore can't go back to open."
		}
	}
	return false, "This change isn't possible."
}

func choreSettled(from string) string {
	switch from {
	case ChoreDone:
		return "This chore is already marked done and waits for a house manager."
	case ChoreApproved:
		return "This chore is done and approved. Nothing more to do."
	case ChoreExcused:
		return "This chore was excused. Nothing more to do."
	case ChoreMissed:
		return "This chore's time has passed. Talk to your house manager if you did it."
	}
	return "This chore can't be marked done now."
}

func choreVerb(to string) string {
	switch to {
	case ChoreApproved:
		return "approve"
	case ChoreRejected:
		return "reject"
	}
	return "excuse"
}
