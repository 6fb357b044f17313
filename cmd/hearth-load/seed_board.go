package main

import (
	"slices"
	"strings"
	"time"

	"hearth/domain"
)

// board seeds about three posts a day, two comments and three reactions
// each, and the notifications they sent. Today's stop at now.
func (hs *houseSeed) board(d domain.CivilDay, present []*occupant) error {
	s := hs.seeder
	if len(present) == 0 {
		return nil
	}
	for range s.between(1, 5) {
		created := hs.atMinute(d, s.between(6*60, 23*60+30))
		if !created.Before(hs.now) {
			continue
		}
		author, kind := pick(s, present).p, pick(s, postKinds)
		if kind == domain.PostAnnouncement {
			author = hs.h.Manager
		}
		pinned := kind == domain.PostAnnouncement && hs.today-d < 60 && s.chance(0.3) && hs.pinned() < 2
		hidden := !pinned && s.chance(0.01)
		body := hs.postBody(kind)
		p := seededPost{id: s.id(), created: created, hidden: hidden, pinned: pinned, reactions: map[ReactionKey]string{}}
		err := s.insert("posts", "id,house,author,kind,body,pinned,hidden,images,subject,milestone,created,updated",
			p.id, hs.h.ID, author.ID, kind, body, pinned, hidden, "[]", "", "", pbt(created), pbt(created))
		if err != nil {
			return err
		}
		if kind == domain.PostSupport {
			for _, o := range append(present, hs.manager) {
				if o.p != author {
					if err := hs.notify(o.p.ID, "support", author.Name+" needs support right now", author.Name+" reached out on the board. A call, a knock on the door or one tap to answer lets them know they're not alone.", "/board/posts/"+p.id, created); err != nil {
						return err
					}
				}
			}
		}
		for range s.between(0, 4) {
			c := pick(s, present).p
			if s.chance(0.15) {
				c = hs.h.Manager
			}
			at := created.Add(time.Duration(s.between(2, 600)) * time.Minute)
			if !at.Before(hs.now) {
				continue
			}
			quick, words := "", pick(s, commentBodies)
			if kind == domain.PostSupport && s.chance(0.5) {
				quick = pick(s, domain.QuickAnswers)
				words = domain.QuickAnswerWords[quick]
			}
			err := s.insert("comments", "id,post,author,body,quick,created,updated", s.id(), p.id, c.ID, words, quick, pbt(at), pbt(at))
			if err != nil {
				return err
			}
			if c != author {
				if err := hs.notify(author.ID, "comment", c.Name+" commented on your post", clip(words, 300), "/board/posts/"+p.id, at); err != nil {
					return err
				}
			}
		}
		for range s.between(0, 6) {
			k := ReactionKey{Post: p.id, User: pick(s, present).p.ID, Kind: pick(s, domain.ReactionKinds)}
			at := created.Add(time.Duration(s.between(1, 720)) * time.Minute)
			if _, dup := p.reactions[k]; dup || !at.Before(hs.now) {
				continue
			}
			id := s.id()
			if err := s.insert("reactions", "id,post,user,kind,created", id, k.Post, k.User, k.Kind, pbt(at)); err != nil {
				return err
			}
			p.reactions[k] = id
		}
		hs.posts = append(hs.posts, p)
	}
	return nil
}

func (hs *houseSeed) pinned() int {
	n := 0
	for _, p := range hs.posts {
		if p.pinned {
			n++
		}
	}
	return n
}

// firstPage keeps the posts of the board's first page that residents may
// react to (pinned first, then the newest visible), with their reactions.
func (hs *houseSeed) firstPage() {
	posts := slices.Clone(hs.posts)
	slices.SortFunc(posts, func(a, b seededPost) int {
		if a.pinned != b.pinned {
			if a.pinned {
				return -1
			}
			return 1
		}
		return b.created.Compare(a.created)
	})
	for _, p := range posts {
		if len(hs.h.Posts) == 20 {
			break
		}
		if p.hidden {
			continue
		}
		hs.h.Posts = append(hs.h.Posts, p.id)
		for k, id := range p.reactions {
			hs.h.Reactions[k] = id
		}
	}
	hs.posts = nil
}

// events seeds the weekly house meeting (Sundays 19:00) and a monthly
// outing, from the start of history to twelve weeks ahead, as one-off
// events (a series would need the series job's ledger), with answers and
// attendance.
func (hs *houseSeed) events() error {
	s := hs.seeder
	for d := hs.start; d <= hs.today+84; d++ {
		t, _ := time.Parse(domain.DateLayout, d.String())
		var title, kind, place string
		var starts time.Time
		required := false
		switch {
		case t.Weekday() == time.Sunday:
			title, kind, place, required = "House meeting", "house_meeting", "Living room", true
			starts = hs.at(d, 19, 0)
		case t.Weekday() == time.Saturday && t.Day() <= 7:
			title, kind, place = pick(s, outings), "social", "Meet on the porch"
			starts = hs.at(d, 14, 0)
		default:
			continue
		}
		id := s.id()
		created := starts.Add(-time.Duration(s.between(3, 20)) * 24 * time.Hour)
		err := s.insert("events", "id,house,title,description,kind,starts,ends,location,required,repeat,repeat_until,series,created_by,created,updated",
			id, hs.h.ID, title, "", kind, pbt(starts), pbt(starts.Add(time.Hour)), place, required, "", "", "", hs.h.Manager.ID, pbt(created), pbt(created))
		if err != nil {
			return err
		}
		ed := min(d, hs.today)
		for _, o := range hs.present(ed) {
			if !s.chance(0.7) {
				continue
			}
			status := "yes"
			if r := s.rng.Float64(); r > 0.9 {
				status = "no"
			} else if r > 0.8 {
				status = "maybe"
			}
			answered := starts.Add(-time.Duration(s.between(1, 72)) * time.Hour)
			if answered.After(hs.now) {
				answered = hs.now.Add(-time.Duration(s.between(1, 600)) * time.Minute)
			}
			attended := starts.Before(hs.now) && status != "no" && s.chance(0.9)
			err := s.insert("rsvps", "id,event,user,status,attended,created,updated", s.id(), id, o.p.ID, status, attended, pbt(answered), pbt(answered))
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// notify writes a notification as the hooks would have sent it: read
// unless it is from the last three days.
func (hs *houseSeed) notify(user, kind, title, body, link string, at time.Time) error {
	s := hs.seeder
	if at.After(hs.now) {
		return nil
	}
	read := hs.now.Sub(at) > 72*time.Hour || s.chance(0.5)
	return s.insert("notifications", "id,user,kind,title,body,link,read,created,updated",
		s.id(), user, kind, clip(title, 200), body, link, read, pbt(at), pbt(at))
}

func (hs *houseSeed) postBody(kind string) string {
	s := hs.seeder
	var parts []string
	switch kind {
	case domain.PostWin:
		parts = append(parts, pick(s, winOpeners))
	case domain.PostSupport:
		parts = append(parts, pick(s, supportOpeners))
	case domain.PostAnnouncement:
		parts = append(parts, pick(s, announcements))
	}
	for range s.between(1, 3) {
		parts = append(parts, pick(s, shareSentences))
	}
	return strings.Join(parts, " ")
}

// clip shortens s to at most n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
