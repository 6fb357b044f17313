package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"sync"

	"hearth/domain"
)

// The resident mix: what the web app asks for, request by request.
const (
	actHome      = "home"       // GET /api/hearth/today?house=: the home screen
	actCheckin   = "checkin"    // POST checkins: the daily (or tonight's curfew) check-in
	actBoard     = "board"      // GET /api/hearth/houses/{id}/board: the board's first page, as board.js asks for it
	actReact     = "react"      // POST or DELETE reactions: a tap on a reaction
	actChoreDone = "chore_done" // PATCH chore_assignments: mark an open chore done
	actStatus    = "status"     // GET /api/hearth/houses/{id}/status: the manager's board
	actPost      = "post"       // POST posts: a share or a win on the board
)

// defaultMix weighs the actions as a house's day does: the home screen and
// the board most, then reactions, check-ins, chores, the manager's board
// and posts.
const defaultMix = "home=30,board=30,react=15,checkin=10,chore_done=8,status=7,post=5"

// hearthActions are the resident mix's actions, weights from the mix.
func (d *driver) hearthActions() []action {
	return []action{
		{name: actHome, run: (*worker).home},
		{name: actBoard, run: (*worker).board},
		{name: actCheckin, run: (*worker).checkin},
		{name: actReact, run: (*worker).react},
		{name: actChoreDone, run: (*worker).choreDone},
		{name: actStatus, run: (*worker).status},
		{name: actPost, run: (*worker).post},
	}
}

// boardFirstPage is board.js's fetchPage(houseId) for the first page: the
// board route with PER_PAGE posts, each with its author, reactions and
// comments (with their authors).
func boardFirstPage(houseID string) string {
	return "/api/hearth/houses/" + url.PathEscape(houseID) + "/board?perPage=20"
}

func (w *worker) home(ctx context.Context) result {
	p := w.resident()
	return timed(w.d.c.do(ctx, http.MethodGet, "/api/hearth/today?house="+p.House.ID, p.Token, nil, ""), nil, http.StatusOK)
}

func (w *worker) board(ctx context.Context) result {
	p := w.resident()
	return timed(w.d.c.do(ctx, http.MethodGet, boardFirstPage(p.House.ID), p.Token, nil, ""), nil, http.StatusOK)
}

func (w *worker) status(ctx context.Context) result {
	h := w.house()
	return timed(w.d.c.do(ctx, http.MethodGet, "/api/hearth/houses/"+h.ID+"/status", h.Manager.Token, nil, ""), nil, http.StatusOK)
}

// post writes a share (or, one time in three, a win) on the resident's
// house's board, as the compose screen sends it.
func (w *worker) post(ctx context.Context) result {
	p := w.resident()
	kind, body := domain.PostShare, shareSentences[w.rng.IntN(len(shareSentences))]
	if w.rng.IntN(3) == 0 {
		kind, body = domain.PostWin, winOpeners[w.rng.IntN(len(winOpeners))]
	}
	return timed(w.d.c.do(ctx, http.MethodPost, "/api/collections/posts/records", p.Token,
		map[string]any{"house": p.House.ID, "author": p.ID, "kind": kind, "body": body}, ""), nil, http.StatusOK)
}

// personCheckins are a person's check-ins of today and tonight that the
// driver made: "" none yet, else the id ("?" when the server said one
// exists that the driver did not make).
type personCheckins struct {
	mu            sync.Mutex
	daily, curfew string
}

// checkin makes a resident's daily check-in, or tonight's curfew one.
// Each may be made once a day: a resident who has made both has one
// deleted first by the superuser (untimed), so the action can repeat on
// a house of a few residents.
func (w *worker) checkin(ctx context.Context) result {
	// Someone nobody else is checking in for, if one comes up quickly.
	p, locked := w.resident(), false
	for range 5 {
		if locked = p.checkins.mu.TryLock(); locked {
			break
		}
		p = w.resident()
	}
	if !locked {
		p.checkins.mu.Lock()
	}
	defer p.checkins.mu.Unlock()
	c := &p.checkins

	kind := domain.CheckinDaily
	switch {
	case c.daily == "":
	case c.curfew == "":
		kind = domain.CheckinCurfew
	default:
		if w.rng.IntN(10) < 3 {
			kind = domain.CheckinCurfew
		}
		slot := &c.daily
		if kind == domain.CheckinCurfew {
			slot = &c.curfew
		}
		if err := w.d.deleteCheckin(ctx, p, kind, *slot); err != nil {
			return result{outcome: failed, detail: "deleting a check-in to make room: " + err.Error()}
		}
		*slot = ""
	}
	body := map[string]any{"house": p.House.ID, "user": p.ID, "kind": kind}
	if kind == domain.CheckinDaily {
		body["mood"] = 1 + w.rng.IntN(5)
		body["craving"] = w.rng.IntN(6)
		body["note"] = checkinNotes[w.rng.IntN(len(checkinNotes))]
	}
	r := w.d.c.do(ctx, http.MethodPost, "/api/collections/checkins/records", p.Token, body, "")
	res := timed(r, func(r response) bool {
		return r.status == http.StatusBadRequest && bytes.Contains(r.body, []byte("already_checked_in"))
	}, http.StatusOK)
	switch {
	case res.outcome == ok && kind == domain.CheckinDaily:
		c.daily = idOf(r.body)
	case res.outcome == ok:
		c.curfew = idOf(r.body)
	case res.outcome == refused && kind == domain.CheckinDaily:
		c.daily = "?"
	case res.outcome == refused:
		c.curfew = "?"
	}
	return res
}

// deleteCheckin deletes a check-in as the superuser (nobody else may),
// finding it first when its id is not known.
func (d *driver) deleteCheckin(ctx context.Context, p *Person, kind, id string) error {
	if id == "?" {
		q := url.Values{}
		q.Set("perPage", "1")
		q.Set("skipTotal", "true")
		q.Set("sort", "-created")
		q.Set("filter", "user = '"+p.ID+"' && house = '"+p.House.ID+"' && kind = '"+kind+"'")
		var list struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		d.helpers.Add(1)
		if err := d.c.json(ctx, http.MethodGet, "/api/collections/checkins/records?"+q.Encode(), d.su, nil, &list); err != nil {
			return err
		}
		if len(list.Items) == 0 {
			return nil
		}
		id = list.Items[0].ID
	}
	d.helpers.Add(1)
	return d.c.json(ctx, http.MethodDelete, "/api/collections/checkins/records/"+id, d.su, nil, nil)
}

// react taps a reaction on a post of the board's first page (the visible
// posts the seed put there, House.Posts, which the board route answers):
// it adds the reaction, or takes it back if the resident had left it.
func (w *worker) react(ctx context.Context) result {
	d := w.d
	var p *Person
	var key ReactionKey
	d.reactMu.Lock()
	for range 10 {
		p = w.resident()
		if len(p.House.Posts) == 0 {
			continue
		}
		key = ReactionKey{Post: p.House.Posts[w.rng.IntN(len(p.House.Posts))], User: p.ID, Kind: domain.ReactionKinds[w.rng.IntN(len(domain.ReactionKinds))]}
		if !d.reacting[key] {
			break
		}
	}
	if key.Post == "" || d.reacting[key] {
		d.reactMu.Unlock()
		return result{outcome: refused, detail: "no post to react to"}
	}
	d.reacting[key] = true
	id, had := d.reactions[key]
	d.reactMu.Unlock()

	var r response
	var res result
	if had {
		r = d.c.do(ctx, http.MethodDelete, "/api/collections/reactions/records/"+id, p.Token, nil, "")
		res = timed(r, nil, http.StatusNoContent)
	} else {
		r = d.c.do(ctx, http.MethodPost, "/api/collections/reactions/records", p.Token,
			map[string]string{"post": key.Post, "user": p.ID, "kind": key.Kind}, "")
		res = timed(r, nil, http.StatusOK)
	}
	d.reactMu.Lock()
	defer d.reactMu.Unlock()
	delete(d.reacting, key)
	if res.outcome == ok {
		if had {
			delete(d.reactions, key)
		} else {
			d.reactions[key] = idOf(r.body)
		}
	}
	return res
}

// choreDone marks an open assignment done as its assignee, the way the
// chores screen does (with a photo when the chore needs one). An
// assignment the driver marked done before is reopened by the superuser
// first (untimed), so the pool never runs dry.
func (w *worker) choreDone(ctx context.Context) result {
	d := w.d
	var a *Assignment
	select {
	case a = <-d.pool:
	default:
		return result{outcome: refused, detail: "no open assignment left in the pool"}
	}
	defer func() { d.pool <- a }()
	if a.done {
		d.helpers.Add(1)
		if err := d.c.json(ctx, http.MethodPatch, "/api/collections/chore_assignments/records/"+a.ID, d.su,
			map[string]string{"status": domain.ChoreOpen}, nil); err != nil {
			return result{outcome: failed, detail: "reopening a chore: " + err.Error()}
		}
		a.done = false
	}
	path := "/api/collections/chore_assignments/records/" + a.ID + "?expand=chore"
	var r response
	if a.NeedsPhoto {
		body, ctype := photoForm()
		r = d.c.do(ctx, http.MethodPatch, path, a.Assignee.Token, body, ctype)
	} else {
		r = d.c.do(ctx, http.MethodPatch, path, a.Assignee.Token, map[string]string{"status": domain.ChoreDone}, "")
	}
	res := timed(r, func(r response) bool {
		// The missed-chore job got there first.
		return r.status == http.StatusBadRequest && (bytes.Contains(r.body, []byte("chore_transition")) || bytes.Contains(r.body, []byte("chore_changed")))
	}, http.StatusOK)
	if res.outcome == ok {
		a.done = true
	}
	return res
}

// photo is a small PNG, the proof a chore that needs a photo gets.
var photo = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for x := range 16 {
		for y := range 16 {
			img.Set(x, y, color.RGBA{R: uint8(x * 16), G: uint8(y * 16), B: 160, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}()

// photoForm is the chores screen's multipart body: status done and a photo.
func photoForm() (*bytes.Buffer, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("status", domain.ChoreDone)
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", `form-data; name="photo"; filename="chore.png"`)
	h.Set("Content-Type", "image/png")
	part, _ := mw.CreatePart(h)
	_, _ = part.Write(photo)
	_ = mw.Close()
	return &b, mw.FormDataContentType()
}
