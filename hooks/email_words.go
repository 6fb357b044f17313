package hooks

import (
	"fmt"
	"strings"
	"time"
)

// emailWords are the words of Hearth's emails themselves, one catalogue
// per language (users.language: en or es); a notification's own title and
// text come from renderNotification. A test checks that every key exists
// in every language. Placeholders are {name}.
var emailWords = map[string]map[string]string{
	"en": {
		"greeting":             "Hello {name},",
		"greetingNoName":       "Hello,",
		"open":                 "Open Hearth",
		"settings":             "Change what Hearth emails you",
		"why":                  "You get this email because of your notification settings in Hearth.",
		"automatic":            "This email was sent by Hearth automatically. Replies are not read.",
		"digestSubject":        "Hearth: your daily summary",
		"digestHeading":        "Your daily summary",
		"digestIntro":          "Here is what Hearth told you since your last summary.",
		"digestOpen":           "Open",
		"inviteSubject":        "Your invite to {house}",
		"inviteIntro":          "{inviter} invited you to join {house} on Hearth, the app of your house.",
		"inviteIntroNoInviter": "You are invited to join {house} on Hearth, the app of your house.",
		"inviteHow":            "Open the link on your phone and make your own account. It takes a minute.",
		"inviteJoin":           "Join {house}",
		"inviteCode":           "Or open {url} and type this code:",
		"inviteExpires":        "The invite works until {date}, once.",
		"inviteIgnore":         "Not expecting this? You can ignore this email; nothing happens without the code.",
		"dateTime":             "{weekday} {day} {month} at {time}",
		"weekdays":             "Sunday,Monday,Tuesday,Wednesday,Thursday,Friday,Saturday",
		"months":               "January,February,March,April,May,June,July,August,September,October,November,December",
		// Staff records (kept together for merging).
		"criticalSubject": "Hearth: a critical incident in {house}",
		"criticalIntro":   "A manager of {house} recorded a critical incident that happened on {date}.",
		"criticalHow":     "Open the record to read it and see what was done. Some states ask for a report within 24 hours.",
		"criticalOpen":    "Open the incident",
		"criticalWhy":     "You get this email because you run this Hearth server (a superuser).",
	},
	"es": {
		"greeting":             "Hola, {name}:",
		"greetingNoName":       "Hola:",
		"open":                 "Abrir Hearth",
		"settings":             "Cambiar lo que Hearth te envía por correo",
		"why":                  "Recibes este correo por tus ajustes de avisos en Hearth.",
		"automatic":            "Hearth envió este correo automáticamente. Nadie lee las respuestas.",
		"digestSubject":        "Hearth: tu resumen del día",
		"digestHeading":        "Tu resumen del día",
		"digestIntro":          "Esto es lo que Hearth te avisó desde tu último resumen.",
		"digestOpen":           "Abrir",
		"inviteSubject":        "Tu invitación a {house}",
		"inviteIntro":          "{inviter} te invitó a unirte a {house} en Hearth, la aplicación de tu casa.",
		"inviteIntroNoInviter": "Te invitaron a unirte a {house} en Hearth, la aplicación de tu casa.",
		"inviteHow":            "Abre el enlace en tu teléfono y crea tu propia cuenta. Toma un minuto.",
		"inviteJoin":           "Unirme a {house}",
		"inviteCode":           "O abre {url} y escribe este código:",
		"inviteExpires":        "La invitación sirve una sola vez, hasta el {date}.",
		"inviteIgnore":         "¿No lo esperabas? Puedes ignorar este correo; sin el código no pasa nada.",
		"dateTime":             "{weekday} {day} de {month} a las {time}",
		"weekdays":             "domingo,lunes,martes,miércoles,jueves,viernes,sábado",
		"months":               "enero,febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre",
		// Staff records (kept together for merging).
		"criticalSubject": "Hearth: un incidente crítico en {house}",
		"criticalIntro":   "Un encargado de {house} registró un incidente crítico ocurrido el {date}.",
		"criticalHow":     "Abre el registro para leerlo y ver qué se hizo. Algunos estados piden un informe en 24 horas.",
		"criticalOpen":    "Abrir el incidente",
		"criticalWhy":     "Recibes este correo porque administras este servidor de Hearth (superusuario).",
	},
}

// emailLang is the catalogue language for a users.language value: es or
// en (anything else).
func emailLang(lang string) string {
	if lang == "es" {
		return "es"
	}
	return "en"
}

// emailWord is the word of key in lang with its {placeholders} filled in
// from pairs (name, value, name, value...). A key missing in lang falls
// back to English.
func emailWord(lang, key string, pairs ...string) string {
	s, ok := emailWords[emailLang(lang)][key]
	if !ok {
		s = emailWords["en"][key]
	}
	if len(pairs) == 0 {
		return s
	}
	return strings.NewReplacer(pairsWithBraces(pairs)...).Replace(s)
}

func pairsWithBraces(pairs []string) []string {
	out := make([]string, 0, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, "{"+pairs[i]+"}", pairs[i+1])
	}
	return out
}

// emailDateTime writes t in lang, as a person reads it: "Monday 30
// November at 10:30", "lunes 30 de noviembre a las 10:30".
func emailDateTime(lang string, t time.Time) string {
	weekdays := strings.Split(emailWord(lang, "weekdays"), ",")
	months := strings.Split(emailWord(lang, "months"), ",")
	return emailWord(lang, "dateTime",
		"weekday", weekdays[t.Weekday()],
		"day", fmt.Sprint(t.Day()),
		"month", months[t.Month()-1],
		"time", t.Format("15:04"))
}
