package e2e_test

// Every screen in Spanish: a resident, a manager and the alumnus walk the
// app with Spanish chosen at sign-in, and any common English word left in
// what they see (or what a screen reader says) fails the test.

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"
)

// englishWords are common words of the app's English that its Spanish
// never uses (words both languages share, like "no", "me", "social" or the
// Spanish month abbreviations, are left out).
var englishWords = func() map[string]bool {
	words := strings.Fields(`
		the and your you with for from this that these there here what who when where how
		not yet all more back next last past new add edit save saving cancel delete remove close
		send sending loading done open missed excused approve approved review reject manage manager
		managers roster resident residents house housemate housemates room bed beds phase away pass
		curfew tonight today tomorrow yesterday week weeks month day days sober chore chores points
		meeting meetings event events board post posts share win support announcement milestone
		pinned hidden report reports comment comments reactions proud hug notifications unread read
		mark settings rules partner profile password email name phone language emergency contact
		changes change check checked sign signed welcome invite join code link copy photo photos note reason yes
		maybe required weekly daily every people person nobody everyone someone please thank thanks
		try again just now right of to in on at is are was were be will can could it its they their
		them she his her my our we us an or by up out off go see log logged am pm
		monday tuesday wednesday thursday friday saturday sunday
		january february march april june july august september october november december
		jan apr aug dec`)
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}()

// tagPattern: markup in stored rich text (the house rules).
var tagPattern = regexp.MustCompile(`<[^>]+>`)

// idPattern: a record id in a path, left out of screenshot names.
var idPattern = regexp.MustCompile(`[a-z0-9]{15}`)

// tokenPattern: stored values that are not text for people.
var tokenPattern = regexp.MustCompile(`^[a-z0-9_.:-]+$`)

// userContent answers every piece of text stored in the demo's records
// (names, house rules, posts, chore and event titles, notifications stored
// as words...): what people typed is shown as typed, in any language. A
// notification with params is put in the reader's language by the server,
// so only its params count as people's text.
func (a *api) userContent() []string {
	a.t.Helper()
	var cols struct {
		Items []struct {
			Name   string `json:"name"`
			Type   string `json:"type"`
			System bool   `json:"system"`
		} `json:"items"`
	}
	a.call("GET", "/api/collections?perPage=500", nil, &cols)
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			for _, line := range strings.FieldsFunc(tagPattern.ReplaceAllString(v, "\n"), func(r rune) bool { return r == '\n' }) {
				line = strings.Join(strings.Fields(line), " ")
				// Not ids, select values and other lower-case tokens.
				if len([]rune(line)) >= 3 && !tokenPattern.MatchString(line) {
					seen[line] = true
				}
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, c := range cols.Items {
		if c.System || c.Type == "view" {
			continue
		}
		var res struct {
			Items []map[string]any `json:"items"`
		}
		a.call("GET", "/api/collections/"+url.PathEscape(c.Name)+"/records?perPage=1000", nil, &res)
		for _, r := range res.Items {
			// A notification with params is Hearth's words, answered in
			// the reader's language: only its params (names, what people
			// wrote) are people's text.
			if c.Name == "notifications" && r["params"] != nil {
				walk(r["params"])
				continue
			}
			walk(r)
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	// Longest first, so a sentence goes before a word inside it.
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// pageWords: the visible text of the page and the words it gives screen
// readers (aria-label, title, alt, placeholder), with user content taken out.
func (p *phone) pageWords(content []string) string {
	p.t.Helper()
	// Avatars show people's initials: hidden while the text is read.
	text := p.eval(`[(() => {
			const avatars = [...document.querySelectorAll('.avatar')];
			avatars.forEach((a) => { a.style.visibility = 'hidden'; });
			const text = document.body.innerText;
			avatars.forEach((a) => { a.style.visibility = ''; });
			return text;
		})(),
		...[...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')].flatMap(el =>
			['aria-label', 'title', 'alt', 'placeholder'].map(a => el.getAttribute(a) || ''))].join('\n')`)
	text = strings.Join(strings.Fields(text), " ")
	for _, s := range content {
		text = replaceWords(text, s, " ⋯ ")
	}
	return text
}

// replaceWords replaces old in s where it stands as whole words.
func replaceWords(s, old, repl string) string {
	if !strings.Contains(s, old) {
		return s
	}
	isLetter := func(r rune, ok bool) bool { return ok && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before, bok := lastRune(s[:i])
		after, aok := firstRune(s[i+len(old):])
		first, _ := firstRune(old)
		last, _ := lastRune(old)
		if (isLetter(before, bok) && isLetter(first, true)) || (isLetter(after, aok) && isLetter(last, true)) {
			b.WriteString(s[:i+len(old)])
		} else {
			b.WriteString(s[:i] + repl)
		}
		s = s[i+len(old):]
	}
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

// englishIn answers the English words of text, each with a little context.
func englishIn(text string) []string {
	var found []string
	runes := []rune(text)
	start := -1
	for i := 0; i <= len(runes); i++ {
		if i < len(runes) && unicode.IsLetter(runes[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			w := strings.ToLower(string(runes[start:i]))
			if englishWords[w] {
				from, to := max(0, start-30), min(len(runes), i+30)
				found = append(found, fmt.Sprintf("%q in …%s…", w, string(runes[from:to])))
			}
			start = -1
		}
	}
	return found
}

// signInSpanish picks Español on the sign-in screen, then signs in; the
// profile keeps the language, and the test puts English back at the end.
func (p *phone) signInSpanish(admin *api, email string) {
	p.t.Helper()
	uid := admin.userID(email)
	p.t.Cleanup(func() {
		admin.call("PATCH", "/api/collections/users/records/"+uid, map[string]any{"language": "en"}, nil)
	})
	p.open("/signin")
	p.waitVisible("lang-choice-es")
	p.do(chromedp.Click(tid("lang-choice-es")))
	p.until(`document.documentElement.lang === 'es'`)
	p.do(
		chromedp.SendKeys(tid("signin-email"), email),
		chromedp.SendKeys(tid("signin-password"), demoPassword),
		chromedp.Click(tid("signin-submit")),
	)
	p.waitHome()
}

// screen is one place of the app to open, and what shows it is ready.
type screen struct{ path, ready string }

const screenReady = `document.querySelector('main h1, main [data-testid="not-manager"]') &&
	!document.querySelector('main [data-testid="loading"]')`

// walkSpanish opens each screen and fails on English words in it.
func walkSpanish(t *testing.T, p *phone, who string, content []string, screens []screen) {
	t.Helper()
	for _, s := range screens {
		p.open(s.path)
		ready := screenReady
		if s.ready != "" {
			ready += " && " + s.ready
		}
		p.until(ready)
		if p.exists(`main [data-testid="error-state"]`) {
			t.Errorf("%s: %s shows an error: %s", who, s.path, p.text(`main [data-testid="error-state"]`))
		}
		if got := p.eval(`document.documentElement.lang`); got != "es" {
			t.Errorf("%s: %s is in %q, want es", who, s.path, got)
		}
		for _, w := range englishIn(p.pageWords(content)) {
			t.Errorf("%s: %s shows English: %s", who, s.path, w)
		}
		p.shot("es-" + who + sanitize(idPattern.ReplaceAllString(strings.NewReplacer("?", "-", "=", "-").Replace(s.path), "one")))
		p.fits(360)
	}
}

// Every screen in Spanish, for a resident, a manager and the alumnus.
func TestEveryScreenInSpanish(t *testing.T) {
	admin := superuser(t)
	content := admin.userContent()
	t.Logf("%d pieces of stored text are left out of the check", len(content))

	// The check itself: it finds English, and lets Spanish through.
	if got := englishIn("Guardar cambios · Save changes · Fase 2 · Phase 2"); len(got) != 3 {
		t.Fatalf("the English check found %v in a mixed line, want save, changes, phase", got)
	}
	if got := englishIn("No se marcó. Mañana es un nuevo día; me alegra verte en la casa, martes 8 de dic."); len(got) != 0 {
		t.Fatalf("the English check finds English in Spanish: %v", got)
	}

	t.Run("resident", func(t *testing.T) {
		p := newPhone(t)
		p.signInSpanish(admin, alexEmail)
		p.open("/board")
		p.until(screenReady + ` && document.querySelector('[data-testid="post"]')`)
		post := p.attr(`[data-testid="post"]`, "data-id")
		walkSpanish(t, p, "resident", content, []screen{
			{"/", ""},
			{"/checkin", ""},
			{"/chores", ""},
			{"/meetings", ""},
			{"/events", ""},
			{"/board", `document.querySelector('[data-testid="post"]')`},
			{"/board/posts/" + post, `document.querySelector('[data-testid="post"]')`},
			{"/board/new", ""},
			{"/board/new?kind=support", `document.querySelector('[data-testid="crisis"]')`},
			{"/notifications", ""},
			{"/rules", ""},
			{"/partner", ""},
			{"/profile", `document.querySelector('[data-testid="profile-form"]')`},
			{"/settings/notifications", `document.querySelector('[data-testid="push-device"], [data-testid="push-why"]')`},
			{"/join", `document.querySelector('[data-testid="join-code-form"]')`},
			{"/manage", ""},
			{"/not-a-page", ""},
		})
		p.open("/board/new?kind=support")
		p.until(`document.querySelector('[data-testid="crisis"]')`)
		crisis := p.text(`[data-testid="crisis"]`)
		if !strings.Contains(crisis, "988") || !strings.Contains(crisis, "español") || !strings.Contains(crisis, "marca el 2") {
			t.Errorf("the Spanish crisis text does not say 988 answers in Spanish (press 2): %q", crisis)
		}
	})

	t.Run("manager", func(t *testing.T) {
		p := newPhone(t)
		p.signInSpanish(admin, managerEmail)
		p.open("/manage/today")
		p.until(screenReady + ` && document.querySelector('[data-testid="board-row"]')`)
		resident := p.attr(`[data-testid="board-row"]`, "data-user")
		p.open("/manage/events")
		p.until(screenReady + ` && document.querySelector('[data-testid="event-open"]')`)
		event := p.eval(`new URL(document.querySelector('[data-testid="event-open"]').href).searchParams.get('id')`)
		walkSpanish(t, p, "manager", content, []screen{
			{"/", ""},
			{"/manage", ""},
			{"/manage/today", `document.querySelector('[data-testid="board-row"]')`},
			{"/manage/resident?user=" + resident, ""},
			{"/manage/roster", `document.querySelector('[data-testid="roster-residents"]')`},
			{"/manage/invite", `document.querySelector('[data-testid="pending-invites"], [data-testid="pending-empty"]')`},
			{"/manage/house", `document.querySelector('[data-testid="settings-rules"]')?.value`},
			{"/manage/chores", ""},
			{"/manage/review", ""},
			{"/manage/chore-points", ""},
			{"/manage/events", `document.querySelector('[data-testid="event-open"]')`},
			{"/manage/event?id=" + event, ""},
			{"/board", `document.querySelector('[data-testid="post"]')`},
			{"/board/new", ""},
			{"/events", ""},
			{"/notifications", ""},
			{"/rules", ""},
			{"/profile", `document.querySelector('[data-testid="profile-form"]')`},
			{"/settings/notifications", `document.querySelector('[data-testid="email-digest"]')`},
		})
	})

	t.Run("alumnus", func(t *testing.T) {
		p := newPhone(t)
		p.signInSpanish(admin, chrisEmail)
		walkSpanish(t, p, "alumnus", content, []screen{
			{"/", ""},
			{"/board", ""},
			{"/events", ""},
			{"/chores", ""},
			{"/checkin", ""},
			{"/meetings", ""},
			{"/partner", ""},
			{"/notifications", ""},
			{"/profile", `document.querySelector('[data-testid="support-alerts"]')`},
		})
	})
}
