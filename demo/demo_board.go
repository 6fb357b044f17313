package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"hearth/domain"
	"hearth/hooks"
)

// boardPost is a post on the demo board and what the house said to it.
// Writers are named by their first name in lower case ("rosa").
type boardPost struct {
	by, kind string
	daysAgo  int
	at       domain.Clock // house-local
	body     string
	pinned   bool
	cheers
}

// cheers are the comments and reactions on a post.
type cheers struct {
	comments  []boardComment
	reactions []reaction
}

// boardComment is a comment, made some minutes after its post: words, or
// a one-tap answer to a need-support post ("calling", "on_my_way",
// "here"), whose words the server writes.
type boardComment struct {
	by    string
	after int
	body  string
	quick string
}

// reaction is one kind of reaction and who left it, each once.
type reaction struct {
	kind string
	by   []string
}

func react(kind string, by ...string) reaction { return reaction{kind: kind, by: by} }

// boardPosts are two weeks of the house's board, in the residents' own
// words: the new chore chart (pinned), a welcome, shares and wins, and a
// hard afternoon the house answered. Some follow the check-in notes: the
// bakery job, Sam's hard day, Jordan's rough day, Casey's pass. The milestones are not
// here: the milestone job posted them (see milestonePosts); milestoneCheers
// is how the house answered them.
var boardPosts = []boardPost{
	{by: "rosa", kind: hooks.PostAnnouncement, daysAgo: 13, at: domain.Clock{Hour: 9, Minute: 10}, pinned: true,
		body: "New chore chart starts today. Hearth rotates the chores now, so your home screen shows yours each morning. " +
			"The kitchen, the bathrooms and the fridge need a quick photo when you're done. Need a swap? Ask before you skip " +
			"and we'll sort it out. Thanks for keeping this place a home.",
		cheers: cheers{
			comments: []boardComment{
				{by: "sam", after: 35, body: "No more arguing over whose week it is for the trash. Love it."},
				{by: "taylor", after: 80, body: "Thanks Rosa. The photo thing is easy once you get used to it."},
			},
			reactions: []reaction{react("heart", "taylor", "alex", "jordan", "casey")},
		}},
	{by: "sam", kind: hooks.PostSupport, daysAgo: 10, at: domain.Clock{Hour: 15, Minute: 40},
		body: "Having a hard day. Missing my dad a lot and it's hitting harder than I expected. " +
			"Anyone around this afternoon? I could use some company, maybe someone to walk to a meeting with.",
		cheers: cheers{
			comments: []boardComment{
				{by: "taylor", after: 3, quick: "on_my_way"},
				{by: "rosa", after: 4, quick: "here"},
				{by: "alex", after: 6, quick: "calling"},
				{by: "casey", after: 9, quick: "here"},
				{by: "jordan", after: 12, body: "Sending you love, Sam. I'm home all evening if you want to sit on the porch."},
				{by: "chris", after: 45, body: "Been there. Grief doesn't keep a schedule. Call me anytime, my number's the same."},
				{by: "sam", after: 330, body: "Thank you, all of you. Taylor walked me to a meeting and I called my sister after. " +
					"Feeling a lot lighter tonight. Grateful I live here."},
			},
			reactions: []reaction{
				react("hug", "rosa", "jordan", "casey", "alex", "chris"),
				react("heart", "taylor", "jordan"),
				react("me_too", "chris"),
			},
		}},
	{by: "jordan", kind: hooks.PostShare, daysAgo: 9, at: domain.Clock{Hour: 19, Minute: 20},
		body: "Made chili for the whole house tonight. There's still half a pot on the stove, help yourselves.",
		cheers: cheers{
			comments: []boardComment{
				{by: "sam", after: 25, body: "Second bowl. No regrets."},
				{by: "casey", after: 70, body: "Can you teach me how to make it?"},
				{by: "jordan", after: 85, body: "Anytime! Next time we cook it together."},
			},
			reactions: []reaction{react("heart", "sam", "casey", "alex", "taylor")},
		}},
	{by: "alex", kind: hooks.PostWin, daysAgo: 8, at: domain.Clock{Hour: 16, Minute: 45},
		body: "Got the job at the bakery! I start next week. Early shifts, so I'll be the one up making coffee at 4 am.",
		cheers: cheers{
			comments: []boardComment{
				{by: "rosa", after: 20, body: "Congratulations, Alex! Save us the day-olds."},
				{by: "jordan", after: 32, body: "Told you they'd love you! So proud."},
				{by: "chris", after: 110, body: "That's huge. A job and a routine made all the difference for me."},
				{by: "taylor", after: 150, body: "The 4 am coffee is appreciated in advance."},
			},
			reactions: []reaction{
				react("proud", "rosa", "jordan", "sam", "taylor", "casey", "chris"),
				react("heart", "jordan"),
			},
		}},
	{by: "chris", kind: hooks.PostShare, daysAgo: 7, at: domain.Clock{Hour: 10, Minute: 30},
		body: "Stopped by Maple House for coffee this morning. Walking into that kitchen still feels like coming home. " +
			"Keep going, all of you. It gets better, I promise.",
		cheers: cheers{
			comments:  []boardComment{{by: "rosa", after: 40, body: "The door is always open, Chris. Come for dinner soon."}},
			reactions: []reaction{react("heart", "rosa", "taylor", "sam", "alex")},
		}},
	{by: "taylor", kind: hooks.PostShare, daysAgo: 6, at: domain.Clock{Hour: 11, Minute: 20},
		body: "Took a long walk after my meeting this morning. A little over a year ago I couldn't sit still with my own " +
			"thoughts for ten minutes. Grateful for this house and every one of you.",
		cheers: cheers{
			comments: []boardComment{{by: "jordan", after: 60, body: "Needed to read this today. Thank you."}},
			reactions: []reaction{
				react("me_too", "jordan", "sam"),
				react("heart", "rosa", "alex", "casey"),
			},
		}},
	{by: "rosa", kind: hooks.PostAnnouncement, daysAgo: 4, at: domain.Clock{Hour: 17},
		body: "Please welcome Morgan, who moved into room 4 today. Say hi, show Morgan where the coffee lives, " +
			"and remember how your own first week felt.",
		cheers: cheers{
			comments: []boardComment{
				{by: "taylor", after: 25, body: "Welcome, roomie! Coffee's in the cupboard above the sink."},
				{by: "alex", after: 60, body: "Welcome to Maple House, Morgan!"},
				{by: "morgan", after: 240, body: "Thanks for the welcome, everyone. A little nervous, but you've all been kind."},
			},
			reactions: []reaction{react("heart", "taylor", "alex", "sam", "jordan", "casey")},
		}},
	{by: "jordan", kind: hooks.PostShare, daysAgo: 3, at: domain.Clock{Hour: 21, Minute: 15},
		body: "Rough day at work. Called my sponsor instead of sitting with it alone, then went for a walk with Alex. " +
			"Glad I'm home tonight.",
		cheers: cheers{
			comments: []boardComment{
				{by: "sam", after: 20, body: "Calling was the right move. Proud of you."},
				{by: "rosa", after: 45, body: "That's exactly what the phone is for. I'm here if you want to talk tomorrow."},
			},
			reactions: []reaction{
				react("me_too", "sam", "morgan", "taylor"),
				react("hug", "alex", "casey"),
				react("proud", "rosa", "alex"),
			},
		}},
	{by: "casey", kind: hooks.PostShare, daysAgo: 2, at: domain.Clock{Hour: 18, Minute: 30},
		body: "Made it to my mom's. My daughter ran out to the car before I even parked. Back in a few days. Miss you all.",
		cheers: cheers{
			comments: []boardComment{
				{by: "rosa", after: 30, body: "Enjoy every minute, Casey. See you soon."},
				{by: "morgan", after: 90, body: "That made my day."},
			},
			reactions: []reaction{
				react("heart", "rosa", "taylor", "alex", "jordan", "sam", "morgan"),
				react("hug", "jordan"),
			},
		}},
	{by: "morgan", kind: hooks.PostShare, daysAgo: 1, at: domain.Clock{Hour: 20, Minute: 10},
		body: "Shared at a meeting for the first time. My voice shook the whole time, but I did it.",
		cheers: cheers{
			comments: []boardComment{
				{by: "taylor", after: 30, body: "Proud of you. It gets easier, I promise."},
				{by: "chris", after: 120, body: "Showing up is the whole thing. Welcome to Maple House, Morgan."},
			},
			reactions: []reaction{
				react("proud", "taylor", "rosa", "alex", "jordan", "chris"),
				react("me_too", "sam", "jordan"),
			},
		}},
	{by: "sam", kind: hooks.PostWin, daysAgo: 0, at: domain.Clock{Hour: 13},
		body: "Six months at the warehouse today. Got a raise, and they asked me to train the new guy.",
		cheers: cheers{
			comments: []boardComment{
				{by: "rosa", after: 40, body: "Well deserved, Sam!"},
				{by: "jordan", after: 75, body: "Look at you, trainer."},
			},
			reactions: []reaction{
				react("proud", "rosa", "jordan", "alex", "taylor", "morgan"),
				react("heart", "casey"),
			},
		}},
}

// milestoneCheers is how the house answered the milestone posts, by the
// first name of the person celebrated.
var milestoneCheers = map[string]cheers{
	"alex": {
		comments: []boardComment{
			{by: "jordan", after: 15, body: "NINETY! Proud to be your partner."},
			{by: "rosa", after: 50, body: "Ninety days. So glad you're here, Alex."},
			{by: "sam", after: 95, body: "Congrats, Alex. You make it look possible."},
			{by: "alex", after: 160, body: "Thank you, all of you. Ninety days ago I couldn't picture any of this. One day at a time."},
		},
		reactions: []reaction{
			react("proud", "jordan", "rosa", "sam", "taylor", "casey", "chris"),
			react("heart", "jordan", "taylor"),
			react("hug", "casey"),
		},
	},
	"jordan": {
		comments: []boardComment{
			{by: "alex", after: 25, body: "30 days! So proud of you, partner."},
			{by: "chris", after: 140, body: "Thirty days is huge. Keep doing what you're doing."},
			{by: "jordan", after: 190, body: "Thanks, everyone. Couldn't have done this month alone."},
		},
		reactions: []reaction{
			react("proud", "alex", "rosa", "taylor", "sam", "chris"),
			react("hug", "casey"),
			react("heart", "alex"),
		},
	},
	"casey": {
		comments: []boardComment{
			{by: "taylor", after: 40, body: "One week! The first ones are the hardest. Proud of you, Casey."},
			{by: "casey", after: 120, body: "Thank you! Taking it one day at a time."},
		},
		reactions: []reaction{
			react("proud", "rosa", "taylor", "jordan"),
			react("hug", "alex", "sam"),
		},
	},
}

// writer is a demo person as the house holds them now.
type writer struct {
	id, name, role, status string
	sobriety               string
	shares                 bool
	in                     domain.CivilDay // move-in day
}

// boardWriters finds the demo people who can write on the board, by first
// name in lower case: members and alumni of the house (nobody discharged,
// nobody the house no longer holds).
func boardWriters(tx core.App, house *core.Record) (map[string]writer, error) {
	out := map[string]writer{}
	for _, p := range people {
		u, err := tx.FindAuthRecordByEmail("users", p.email)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return nil, err
		}
		m, err := tx.FindFirstRecordByFilter("memberships", "house = {:h} && user = {:u}",
			dbx.Params{"h": house.Id, "u": u.Id})
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return nil, err
		}
		status := m.GetString("status")
		if status != hooks.StatusActive && status != hooks.StatusAway && status != hooks.StatusAlumni {
			continue
		}
		in, err := domain.ParseCivilDay(m.GetString("move_in"))
		if err != nil {
			return nil, fmt.Errorf("%s move-in: %w", p.email, err)
		}
		out[strings.ToLower(strings.Fields(p.name)[0])] = writer{
			id: u.Id, name: u.GetString("name"), role: m.GetString("role"), status: status,
			sobriety: u.GetString("sobriety_date"), shares: u.GetBool("share_sobriety"), in: in,
		}
	}
	return out, nil
}

// member reports whether the writer is a member of the house (active or
// away), not an alumnus.
func (w writer) member() bool { return w.status == hooks.StatusActive || w.status == hooks.StatusAway }

// mayPost reports whether the writer may write a post of the kind, as the
// posts' create rule holds it: announcements by managers, need-support
// posts by members, milestones by the server for members.
func (w writer) mayPost(kind string) bool {
	switch kind {
	case hooks.PostAnnouncement:
		return w.role == hooks.RoleManager && w.status == hooks.StatusActive
	case hooks.PostSupport, hooks.PostMilestone:
		return w.member()
	}
	return true
}

// placedPost is a post with its instant, and for a milestone post its
// label.
type placedPost struct {
	boardPost
	at        time.Time
	milestone string
}

// milestonePosts are the milestone posts the milestone job made over the
// past two weeks, at 08:00 house-local (today's, if any, are the job's to
// make): one for each member who shares their sobriety date and reached a
// milestone (domain.Milestone) on a day they already lived here.
func milestonePosts(writers map[string]writer, today domain.CivilDay, loc *time.Location) ([]placedPost, error) {
	var out []placedPost
	for k := historyDays - 1; k >= 1; k-- {
		d := today - domain.CivilDay(k)
		nth := 0 // the job posts a day's milestones one after the other
		for _, p := range people {
			key := strings.ToLower(strings.Fields(p.name)[0])
			w, ok := writers[key]
			if !ok || !w.member() || !w.shares || w.sobriety == "" || d < w.in {
				continue
			}
			m, ok := domain.Milestone(w.sobriety, d.String())
			if !ok {
				continue
			}
			at, err := domain.LocalInstant(d.String(), domain.MilestonePostAt, loc)
			if err != nil {
				return nil, err
			}
			out = append(out, placedPost{
				boardPost: boardPost{by: key, kind: hooks.PostMilestone, daysAgo: k, body: hooks.MilestoneWords(w.name, m),
					cheers: milestoneCheers[key]},
				at:        at.Add(time.Duration(nth) * time.Second),
				milestone: m.Label,
			})
			nth++
		}
	}
	return out, nil
}

// seedBoard adds two weeks of the house's board: boardPosts and the
// milestone posts, each with its comments and reactions, every one made
// at the moment its writer made it (none after now, none by someone who
// had not moved in yet), through the model hooks: a need-support post
// alerts the house, an announcement tells it, answers and comments notify the post's author. Those
// notifications are dated when they were sent, read when more than a day
// old, and the alerts of people who had not moved in yet are dropped. It
// does nothing if the house has posts. It returns the posts, comments and
// reactions it added.
func seedBoard(tx core.App, house *core.Record, now time.Time, loc *time.Location) (int, error) {
	n, err := tx.CountRecords("posts", dbx.HashExp{"house": house.Id})
	if err != nil || n > 0 {
		return 0, err
	}
	today, err := domain.ParseCivilDay(domain.LocalDate(now, loc))
	if err != nil {
		return 0, err
	}
	writers, err := boardWriters(tx, house)
	if err != nil {
		return 0, err
	}
	all, err := milestonePosts(writers, today, loc)
	if err != nil {
		return 0, err
	}
	for _, p := range boardPosts {
		at, err := domain.LocalInstant((today - domain.CivilDay(p.daysAgo)).String(), p.at, loc)
		if err != nil {
			return 0, err
		}
		all = append(all, placedPost{boardPost: p, at: at})
	}
	slices.SortStableFunc(all, func(a, b placedPost) int { return a.at.Compare(b.at) })

	b := &boardSeeder{tx: tx, house: house, now: now, loc: loc, writers: writers, settled: map[string]bool{}}
	added := 0
	for _, p := range all {
		n, err := b.post(p)
		if err != nil {
			return 0, fmt.Errorf("%s's %s post of %s: %w", p.by, p.kind, p.at.In(loc).Format(time.DateTime), err)
		}
		added += n
	}
	return added, nil
}

// boardSeeder writes the demo board.
type boardSeeder struct {
	tx      core.App
	house   *core.Record
	now     time.Time
	loc     *time.Location
	writers map[string]writer
	settled map[string]bool // notifications already dated
}

// there reports whether the writer can write on the board at the instant:
// they lived in the house by then, and it is not after now.
func (b *boardSeeder) there(w writer, at time.Time) bool {
	return at.Before(b.now) && domain.CivilDayOf(at.In(b.loc)) >= w.in
}

// post saves the post, then its comments and reactions. It returns the
// records it added.
func (b *boardSeeder) post(p placedPost) (int, error) {
	w, ok := b.writers[p.by]
	if !ok || !w.mayPost(p.kind) || !b.there(w, p.at) {
		return 0, nil
	}
	posts, err := b.tx.FindCachedCollectionByNameOrId("posts")
	if err != nil {
		return 0, err
	}
	r := core.NewRecord(posts)
	r.Load(map[string]any{
		"house": b.house.Id, "author": w.id, "kind": p.kind, "body": p.body, "pinned": p.pinned, "hidden": false,
	})
	if p.kind == hooks.PostMilestone {
		r.Set("subject", w.id)
		r.Set("milestone", p.milestone)
	}
	r.SetRaw("updated", dateTime(p.at))
	if err := saveAt(b.tx, r, p.at); err != nil {
		return 0, err
	}
	if err := b.settleNotices(r.Id, p.at); err != nil {
		return 0, err
	}
	added := 1

	comments, err := b.tx.FindCachedCollectionByNameOrId("comments")
	if err != nil {
		return 0, err
	}
	for _, c := range p.comments {
		cw, ok := b.writers[c.by]
		at := p.at.Add(time.Duration(c.after) * time.Minute)
		if !ok || !b.there(cw, at) {
			continue
		}
		cr := core.NewRecord(comments)
		cr.Load(map[string]any{"post": r.Id, "author": cw.id, "body": c.body, "quick": c.quick})
		cr.SetRaw("updated", dateTime(at))
		if err := saveAt(b.tx, cr, at); err != nil {
			return 0, fmt.Errorf("comment by %s: %w", c.by, err)
		}
		if err := b.settleNotices(r.Id, at); err != nil {
			return 0, err
		}
		added++
	}

	reactions, err := b.tx.FindCachedCollectionByNameOrId("reactions")
	if err != nil {
		return 0, err
	}
	j := 0 // reactions come in over the hours after the post
	for _, re := range p.reactions {
		for _, by := range re.by {
			rw, ok := b.writers[by]
			at := p.at.Add(time.Duration(9+16*j) * time.Minute)
			j++
			if !ok || !b.there(rw, at) {
				continue
			}
			rr := core.NewRecord(reactions)
			rr.Load(map[string]any{"post": r.Id, "user": rw.id, "kind": re.kind})
			if err := saveAt(b.tx, rr, at); err != nil {
				return 0, fmt.Errorf("%s reaction by %s: %w", re.kind, by, err)
			}
			added++
		}
	}
	return added, nil
}

// settleNotices dates the notifications the hooks just sent about the
// post (need-support alerts, announcements, answers, comments) at the instant they were
// sent, read when that is more than a day before now; an alert to someone
// who had not moved in yet is dropped.
func (b *boardSeeder) settleNotices(postID string, at time.Time) error {
	sent, err := b.tx.FindAllRecords("notifications", dbx.Like("link", "/"+postID).Match(true, false))
	if err != nil {
		return err
	}
	day := domain.CivilDayOf(at.In(b.loc))
	for _, n := range sent {
		if b.settled[n.Id] {
			continue
		}
		b.settled[n.Id] = true
		if b.movedInAfter(n.GetString("user"), day) {
			if err := b.tx.Delete(n); err != nil {
				return err
			}
			continue
		}
		n.SetRaw("created", dateTime(at))
		n.SetRaw("updated", dateTime(at))
		n.Set("read", at.Before(b.now.Add(-24*time.Hour)))
		if err := b.tx.Save(n); err != nil {
			return err
		}
	}
	return nil
}

// movedInAfter reports whether the person moved into the house after the
// day.
func (b *boardSeeder) movedInAfter(userID string, day domain.CivilDay) bool {
	for _, w := range b.writers {
		if w.id == userID {
			return w.in > day
		}
	}
	return false
}
