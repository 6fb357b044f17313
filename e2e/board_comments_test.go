package e2e_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Comments can be taken back. A resident edits their comment in place
// (the post's author, whose board is open, reads the new words live) and
// deletes it (gone on both phones). A manager deletes another resident's
// comment from the post's own screen; it leaves the post author's open
// board and a housemate's open post at once. Neither of them, residents
// like any other, gets options on others' comments. A one-tap answer
// may be deleted by its author, not edited.
func TestBoardCommentEditDelete(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(3)
	idA, emailA, _ := newCheckinResident(t, admin, house, "Morgan")
	idB, emailB, _ := newCheckinResident(t, admin, house, "Avery")
	idC, emailC, nameC := newCheckinResident(t, admin, house, "Reese")
	post := as(t, emailA).newPost(house.ID, idA, "share", unique("Ninety meetings in ninety days, done "))
	var hurtful boardItem
	as(t, emailC).call("POST", "/api/collections/comments/records",
		map[string]any{"post": post.ID, "author": idC, "body": "Took you long enough."}, &hurtful)
	card := item("post", post.ID)
	opts := func(commentID string) string { return item("comment", commentID) + ` [data-testid="comment-options"]` }

	// The post's author has the board open, with its comments.
	a := newPhone(t)
	a.signInAs(emailA)
	a.feed()
	a.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	a.click(card + ` [data-testid="comments-toggle"]`)
	a.until(fmt.Sprintf(`document.querySelector(%q)`, item("comment", hurtful.ID)))

	// A housemate comments.
	b := a.separate()
	b.signInAs(emailB)
	b.feed()
	b.until(fmt.Sprintf(`document.querySelector(%q)`, card))
	b.click(card + ` [data-testid="comments-toggle"]`)
	b.until(fmt.Sprintf(`document.querySelector(%q)`, card+` [data-testid="comment-input"]`))
	b.fill("comment-input", "So proud of you. Same time next year?")
	b.click(card + ` [data-testid="comment-send"]`)
	var mine boardItem
	b.until(fmt.Sprintf(`document.querySelectorAll(%q).length === 2`, card+` [data-testid="comment"]`))
	if got := admin.list("comments", fmt.Sprintf(`post = %q && author = %q`, post.ID, idB), ""); len(got) == 1 {
		mine = got[0]
	} else {
		t.Fatalf("the housemate's stored comments: %+v", got)
	}
	a.until(fmt.Sprintf(`document.querySelector(%q)`, item("comment", mine.ID)))

	// Options only on your own comment (or for a manager).
	if a.exists(card + ` [data-testid="comment-options"]`) {
		t.Error("the post's author is offered options on others' comments")
	}
	if b.exists(opts(hurtful.ID)) {
		t.Error("a resident is offered options on someone else's comment")
	}
	if got := b.attr(opts(mine.ID), "aria-label"); got != "More for your comment" {
		t.Errorf("the options button of your own comment is labelled %q", got)
	}

	// Edit: the words are refused empty, a server refusal shows under the
	// field, and the new words reach the other phone.
	b.click(opts(mine.ID))
	b.waitVisible("comment-options-dialog")
	if !b.exists(`[data-testid="comment-edit"]`) || !b.exists(`[data-testid="comment-delete"]`) {
		t.Error("the author is not offered Edit and Delete")
	}
	b.at360("board-comment-options")
	b.do(chromedp.Click(tid("comment-edit")))
	b.waitVisible("comment-edit-input")
	b.until(`document.activeElement?.dataset.testid === 'comment-edit-input'`)
	b.set("comment-edit-input", "   ")
	b.do(chromedp.Click(tid("comment-edit-save")))
	b.waitVisible("comment-edit-input-error")
	if got := b.text(`[data-testid="comment-edit-input-error"]`); got != "Write a few words before sending." {
		t.Errorf("an empty edit says %q", got)
	}
	// Longer than the server takes (the page's maxlength, taken away, would stop a person).
	b.eval(`document.querySelector('[data-testid="comment-edit-input"]').removeAttribute('maxlength'), ''`)
	b.set("comment-edit-input", strings.Repeat("a", 2001))
	b.do(chromedp.Click(tid("comment-edit-save")))
	b.until(`(() => { const e = document.querySelector('[data-testid="comment-edit-input-error"]');
		return e && e.textContent !== 'Write a few words before sending.' &&
			document.querySelector('[data-testid="comment-edit-input"]').getAttribute('aria-invalid') === 'true'; })()`)
	t.Logf("the server's refusal, under the field: %q", b.text(`[data-testid="comment-edit-input-error"]`))
	edited := "So proud of you. Ninety more, together?"
	b.set("comment-edit-input", edited)
	b.at360("board-comment-edit")
	b.do(chromedp.Click(tid("comment-edit-save")))
	body := item("comment", mine.ID) + ` [data-testid="comment-body"]`
	b.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === %q && !document.querySelector('[data-testid="comment-edit-form"]')`, body, edited))
	b.until(fmt.Sprintf(`document.activeElement === document.querySelector(%q)`, opts(mine.ID)))
	a.until(fmt.Sprintf(`document.querySelector(%q)?.textContent === %q`, body, edited))
	if got := admin.list("comments", fmt.Sprintf(`id = %q`, mine.ID), ""); len(got) != 1 || got[0].Body != edited {
		t.Errorf("the stored comment: %+v", got)
	}

	// Delete: asked first, then gone on both phones.
	b.click(opts(mine.ID))
	b.waitVisible("comment-options-dialog")
	b.do(chromedp.Click(tid("comment-delete")))
	b.waitVisible("comment-delete-dialog")
	if got := b.text(`[data-testid="comment-delete-dialog"]`); !strings.Contains(got, "Your comment will be taken off the post for everyone.") {
		t.Errorf("the delete dialog says %q", got)
	}
	b.at360("board-comment-delete")
	b.do(chromedp.Click(tid("comment-delete-yes")))
	b.until(fmt.Sprintf(`!document.querySelector(%q) && !document.querySelector('[data-testid="comment-delete-dialog"]')`, item("comment", mine.ID)))
	a.until(fmt.Sprintf(`!document.querySelector(%q)`, item("comment", mine.ID)))
	if status, _ := admin.try("GET", "/api/collections/comments/records/"+mine.ID, nil); status != http.StatusNotFound {
		t.Errorf("the deleted comment answers %d", status)
	}

	// The housemate now has the post's own screen open: still no options
	// on someone else's comment, and it leaves there live too.
	b.open("/board/posts/" + post.ID)
	b.waitVisible("post-screen")
	b.until(fmt.Sprintf(`document.querySelector('[data-testid="post-screen"]').dataset.live === 'true' && document.querySelector(%q)`, item("comment", hurtful.ID)))
	if b.exists(`[data-testid="comment-options"]`) {
		t.Error("a resident is offered options on someone else's comment on the post's screen")
	}

	// A manager removes the hurtful comment from the post's own screen: Delete only.
	m := a.separate()
	m.signInAs(managerEmail)
	m.open("/board/posts/" + post.ID)
	m.waitVisible("post-screen")
	m.until(fmt.Sprintf(`document.querySelector('[data-testid="post-screen"]').dataset.live === 'true' && document.querySelector(%q)`, opts(hurtful.ID)))
	if got, want := m.attr(opts(hurtful.ID), "aria-label"), "More for "+nameC+"’s comment"; got != want {
		t.Errorf("the manager's options button is labelled %q, want %q", got, want)
	}
	m.click(opts(hurtful.ID))
	m.waitVisible("comment-options-dialog")
	if m.exists(`[data-testid="comment-edit"]`) {
		t.Error("a manager is offered to edit someone else's comment")
	}
	m.at360("board-comment-options-manager")
	m.do(chromedp.Click(tid("comment-delete")))
	m.waitVisible("comment-delete-dialog")
	if got := m.text(`[data-testid="comment-delete-dialog"]`); !strings.Contains(got, nameC+"’s comment will be removed for everyone in the house.") {
		t.Errorf("the manager's delete dialog says %q", got)
	}
	m.at360("board-comment-delete-manager")
	m.do(chromedp.Click(tid("comment-delete-yes")))
	m.until(fmt.Sprintf(`!document.querySelector(%q) && document.querySelector('[data-testid="post-comments"]').dataset.count === '0'`, item("comment", hurtful.ID)))
	a.until(fmt.Sprintf(`!document.querySelector(%q) && document.querySelector(%q).dataset.count === '0'`, item("comment", hurtful.ID), card+` [data-testid="post-comments"]`))
	b.until(fmt.Sprintf(`!document.querySelector(%q) && document.querySelector('[data-testid="post-comments"]').dataset.count === '0'`, item("comment", hurtful.ID)))
	if status, _ := admin.try("GET", "/api/collections/comments/records/"+hurtful.ID, nil); status != http.StatusNotFound {
		t.Errorf("the removed comment answers %d", status)
	}

	// A one-tap answer: its author may delete it, not edit it.
	support := as(t, emailA).newPost(house.ID, idA, "support", unique("Hard evening. Anyone around? "))
	var answer boardItem
	as(t, emailB).call("POST", "/api/collections/comments/records",
		map[string]any{"post": support.ID, "author": idB, "quick": "on_my_way"}, &answer)
	a.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.count === '1'`, item("post", support.ID)+` [data-testid="post-comments"]`))
	b.open("/board/posts/" + support.ID)
	b.waitVisible("post-screen")
	b.until(fmt.Sprintf(`document.querySelector('[data-testid="post-screen"]').dataset.live === 'true' && document.querySelector(%q)`, opts(answer.ID)))
	b.click(opts(answer.ID))
	b.waitVisible("comment-options-dialog")
	if b.exists(`[data-testid="comment-edit"]`) || !b.exists(`[data-testid="comment-delete"]`) {
		t.Error("a one-tap answer's author should be offered Delete only")
	}
	b.at360("board-comment-options-quick")
	b.do(chromedp.Click(tid("comment-delete")))
	b.waitVisible("comment-delete-dialog")
	b.do(chromedp.Click(tid("comment-delete-yes")))
	b.until(fmt.Sprintf(`!document.querySelector(%q)`, item("comment", answer.ID)))
	a.until(fmt.Sprintf(`document.querySelector(%q)?.dataset.count === '0'`, item("post", support.ID)+` [data-testid="post-comments"]`))
}
