package hooks

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// catalogueSamples are parameters for every message of the catalogue, as
// the notifier stores them (through JSON: numbers and lists come back as
// float64 and []any), with the words each language must say. The instants
// are house-local 21:00 on Tuesday December 8, 2026 in Los Angeles.
var catalogueSamples = []struct {
	key    string
	params Params
	en, es [2]string // title, body
}{
	{kindSupport, Params{"name": "Ana", "house": "Cedar House", "post": "p1"},
		[2]string{"Ana needs support right now", "Ana reached out on the board. A call, a knock on the door or one tap to answer lets them know they're not alone."},
		[2]string{"Ana necesita apoyo ahora mismo", "Ana pidió apoyo en el tablero. Una llamada, tocar a su puerta o responder con un toque le hace saber que cuenta con ustedes."}},
	{kindSupportUnanswered, Params{"name": "Ana", "house": "Cedar House", "post": "p1"},
		[2]string{"Ana is still waiting for an answer", "Ana reached out on the board 30 minutes ago and nobody has answered yet. A call or a knock on the door can make the difference."},
		[2]string{"Ana sigue esperando una respuesta", "Ana pidió apoyo en el tablero hace 30 minutos y nadie ha respondido todavía. Una llamada o tocar a su puerta puede hacer la diferencia."}},
	{kindSupportAnswer, Params{"name": "Luis", "words": "Call me anytime", "post": "p1"},
		[2]string{"Luis answered your post", "Call me anytime"},
		[2]string{"Luis respondió a tu publicación", "Call me anytime"}},
	{kindSupportAnswer + ".quick", Params{"variant": "quick", "name": "Luis", "quick": "on_my_way", "post": "p1"},
		[2]string{"Luis: On my way", ""},
		[2]string{"Luis: Voy para allá", ""}},
	{kindComment, Params{"name": "", "words": "Proud of you", "post": "p1"},
		[2]string{"A housemate commented on your post", "Proud of you"},
		[2]string{"Alguien de la casa comentó tu publicación", "Proud of you"}},
	{kindPostReport, Params{"words": "It names someone", "post": "p1"},
		[2]string{"A post on the board was reported", "The reason given: It names someone"},
		[2]string{"Reportaron una publicación del tablero", "El motivo: It names someone"}},
	{kindPostHidden, Params{"post": "p1"},
		[2]string{"A manager hid your post", "Only you and the house managers can see it now. A manager can tell you more if you'd like to talk about it."},
		[2]string{"Un encargado ocultó tu publicación", "Ahora solo tú y los encargados de la casa pueden verla. Si quieres hablarlo, un encargado puede contarte más."}},
	{kindAnnouncement, Params{"name": "Rosa", "house": "Cedar House", "words": "Pizza night on Friday", "post": "p1"},
		[2]string{"New announcement from Rosa", "Pizza night on Friday"},
		[2]string{"Nuevo anuncio de Rosa", "Pizza night on Friday"}},
	{kindCheckinReminder, Params{"deadline": "2026-12-09T05:00:00Z", "tz": "America/Los_Angeles"},
		[2]string{"Time for your check-in", "A minute to check in before 9:00 PM keeps your streak going."},
		[2]string{"Es hora de tu registro", "Un minuto para registrarte antes de las 21:00 mantiene tu racha."}},
	{kindCheckinSummary, Params{"day": "2026-12-08", "deadline": "2026-12-09T05:00:00Z", "tz": "America/Los_Angeles",
		"missing": 3.0, "names": []any{"Ana", "", "Isabel"}},
		[2]string{"Tuesday's check-ins: 3 residents haven't checked in", "Not checked in by 9:00 PM: Ana, (no name set) and Isabel. A kind word can go a long way."},
		[2]string{"Registros del martes: 3 residentes no se han registrado", "Sin registro a las 21:00: Ana, (sin nombre) e Isabel. Una palabra amable ayuda mucho."}},
	{kindCheckinSummary + ".all_clear", Params{"variant": "all_clear", "day": "2026-12-08", "deadline": "2026-12-09T05:00:00Z", "tz": "America/Los_Angeles"},
		[2]string{"Tuesday's check-ins: everyone checked in", "Every active resident checked in on Tuesday. Thank you for keeping the house connected."},
		[2]string{"Registros del martes: todos se registraron", "Todos los residentes activos se registraron el martes. Gracias por mantener unida la casa."}},
	{kindCurfewSummary, Params{"night": "2026-12-11", "curfew": "2026-12-12T07:00:00Z", "tz": "America/Los_Angeles",
		"missing": 30.0, "names": []any{"Ana", "Luis"}},
		[2]string{"Friday night: 30 residents haven't checked in as home", "No \"I'm home\" check-in since curfew at 11:00 PM: Ana, Luis and 28 more (see Today and tonight). They may simply have forgotten to tap it."},
		[2]string{"Noche del viernes: 30 residentes no han marcado que están en casa", "Sin «Estoy en casa» desde el toque de queda de las 23:00: Ana, Luis y 28 más (ver Hoy y esta noche). Puede que solo se les haya olvidado tocarlo."}},
	{kindCurfewSummary + ".all_clear", Params{"variant": "all_clear", "night": "2026-12-11", "curfew": "2026-12-12T07:00:00Z", "tz": "America/Los_Angeles"},
		[2]string{"Friday night: everyone checked in as home", "Every active resident checked in as home on Friday night."},
		[2]string{"Noche del viernes: todos marcaron que están en casa", "Todos los residentes activos marcaron «Estoy en casa» la noche del viernes."}},
	{kindWeeklySummary, Params{"from": "2026-11-30", "tz": "America/Los_Angeles", "checkins": 120.0, "checkins_expected": 133.0,
		"meetings": 40.0, "meetings_expected": 57.0, "curfew_late": 2.0, "chores_done": 60.0, "chores_missed": 3.0, "support": 1.0,
		"prev_checkins": 110.0, "prev_checkins_expected": 133.0, "prev_meetings": 35.0, "prev_curfew_late": 4.0, "prev_chores_missed": 5.0},
		[2]string{"The week of November 30: 120 of 133 check-ins", "Meetings: 40 of 57. After curfew: 2. Chores: 60 done, 3 not done in time. Support posts: 1. The week before: 110 of 133 check-ins, 35 meetings, 4 after curfew, 5 chores not done in time. The full report is under Reports."},
		[2]string{"La semana del 30 de noviembre: 120 de 133 registros", "Reuniones: 40 de 57. Después del toque de queda: 2. Tareas: 60 hechas, 3 no se hicieron a tiempo. Publicaciones de apoyo: 1. La semana anterior: 110 de 133 registros, 35 reuniones, 4 después del toque de queda, 5 tareas no se hicieron a tiempo. El informe completo está en Informes."}},
	{kindEvent, Params{"title": "December check-in", "starts": "2026-12-09T05:00:00Z", "tz": "America/Los_Angeles", "location": "Living room", "event": "e1"},
		[2]string{"House meeting: December check-in", "Tuesday, December 8 at 9:00 PM, Living room. Everyone in the house comes to this one; if you can't make it, please let a manager know."},
		[2]string{"Reunión de la casa: December check-in", "Será el martes 8 de diciembre, 21:00, Living room. Toda la casa viene a esta reunión; si no puedes venir, por favor avísale a un encargado."}},
	{kindEvent + ".weekly", Params{"variant": "weekly", "title": "Sunday meeting", "starts": "2026-12-14T03:00:00Z", "tz": "America/Los_Angeles", "location": "", "event": "e1"},
		[2]string{"House meeting: Sunday meeting", "Every Sunday at 7:00 PM, starting December 13. Everyone in the house comes to this one; if you can't make it, please let a manager know."},
		[2]string{"Reunión de la casa: Sunday meeting", "Cada domingo a las 19:00, a partir del 13 de diciembre. Toda la casa viene a esta reunión; si no puedes venir, por favor avísale a un encargado."}},
	{kindChoreReview, Params{"chore": "Kitchen", "name": "Ana", "assignment": "a1"},
		[2]string{"Ana: Kitchen is done", "It's waiting for a review."},
		[2]string{"Ana marcó como hecha: Kitchen", "Espera tu revisión."}},
	{kindChoreRejected, Params{"chore": "Kitchen", "name": "Ana", "words": "The floor too, please", "assignment": "a1"},
		[2]string{"Kitchen needs another go", "The floor too, please"},
		[2]string{"Kitchen necesita otro intento", "The floor too, please"}},
	{kindChoreMissed, Params{"chore": "", "name": "Ana", "assignment": "a1"},
		[2]string{"A chore wasn't marked done in time", "If something got in the way, talk to your house manager."},
		[2]string{"Una tarea no se marcó a tiempo", "Si algo te lo impidió, habla con el encargado de tu casa."}},
	{kindChoreMissed + ".manager", Params{"variant": "manager", "chore": "Kitchen", "name": "", "assignment": "a1"},
		[2]string{"Someone: Kitchen was missed", ""},
		[2]string{"Alguien: Kitchen no se marcó a tiempo", ""}},
	{kindChoreUnassigned, Params{"chore": "Kitchen", "day": "2026-12-08"},
		[2]string{"Nobody could take Kitchen today", "Everyone who shares it is away or has moved out. Check who shares it in the chore list."},
		[2]string{"Nadie pudo hacerse cargo de Kitchen hoy", "Todas las personas que la comparten están fuera o ya se mudaron. Revisa quiénes la comparten en la lista de tareas."}},
	{kindChoreUnassigned + ".many", Params{"variant": "many", "count": 2.0, "chores": []any{"Kitchen", "Yard"}, "day": "2026-12-08"},
		[2]string{"Nobody could take 2 chores today", "Kitchen, Yard. Everyone who shares them is away or has moved out. Check who shares them in the chore list."},
		[2]string{"Nadie pudo hacerse cargo de 2 tareas hoy", "Kitchen, Yard. Todas las personas que las comparten están fuera o ya se mudaron. Revisa quiénes las comparten en la lista de tareas."}},
	{kindWelcome, Params{"house": "Maple House"},
		[2]string{"Welcome to Maple House", "This is your house's own space. Your housemates are on the home screen; your profile decides what they see about you."},
		[2]string{"Te damos la bienvenida a Maple House", "Este es el espacio de tu casa. Tus compañeros están en la pantalla de inicio; tu perfil decide qué ven de ti."}},
	{"push_test", Params{},
		[2]string{"Test notification", "Push notifications reach this device."},
		[2]string{"Notificación de prueba", "Las notificaciones push llegan a este dispositivo."}},
	// Staff records.
	{kindIncidentFollowup, Params{"count": 1.0, "day": "2026-12-09", "tz": "America/Los_Angeles"},
		[2]string{"An incident follow-up is due tomorrow", "Set for Wednesday, December 9. Open Incidents to see it and what was agreed."},
		[2]string{"Mañana vence el seguimiento de un incidente", "Previsto para el miércoles 9 de diciembre. Abre Incidentes para verlo y ver lo que se acordó."}},
	{kindIncidentFollowup, Params{"count": 3.0, "day": "2026-12-09", "tz": "America/Los_Angeles"},
		[2]string{"3 incident follow-ups are due tomorrow", "Set for Wednesday, December 9. Open Incidents to see them and what was agreed."},
		[2]string{"Mañana vencen 3 seguimientos de incidentes", "Previsto para el miércoles 9 de diciembre. Abre Incidentes para verlos y ver lo que se acordó."}},
	// Passes (kept together for merging).
	{kindPassRequested, Params{"name": "Ana", "house": "Cedar House", "pass": "p1", "starts": "2026-12-12", "ends": "2026-12-14"},
		[2]string{"Ana asked for a pass", "From December 12 to December 14. Approve or decline it in Needs you now."},
		[2]string{"Ana pidió un permiso de salida", "Del 12 de diciembre al 14 de diciembre. Apruébalo o recházalo en Te necesitan ahora."}},
	{kindPassDecided, Params{"name": "Ana", "house": "Cedar House", "pass": "p1", "starts": "2026-12-12", "ends": "2026-12-14"},
		[2]string{"Your pass is approved", "You're signed out from December 12 to December 14. Take care, and we'll see you when you're back."},
		[2]string{"Tu permiso de salida está aprobado", "Sales del 12 de diciembre al 14 de diciembre. Cuídate; te esperamos a tu regreso."}},
	{kindPassDecided + ".declined", Params{"variant": "declined", "name": "Ana", "pass": "p1", "starts": "2026-12-12", "ends": "2026-12-14",
		"words": "The house meeting is that Sunday"},
		[2]string{"Your pass wasn't approved", "The house meeting is that Sunday"},
		[2]string{"Tu permiso de salida no fue aprobado", "The house meeting is that Sunday"}},
	{kindPassCancelled, Params{"name": "", "pass": "p1", "starts": "2026-12-12", "ends": "2026-12-14"},
		[2]string{"A resident cancelled a pass", "The pass from December 12 to December 14 is cancelled."},
		[2]string{"Un residente canceló un permiso de salida", "El permiso del 12 de diciembre al 14 de diciembre quedó cancelado."}},
	{kindPassCancelled + ".manager", Params{"variant": "manager", "name": "Ana", "pass": "p1", "starts": "2026-12-12", "ends": "2026-12-14"},
		[2]string{"A manager cancelled your pass", "Your pass from December 12 to December 14 is cancelled. If you have questions, talk with your house manager."},
		[2]string{"Un encargado canceló tu permiso de salida", "Tu permiso del 12 de diciembre al 14 de diciembre quedó cancelado. Si tienes preguntas, habla con el encargado de tu casa."}},
}

// placeholders are the parameters and formats a template uses.
func placeholders(template string) (params, formats []string) {
	for _, m := range placeholder.FindAllStringSubmatch(template, -1) {
		params = append(params, m[1])
		if m[3] != "" && m[2] == "list" {
			params = append(params, m[3])
		}
		formats = append(formats, m[2])
	}
	return params, formats
}

// knownFormats are the formats notificationLanguage.format knows.
var knownFormats = []string{"", "or", "comma", "plural", "quick", "list", "join", "weekday", "time", "at_time", "datetime", "weekday_time", "month_day"}

// TestNotificationCatalogueComplete: every message of every language
// exists in every other with the same parameters and known formats, every
// kind has its importance and its words, and nothing is left of the
// templates' braces.
func TestNotificationCatalogueComplete(t *testing.T) {
	en := notificationLanguages["en"].messages
	for lang, l := range notificationLanguages {
		if len(l.messages) != len(en) {
			t.Errorf("%s has %d messages, en %d", lang, len(l.messages), len(en))
		}
		for key, w := range l.messages {
			ref, ok := en[key]
			if !ok {
				t.Errorf("%s has %s, en does not", lang, key)
				continue
			}
			got, want := map[string]bool{}, map[string]bool{}
			for _, tmpl := range []string{w.Title, w.Body, w.LockTitle, w.LockBody} {
				ps, fs := placeholders(tmpl)
				for _, p := range ps {
					got[p] = true
				}
				for _, f := range fs {
					if !slices.Contains(knownFormats, f) {
						t.Errorf("%s %s: unknown format %q in %q", lang, key, f, tmpl)
					}
				}
				if left := placeholder.ReplaceAllString(tmpl, ""); strings.ContainsAny(left, "{}") {
					t.Errorf("%s %s: a brace outside a placeholder in %q", lang, key, tmpl)
				}
			}
			for _, tmpl := range []string{ref.Title, ref.Body, ref.LockTitle, ref.LockBody} {
				ps, _ := placeholders(tmpl)
				for _, p := range ps {
					want[p] = true
				}
			}
			if !maps.Equal(got, want) {
				t.Errorf("%s %s uses parameters %v, en %v", lang, key, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
			if w.Title == "" {
				t.Errorf("%s %s has no title", lang, key)
			}
			if (w.LockTitle == "") != (ref.LockTitle == "") {
				t.Errorf("%s %s: lock-screen words in one language only", lang, key)
			}
		}
	}
	for key := range en {
		kind, _, _ := strings.Cut(key, ".")
		if _, ok := notificationKinds[kind]; !ok {
			t.Errorf("%s has words but no importance in notificationKinds", key)
		}
	}
	for kind := range notificationKinds {
		if _, ok := en[kind]; !ok {
			t.Errorf("kind %s has no words", kind)
		}
	}
}

// TestNotificationCatalogueRenders: each message in English and Spanish,
// with the words above, and no placeholder left in any language, in the
// app or on a lock screen.
func TestNotificationCatalogueRenders(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range catalogueSamples {
		seen[c.key] = true
		kind, _, _ := strings.Cut(c.key, ".")
		for lang, want := range map[string][2]string{"en": c.en, "es": c.es} {
			t.Run(lang+" "+c.key, func(t *testing.T) {
				title, body, ok := renderMessage(kind, c.params, lang, false)
				if !ok || title != want[0] || body != want[1] {
					t.Errorf("got %q / %q (%v)\nwant %q / %q", title, body, ok, want[0], want[1])
				}
			})
		}
		for lang := range notificationLanguages {
			for _, lock := range []bool{false, true} {
				title, body, _ := renderMessage(kind, c.params, lang, lock)
				if strings.ContainsAny(title+body, "{}|#") || strings.Contains(title+body, "%!") || title == "" {
					t.Errorf("%s %s (lock screen %v): %q / %q", lang, c.key, lock, title, body)
				}
			}
		}
	}
	for key := range notificationLanguages["en"].messages {
		if !seen[key] {
			t.Errorf("no sample of %s", key)
		}
	}
	if _, _, ok := renderMessage("no_such_kind", Params{}, "es", false); ok {
		t.Error("an unknown kind rendered")
	}
	// An unknown or empty language is English.
	for _, lang := range []string{"", "fr"} {
		if title, _, _ := renderMessage(kindWelcome, Params{"house": "Maple House"}, lang, false); title != "Welcome to Maple House" {
			t.Errorf("language %q: %q", lang, title)
		}
	}
}

// TestNotificationSpanishDates: the house's own time, and Spanish weekday
// and month names, whatever the server's zone; "la 1:00" but "las 21:00".
func TestNotificationSpanishDates(t *testing.T) {
	oneAM := Params{"night": "2026-12-11", "curfew": "2026-12-12T09:00:00Z", "tz": "America/Los_Angeles", "missing": 1, "names": []string{"Ana"}}
	if _, body, _ := renderMessage(kindCurfewSummary, oneAM, "es", false); !strings.Contains(body, "toque de queda de la 1:00: Ana.") {
		t.Errorf("curfew at 1:00 in Spanish: %q", body)
	}
	if title, _, _ := renderMessage(kindCurfewSummary, oneAM, "es", false); title != "Noche del viernes: 1 residente no ha marcado que está en casa" {
		t.Errorf("one resident in Spanish: %q", title)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 8, 21, 0, 0, 0, ny)
	msg := requiredMeetingMessageAt("Reunión", at, ny, false)
	_, body, _ := renderMessage(msg.Kind, msg.Params, "es", false)
	if !strings.Contains(body, "martes 8 de diciembre, 21:00") {
		t.Errorf("body %q, want martes 8 de diciembre, 21:00", body)
	}
	_, body, _ = renderMessage(msg.Kind, msg.Params, "en", false)
	if !strings.Contains(body, "Tuesday, December 8 at 9:00 PM") {
		t.Errorf("body %q", body)
	}
}

// requiredMeetingMessageAt is requiredMeetingMessage for an event
// starting at.
func requiredMeetingMessageAt(title string, at time.Time, loc *time.Location, weekly bool) Message {
	c := core.NewBaseCollection("events")
	c.Fields.Add(&core.TextField{Name: "title"}, &core.DateField{Name: "starts"}, &core.TextField{Name: "repeat"}, &core.TextField{Name: "location"})
	ev := core.NewRecord(c)
	ev.Set("title", title)
	ev.Set("starts", at)
	if weekly {
		ev.Set("repeat", RepeatWeekly)
	}
	return requiredMeetingMessage(ev, loc)
}

// sentinel marks what a person wrote; it must never reach a lock screen.
const sentinel = "SENTINEL-WORDS-7f3a"

// TestNotificationLockScreen: what push and email may carry never holds a
// post's, comment's, report's or note's words, in any language, and a
// support alert names the house and not the person; a message without
// lock-screen words carries nothing private in its app words either.
func TestNotificationLockScreen(t *testing.T) {
	for _, c := range catalogueSamples {
		kind, _, _ := strings.Cut(c.key, ".")
		p := maps.Clone(c.params)
		p["words"] = sentinel + " my mood is 1, craving 9"
		for lang, l := range notificationLanguages {
			title, body, _ := renderMessage(kind, p, lang, true)
			if strings.Contains(title+body, "SENTINEL") || strings.Contains(title+body, "craving") {
				t.Errorf("%s %s lock screen: %q / %q", lang, c.key, title, body)
			}
			w := l.messages[c.key]
			if w.LockTitle == "" {
				ps, _ := placeholders(w.Title + w.Body)
				for _, private := range privateParams {
					if slices.Contains(ps, private) {
						t.Errorf("%s %s shows %s in the app and has no lock-screen words", lang, c.key, private)
					}
				}
			}
		}
	}
	support := Params{"name": "Ana", "house": "Cedar House", "post": "p1"}
	for lang, want := range map[string]string{"en": "Someone in Cedar House asked for support", "es": "Alguien en Cedar House pidió apoyo"} {
		title, body, _ := renderMessage(kindSupport, support, lang, true)
		if again, againBody, _ := renderMessage(kindSupportUnanswered, support, lang, true); strings.Contains(again+againBody, "Ana") {
			t.Errorf("%s support re-alert on a lock screen names the person: %q / %q", lang, again, againBody)
		}
		if title != want || strings.Contains(title+body, "Ana") {
			t.Errorf("%s support alert on a lock screen: %q / %q", lang, title, body)
		}
	}
}

// FuzzNotificationLockScreen: whatever a person writes, a lock screen
// never shows it.
func FuzzNotificationLockScreen(f *testing.F) {
	f.Add("I'm not OK tonight", "Ana")
	f.Add("{name}", "{words}")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, words, name string) {
		marked := "⟦" + words + "⟧"
		for _, c := range catalogueSamples {
			kind, _, _ := strings.Cut(c.key, ".")
			p := maps.Clone(c.params)
			p["words"] = marked
			if _, ok := p["name"]; ok {
				p["name"] = name
			}
			for lang := range notificationLanguages {
				title, body, _ := renderMessage(kind, p, lang, true)
				if strings.Contains(title+body, "⟦") && !strings.Contains(name, "⟦") {
					t.Errorf("%s %s lock screen carries the words: %q / %q", lang, c.key, title, body)
				}
			}
		}
	})
}

// TestRenderNotificationRows: a stored row renders from its params in the
// reader's language; a row stored before params existed keeps its words
// in every language, and on a lock screen keeps only what is safe.
func TestRenderNotificationRows(t *testing.T) {
	c := core.NewBaseCollection("notifications")
	c.Fields.Add(&core.TextField{Name: "kind"}, &core.TextField{Name: "title"}, &core.TextField{Name: "body"},
		&core.JSONField{Name: "params", MaxSize: 4000})
	row := func(kind, title, body string, params any) *core.Record {
		r := core.NewRecord(c)
		r.Set("kind", kind)
		r.Set("title", title)
		r.Set("body", body)
		if params != nil {
			r.Set("params", params)
		}
		return r
	}
	cases := []struct {
		name        string
		n           *core.Record
		lang        string
		lock        bool
		title, body string
	}{
		{"params in Spanish", row(kindComment, "Ana commented on your post", "nice", Params{"name": "Ana", "words": "nice"}),
			"es", false, "Ana comentó tu publicación", "nice"},
		{"params on a Spanish lock screen", row(kindComment, "Ana commented on your post", "nice", Params{"name": "Ana", "words": "nice"}),
			"es", true, "Ana comentó tu publicación", ""},
		{"params as JSON text", row(kindWelcome, "Welcome to X", "", `{"house":"X"}`), "es", false,
			"Te damos la bienvenida a X", "Este es el espacio de tu casa. Tus compañeros están en la pantalla de inicio; tu perfil decide qué ven de ti."},
		{"old row in Spanish", row(kindComment, "Ana commented on your post", "my words", nil), "es", false,
			"Ana commented on your post", "my words"},
		{"old row of an unknown kind", row("test", "For A1 only", "private body of A1", nil), "es", false,
			"For A1 only", "private body of A1"},
		{"old comment on a lock screen", row(kindComment, "Ana commented on your post", "my words", nil), "en", true,
			"Ana commented on your post", ""},
		{"old support alert on a lock screen", row(kindSupport, "Ana needs support right now", "Ana reached out", nil), "es", true,
			"Alguien en tu casa pidió apoyo", "Abre Hearth para responder."},
		{"words of a kind without catalogue", row("push_custom", "Hello", "there", Params{}), "es", false, "Hello", "there"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			title, body := renderNotification(c.n, c.lang, c.lock)
			if title != c.title || body != c.body {
				t.Errorf("got %q / %q, want %q / %q", title, body, c.title, c.body)
			}
		})
	}
}

// TestNotificationImportant: the important kinds, and an unknown one.
func TestNotificationImportant(t *testing.T) {
	for kind, want := range map[string]bool{
		kindSupport: true, kindAnnouncement: true, kindChoreRejected: true, kindCheckinSummary: true,
		kindCurfewSummary: true, kindChoreMissed: true, kindChoreUnassigned: true, kindWeeklySummary: true,
		kindIncidentFollowup: true,
		kindComment:          false, kindSupportAnswer: false, kindCheckinReminder: false, kindChoreReview: false,
		"push_test": false, "no_such_kind": false,
		kindPassRequested: true, kindPassDecided: true, kindPassCancelled: false,
	} {
		if got := notificationImportant(kind); got != want {
			t.Errorf("notificationImportant(%q) = %v, want %v", kind, got, want)
		}
	}
}

// BenchmarkRenderNotification is the cost the notifications list adds per
// row: a check-in summary in Spanish, from its stored params.
func BenchmarkRenderNotification(b *testing.B) {
	c := core.NewBaseCollection("notifications")
	c.Fields.Add(&core.TextField{Name: "kind"}, &core.TextField{Name: "title"}, &core.TextField{Name: "body"},
		&core.JSONField{Name: "params", MaxSize: 4000})
	n := core.NewRecord(c)
	n.Set("kind", kindCheckinSummary)
	n.Set("params", `{"day":"2026-12-08","deadline":"2026-12-09T05:00:00Z","tz":"America/Los_Angeles","missing":3,"names":["Ana","Luis","Isabel"]}`)
	for b.Loop() {
		renderNotification(n, "es", false)
	}
}

// TestStoredWordsParamsTooLong: params too long for the column leave the
// row with its English words and no params, never a refused notification.
func TestStoredWordsParamsTooLong(t *testing.T) {
	chores := make([]string, 60)
	for i := range chores {
		chores[i] = strings.Repeat("Deep clean the upstairs bathroom ", 3)
	}
	msg := Message{Kind: kindChoreUnassigned, Params: Params{"variant": "many", "count": len(chores), "chores": chores}}
	title, body, params := msg.storedWords()
	if params != nil || title != "Nobody could take 60 chores today" || !strings.HasPrefix(body, "Deep clean") {
		t.Errorf("got %q / %.40q / %v", title, body, params != nil)
	}
	short := Message{Kind: kindChoreUnassigned, Params: Params{"variant": "many", "count": 2, "chores": []string{"A", "B"}}}
	if _, _, params := short.storedWords(); params == nil {
		t.Error("short params were dropped")
	}
}
