package hooks_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"testing"

	"github.com/jonboulle/clockwork"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"hearth/hooks"
	tk "hearth/testkit"
)

// speaks sets a person's language ("" for none chosen).
func speaks(actor, lang string) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		t.Helper()
		setRecord("users", tk.Seeded(t).People[actor].ID, map[string]any{"language": lang})(t, app)
	}
}

// TestErrorsLanguage: a refused request answers in the requester's
// language, with the same status and codes: Spanish for a resident whose
// language is Spanish (or, with none chosen, whose browser asks for it),
// and for a guest whose browser asks for it; English otherwise, as before.
func TestErrorsLanguage(t *testing.T) {
	w := tk.Seeded(t)
	noMood := checkinBody(w, tk.ResidentA1, "daily", map[string]any{"mood": nil})
	overlap := passBody(w, w.People[tk.ResidentA2].ID, map[string]any{"starts": "2026-12-13", "ends": "2026-12-15"})
	yesterday := passBody(w, w.People[tk.ResidentA2].ID, map[string]any{"starts": "2026-12-08"})
	wrongPassword := map[string]any{"identity": w.People[tk.ResidentA1].Email, "password": "not-the-password"}
	const authURL = "/api/collections/users/auth-with-password"
	cases := []struct {
		name           string
		method         string // POST when empty
		actor, lang    string // lang: the actor's users.language
		acceptLanguage string
		url            string
		body           map[string]any
		prepare        func(t testing.TB, app core.App)
		status         int
		content, not   []string
	}{
		{name: "a check-in with no mood, resident reads Spanish", actor: tk.ResidentA1, lang: "es", url: checkinsURL, body: noMood, status: 400,
			content: []string{`"mood":{"code":"validation_mood_required","message":"Elige la cara que va con cómo te sientes hoy."}`},
			not:     []string{"Pick the face"}},
		{name: "a check-in with no mood, resident reads English", actor: tk.ResidentA1, lang: "en", url: checkinsURL, body: noMood, status: 400,
			content: []string{`"mood":{"code":"validation_mood_required","message":"Pick the face that fits how you feel today."}`},
			not:     []string{"Elige"}},
		{name: "English chosen wins over a Spanish browser", actor: tk.ResidentA1, lang: "en", acceptLanguage: "es-MX,es;q=0.9",
			url: checkinsURL, body: noMood, status: 400,
			content: []string{"Pick the face that fits how you feel today."}, not: []string{"Elige"}},
		{name: "no language chosen, a Spanish browser: Spanish", actor: tk.ResidentA1, acceptLanguage: "es-MX,es;q=0.9,en;q=0.8",
			url: checkinsURL, body: noMood, status: 400,
			content: []string{`"code":"validation_mood_required","message":"Elige la cara que va con cómo te sientes hoy."`}},
		{name: "no language chosen, no header: English as before", actor: tk.ResidentA1,
			url: checkinsURL, body: noMood, status: 400,
			content: []string{`"message":"Pick the face that fits how you feel today."`}},
		{name: "a mood of 6, PocketBase's own field error in Spanish", actor: tk.ResidentA1, lang: "es",
			url: checkinsURL, body: checkinBody(w, tk.ResidentA1, "daily", map[string]any{"mood": 6}), status: 400,
			content: []string{`"mood":{"code":"validation_max_number_constraint","message":"Tiene que ser 5 o menos."`}},
		{name: "a pass starting yesterday, Spanish message and field error", actor: tk.ResidentA2, lang: "es",
			url: "/api/collections/passes/records", body: yesterday, status: 400,
			content: []string{`"message":"No se pudo guardar."`,
				`"starts":{"code":"validation_pass_starts_past","message":"Un permiso empieza hoy o más adelante: elige hoy o un día próximo."}`},
			not: []string{"Failed to create", "pick today"}},
		{name: "a pass starting yesterday, in English", actor: tk.ResidentA2, lang: "en",
			url: "/api/collections/passes/records", body: yesterday, status: 400,
			content: []string{`"message":"Failed to create record."`,
				`"starts":{"code":"validation_pass_starts_past","message":"A pass starts today or later: pick today or a day ahead."}`}},
		{name: "a pass over another one: the days come into the Spanish", actor: tk.ResidentA2, lang: "es",
			url: "/api/collections/passes/records", body: overlap, prepare: withPass(hooks.PassApproved, "2026-12-12", "2026-12-14"), status: 400,
			content: []string{`"starts":{"code":"validation_pass_overlap","message":"Ya tienes un permiso en algunos de estos días, del 2026-12-12 al 2026-12-14. Elige otros días, o primero cancela ese permiso."}`}},
		{name: "a pass over another one, in English", actor: tk.ResidentA2, lang: "en",
			url: "/api/collections/passes/records", body: overlap, prepare: withPass(hooks.PassApproved, "2026-12-12", "2026-12-14"), status: 400,
			content: []string{`"starts":{"code":"validation_pass_overlap","message":"You already have a pass on some of these days, from 2026-12-12 to 2026-12-14. Pick other days, or cancel that pass first."}`}},
		{name: "a refusal with no field: its message in Spanish", method: http.MethodPatch, actor: tk.ResidentA1, lang: "es",
			url: "/api/collections/notifications/records/" + w.NotificationA1, body: map[string]any{"title": "Mine now"}, status: 403,
			content: []string{`"message":"Solo puedes marcar una notificación como leída o no leída."`, `"data":{}`}},
		{name: "a refusal with no field, in English", method: http.MethodPatch, actor: tk.ResidentA1, lang: "en",
			url: "/api/collections/notifications/records/" + w.NotificationA1, body: map[string]any{"title": "Mine now"}, status: 403,
			content: []string{`"message":"You can only mark a notification as read or unread."`}},
		{name: "a wrong password, Spanish browser", actor: tk.Anonymous, acceptLanguage: "es", url: authURL, body: wrongPassword, status: 400,
			content: []string{`"message":"El correo y la contraseña no coinciden. Revísalos e inténtalo de nuevo."`}, not: []string{"Failed"}},
		{name: "a wrong password, English browser", actor: tk.Anonymous, acceptLanguage: "en-US,en;q=0.9", url: authURL, body: wrongPassword, status: 400,
			content: []string{`"message":"Failed to authenticate."`}},
		{name: "a wrong password, no header", actor: tk.Anonymous, url: authURL, body: wrongPassword, status: 400,
			content: []string{`"message":"Failed to authenticate."`}},
	}
	for _, c := range cases {
		headers := maps.Clone(w.Headers(c.actor))
		if headers == nil {
			headers = map[string]string{}
		}
		if c.acceptLanguage != "" {
			headers["Accept-Language"] = c.acceptLanguage
		}
		actor, lang, prepare := c.actor, c.lang, c.prepare
		method := c.method
		if method == "" {
			method = http.MethodPost
		}
		s := tests.ApiScenario{
			Name:               c.name,
			Method:             method,
			URL:                c.url,
			Body:               bodyJSON(t, c.body),
			Headers:            headers,
			ExpectedStatus:     c.status,
			ExpectedContent:    c.content,
			NotExpectedContent: c.not,
			TestAppFactory: func(tb testing.TB) *tests.TestApp {
				return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(utc(passNow)))
			},
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				if actor != tk.Anonymous {
					speaks(actor, lang)(t, app)
				}
				if prepare != nil {
					prepare(t, app)
				}
			},
		}
		s.Test(t)
	}
}

// TestErrorsLanguageKeepsCodes: the Spanish answer has the same status,
// fields and codes as the English one, for a refusal with several field
// errors (Hearth's and PocketBase's at once).
func TestErrorsLanguageKeepsCodes(t *testing.T) {
	w := tk.Seeded(t)
	body := map[string]any{"house": w.HouseA, "user": w.People[tk.ResidentA1].ID, "kind": "daily", "mood": 9, "craving": 11}
	answer := func(lang string) (int, map[string]string, string) {
		var status int
		codes := map[string]string{}
		var message string
		s := tests.ApiScenario{
			Name: "codes in " + lang, Method: http.MethodPost, URL: checkinsURL, Body: bodyJSON(t, body),
			Headers: w.Headers(tk.ResidentA1), ExpectedStatus: 400, ExpectedContent: []string{`"data"`},
			TestAppFactory: tk.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { speaks(tk.ResidentA1, lang)(t, app) },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				var got struct {
					Status  int    `json:"status"`
					Message string `json:"message"`
					Data    map[string]struct {
						Code string `json:"code"`
					} `json:"data"`
				}
				if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
					t.Fatal(err)
				}
				status, message = got.Status, got.Message
				for f, e := range got.Data {
					codes[f] = e.Code
				}
			},
		}
		s.Test(t)
		return status, codes, message
	}
	enStatus, enCodes, enMessage := answer("en")
	esStatus, esCodes, esMessage := answer("es")
	if enStatus != esStatus || !maps.Equal(enCodes, esCodes) || len(enCodes) < 2 {
		t.Errorf("English %d %v, Spanish %d %v: want the same status and at least two codes", enStatus, enCodes, esStatus, esCodes)
	}
	if enMessage == esMessage {
		t.Errorf("the message %q was not translated", esMessage)
	}
}

// TestTranslateErrorMessage: exact messages, templates with values (in
// the order the Spanish wants them), templates whose values are words,
// PocketBase's lower-case validation messages as they are answered, and
// what is not in the catalogue.
func TestTranslateErrorMessage(t *testing.T) {
	cases := []struct{ lang, en, want string }{
		{"es", "Please fill in the check-in.", "Completa el registro diario, por favor."},
		{"es", "A post can carry up to 4 photos.", "Una publicación puede llevar hasta 4 fotos."},
		{"es", "Cedar House is full: all 5 beds are taken. Someone has to move out first, or the house's capacity has to change.",
			"Cedar House no tiene camas libres: las 5 están ocupadas. Primero tiene que mudarse alguien, o hay que cambiar la capacidad de la casa."},
		{"es", `You can't change "points" of a chore.`, `No puedes cambiar "points" de una tarea.`},
		{"es", "The test this corrects was not found.", "No se encontró la prueba que esto corrige."},
		{"es", "The incident this corrects was not found.", "No se encontró el incidente que esto corrige."},
		{"es", "Only a chore marked done can be approved; this one is missed.",
			"Solo una tarea marcada como hecha se puede aprobar; esta no se hizo a tiempo."},
		{"es", "The weekend curfew needs a 24-hour time like 23:00 (hours 00 to 23, minutes 00 to 59).",
			"El toque de queda del fin de semana necesita una hora en formato de 24 horas, como 23:00 (horas de 00 a 23, minutos de 00 a 59)."},
		{"es", "Cannot be blank.", "Este campo no puede quedar vacío."},
		{"es", "cannot be blank", "Este campo no puede quedar vacío."},
		{"es", "The length must be between 1 and 200.", "Tiene que tener entre 1 y 200 caracteres."},
		{"es", "Must be at least 10 character(s).", "Tiene que tener al menos 10 caracteres."},
		{"es", "Invalid value maybe.", "El valor maybe no es válido."},
		{"es", "Invalid value.", "Este valor no es válido."},
		{"es", "Something only a new hook says.", "Something only a new hook says."},
		{"en", "Please fill in the check-in.", "Please fill in the check-in."},
		{"es", "", ""},
	}
	for _, c := range cases {
		if got := hooks.TranslateErrorMessage(c.lang, c.en); got != c.want {
			t.Errorf("%s %q:\n got %q\nwant %q", c.lang, c.en, got, c.want)
		}
	}
}

// TestAcceptLanguage: Spanish when the header prefers it to English.
func TestAcceptLanguage(t *testing.T) {
	cases := []struct{ header, want string }{
		{"", "en"},
		{"es", "es"},
		{"es-MX,es;q=0.9,en;q=0.8", "es"},
		{"en-US,en;q=0.9,es;q=0.8", "en"},
		{"fr-FR,fr;q=0.9,es;q=0.5", "es"},
		{"fr-FR", "en"},
		{"en;q=0.5, ES-419;q=0.7", "es"},
		{"es;q=0", "en"},
		{"*", "en"},
	}
	for _, c := range cases {
		if got := hooks.AcceptLanguage(c.header); got != c.want {
			t.Errorf("%q: %s, want %s", c.header, got, c.want)
		}
	}
}
