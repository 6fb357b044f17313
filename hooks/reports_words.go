package hooks

import (
	"strconv"
	"strings"
	"time"

	"hearth/domain"
)

// reportWords are the words of the house report's and the progress
// letter's PDFs, one catalogue per language (the requester's
// users.language: en or es; anything else is English). Spanish follows
// the web app's (pb_public/js/i18n/*.es.js): tú, encargado, registro,
// tarea. A test checks that every key exists in every language.
// Placeholders are {name}. The CSV keeps English column names: they are
// read by programs (docs/API.md).
var reportWords = map[string]map[string]string{
	"en": {
		"houseTitle":        "House report",
		"house":             "House: {house}",
		"period":            "Period: {period}",
		"made":              "Made: {made} by Hearth",
		"periodText":        "{from} to {to}",
		"page":              "page {n}",
		"of":                "{n} of {of}",
		"nothingYet":        "nothing yet (the period has not started)",
		"occupancy":         "Occupancy",
		"occupancyAbt":      "Whole house-local days counted through {through}. A bed-night is a night of a resident's stay, away on a pass included; occupancy is bed-nights over beds × days.",
		"daysCounted":       "Days counted",
		"beds":              "Beds",
		"noLimit":           "no limit set",
		"bedNights":         "Bed-nights",
		"moveIns":           "Move-ins",
		"moveOuts":          "Move-outs",
		"colResident":       "Resident",
		"colStatus":         "Status",
		"colMoveIn":         "Move-in",
		"colMoveOut":        "Move-out",
		"colDaysHere":       "Days here",
		"engagement":        "Resident engagement",
		"engagementAb":      "Days here are the days a resident lived in the house and was not away. A daily check-in is expected on each; outside meetings at the house's {n} a week, in proportion.",
		"checkinsMade":      "Daily check-ins made",
		"meetingsExp":       "Outside meetings logged (expected)",
		"meetingsVer":       "Meetings verified by a manager",
		"colCheckins":       "Check-ins",
		"colMeetings":       "Meetings",
		"colVerified":       "Verified",
		"colExpected":       "Expected",
		"account":           "Accountability",
		"accountAbout":      "Curfew check-ins (\"I'm home\") and those after curfew; chores by the day they were due.",
		"curfew":            "Curfew check-ins",
		"afterCurfew":       "After curfew",
		"choresAssign":      "Chores assigned",
		"choresDone":        "Chores done",
		"choresMissed":      "Chores missed",
		"choresExcuse":      "Chores excused",
		"colCurfew":         "Curfew",
		"colLate":           "Late",
		"colChores":         "Chores",
		"colDone":           "Done",
		"colMissed":         "Missed",
		"colExcused":        "Excused",
		"safety":            "Safety",
		"safetyAbout":       "Drug tests taken while a resident lived in the house (when a test was corrected, the correction counts); not negative means positive, dilute, not readable or not taken (a test waiting for its result is not one). Incidents by the day they happened, each counted once; a resident's count is the incidents naming them. Follow-ups as they stand when this report was made. Support posts: a resident asking the house for help, day or night, and how soon someone answered.",
		"drugTests":         "Drug tests",
		"notNegative":       "Not negative",
		"resultPos":         "Positive",
		"resultDilute":      "Dilute",
		"resultInval":       "Not readable",
		"resultRefuse":      "Not taken (refused)",
		"resultPend":        "Waiting for the result",
		"incidents":         "Incidents",
		"sevMinor":          "Minor",
		"sevSerious":        "Serious",
		"sevCritical":       "Critical",
		"followUps":         "Incidents with a follow-up day",
		"followClosed":      "Closed",
		"followLate":        "Still open after their follow-up day",
		"colTests":          "Tests",
		"colNotNeg":         "Not negative",
		"colIncidents":      "Incidents",
		"supportPosts":      "Support posts",
		"answered":          "Answered",
		"minutesMed":        "Minutes to the first answer (median)",
		"minutesMax":        "Minutes to the first answer (longest)",
		"status.active":     "active",
		"status.away":       "away",
		"status.alumni":     "alumni",
		"status.discharged": "discharged",
		// The progress letter.
		"letterTitle": "Attendance and progress: {name}",
		"stay":        "Stay",
		"stayAbout":   "Made by {name} in Hearth, the house's own record, for whoever they choose to give it to.",
		"stayFromTo":  "from {from} to {to}",
		"stayFrom":    "from {from}, living there",
		"stayInHouse": "Stay in the house",
		"daysInHouse": "Days in the house in the period (not away)",
		"dailyCheck":  "Daily check-ins",
		"curfewLate":  "Curfew check-ins (after curfew)",
		"meetingsLog": "Outside meetings logged",
		"choresDMX":   "Chores done / missed / excused",
		"meetings":    "Meetings",
		"meetingsAb":  "Every outside meeting logged in the period; \"verified\" when a house manager checked it (a signed slip or in person).",
		"colMeeting":  "Meeting",
		"colDate":     "Date",
		"colProgram":  "Program",
		"verified":    "verified",
	},
	"es": {
		"houseTitle":        "Informe de la casa",
		"house":             "Casa: {house}",
		"period":            "Periodo: {period}",
		"made":              "Hecho: {made} por Hearth",
		"periodText":        "del {from} al {to}",
		"page":              "página {n}",
		"of":                "{n} de {of}",
		"nothingYet":        "nada todavía (el periodo no ha empezado)",
		"occupancy":         "Ocupación",
		"occupancyAbt":      "Días completos de la casa contados hasta el {through}. Una noche-cama es una noche de la estancia de un residente, también fuera con permiso; la ocupación es noches-cama entre camas × días.",
		"daysCounted":       "Días contados",
		"beds":              "Camas",
		"noLimit":           "sin número de camas",
		"bedNights":         "Noches-cama",
		"moveIns":           "Entradas",
		"moveOuts":          "Salidas",
		"colResident":       "Residente",
		"colStatus":         "Estado",
		"colMoveIn":         "Entrada",
		"colMoveOut":        "Salida",
		"colDaysHere":       "Días aquí",
		"engagement":        "Participación de los residentes",
		"engagementAb":      "Días aquí son los días que un residente vivió en la casa sin estar fuera. Se espera un registro diario cada uno de esos días, y reuniones externas al ritmo de la casa, {n} por semana, en proporción.",
		"checkinsMade":      "Registros diarios hechos",
		"meetingsExp":       "Reuniones externas anotadas (esperadas)",
		"meetingsVer":       "Reuniones verificadas por un encargado",
		"colCheckins":       "Registros",
		"colMeetings":       "Reuniones",
		"colVerified":       "Verificadas",
		"colExpected":       "Esperadas",
		"account":           "Responsabilidad",
		"accountAbout":      "Registros de llegada («Estoy en casa») y los hechos después del toque de queda; tareas por el día en que tocaban.",
		"curfew":            "Registros de llegada",
		"afterCurfew":       "Después del toque de queda",
		"choresAssign":      "Tareas asignadas",
		"choresDone":        "Tareas hechas",
		"choresMissed":      "Tareas no hechas",
		"choresExcuse":      "Tareas excusadas",
		"colCurfew":         "Llegada",
		"colLate":           "Tarde",
		"colChores":         "Tareas",
		"colDone":           "Hechas",
		"colMissed":         "No hechas",
		"colExcused":        "Excusadas",
		"safety":            "Seguridad",
		"safetyAbout":       "Pruebas de drogas hechas mientras el residente vivía en la casa (si una prueba se corrigió, cuenta la corrección); no negativo quiere decir positivo, diluido, no legible o no realizada (una prueba que espera su resultado no lo es). Incidentes por el día en que pasaron, cada uno una vez; la cifra de un residente son los incidentes que lo nombran. Seguimientos tal como están al hacer este informe. Pedidos de apoyo: un residente que pide ayuda a la casa, de día o de noche, y cuánto tardó la primera respuesta.",
		"drugTests":         "Pruebas de drogas",
		"notNegative":       "No negativas",
		"resultPos":         "Positivas",
		"resultDilute":      "Diluidas",
		"resultInval":       "No legibles",
		"resultRefuse":      "No realizadas (rechazadas)",
		"resultPend":        "Esperando el resultado",
		"incidents":         "Incidentes",
		"sevMinor":          "Leves",
		"sevSerious":        "Graves",
		"sevCritical":       "Críticos",
		"followUps":         "Incidentes con día de seguimiento",
		"followClosed":      "Cerrados",
		"followLate":        "Aún abiertos después de su día de seguimiento",
		"colTests":          "Pruebas",
		"colNotNeg":         "No negativas",
		"colIncidents":      "Incidentes",
		"supportPosts":      "Pedidos de apoyo",
		"answered":          "Respondidos",
		"minutesMed":        "Minutos hasta la primera respuesta (mediana)",
		"minutesMax":        "Minutos hasta la primera respuesta (el más largo)",
		"status.active":     "vive aquí",
		"status.away":       "fuera con permiso",
		"status.alumni":     "exresidente",
		"status.discharged": "de baja",
		"letterTitle":       "Asistencia y progreso: {name}",
		"stay":              "Estancia",
		"stayAbout":         "Hecho por {name} en Hearth, el registro de la propia casa, para quien elija dárselo.",
		"stayFromTo":        "del {from} al {to}",
		"stayFrom":          "desde el {from}, vive allí",
		"stayInHouse":       "Estancia en la casa",
		"daysInHouse":       "Días en la casa en el periodo (sin estar fuera)",
		"dailyCheck":        "Registros diarios",
		"curfewLate":        "Registros de llegada (después del toque de queda)",
		"meetingsLog":       "Reuniones externas anotadas",
		"choresDMX":         "Tareas hechas / no hechas / excusadas",
		"meetings":          "Reuniones",
		"meetingsAb":        "Cada reunión externa anotada en el periodo; «verificada» cuando un encargado de la casa la comprobó (una hoja firmada o en persona).",
		"colMeeting":        "Reunión",
		"colDate":           "Fecha",
		"colProgram":        "Programa",
		"verified":          "verificada",
	},
}

// reportLang is the catalogue language for a users.language value: es or
// en (anything else).
func reportLang(lang string) string {
	if lang == "es" {
		return "es"
	}
	return "en"
}

// reportWord is the word of key in lang with its {placeholders} filled in
// from pairs (name, value, name, value...). A key missing in lang falls
// back to English.
func reportWord(lang, key string, pairs ...string) string {
	s, ok := reportWords[reportLang(lang)][key]
	if !ok {
		s = reportWords["en"][key]
	}
	if len(pairs) == 0 {
		return s
	}
	return strings.NewReplacer(pairsWithBraces(pairs)...).Replace(s)
}

// spanishMonths are the months as Spanish writes them in a date.
var spanishMonths = [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio",
	"julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// reportDay writes a "YYYY-MM-DD…" day in lang: as it is in English (a
// certifier's forms use it), "16 de noviembre de 2026" in Spanish; ""
// stays "".
func reportDay(lang, day string) string {
	t, ok := dayTime(day)
	if !ok || reportLang(lang) != "es" {
		return day
	}
	return strconv.Itoa(t.Day()) + " de " + spanishMonths[t.Month()-1] + " de " + strconv.Itoa(t.Year())
}

// reportShortDay writes a day in a table's narrow column: "2026-11-16" in
// English, "16/11/2026" in Spanish.
func reportShortDay(lang, day string) string {
	t, ok := dayTime(day)
	if !ok || reportLang(lang) != "es" {
		return day
	}
	return t.Format("02/01/2006")
}

// dayTime reads the "YYYY-MM-DD" a day starts with.
func dayTime(day string) (time.Time, bool) {
	if len(day) < len(domain.DateLayout) {
		return time.Time{}, false
	}
	t, err := time.Parse(domain.DateLayout, day[:len(domain.DateLayout)])
	return t, err == nil
}

// reportMade writes when a report was made, in loc: "2026-11-23 10:30
// PST", "23 de noviembre de 2026, 10:30 PST".
func reportMade(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if reportLang(lang) != "es" {
		return t.Format("2006-01-02 15:04 MST")
	}
	return reportDay(lang, t.Format(domain.DateLayout)) + ", " + t.Format("15:04 MST")
}

// reportStatus is a membership status in lang.
func reportStatus(lang, status string) string {
	if w, ok := reportWords[reportLang(lang)]["status."+status]; ok {
		return w
	}
	return status
}
