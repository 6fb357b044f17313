package hooks

import (
	"fmt"
	"strings"
	"time"
)

// notificationSpanish is the Spanish catalogue: US Spanish with tú, the
// web app's vocabulary (encargado, residente, registro, tarea, tablero;
// pb_public/js/i18n/es.js) and its tone: warm, never shaming ("no se
// marcó", not "falló").
var notificationSpanish = notificationLanguage{
	messages: map[string]notificationWords{
		kindSupport: {
			Title:     "{name|or:Alguien de la casa} necesita apoyo ahora mismo",
			Body:      "{name|or:Alguien de la casa} pidió apoyo en el tablero. Una llamada, tocar a su puerta o responder con un toque le hace saber que cuenta con ustedes.",
			LockTitle: "Alguien en {house|or:tu casa} pidió apoyo",
			LockBody:  "Abre Hearth para responder.",
		},
		kindSupportUnanswered: {
			Title:     "{name|or:Alguien de la casa} sigue esperando una respuesta",
			Body:      "{name|or:Alguien de la casa} pidió apoyo en el tablero hace 30 minutos y nadie ha respondido todavía. Una llamada o tocar a su puerta puede hacer la diferencia.",
			LockTitle: "Alguien en {house|or:tu casa} sigue esperando apoyo",
			LockBody:  "Nadie ha respondido en 30 minutos. Abre Hearth para responder.",
		},
		kindSupportAnswer: {
			Title:     "{name|or:Alguien de la casa} respondió a tu publicación",
			Body:      "{words}",
			LockTitle: "{name|or:Alguien de la casa} respondió a tu publicación",
		},
		kindSupportAnswer + ".quick": {
			Title: "{name|or:Alguien de la casa}: {quick|quick}",
		},
		kindComment: {
			Title:     "{name|or:Alguien de la casa} comentó tu publicación",
			Body:      "{words}",
			LockTitle: "{name|or:Alguien de la casa} comentó tu publicación",
		},
		kindPostReport: {
			Title:     "Reportaron una publicación del tablero",
			Body:      "El motivo: {words}",
			LockTitle: "Reportaron una publicación del tablero",
			LockBody:  "Abre Hearth para verla.",
		},
		kindPostHidden: {
			Title: "Un encargado ocultó tu publicación",
			Body:  "Ahora solo tú y los encargados de la casa pueden verla. Si quieres hablarlo, un encargado puede contarte más.",
		},
		kindAnnouncement: {
			Title:     "Nuevo anuncio de {name|or:un encargado}",
			Body:      "{words}",
			LockTitle: "Nuevo anuncio en {house|or:tu casa} de {name|or:un encargado}",
			LockBody:  "Abre Hearth para leerlo.",
		},
		kindCheckinReminder: {
			Title: "Es hora de tu registro",
			Body:  "Un minuto para registrarte antes de {deadline|at_time} mantiene tu racha.",
		},
		kindCheckinSummary: {
			Title:     "Registros del {day|weekday}: {missing|plural:1 residente no se ha registrado|# residentes no se han registrado}",
			Body:      "Sin registro a {deadline|at_time}: {names|list:missing}. Una palabra amable ayuda mucho.",
			LockTitle: "Registros del {day|weekday}: {missing|plural:1 residente no se ha registrado|# residentes no se han registrado}",
			LockBody:  "Abre Hoy y esta noche para ver quiénes.",
		},
		kindCheckinSummary + ".all_clear": {
			Title: "Registros del {day|weekday}: todos se registraron",
			Body:  "Todos los residentes activos se registraron el {day|weekday}. Gracias por mantener unida la casa.",
		},
		kindCurfewSummary: {
			Title:     "Noche del {night|weekday}: {missing|plural:1 residente no ha marcado que está en casa|# residentes no han marcado que están en casa}",
			Body:      "Sin «Estoy en casa» desde el toque de queda de {curfew|at_time}: {names|list:missing}. Puede que solo se les haya olvidado tocarlo.",
			LockTitle: "Noche del {night|weekday}: {missing|plural:1 residente no ha marcado que está en casa|# residentes no han marcado que están en casa}",
			LockBody:  "Abre Hoy y esta noche para ver quiénes.",
		},
		kindCurfewSummary + ".all_clear": {
			Title: "Noche del {night|weekday}: todos marcaron que están en casa",
			Body:  "Todos los residentes activos marcaron «Estoy en casa» la noche del {night|weekday}.",
		},
		kindWeeklySummary: {
			Title: "La semana del {from|month_day}: {checkins} de {checkins_expected} registros",
			Body:  "Reuniones: {meetings} de {meetings_expected}. Después del toque de queda: {curfew_late}. Tareas: {chores_done} hechas, {chores_missed|plural:1 no se hizo a tiempo|# no se hicieron a tiempo}. Publicaciones de apoyo: {support}. La semana anterior: {prev_checkins} de {prev_checkins_expected} registros, {prev_meetings|plural:1 reunión|# reuniones}, {prev_curfew_late} después del toque de queda, {prev_chores_missed|plural:1 tarea no se hizo a tiempo|# tareas no se hicieron a tiempo}. El informe completo está en Informes.",
		},
		kindEvent: {
			Title: "Reunión de la casa: {title}",
			Body:  "Será el {starts|datetime}{location|comma}. Toda la casa viene a esta reunión; si no puedes venir, por favor avísale a un encargado.",
		},
		kindEvent + ".weekly": {
			Title: "Reunión de la casa: {title}",
			Body:  "Cada {starts|weekday_time}, a partir del {starts|month_day}{location|comma}. Toda la casa viene a esta reunión; si no puedes venir, por favor avísale a un encargado.",
		},
		kindChoreReview: {
			Title: "{name|or:Alguien} marcó como hecha: {chore|or:una tarea}",
			Body:  "Espera tu revisión.",
		},
		kindChoreRejected: {
			Title:     "{chore|or:Una tarea} necesita otro intento",
			Body:      "{words}",
			LockTitle: "{chore|or:Una tarea} necesita otro intento",
			LockBody:  "Abre tus tareas para ver la nota del encargado.",
		},
		kindChoreMissed: {
			Title: "{chore|or:Una tarea} no se marcó a tiempo",
			Body:  "Si algo te lo impidió, habla con el encargado de tu casa.",
		},
		kindChoreMissed + ".manager": {
			Title: "{name|or:Alguien}: {chore|or:Una tarea} no se marcó a tiempo",
		},
		kindChoreUnassigned: {
			Title: "Nadie pudo hacerse cargo de {chore} hoy",
			Body:  "Todas las personas que la comparten están fuera o ya se mudaron. Revisa quiénes la comparten en la lista de tareas.",
		},
		kindChoreUnassigned + ".many": {
			Title: "Nadie pudo hacerse cargo de {count} tareas hoy",
			Body:  "{chores|join}. Todas las personas que las comparten están fuera o ya se mudaron. Revisa quiénes las comparten en la lista de tareas.",
		},
		kindWelcome: {
			Title: "Te damos la bienvenida a {house}",
			Body:  "Este es el espacio de tu casa. Tus compañeros están en la pantalla de inicio; tu perfil decide qué ven de ti.",
		},
		"push_test": {
			Title: "Notificación de prueba",
			Body:  "Las notificaciones push llegan a este dispositivo.",
		},
		// Staff records: names nobody and nothing of what happened.
		kindIncidentFollowup: {
			Title:     "{count|plural:Mañana vence el seguimiento de un incidente|Mañana vencen # seguimientos de incidentes}",
			Body:      "Previsto para el {day|weekday} {day|month_day}. Abre Incidentes para {count|plural:verlo|verlos} y ver lo que se acordó.",
			LockTitle: "{count|plural:Mañana vence el seguimiento de un incidente|Mañana vencen # seguimientos de incidentes}",
			LockBody:  "Abre Hearth para {count|plural:verlo|verlos}.",
		},
		// Passes (kept together for merging).
		kindPassRequested: {
			Title: "{name|or:Un residente} pidió un permiso de salida",
			Body:  "Del {starts|month_day} al {ends|month_day}. Apruébalo o recházalo en Te necesitan ahora.",
		},
		kindPassDecided: {
			Title: "Tu permiso de salida está aprobado",
			Body:  "Sales del {starts|month_day} al {ends|month_day}. Cuídate; te esperamos a tu regreso.",
		},
		kindPassDecided + ".declined": {
			Title:     "Tu permiso de salida no fue aprobado",
			Body:      "{words}",
			LockTitle: "Tu permiso de salida no fue aprobado",
			LockBody:  "Abre tus permisos para ver la nota del encargado.",
		},
		kindPassCancelled: {
			Title: "{name|or:Un residente} canceló un permiso de salida",
			Body:  "El permiso del {starts|month_day} al {ends|month_day} quedó cancelado.",
		},
		kindPassCancelled + ".manager": {
			Title: "Un encargado canceló tu permiso de salida",
			Body:  "Tu permiso del {starts|month_day} al {ends|month_day} quedó cancelado. Si tienes preguntas, habla con el encargado de tu casa.",
		},
	},
	weekdays: [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
	months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio",
		"julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	clock: func(t time.Time) string { return fmt.Sprintf("%d:%02d", t.Hour(), t.Minute()) },
	// "martes 8 de diciembre, 21:00"
	datetime: func(l *notificationLanguage, t time.Time) string {
		return fmt.Sprintf("%s %d de %s, %s", l.weekdays[t.Weekday()], t.Day(), l.months[t.Month()-1], l.clock(t))
	},
	// "martes a las 21:00"
	weekdayTime: func(l *notificationLanguage, t time.Time) string {
		return fmt.Sprintf("%s a %s", l.weekdays[t.Weekday()], l.atTime(l, t))
	},
	// "las 21:00", "la 1:00"
	atTime: func(l *notificationLanguage, t time.Time) string {
		if t.Hour() == 1 {
			return "la " + l.clock(t)
		}
		return "las " + l.clock(t)
	},
	// "8 de diciembre"
	monthDay: func(l *notificationLanguage, t time.Time) string {
		return fmt.Sprintf("%d de %s", t.Day(), l.months[t.Month()-1])
	},
	and:     spanishAnd,
	more:    "%s y %d más (ver Hoy y esta noche)",
	unnamed: "(sin nombre)",
	quick: map[string]string{
		"calling":   "Te estoy llamando",
		"on_my_way": "Voy para allá",
		"here":      "Aquí estoy",
	},
}

// spanishAnd is "y", or "e" before a word that starts with the sound i
// ("Ana e Isabel", but "Juan y Hiedra" keeps y before hie).
func spanishAnd(next string) string {
	w := strings.ToLower(next)
	if (strings.HasPrefix(w, "i") || strings.HasPrefix(w, "í") || strings.HasPrefix(w, "hi") || strings.HasPrefix(w, "hí")) &&
		!strings.HasPrefix(w, "hie") && !strings.HasPrefix(w, "hia") {
		return "e"
	}
	return "y"
}
