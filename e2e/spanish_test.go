package e2e_test

// Spanish before sign-in: the sign-in and join screens offer the language
// before there is an account, the phone remembers it, and signing in or
// joining keeps it in the profile.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The language is chosen before sign-in, kept on the phone across a
// reload, and saved to the profile when signing in; a phone where nobody
// picked one leaves the profile's language alone and follows it.
func TestLanguageChoiceAtSignIn(t *testing.T) {
	admin := superuser(t)
	email := admin.residents()[2]
	uid := admin.userID(email)
	t.Cleanup(func() {
		admin.call("PATCH", "/api/collections/users/records/"+uid, map[string]any{"language": "en"}, nil)
	})
	admin.call("PATCH", "/api/collections/users/records/"+uid, map[string]any{"language": "en"}, nil)

	p := newPhone(t)
	p.open("/signin")
	p.waitVisible("lang-choice")
	if got := p.eval(`document.documentElement.lang + ' ' + document.querySelector('[data-testid="lang-choice-en"]').checked`); got != "en true" {
		t.Errorf("a new phone starts in %q, want English chosen", got)
	}
	legend := p.text(`[data-testid="lang-choice"] legend`)
	if !strings.Contains(legend, "Idioma") {
		t.Errorf("the language choice is labelled %q; a Spanish speaker should find it on the English screen", legend)
	}
	p.tappable()
	p.do(chromedp.Click(tid("lang-choice-es")))
	p.until(`document.documentElement.lang === 'es' && document.querySelector('[data-testid="signin-submit"]').textContent.trim() === 'Iniciar sesión'`)
	p.shot("es-signin")
	p.fits(360)
	p.tappable()

	// Remembered on the phone.
	p.do(chromedp.Reload())
	p.waitVisible("signin-form")
	if got := p.eval(`document.documentElement.lang + ' ' + document.querySelector('[data-testid="lang-choice-es"]').checked + ' ' + document.querySelector('h1').textContent`); got != "es true Te damos la bienvenida" {
		t.Errorf("after a reload the sign-in screen is %q, want Spanish", got)
	}

	// The join screen offers it too, already on Español.
	p.do(chromedp.Click(tid("signin-join")))
	p.waitVisible("join-code-form")
	if got := p.eval(`document.querySelector('[data-testid="lang-choice-es"]').checked + ' ' + document.querySelector('h1').textContent`); got != "true Únete a tu casa" {
		t.Errorf("the join screen is %q, want Spanish with Español chosen", got)
	}
	p.shot("es-join-code")
	p.fits(360)
	p.tappable()

	// Signing in keeps it in the profile, and the app opens in Spanish.
	p.open("/signin")
	p.waitVisible("signin-form")
	p.do(
		chromedp.SendKeys(tid("signin-email"), email),
		chromedp.SendKeys(tid("signin-password"), demoPassword),
		chromedp.Click(tid("signin-submit")),
	)
	p.waitHome()
	if got := p.eval(`document.documentElement.lang + ' ' + document.querySelector('[data-testid="nav-profile"]').getAttribute('aria-label')`); got != "es Tu perfil" {
		t.Errorf("after sign-in the app is %q, want Spanish", got)
	}
	if got := admin.userLanguage(uid); got != "es" {
		t.Errorf("the profile's language is %q after signing in with Español chosen, want es", got)
	}

	// Another phone, where nobody chose: the profile's Spanish wins and stays.
	q := p.separate()
	q.open("/signin")
	q.waitVisible("signin-form")
	if got := q.eval(`document.documentElement.lang`); got != "en" {
		t.Errorf("a fresh phone starts in %q, want en", got)
	}
	q.do(
		chromedp.SendKeys(tid("signin-email"), email),
		chromedp.SendKeys(tid("signin-password"), demoPassword),
		chromedp.Click(tid("signin-submit")),
	)
	q.waitHome()
	q.until(`document.documentElement.lang === 'es'`)
	if got := admin.userLanguage(uid); got != "es" {
		t.Errorf("signing in on a phone where nobody chose changed the profile's language to %q", got)
	}
}

func (a *api) userLanguage(id string) string {
	a.t.Helper()
	var u struct {
		Language string `json:"language"`
	}
	a.call("GET", "/api/collections/users/records/"+id, nil, &u)
	return u.Language
}

// A new resident who joins in Spanish gets an account in Spanish.
func TestJoinInSpanish(t *testing.T) {
	admin := superuser(t)
	house := admin.ensureFreeBeds(1)
	code, link := admin.newInvite(house.ID, "9", "")
	if code == "" {
		t.Fatal("no invite code")
	}

	p := newPhone(t)
	p.do(chromedp.Navigate(link))
	p.waitVisible("join-form")
	p.do(chromedp.Click(tid("lang-choice-es")))
	p.until(`document.querySelector('h1').textContent === 'Únete a tu casa' && document.querySelector('[data-testid="join-submit"]').textContent.includes('Entrar a')`)
	p.shot("es-join-form")
	p.fits(360)
	p.tappable()

	email := unique("lucia") + "@maple.example"
	p.fill("join-name", "Lucía Prueba")
	p.fill("join-email", email)
	p.fill("join-password", "una-contraseña-larga")
	p.fill("join-password-again", "una-contraseña-larga")
	p.do(chromedp.Click(tid("join-submit")))
	p.waitHome()
	uid := admin.userID(email)
	t.Cleanup(func() {
		// Out of the house again, so other tests' rosters stay as they were.
		m := admin.membershipOf(house.ID, uid)
		admin.call("DELETE", "/api/collections/memberships/records/"+m.ID, nil, nil)
		admin.call("PATCH", "/api/collections/users/records/"+uid, map[string]any{"language": "en"}, nil)
	})
	if got := p.eval(`document.documentElement.lang`); got != "es" {
		t.Errorf("after joining the app is in %q, want es", got)
	}
	if got := admin.userLanguage(uid); got != "es" {
		t.Errorf("the new account's language is %q, want es", got)
	}
}
