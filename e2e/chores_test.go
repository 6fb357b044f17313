package e2e_test

// Browser tests of chores: the manager's chore list and editor, a resident
// marking a chore done with a photo from the phone's camera, the review
// queue (approve, send back with a reason, excuse), the redo, a manager's
// own chore waiting for someone else, and the four-week table; every screen
// at 360 px. The server is shared by all tests, so each test makes its own
// resident and chores, with unique names, and finds them by id.

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

type choreRecord struct {
	ID          string   `json:"id"`
	House       string   `json:"house"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Cadence     string   `json:"cadence"`
	Weekday     int      `json:"weekday"`
	Monthday    int      `json:"monthday"`
	DueTime     string   `json:"due_time"`
	Points      int      `json:"points"`
	NeedsPhoto  bool     `json:"needs_photo"`
	Active      bool     `json:"active"`
	Rotation    []string `json:"rotation"`
}

type assignmentRecord struct {
	ID         string `json:"id"`
	Chore      string `json:"chore"`
	House      string `json:"house"`
	Assignee   string `json:"assignee"`
	Due        string `json:"due"`
	Status     string `json:"status"`
	Points     int    `json:"points"`
	Photo      string `json:"photo"`
	Note       string `json:"note"`
	DoneAt     string `json:"done_at"`
	ReviewedBy string `json:"reviewed_by"`
	ReviewNote string `json:"review_note"`
}

func pbTime(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04:05.000Z")
}

func (a *api) choreByTitle(houseID, title string) choreRecord {
	a.t.Helper()
	var res struct {
		Items []choreRecord `json:"items"`
	}
	a.call("GET", "/api/collections/chores/records?"+url.Values{
		"filter": {fmt.Sprintf(`house = %q && title = %q`, houseID, title)},
	}.Encode(), nil, &res)
	if len(res.Items) != 1 {
		a.t.Fatalf("found %d chores titled %q", len(res.Items), title)
	}
	return res.Items[0]
}

func (a *api) newChore(houseID string, fields map[string]any) choreRecord {
	a.t.Helper()
	body := map[string]any{"house": houseID, "cadence": "daily", "due_time": "21:00", "points": 1, "active": true}
	for k, v := range fields {
		body[k] = v
	}
	var c choreRecord
	a.call("POST", "/api/collections/chores/records", body, &c)
	return c
}

// newAssignment does what the scheduler does: one chore for one person, due at `due`.
func (a *api) newAssignment(c choreRecord, userID string, due time.Time, status string) string {
	a.t.Helper()
	var rec assignmentRecord
	a.call("POST", "/api/collections/chore_assignments/records", map[string]any{
		"chore": c.ID, "house": c.House, "assignee": userID, "due": pbTime(due), "status": status, "points": c.Points,
	}, &rec)
	return rec.ID
}

func (a *api) assignment(id string) assignmentRecord {
	a.t.Helper()
	var rec assignmentRecord
	a.call("GET", "/api/collections/chore_assignments/records/"+id, nil, &rec)
	return rec
}

// statusOf answers the HTTP status of a GET as the superuser.
func (a *api) statusOf(path string) int {
	a.t.Helper()
	req, err := http.NewRequest("GET", baseURL+path, nil)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Authorization", a.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// cameraPhoto writes a PNG as big as a phone camera's smaller photos, so the
// app has to make it smaller before sending it.
func cameraPhoto(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 256), 255})
		}
	}
	path := filepath.Join(t.TempDir(), "IMG_2041.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func item(testid, id string) string {
	return fmt.Sprintf(`[data-testid=%q][data-id=%q]`, testid, id)
}

// click taps the first element matching css.
func (p *phone) click(css string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(css)))
}

func (p *phone) exists(css string) bool {
	p.t.Helper()
	return p.eval(fmt.Sprintf(`String(!!document.querySelector(%q))`, css)) == "true"
}

// upload gives a file input a photo, as the phone's camera does.
func (p *phone) upload(css, path string) {
	p.t.Helper()
	p.do(chromedp.SetUploadFiles(chromedp.CSS(css), []string{path}))
}

// imageLoaded waits until the image matching css has loaded and returns its natural width.
func (p *phone) imageLoaded(css string) int {
	p.t.Helper()
	p.until(fmt.Sprintf(`(() => { const i = document.querySelector(%q); return i && i.complete && i.naturalWidth > 0; })()`, css))
	return run(p, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelector(%q).naturalWidth`, css)))
}

// sendPhoto marks the assignment done on the resident's screen with a photo.
func (p *phone) sendPhoto(assignmentID, photo, note string) {
	p.t.Helper()
	card := item("chore", assignmentID)
	p.upload(card+` [data-testid="chore-photo-input"]`, photo)
	p.waitVisible("photo-dialog")
	p.imageLoaded(`[data-testid="photo-preview"]`)
	if note != "" {
		p.fill("photo-note", note)
	}
	p.do(chromedp.Click(tid("photo-send")))
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'done' && !document.querySelector('[data-testid="photo-dialog"]')`, card))
	p.waitVisible("chores-message")
}

func (p *phone) at360(name string) {
	p.t.Helper()
	p.shot(name)
	p.fits(360)
	p.tappable()
}

// A manager makes a chore that needs a photo; the resident it is assigned
// to takes the photo and sends it; the manager sees it in the review queue
// and approves it. A second one is sent back with a reason, which the
// resident reads before doing it again; a third, not done, is excused.
func TestChoreDoneWithPhotoAndReviewed(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	managerID := admin.userID(managerEmail)
	residentName := unique("Dana Chores ")
	residentEmail := unique("dana") + "@maple.example"
	residentID, _ := admin.newResident(house.ID, residentName, residentEmail, "9", "C", houseToday(t, house.Timezone).Format("2006-01-02"))
	title := unique("Kitchen counters and sink ")

	// ---- the manager's editor ----
	p := newPhone(t)
	p.signInAs(managerEmail)
	p.waitVisible("manage-chores")
	p.do(chromedp.Click(tid("manage-chores")))
	p.waitVisible("chores-admin-screen")
	p.at360("chores-admin")

	p.do(chromedp.Click(tid("chores-add")))
	p.waitVisible("chore-form")
	p.do(chromedp.Click(tid("chore-save")))
	p.waitVisible("chore-title-error") // a chore needs a name: said next to the field
	p.at360("chore-editor-new")

	p.fill("chore-title", title)
	p.fill("chore-description", "Wipe the counters, wash and dry the sink, take out the compost.")
	// The weekday shows only for weekly chores, the day of the month only for monthly ones.
	p.do(chromedp.Click(tid("chore-cadence-weekly")))
	p.waitVisible("chore-weekday")
	if p.exists(`[data-testid="chore-monthday"]`) {
		t.Error("a weekly chore shows the day of the month")
	}
	p.do(chromedp.Click(tid("chore-cadence-monthly")))
	p.waitVisible("chore-monthday")
	if p.exists(`[data-testid="chore-weekday"]`) {
		t.Error("a monthly chore shows the weekday")
	}
	p.do(chromedp.Click(tid("chore-cadence-daily")))
	p.until(`!document.querySelector('[data-testid="chore-weekday"], [data-testid="chore-monthday"]')`)
	p.set("chore-due-time", "21:30")
	p.set("chore-points", "2")
	p.do(chromedp.Click(tid("chore-needs-photo")))
	p.click(fmt.Sprintf(`[data-testid="chore-rotation-person"][data-user=%q]`, residentID))
	p.until(`document.querySelector('[data-testid="chore-rotation-hint"]').dataset.count === '1'`)
	p.at360("chore-editor-filled")
	p.do(chromedp.Click(tid("chore-save")))
	p.waitVisible("chores-admin-message")
	p.until(`!document.querySelector('[data-testid="chore-editor"]')`)

	chore := admin.choreByTitle(house.ID, title)
	if chore.Cadence != "daily" || chore.DueTime != "21:30" || chore.Points != 2 || !chore.NeedsPhoto || !chore.Active ||
		len(chore.Rotation) != 1 || chore.Rotation[0] != residentID || !strings.HasPrefix(chore.Description, "Wipe the counters") {
		t.Errorf("the saved chore is %+v", chore)
	}
	row := item("chore-row", chore.ID)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.closest('[data-testid="chores-active"]')`, row))
	if got := p.text(row + ` [data-testid="chore-row-when"]`); !strings.Contains(got, "9:30") {
		t.Errorf("the chore's row says %q, want it due at 9:30 PM", got)
	}
	if !p.exists(row + ` [data-testid="chore-row-photo"]`) {
		t.Error("the chore's row does not say it needs a photo")
	}
	p.at360("chores-admin-list")

	// ---- the resident marks today's chore done with a photo ----
	first := admin.newAssignment(chore, residentID, time.Now(), "open")
	photo := cameraPhoto(t, 2000, 1500)

	q := p.separate()
	q.signInAs(residentEmail)
	q.until(`document.querySelector('[data-testid="home-chores"]')?.dataset.state === 'ready'`)
	if n, _ := strconv.Atoi(q.attr(`[data-testid="home-chores"]`, "data-open")); n < 1 {
		t.Errorf("the home card counts %d chores to do today, want at least 1", n)
	}
	q.at360("chores-home-card")
	q.do(chromedp.Click(tid("home-chores")))
	q.waitVisible("chores-screen")
	card := item("chore", first)
	q.until(fmt.Sprintf(`document.querySelector(%q)?.closest('[data-testid="chores-today"]')`, card))
	if got := q.text(card + ` [data-testid="chore-title"]`); got != title {
		t.Errorf("the chore card's title is %q, want %q", got, title)
	}
	if got := q.attr(card+` [data-testid="chore-photo-input"]`, "capture"); got != "environment" {
		t.Errorf("the photo input's capture is %q, want environment (the back camera)", got)
	}
	q.at360("chores-resident-today")

	q.upload(card+` [data-testid="chore-photo-input"]`, photo)
	q.waitVisible("photo-dialog")
	if w := q.imageLoaded(`[data-testid="photo-preview"]`); w > 1600 {
		t.Errorf("the photo to send is %d px wide; it should be made at most 1600 px", w)
	}
	q.fill("photo-note", "Sink scrubbed too.")
	q.at360("chores-photo-preview")
	q.do(chromedp.Click(tid("photo-send")))
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'done'`, card))
	q.waitVisible("chores-message")
	q.at360("chores-resident-sent")

	a := admin.assignment(first)
	if a.Status != "done" || a.Photo == "" || a.Note != "Sink scrubbed too." || a.DoneAt == "" {
		t.Errorf("after sending, the assignment is %+v", a)
	}
	if !strings.HasSuffix(a.Photo, ".jpg") {
		t.Errorf("the stored photo is %q; the app should send a smaller JPEG", a.Photo)
	}

	// ---- the manager approves it ----
	p.open("/manage/review")
	waiting := item("review-item", first)
	p.waitVisible("review-screen")
	p.until(fmt.Sprintf(`document.querySelector(%q)`, waiting))
	if got := p.text(waiting + ` [data-testid="review-name"]`); got != residentName {
		t.Errorf("the review item names %q, want %q", got, residentName)
	}
	p.imageLoaded(waiting + ` [data-testid="review-thumb"]`)
	if got := p.text(waiting + ` [data-testid="review-note"]`); !strings.Contains(got, "Sink scrubbed too.") {
		t.Errorf("the review item shows the note %q", got)
	}
	p.at360("review-queue")
	p.click(waiting + ` [data-testid="review-photo"]`)
	p.waitVisible("photo-view")
	p.imageLoaded(`[data-testid="photo-view-img"]`)
	p.at360("review-photo-large")
	p.do(chromedp.Click(tid("photo-view-close")))
	p.until(`!document.querySelector('[data-testid="photo-view"]')`)
	p.click(waiting + ` [data-testid="review-approve"]`)
	p.until(fmt.Sprintf(`!document.querySelector(%q)`, waiting))
	p.waitVisible("review-message")
	if a := admin.assignment(first); a.Status != "approved" || a.ReviewedBy != managerID {
		t.Errorf("after approving, the assignment is %+v", a)
	}
	q.open("/chores")
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'approved'`, card))

	// ---- a second one is sent back with a reason, and done again ----
	second := admin.newAssignment(chore, residentID, time.Now(), "open")
	q.open("/chores")
	q.until(fmt.Sprintf(`document.querySelector(%q)`, item("chore", second)))
	q.sendPhoto(second, photo, "")

	p.open("/manage/review")
	sent := item("review-item", second)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, sent))
	p.click(sent + ` [data-testid="review-reject"]`)
	p.waitVisible("reject-form")
	p.do(chromedp.Click(tid("reject-send")))
	p.waitVisible("reject-reason-error") // a reason is required: said next to the field
	p.at360("review-reject-dialog")
	reason := "The sink still has dishes in it. Please wash them and take a new photo."
	p.fill("reject-reason", reason)
	p.do(chromedp.Click(tid("reject-send")))
	p.until(fmt.Sprintf(`!document.querySelector(%q) && !document.querySelector('[data-testid="reject-dialog"]')`, sent))
	if a := admin.assignment(second); a.Status != "rejected" || a.ReviewNote != reason {
		t.Errorf("after sending back, the assignment is %+v", a)
	}

	q.open("/chores")
	again := item("chore", second)
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'rejected'`, again))
	if got := q.text(again + ` [data-testid="chore-review-note"]`); !strings.Contains(got, reason) {
		t.Errorf("the resident sees %q, want the manager's reason", got)
	}
	q.at360("chores-sent-back")
	q.sendPhoto(second, photo, "Dishes washed.")
	if a := admin.assignment(second); a.Status != "done" || a.Photo == "" {
		t.Errorf("after doing it again, the assignment is %+v", a)
	}

	// ---- one not done is excused ----
	third := admin.newAssignment(chore, residentID, time.Now().Add(-30*time.Minute), "open")
	p.open("/manage/review")
	notDone := item("not-done-item", third)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, notDone))
	p.click(notDone + ` [data-testid="review-excuse"]`)
	p.waitVisible("excuse-form")
	p.fill("excuse-note", "Doctor's appointment")
	p.at360("review-excuse-dialog")
	p.do(chromedp.Click(tid("excuse-send")))
	p.until(fmt.Sprintf(`!document.querySelector(%q)`, notDone))
	if a := admin.assignment(third); a.Status != "excused" || a.ReviewedBy != managerID {
		t.Errorf("after excusing, the assignment is %+v", a)
	}
	q.open("/chores")
	q.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'excused'`, item("chore", third)))
	q.at360("chores-resident-week")

	// ---- the four-week table ----
	var mine struct {
		Items []assignmentRecord `json:"items"`
	}
	admin.call("GET", "/api/collections/chore_assignments/records?"+url.Values{
		"filter": {fmt.Sprintf(`assignee = %q`, residentID)}, "perPage": {"200"},
	}.Encode(), nil, &mine)
	want := map[string]int{}
	for _, x := range mine.Items {
		want["assigned"] += x.Points
		switch x.Status {
		case "done", "approved":
			want["done"] += x.Points
		case "missed", "excused":
			want[x.Status] += x.Points
		}
	}
	p.open("/manage/chore-points")
	prow := fmt.Sprintf(`[data-testid="points-row"][data-user=%q]`, residentID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, prow))
	for _, col := range []string{"assigned", "done", "missed", "excused"} {
		if got := p.attr(prow+` [data-testid="points-`+col+`"]`, "data-value"); got != strconv.Itoa(want[col]) {
			t.Errorf("the table says %s = %s for the resident, want %d", col, got, want[col])
		}
	}
	if n := run(p, chromedp.Evaluate[int](`document.querySelectorAll('.points-table caption, .points-table th[scope="col"], .points-table th[scope="row"]').length`)); n < 6 {
		t.Errorf("the table has %d caption and header cells; want a caption, column and row headers", n)
	}
	p.at360("chore-points")
	if sw := run(p, chromedp.Evaluate[int](`document.querySelector('[data-testid="points-scroll"]').scrollWidth - document.querySelector('[data-testid="points-scroll"]').clientWidth`)); sw > 0 {
		t.Logf("the table scrolls %d px sideways inside its box at 360 px", sw)
	}

	// ---- the manager turns the chore off; it moves to "Not active" ----
	p.open("/manage/chores")
	p.until(fmt.Sprintf(`document.querySelector(%q)`, row))
	p.click(row + ` [data-testid="chore-open"]`)
	p.waitVisible("chore-form")
	if got := p.eval(`document.querySelector('[data-testid="chore-title"]').value`); got != title {
		t.Errorf("the editor opened with title %q, want %q", got, title)
	}
	p.do(chromedp.Click(tid("chore-active")))
	p.do(chromedp.Click(tid("chore-save")))
	p.until(fmt.Sprintf(`document.querySelector(%q)?.closest('[data-testid="chores-paused"]')`, row))
	if c := admin.choreByTitle(house.ID, title); c.Active {
		t.Error("the chore is still active after turning it off")
	}

	// ---- a resident is kindly turned away from the manager's screens ----
	for _, path := range []string{"/manage/chores", "/manage/review", "/manage/chore-points"} {
		q.open(path)
		q.waitVisible("not-manager")
		q.fits(360)
		q.tappable()
	}
}

// A manager's own chore waits for another manager: it shows in the queue
// without Approve or Send back. A chore without a photo is done in one tap.
func TestManagersOwnChoreWaitsForSomeoneElse(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	managerID := admin.userID(managerEmail)
	chore := admin.newChore(house.ID, map[string]any{
		"title": unique("Office recycling "), "points": 1, "needs_photo": false, "rotation": []string{managerID},
	})
	mine := admin.newAssignment(chore, managerID, time.Now(), "open")

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.waitVisible("home-chores")
	p.do(chromedp.Click(tid("home-chores")))
	card := item("chore", mine)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	if p.exists(card + ` [data-testid="chore-photo"]`) {
		t.Error("a chore that needs no photo asks for one")
	}
	p.click(card + ` [data-testid="chore-done"]`)
	p.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.status === 'done'`, card))
	if a := admin.assignment(mine); a.Status != "done" || a.Photo != "" {
		t.Errorf("after one tap, the assignment is %+v", a)
	}

	// The chore came to need a photo after the screen loaded: the server
	// refuses "done" without one, and the card says so in its words.
	later := admin.newChore(house.ID, map[string]any{
		"title": unique("Recycling bins out "), "points": 1, "needs_photo": false, "rotation": []string{managerID},
	})
	laterID := admin.newAssignment(later, managerID, time.Now(), "open")
	p.open("/chores")
	laterCard := item("chore", laterID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, laterCard))
	admin.call("PATCH", "/api/collections/chores/records/"+later.ID, map[string]any{"needs_photo": true}, nil)
	p.click(laterCard + ` [data-testid="chore-done"]`)
	p.do(chromedp.WaitVisible(chromedp.CSS(laterCard + ` [data-testid="chore-error"]`)))
	if msg := p.text(laterCard + ` [data-testid="chore-error"]`); !strings.Contains(msg, "photo") {
		t.Errorf("done without the photo the chore now needs says %q; want the server's reason", msg)
	} else {
		t.Logf("refused done: %q", msg)
	}
	p.at360("chores-refused")
	if got := admin.assignment(laterID).Status; got != "open" {
		t.Errorf("the assignment is %s, want it still open", got)
	}

	p.open("/manage/review")
	own := item("review-item", mine)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, own))
	if !p.exists(own+` [data-testid="review-own"]`) || p.exists(own+` [data-testid="review-approve"]`) || p.exists(own+` [data-testid="review-reject"]`) {
		t.Error("a manager's own chore offers them Approve or Send back")
	}
	p.at360("review-own")
	if got := admin.assignment(mine).Status; got != "done" {
		t.Errorf("the manager's own chore is %s, want it still done", got)
	}
}

// Deleting a chore asks first, then it is gone.
func TestChoreDeleteAsksFirst(t *testing.T) {
	admin := superuser(t)
	house := admin.mapleHouse()
	chore := admin.newChore(house.ID, map[string]any{"title": unique("Porch sweep "), "cadence": "weekly", "weekday": 6, "due_time": "10:00"})

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/manage/chores")
	row := item("chore-row", chore.ID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, row))
	if got := p.text(row + ` [data-testid="chore-row-when"]`); !strings.Contains(got, "Saturday") {
		t.Errorf("a weekly chore on day 6 reads %q, want Saturday", got)
	}
	p.click(row + ` [data-testid="chore-open"]`)
	p.waitVisible("chore-form")
	if got := p.eval(`document.querySelector('[data-testid="chore-weekday"]').value`); got != "6" {
		t.Errorf("the editor shows weekday %q, want 6", got)
	}
	p.do(chromedp.Click(tid("chore-delete")))
	p.waitVisible("chore-delete-confirm")
	p.at360("chore-delete-confirm")
	p.do(chromedp.Click(tid("chore-delete-no")))
	p.waitVisible("chore-form")
	p.do(chromedp.Click(tid("chore-delete")), chromedp.Click(tid("chore-delete-yes")))
	p.until(fmt.Sprintf(`!document.querySelector(%q)`, row))
	p.waitVisible("chores-admin-message")
	if code := admin.statusOf("/api/collections/chores/records/" + chore.ID); code != http.StatusNotFound {
		t.Errorf("after deleting, the chore answers %d, want 404", code)
	}
}

// A queue that went stale (another manager sent the chore back meanwhile):
// Approve is refused, and the screen shows the server's own words.
func TestStaleReviewShowsWhy(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	residentID, _ := admin.newResident(house.ID, unique("Robin Stale "), unique("robin")+"@maple.example", "9", "D",
		houseToday(t, house.Timezone).Format("2006-01-02"))
	chore := admin.newChore(house.ID, map[string]any{"title": unique("Bathroom mirror "), "points": 3, "rotation": []string{residentID}})
	id := admin.newAssignment(chore, residentID, time.Now(), "done")

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/manage/review")
	waiting := item("review-item", id)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, waiting))
	admin.call("PATCH", "/api/collections/chore_assignments/records/"+id, map[string]any{
		"status": "rejected", "review_note": "Streaks on the left side.",
	}, nil)
	p.click(waiting + ` [data-testid="review-approve"]`)
	p.do(chromedp.WaitVisible(chromedp.CSS(waiting + ` [data-testid="review-item-error"]`)))
	msg := p.text(waiting + ` [data-testid="review-item-error"]`)
	if !strings.Contains(msg, "rejected") {
		t.Errorf("a refused approval says %q; want the server's reason (the chore is rejected)", msg)
	}
	t.Logf("refused approval: %q", msg)
	p.at360("review-refused")
	if got := admin.assignment(id).Status; got != "rejected" {
		t.Errorf("the assignment is %s, want it still rejected", got)
	}
}

// Someone in a chore's rotation moved out: the editor still shows them,
// checked, as moved out; saving with them in it brings the server's words
// next to "Who shares it", and taking them out saves.
func TestChoreRotationAfterMoveOut(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(2)
	today := houseToday(t, house.Timezone).Format("2006-01-02")
	leavingName := unique("Quinn Leaving ")
	leaving, leavingMembership := admin.newResident(house.ID, leavingName, unique("quinn")+"@maple.example", "9", "E", today)
	staying, _ := admin.newResident(house.ID, unique("Avery Staying "), unique("avery")+"@maple.example", "9", "F", today)
	chore := admin.newChore(house.ID, map[string]any{"title": unique("Trash and recycling "), "rotation": []string{leaving, staying}})
	admin.call("PATCH", "/api/collections/memberships/records/"+leavingMembership, map[string]any{
		"status": "alumni", "move_out": today,
	}, nil)

	p := newPhone(t)
	p.signInAs(managerEmail)
	p.open("/manage/chores")
	row := item("chore-row", chore.ID)
	p.until(fmt.Sprintf(`document.querySelector(%q)`, row))
	if got := p.text(row); !strings.Contains(got, leavingName+" (moved out)") {
		t.Errorf("the chore's row reads %q; want %s shown as moved out", got, leavingName)
	}
	p.click(row + ` [data-testid="chore-open"]`)
	p.waitVisible("chore-form")
	gone := fmt.Sprintf(`[data-testid="chore-rotation-person"][data-user=%q]`, leaving)
	if p.eval(fmt.Sprintf(`String(document.querySelector(%q)?.checked)`, gone)) != "true" {
		t.Error("the editor does not show the moved-out person as sharing the chore")
	}
	// Take the one who stays out: the rotation changed, so the server checks it.
	p.click(fmt.Sprintf(`[data-testid="chore-rotation-person"][data-user=%q]`, staying))
	p.do(chromedp.Click(tid("chore-save")))
	p.waitVisible("chore-rotation-error")
	if msg := p.text(`[data-testid="chore-rotation-error"]`); !strings.Contains(msg, leavingName) {
		t.Errorf("the rotation error says %q; want the server's words naming %s", msg, leavingName)
	} else {
		t.Logf("rotation error: %q", msg)
	}
	p.eval(`document.querySelector('[data-testid="chore-rotation-error"]').scrollIntoView(), ''`)
	p.fits(360)
	p.tappable()
	p.click(gone)
	p.do(chromedp.Click(tid("chore-save")))
	p.until(`!document.querySelector('[data-testid="chore-editor"]')`)
	if c := admin.choreByTitle(house.ID, chore.Title); len(c.Rotation) != 0 {
		t.Errorf("after saving, the rotation is %v, want empty (everyone)", c.Rotation)
	}
	if got := p.text(row); !strings.Contains(got, "every resident") {
		t.Errorf("the chore's row reads %q; want it shared by every resident", got)
	}
}
