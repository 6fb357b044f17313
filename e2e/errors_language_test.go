package e2e_test

// A refused request is answered in the language the phone shows: the app
// says it in Accept-Language and the server writes its words in it.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A guest who chose Español on a phone whose browser speaks English types
// an unknown invite code: the server's words under the field are Spanish.
func TestSpanishServerErrorOnJoin(t *testing.T) {
	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("lang-choice")
	p.do(chromedp.Click(tid("lang-choice-es")))
	p.until(`document.documentElement.lang === 'es'`)
	p.do(chromedp.Click(tid("signin-join")))
	p.waitVisible("join-code-form")

	p.fill("join-code", "aaaa bbbb cccc dddd")
	p.do(chromedp.Click(tid("join-lookup")), chromedp.WaitVisible(tid("join-code-error")))
	got := strings.TrimSpace(p.text(`[data-testid="join-code-error"]`))
	if want := "No reconocemos este código."; !strings.Contains(got, want) {
		t.Errorf("the code's error says %q, want the server's Spanish (%q…)", got, want)
	}
	p.shot("es-join-unknown-code")
	p.fits(360)
}
