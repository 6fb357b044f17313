package e2e_test

// Browser tests of the house board: a post made on one phone appears on
// another without a reload, with its photo; reactions toggle and are one
// of each kind per person; a comment appears live; a need-support post
// shows crisis resources and who will be told, raises the housemates'
// bell at once, and a one-tap answer reaches its author; managers hide
// and pin, authors edit and delete, anyone else reports; an alumnus reads
// and shares, and chooses need-support alerts. Each test makes its own
// residents, with unique names, and finds their posts by id.

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

type postRecord struct {
	ID       string   `json:"id"`
	House    string   `json:"house"`
	Author   string   `json:"author"`
	Kind     string   `json:"kind"`
	Body     string   `json:"body"`
	Pinned   bool     `json:"pinned"`
	Hidden   bool     `json:"hidden"`
	Resolved bool     `json:"resolved"`
	Images   []string `json:"images"`
	Created  string   `json:"created"`
}

type boardItem struct {
	ID     string `json:"id"`
	Post   string `json:"post"`
	User   string `json:"user"`
	Author string `json:"author"`
	Kind   string `json:"kind"`
	Body   string `json:"body"`
	Quick  string `json:"quick"`
	Title  string `json:"title"`
	Link   string `json:"link"`
	Read   bool   `json:"read"`
}

// list answers the items of a collection matching filter, as the superuser.
func (a *api) list(collection, filter, sort string) []boardItem {
	a.t.Helper()
	var res struct {
		Items []boardItem `json:"items"`
	}
	q := url.Values{"filter": {filter}, "perPage": {"200"}}
	if sort != "" {
		q.Set("sort", sort)
	}
	a.call("GET", "/api/collections/"+collection+"/records?"+q.Encode(), nil, &res)
	return res.Items
}

func (a *api) postsBy(houseID, authorID string) []postRecord {
	a.t.Helper()
	var res struct {
		Items []postRecord `json:"items"`
	}
	a.call("GET", "/api/collections/posts/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && author = %q`, houseID, authorID)}, "sort": {"-created"},
	}.Encode(), nil, &res)
	return res.Items
}

// newPost posts as the person whose token a holds.
func (a *api) newPost(houseID, authorID, kind, body string) postRecord {
	a.t.Helper()
	var p postRecord
	a.call("POST", "/api/collections/posts/records", map[string]any{
		"house": houseID, "author": authorID, "kind": kind, "body": body,
	}, &p)
	return p
}

func (a *api) unread(userID string) int {
	a.t.Helper()
	return len(a.list("notifications", fmt.Sprintf(`user = %q && read = false`, userID), ""))
}

// feed opens the board and waits until it is live and loaded.
func (p *phone) feed() {
	p.t.Helper()
	p.open("/board")
	p.waitVisible("feed-screen")
	p.until(`document.querySelector('[data-testid="feed-screen"]')?.dataset.live === 'true' &&
		!!document.querySelector('[data-testid="posts"], [data-testid="feed-empty"]')`)
}

// A resident posts a share with a photo from the compose screen; a
// housemate whose board is open sees it appear, photo and all, without a
// reload. A reaction toggles on and off (the count follows on the
// author's phone too) and a second one of the same kind is refused; a
// comment appears live on the author's phone.
func TestBoardLiveShareReactionsComments(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	id1, email1, name1 := newCheckinResident(t, admin, house, "Rowan")
	id2, email2, name2 := newCheckinResident(t, admin, house, "Ellis")

	q := newPhone(t)
	q.signInAs(email2)
	q.feed()
	q.eval(`window.__sameFeed = true, ''`)

	p := q.separate()
	p.signInAs(email1)
	p.waitVisible("home-board")
	p.fits(360)
	p.tappable()
	p.do(chromedp.Click(tid("home-board")))
	p.waitVisible("feed-screen")
	p.do(chromedp.Click(tid("feed-write")))
	p.waitVisible("compose-form")
	if !p.exists(`[data-testid="compose-kind-share"]:checked`) {
		t.Error("the compose screen does not start with a share")
	}
	if p.exists(`[data-testid="compose-kind-announcement"]`) {
		t.Error("a resident is offered an announcement")
	}
	if got := p.attr(`[data-testid="compose-camera-input"]`, "capture"); got != "environment" {
		t.Errorf("the camera input's capture is %q", got)
	}
	if !p.exists(`[data-testid="compose-gallery-input"][multiple]`) {
		t.Error("the gallery input does not take several photos")
	}
	if hint := p.text(`#compose-photos-hint`); !strings.Contains(hint, "4 photos") || !strings.Contains(hint, "8 MB") {
		t.Errorf("the photo hint %q does not say the limits", hint)
	}
	body := unique("First week of the new job done. Thank you all for the rides ")
	p.fill("compose-body", body)
	p.upload(`[data-testid="compose-gallery-input"]`, cameraPhoto(t, 96, 64))
	p.imageLoaded(`[data-testid="compose-photo"]`)
	p.at360("board-compose-share")
	p.do(chromedp.Click(tid("compose-submit")))
	p.waitVisible("feed-message")
	if path := p.eval(`location.pathname`); path != "/board" {
		t.Errorf("after posting, the page is %s", path)
	}
	mine := admin.postsBy(house.ID, id1)
	if len(mine) != 1 || mine[0].Body != body || mine[0].Kind != "share" || len(mine[0].Images) != 1 {
		t.Fatalf("stored posts: %+v", mine)
	}
	post := mine[0]
	card := item("post", post.ID)
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="feed-screen"]').dataset.live === 'true' && document.querySelector(%q)`, card))

	// The housemate's board, open all along, shows it.
	q.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	if q.eval(`String(window.__sameFeed === true)`) != "true" {
		t.Error("the housemate's board was reloaded; the post should appear in place")
	}
	if got := q.text(card + ` [data-testid="post-body"]`); got != body {
		t.Errorf("the housemate reads %q", got)
	}
	if got := q.text(card + ` [data-testid="post-author"]`); got != name1 {
		t.Errorf("the post is by %q, want %q", got, name1)
	}
	if w := q.imageLoaded(card + ` [data-testid="post-photo"] img`); w <= 0 {
		t.Error("the photo's thumbnail did not load")
	}

	// Proud of you: on, counted on both phones, then off.
	proud := card + ` [data-testid="react-proud"]`
	q.click(proud)
	q.until(fmt.Sprintf(`document.querySelector(%q).dataset.count === '1' && document.querySelector(%q).getAttribute('aria-pressed') === 'true'`, proud, proud))
	q.until(fmt.Sprintf(`!document.querySelector(%q)`, proud+`[data-pending]`))
	if got := admin.list("reactions", fmt.Sprintf(`post = %q`, post.ID), ""); len(got) != 1 || got[0].User != id2 || got[0].Kind != "proud" {
		t.Errorf("stored reactions: %+v", got)
	}
	p.until(fmt.Sprintf(`document.querySelector(%q).dataset.count === '1' && document.querySelector(%q).getAttribute('aria-pressed') === 'false'`, proud, proud))
	if label := q.attr(proud, "aria-label"); label != "Proud of you, 1 person" {
		t.Errorf("the reaction's label is %q", label)
	}
	// One of each kind per person.
	if status, _ := as(t, email2).try("POST", "/api/collections/reactions/records", map[string]any{"post": post.ID, "user": id2, "kind": "proud"}); status != http.StatusBadRequest {
		t.Errorf("a second Proud of you answered %d, want 400", status)
	}
	q.at360("board-feed")
	q.click(proud)
	q.until(fmt.Sprintf(`document.querySelector(%q).dataset.count === '0' && document.querySelector(%q).getAttribute('aria-pressed') === 'false'`, proud, proud))
	p.until(fmt.Sprintf(`document.querySelector(%q).dataset.count === '0'`, proud))
	if got := admin.list("reactions", fmt.Sprintf(`post = %q`, post.ID), ""); len(got) != 0 {
		t.Errorf("after the second tap, stored reactions: %+v", got)
	}

	// The photo, large.
	q.click(card + ` [data-testid="post-photo"]`)
	q.waitVisible("post-photo-view")
	q.imageLoaded(`[data-testid="post-photo-view-img"]`)
	q.shot("board-photo")
	q.do(chromedp.Click(tid("post-photo-view-done")))
	q.until(`!document.querySelector('[data-testid="post-photo-view"]')`)

	// A comment, live on the author's phone.
	q.click(card + ` [data-testid="comments-toggle"]`)
	q.until(fmt.Sprintf(`document.querySelector(%q)`, card+` [data-testid="comment-input"]`))
	comment := "So glad for you. Rides are on me next week too."
	q.fill("comment-input", comment)
	q.click(card + ` [data-testid="comment-send"]`)
	q.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === %q`, card+` [data-testid="comment-body"]`, comment))
	p.until(fmt.Sprintf(`document.querySelector(%q).dataset.count === '1'`, card+` [data-testid="post-comments"]`))
	p.click(card + ` [data-testid="comments-toggle"]`)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === %q`, card+` [data-testid="comment-body"]`, comment))
	if got := p.text(card + ` .comment-author`); got != name2 {
		t.Errorf("the comment is by %q, want %q", got, name2)
	}
	p.at360("board-post-comments")

	// The author is told about the comment.
	notes := admin.list("notifications", fmt.Sprintf(`user = %q && kind = "comment"`, id1), "")
	if len(notes) != 1 || notes[0].Link != "/board/posts/"+post.ID {
		t.Errorf("the author's comment notifications: %+v", notes)
	}
	// Its link opens the post with its comments.
	p.open(notes[0].Link)
	p.waitVisible("post-screen")
	p.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === %q`, `[data-testid="comment-body"]`, comment))
	p.at360("board-post")
}

// A resident reaches out for support: the compose screen says who will be
// told and shows 988, the managers' numbers and the partner. The
// housemate's bell goes up while their board is open, the post appears
// there with a Call button (the author shares their phone), and their
// one-tap "On my way" reaches the author's phone, on the post's own
// screen, and the author's bell.
func TestBoardNeedSupport(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	id1, email1, _ := newCheckinResident(t, admin, house, "Harper")
	id2, email2, name2 := newCheckinResident(t, admin, house, "Jesse")
	as(t, email1).call("PATCH", "/api/collections/memberships/records/"+admin.membershipOf(house.ID, id1).ID, map[string]any{"partner": id2}, nil)
	as(t, email1).call("PATCH", "/api/collections/users/records/"+id1, map[string]any{"phone": "+1 555 0142", "share_phone": true}, nil)

	q := newPhone(t)
	q.signInAs(email2)
	q.feed()
	q.until(`document.querySelector('[data-testid="bell"]')?.dataset.live === 'true'`)
	before := admin.unread(id2)
	q.until(fmt.Sprintf(`document.querySelector('[data-testid="bell"]').dataset.count === '%d'`, before))

	p := q.separate()
	p.signInAs(email1)
	p.do(chromedp.Click(tid("home-support")))
	p.waitVisible("compose-form")
	if !p.exists(`[data-testid="compose-kind-support"]:checked`) {
		t.Error("Reach out for support does not open a need-support post")
	}
	p.until(`document.querySelector('[data-testid="crisis-partner-person"]') && document.querySelector('[data-testid="crisis-manager"]')`)
	want := "Everyone in the house and the managers will get a notification right away, and your partner, " + name2 + "."
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="compose-who-text"]')?.textContent === %q`, want))
	if got := p.attr(`[data-testid="crisis-call-988"]`, "href"); got != "tel:988" {
		t.Errorf("Call 988 links to %q", got)
	}
	if got := p.attr(`[data-testid="crisis-text-988"]`, "href"); got != "sms:988" {
		t.Errorf("Text 988 links to %q", got)
	}
	if got := p.text(`[data-testid="crisis"]`); !strings.Contains(got, "988 Suicide & Crisis Lifeline") {
		t.Errorf("the crisis resources say %q", got)
	}
	// Rosa, the demo manager, shares her phone; the partner, new, has none.
	rosa := row("crisis-manager", admin.userID(managerEmail))
	if got := p.attr(rosa+` [data-testid="helper-call"]`, "href"); got != "tel:5550100100" {
		t.Errorf("the manager's call link is %q", got)
	}
	if !p.exists(`[data-testid="crisis-partner-person"] [data-testid="helper-no-phone"]`) {
		t.Error("a partner without a shared phone is not said so")
	}
	p.at360("board-compose-support")

	words := unique("Rough night, cravings are loud. Could use company ")
	p.fill("compose-body", words)
	p.do(chromedp.Click(tid("compose-submit")))
	p.waitVisible("post-screen")
	p.waitVisible("feed-message")
	posts := admin.postsBy(house.ID, id1)
	if len(posts) != 1 || posts[0].Kind != "support" || posts[0].Body != words {
		t.Fatalf("stored posts: %+v", posts)
	}
	post := posts[0]
	if path := p.eval(`location.pathname`); path != "/board/posts/"+post.ID {
		t.Errorf("after reaching out, the page is %s", path)
	}
	p.until(`document.querySelector('[data-testid="post-screen"]').dataset.live === 'true' && document.querySelector('[data-testid="bell"]')?.dataset.live === 'true'`)
	authorBefore := admin.unread(id1)
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="bell"]').dataset.count === '%d'`, authorBefore))

	// The housemate: the bell, then the post, live.
	q.until(fmt.Sprintf(`document.querySelector('[data-testid="bell"]').dataset.count === '%d'`, before+1))
	card := item("post", post.ID)
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.kind === 'support'`, card))
	if got := q.eval(`location.pathname`); got != "/board" {
		t.Errorf("the housemate's page moved to %s", got)
	}
	if n := q.eval(fmt.Sprintf(`String(document.querySelectorAll(%q).length)`, card+` [data-testid="quick-answers"] button`)); n != "3" {
		t.Errorf("the housemate has %s one-tap answers, want 3", n)
	}
	q.at360("board-feed-support")
	// The author shares their phone: a Call button, also once the board is
	// loaded again (its pages carry no phone numbers; the feed asks for the
	// author's on its own).
	q.feed()
	q.until(fmt.Sprintf(`document.querySelector(%q)?.getAttribute('href') === 'tel:+15550142'`, card+` [data-testid="quick-call"]`))
	q.click(card + ` [data-testid="quick-on_my_way"]`)
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.quick === 'on_my_way'`, card+` [data-testid="comment"]`))

	// The author: the answer on the post, and the bell.
	p.until(`document.querySelector('[data-testid="comment"]')?.dataset.quick === 'on_my_way'`)
	if got := p.text(`[data-testid="comment-body"]`); got != "On my way" {
		t.Errorf("the answer reads %q", got)
	}
	p.until(fmt.Sprintf(`document.querySelector('[data-testid="bell"]').dataset.count === '%d'`, authorBefore+1))
	answers := admin.list("notifications", fmt.Sprintf(`user = %q && kind = "support_answer"`, id1), "")
	if len(answers) != 1 || !strings.Contains(answers[0].Title, "On my way") {
		t.Errorf("the author's answer notifications: %+v", answers)
	}
	if p.exists(`[data-testid="quick-answers"]`) {
		t.Error("the author is offered one-tap answers to their own post")
	}
	p.at360("board-post-support")
}

// A manager hides a post: it leaves a housemate's open board at once, its
// author still sees it, marked Hidden. The author edits and deletes their own post. A housemate
// reports one; the managers see the report and dismiss it. A manager's
// pinned announcement stays on top until unpinned.
func TestBoardModeration(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	id1, email1, _ := newCheckinResident(t, admin, house, "Sawyer")
	_, email2, _ := newCheckinResident(t, admin, house, "Quinn")
	author := as(t, email1)
	toHide := author.newPost(house.ID, id1, "share", unique("Something I should not have posted "))
	toEdit := author.newPost(house.ID, id1, "win", unique("Two weeks without energy drinks "))
	toReport := author.newPost(house.ID, id1, "share", unique("A post someone reports "))

	// A housemate has the board open with the post on it.
	m := newPhone(t)
	q := m.separate()
	q.signInAs(email2)
	q.feed()
	hide := item("post", toHide.ID)
	q.until(fmt.Sprintf(`document.querySelector(%q)`, hide))

	// The manager hides it.
	m.signInAs(managerEmail)
	m.feed()
	m.until(fmt.Sprintf(`document.querySelector(%q)`, hide))
	m.click(hide + ` [data-testid="post-options"]`)
	m.waitVisible("post-options-dialog")
	if m.exists(`[data-testid="post-edit"]`) {
		t.Error("a manager is offered to edit someone else's words")
	}
	m.at360("board-options-manager")
	m.do(chromedp.Click(tid("post-hide")))
	m.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.hidden === 'true' && !document.querySelector('[data-testid="post-options-dialog"]')`, hide))
	m.waitVisible("post-hidden")
	var stored postRecord
	admin.call("GET", "/api/collections/posts/records/"+toHide.ID, nil, &stored)
	if !stored.Hidden {
		t.Error("the post is not hidden on the server")
	}

	// It leaves the housemate's open board at once, and stays gone after a
	// reload; the author still sees it, marked.
	q.until(fmt.Sprintf(`!document.querySelector(%q)`, hide))
	q.feed()
	report := item("post", toReport.ID)
	q.until(fmt.Sprintf(`document.querySelector(%q)`, report))
	if q.exists(hide) {
		t.Error("a housemate still sees the hidden post")
	}
	p := m.separate()
	p.signInAs(email1)
	p.feed()
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.hidden === 'true'`, hide))
	if got := p.text(hide + ` [data-testid="post-hidden-note"]`); !strings.Contains(got, "Only you and the house managers") {
		t.Errorf("the author's hidden note says %q", got)
	}
	if n := len(admin.list("notifications", fmt.Sprintf(`user = %q && kind = "post_hidden"`, id1), "")); n != 1 {
		t.Errorf("the author got %d hidden notifications, want 1", n)
	}

	// The author edits and deletes their own post; Report is not theirs to make.
	edit := item("post", toEdit.ID)
	p.click(edit + ` [data-testid="post-options"]`)
	p.waitVisible("post-options-dialog")
	if p.exists(`[data-testid="post-report"]`) || p.exists(`[data-testid="post-hide"]`) {
		t.Error("the author is offered Report or Hide on their own post")
	}
	p.do(chromedp.Click(tid("post-edit")))
	p.waitVisible("post-edit-dialog")
	p.fill("post-edit-body", "Three weeks without energy drinks!")
	p.at360("board-edit")
	p.do(chromedp.Click(tid("post-edit-save")))
	p.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === 'Three weeks without energy drinks!' && !document.querySelector('[data-testid="post-edit-dialog"]')`,
		edit+` [data-testid="post-body"]`))
	q.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === 'Three weeks without energy drinks!'`, edit+` [data-testid="post-body"]`))
	p.click(edit + ` [data-testid="post-options"]`)
	p.waitVisible("post-options-dialog")
	p.do(chromedp.Click(tid("post-delete")))
	p.waitVisible("post-delete-dialog")
	p.do(chromedp.Click(tid("post-delete-yes")))
	p.until(fmt.Sprintf(`!document.querySelector(%q)`, edit))
	q.until(fmt.Sprintf(`!document.querySelector(%q)`, edit))
	if status, _ := admin.try("GET", "/api/collections/posts/records/"+toEdit.ID, nil); status != http.StatusNotFound {
		t.Errorf("the deleted post answers %d", status)
	}

	// A housemate reports a post, with a reason.
	q.click(report + ` [data-testid="post-options"]`)
	q.waitVisible("post-options-dialog")
	if q.exists(`[data-testid="post-delete"]`) || q.exists(`[data-testid="post-edit"]`) {
		t.Error("a housemate is offered to edit or delete someone else's post")
	}
	q.do(chromedp.Click(tid("post-report")))
	q.waitVisible("post-report-dialog")
	q.do(chromedp.Click(tid("post-report-send")))
	q.waitVisible("post-report-reason-error")
	reason := "It names someone who asked not to be talked about."
	q.fill("post-report-reason", reason)
	q.at360("board-report")
	q.do(chromedp.Click(tid("post-report-send")))
	q.waitVisible("feed-message")
	q.until(`!document.querySelector('[data-testid="post-report-dialog"]')`)
	if got := admin.list("reports", fmt.Sprintf(`post = %q`, toReport.ID), ""); len(got) != 1 {
		t.Errorf("stored reports: %+v", got)
	}

	// The managers see it, live, on the board and on the post; they dismiss it.
	m.until(fmt.Sprintf(`document.querySelector(%q)`, `[data-testid="feed-report"][data-post="`+toReport.ID+`"]`))
	m.until(fmt.Sprintf(`document.querySelector(%q)`, report+` [data-testid="post-reported"]`))
	if got := m.text(`[data-testid="feed-reports"] .report-reason`); got != reason {
		t.Errorf("the manager reads the reason %q", got)
	}
	m.at360("board-reports")
	m.click(report + ` [data-testid="post-options"]`)
	m.waitVisible("post-reports")
	m.do(chromedp.Click(tid("post-dismiss-reports")))
	m.until(fmt.Sprintf(`!document.querySelector('[data-testid="feed-reports"]') && !document.querySelector(%q)`, report+` [data-testid="post-reported"]`))
	if got := admin.list("reports", fmt.Sprintf(`post = %q`, toReport.ID), ""); len(got) != 0 {
		t.Errorf("after dismissing, stored reports: %+v", got)
	}
	// The author never sees the report.
	p.feed()
	p.until(fmt.Sprintf(`document.querySelector(%q)`, report))
	if p.exists(`[data-testid="feed-reports"]`) || p.exists(report+` [data-testid="post-reported"]`) {
		t.Error("the author sees a report")
	}

	// A pinned announcement stays on top; unpinned, it takes its place.
	m.open("/board/new")
	m.waitVisible("compose-form")
	m.click(`[data-testid="compose-kind-announcement"]`)
	m.waitVisible("compose-pin")
	m.click(`[data-testid="compose-pin"]`)
	news := unique("House meeting moves to Sunday at 6 pm. Pizza after ")
	m.fill("compose-body", news)
	m.at360("board-compose-announcement")
	m.do(chromedp.Click(tid("compose-submit")))
	m.waitVisible("feed-message")
	managerPosts := admin.postsBy(house.ID, admin.userID(managerEmail))
	if len(managerPosts) == 0 || managerPosts[0].Body != news || !managerPosts[0].Pinned || managerPosts[0].Kind != "announcement" {
		t.Fatalf("the announcement: %+v", managerPosts)
	}
	pinned := item("post", managerPosts[0].ID)
	q.until(fmt.Sprintf(`document.querySelector('[data-testid="post"]')?.dataset.id === %q`, managerPosts[0].ID))
	// A resident's newer post still comes after it.
	later := author.newPost(house.ID, id1, "share", unique("Newer, but not pinned "))
	q.until(fmt.Sprintf(`document.querySelector(%q)`, item("post", later.ID)))
	if first := q.attr(`[data-testid="post"]`, "data-id"); first != managerPosts[0].ID {
		t.Errorf("the first post is %s, want the pinned announcement", first)
	}
	if !q.exists(pinned + ` [data-testid="post-pinned"]`) {
		t.Error("the pinned announcement is not marked Pinned")
	}
	q.at360("board-pinned")
	m.until(fmt.Sprintf(`document.querySelector(%q)`, pinned))
	m.click(pinned + ` [data-testid="post-options"]`)
	m.waitVisible("post-options-dialog")
	m.do(chromedp.Click(tid("post-pin")))
	m.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.pinned === 'false'`, pinned))
	// Unpinned, it falls back among the posts by date, after the newer one
	// (the demo house's own pinned announcement stays on top).
	q.until(fmt.Sprintf(`(() => {
		const ids = [...document.querySelectorAll('[data-testid="post"]')].map((e) => e.dataset.id);
		return document.querySelector(%q)?.dataset.pinned === 'false' && ids.includes(%q) && ids.indexOf(%q) < ids.indexOf(%q);
	})()`, pinned, later.ID, later.ID, managerPosts[0].ID))
}

// An alumnus reads the board and shares a win, is offered need support
// (which alerts the managers and the alumni who opted in, never the
// residents) with the crisis numbers on their home, and turns the house's
// need-support alerts on and off on their profile.
func TestBoardAlumnus(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	chris := admin.userID(chrisEmail)

	p := newPhone(t)
	p.signInAs(chrisEmail)
	p.waitVisible("home-board")
	// Issue 17: alumni reach out too, to the managers and the alumni who
	// opted in; their home shows the crisis numbers.
	p.waitVisible("home-support")
	p.waitVisible("nav-reach-out")
	p.waitVisible("crisis")
	for css, want := range map[string]string{
		`[data-testid="crisis-call-988"]`:    "tel:988",
		`[data-testid="crisis-call-samhsa"]`: "tel:18006624357",
		`[data-testid="home-support"]`:       "/board/new?kind=support",
	} {
		if got := p.attr(css, "href"); got != want {
			t.Errorf("%s links to %q, want %q", css, got, want)
		}
	}
	p.at360("care-4-alumnus-home")
	p.do(chromedp.Click(tid("home-board")))
	p.waitVisible("feed-screen")
	p.until(`document.querySelector('[data-testid="feed-screen"]').dataset.live === 'true'`)
	p.waitVisible("feed-support")
	p.do(chromedp.Click(tid("feed-write")))
	p.waitVisible("compose-form")
	if !p.exists(`[data-testid="compose-kind-support"]`) || p.exists(`[data-testid="compose-kind-announcement"]`) {
		t.Error("an alumnus should be offered need support and not an announcement")
	}
	p.click(`[data-testid="compose-kind-win"]`)
	win := unique("Eighteen months today. Maple House is where it started ")
	p.fill("compose-body", win)
	p.do(chromedp.Click(tid("compose-submit")))
	p.waitVisible("feed-message")
	posts := admin.postsBy(house.ID, chris)
	if len(posts) == 0 || posts[0].Body != win || posts[0].Kind != "win" {
		t.Fatalf("the alumnus's posts: %+v", posts)
	}
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.kind === 'win'`, item("post", posts[0].ID)))
	p.at360("board-alumnus")

	// Need-support alerts, their choice.
	p.open("/profile")
	toggle := `[data-testid="support-alert"][data-house="` + house.ID + `"] [data-testid="support-alert-toggle"]`
	p.until(fmt.Sprintf(`document.querySelector(%q)`, toggle))
	if p.exists(toggle + `:checked`) {
		t.Error("an alumnus's support alerts start on")
	}
	p.click(toggle)
	p.waitVisible("support-alert-saved")
	var m struct {
		SupportAlerts bool `json:"support_alerts"`
	}
	membership := admin.membershipOf(house.ID, chris)
	admin.call("GET", "/api/collections/memberships/records/"+membership.ID, nil, &m)
	if !m.SupportAlerts {
		t.Error("support_alerts is not on after the toggle")
	}
	p.at360("board-alumnus-alerts")
	p.click(toggle)
	p.until(fmt.Sprintf(`!document.querySelector(%q) && document.querySelector('[data-testid="support-alert-saved"]')?.textContent.includes('off')`, toggle+`:checked`))
	admin.call("GET", "/api/collections/memberships/records/"+membership.ID, nil, &m)
	if m.SupportAlerts {
		t.Error("support_alerts is still on after the second toggle")
	}
}

// Each kind looks its own on the board (a milestone the server made, an
// announcement, a win, a share, a need-support post), and "Show older
// posts" brings the next page: every post the housemate may see, once.
func TestBoardKindsAndPages(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	id1, email1, name1 := newCheckinResident(t, admin, house, "Kendall")
	author := as(t, email1)
	for i := 1; i <= 22; i++ {
		author.newPost(house.ID, id1, "share", fmt.Sprintf("Gratitude list, day %d: coffee, the porch, this house.", i))
	}
	author.newPost(house.ID, id1, "win", "Paid my first month of rent on my own.")
	author.newPost(house.ID, id1, "support", "Court date tomorrow and I can't sleep. Anyone up?")
	as(t, managerEmail).newPost(house.ID, admin.userID(managerEmail), "announcement", "Fire drill on Saturday at 10 am. Meet by the mailbox.")
	var milestone postRecord
	admin.call("POST", "/api/collections/posts/records", map[string]any{
		"house": house.ID, "author": id1, "subject": id1, "kind": "milestone", "milestone": "30d",
		"body": "30 days! " + name1 + " reached 30 days sober today.",
	}, &milestone)

	var visible struct {
		Items []struct{ ID string } `json:"items"`
	}
	admin.call("GET", "/api/collections/posts/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && hidden = false`, house.ID)}, "perPage": {"500"}, "fields": {"id"},
	}.Encode(), nil, &visible)

	_, email2, _ := newCheckinResident(t, admin, house, "Blake")
	p := newPhone(t)
	p.signInAs(email2)
	p.feed()
	m := item("post", milestone.ID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, m))
	if got := p.text(m + ` [data-testid="post-banner"]`); got != "Milestone · 30 days" {
		t.Errorf("the milestone's banner says %q", got)
	}
	if n := p.eval(`String(document.querySelectorAll('[data-testid="post"]').length)`); n != "20" {
		t.Errorf("the first page shows %s posts, want 20", n)
	}
	p.at360("board-kinds")
	for p.exists(`[data-testid="feed-more"]`) {
		before := p.eval(`String(document.querySelectorAll('[data-testid="post"]').length)`)
		p.do(chromedp.Click(tid("feed-more")))
		p.until(fmt.Sprintf(`document.querySelectorAll('[data-testid="post"]').length > %s || document.querySelector('[data-testid="feed-end"]')`, before))
	}
	p.waitVisible("feed-end")
	ids := run(p, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="post"]')].map(e => e.dataset.id)`))
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("post %s shows twice", id)
		}
		seen[id] = true
	}
	if len(ids) != len(visible.Items) {
		t.Errorf("after showing older posts, the board shows %d posts; the housemate may see %d", len(ids), len(visible.Items))
	}
	for _, v := range visible.Items {
		if !seen[v.ID] {
			t.Errorf("post %s is missing from the board", v.ID)
		}
	}
}
