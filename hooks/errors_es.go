package hooks

// errorsES is the Spanish of the messages a refused request answers with:
// Hearth's own (every message the hooks give to fieldError and to the
// request errors; TestEveryErrorMessageHasSpanish keeps the list whole)
// and PocketBase's that residents meet. A key is the English message, or
// its template when it carries values: fmt's verbs (%s, %d, %q, %v) stand
// for them, and a concatenated value is a %s. The Spanish has the same
// verbs, in the same order (or numbered, %[2]s), and each value comes in as
// it was (a name, a number, a date). Messages whose values are English
// words that change the sentence (a chore's status, a kind of record) are
// in errorsESFunc instead.
//
// Spanish as the web app speaks it (pb_public/js/i18n/es.js): tú, plain
// and kind; house managers are "los encargados de la casa", a check-in a
// "registro diario", a pass a "permiso", an accountability partner a
// "compañero de apoyo".
var errorsES = map[string]string{
	// Realtime.
	"Hearth is open in too many places with your account. Close it in another tab or app, then try again.": "Hearth está abierto en demasiados lugares con tu cuenta. Ciérralo en otra pestaña o app y vuelve a intentarlo.",

	// Check-ins.
	"Pick the face that fits how you feel today.":                           "Elige la cara que va con cómo te sientes hoy.",
	"Choose how strong any craving is, from 0 (none) to 10.":                "Elige qué tan fuertes son las ganas de consumir, de 0 (nada) a 10.",
	"Please fill in the check-in.":                                          "Completa el registro diario, por favor.",
	"The day must be a date like 2026-11-23.":                               "El día tiene que ser una fecha como 2026-11-23.",
	"You're already checked in as home tonight.":                            "Ya registraste esta noche que estás en casa.",
	"You're away on a pass, so there's no curfew check-in for you tonight.": "Estás fuera con permiso, así que esta noche no tienes registro de toque de queda.",
	"You've already checked in today. Thank you, and see you tomorrow.":     "Ya hiciste tu registro de hoy. Gracias, y hasta mañana.",
	"This check-in was made on an earlier day while your phone was offline, so it can't count for today. Please check in again now.": "Este registro se hizo otro día, mientras tu teléfono estaba sin conexión, así que no puede contar para hoy. Haz tu registro de nuevo ahora, por favor.",

	// Chores.
	"The due time needs a 24-hour time like 09:30 (hours 00 to 23, minutes 00 to 59).":               "La hora límite necesita una hora en formato de 24 horas, como 09:30 (horas de 00 a 23, minutos de 00 a 59).",
	"Pick the day of the month, from 1 to 28 (every month has those).":                               "Elige el día del mes, del 1 al 28 (todos los meses los tienen).",
	"Points are a whole number from 1 to 10: how much effort the chore takes.":                       "Los puntos son un número entero del 1 al 10: cuánto esfuerzo lleva la tarea.",
	"%s doesn't live in this house, so they can't share its chores.":                                 "%s no vive en esta casa, así que no puede compartir sus tareas.",
	"This chore needs a photo of the finished job. Take one with your phone's camera, then send it.": "Esta tarea necesita una foto del trabajo terminado. Tómala con la cámara de tu teléfono y luego envíala.",
	"Say what still needs doing, so they can put it right.":                                          "Di qué falta por hacer, para que lo pueda arreglar.",
	"This chore changed a moment ago. Reload to see where it stands.":                                "Esta tarea cambió hace un momento. Vuelve a cargar la página para ver cómo está.",
	"You can't change %q of a chore.":                                                                "No puedes cambiar %q de una tarea.",
	"A chore can't go back to open.":                                                                 "Una tarea no puede volver a quedar pendiente.",
	"A chore can't go back to open. Mark it done when it's done.":                                    "Una tarea no puede volver a quedar pendiente. Márcala como hecha cuando esté hecha.",
	"Hearth marks a chore missed by itself when its time has passed.":                                "Hearth marca por sí solo una tarea como no hecha a tiempo cuando pasa su hora.",
	"Hearth only marks open chores missed.":                                                          "Hearth solo marca como no hechas a tiempo las tareas pendientes.",
	"Only the person it's assigned to marks a chore done.":                                           "Solo la persona a quien se asignó la tarea la marca como hecha.",
	"This change isn't possible.":                                                                    "Este cambio no es posible.",
	"This chore can't be marked done now.":                                                           "Esta tarea no se puede marcar como hecha ahora.",
	"This chore is already marked done and waits for a house manager.":                               "Esta tarea ya está marcada como hecha y espera a un encargado de la casa.",
	"This chore is done and approved. Nothing more to do.":                                           "Esta tarea está hecha y aprobada. No hay nada más que hacer.",
	"This chore was excused. Nothing more to do.":                                                    "Esta tarea fue excusada. No hay nada más que hacer.",
	"This chore's time has passed. Talk to your house manager if you did it.":                        "Ya pasó la hora de esta tarea. Si la hiciste, habla con los encargados de tu casa.",

	// Comments, posts, reactions, reports, the board.
	"Write a few words before sending.":                                                                 "Escribe unas palabras antes de enviar.",
	"Write a few words before posting.":                                                                 "Escribe unas palabras antes de publicar.",
	"One-tap answers are for need-support posts. Write a comment instead.":                              "Las respuestas de un toque son para las publicaciones que piden apoyo. Escribe un comentario.",
	"You can change only what your comment says.":                                                       "Solo puedes cambiar lo que dice tu comentario.",
	"You can change only what your post says.":                                                          "Solo puedes cambiar lo que dice tu publicación.",
	"Only announcements can be pinned to the top of the board.":                                         "Solo los anuncios se pueden fijar arriba en el tablero.",
	"A post can carry up to %d photos.":                                                                 "Una publicación puede llevar hasta %d fotos.",
	"Each photo can be up to %d MB; this one is bigger. Try a smaller one or a screenshot.":             "Cada foto puede pesar hasta %d MB y esta pesa más. Prueba con una más pequeña o con una captura de pantalla.",
	"Only need-support posts can be marked resolved.":                                                   "Solo las publicaciones que piden apoyo se pueden marcar como resueltas.",
	"A milestone post names the person and the milestone.":                                              "Una publicación de logro dice quién lo alcanzó y cuál es el logro.",
	"Only milestone posts name a milestone.":                                                            "Solo las publicaciones de logro nombran un logro.",
	"Hearth wrote this milestone post; add a comment to say more.":                                      "Hearth escribió esta publicación de logro; agrega un comentario para decir más.",
	"Managers can pin or hide a post; only its author can change what it says.":                         "Los encargados pueden fijar u ocultar una publicación; solo quien la escribió puede cambiar lo que dice.",
	"Only a house manager can pin or hide a post.":                                                      "Solo un encargado de la casa puede fijar u ocultar una publicación.",
	"Only the person who reached out or a house manager can mark this post resolved.":                   "Solo la persona que pidió apoyo o un encargado de la casa puede marcar esta publicación como resuelta.",
	"You've already reacted this way. Tap it again to take it back.":                                    "Ya reaccionaste así. Tócalo otra vez para quitarlo.",
	"You've already reported this post. The house managers have it.":                                    "Ya reportaste esta publicación. Los encargados de la casa ya la tienen.",
	"Tell the managers in a few words what's wrong with this post.":                                     "Cuéntales a los encargados en pocas palabras qué pasa con esta publicación.",
	"A report belongs to the house of the post it reports.":                                             "Un reporte es de la casa de la publicación que reporta.",
	"That page of the board can't be shown: check the highlighted values.":                              "No se puede mostrar esa página del tablero: revisa los valores marcados.",
	"Ask for a whole number of posts per page, from 1 to %s.":                                           "Pide un número entero de publicaciones por página, de 1 a %s.",
	"To see older posts, give the time the last post shown was written, like 2026-11-23 16:56:26.038Z.": "Para ver publicaciones anteriores, indica la hora en que se escribió la última publicación mostrada, como 2026-11-23 16:56:26.038Z.",
	"Say whether the last post shown was pinned only together with the time it was written (before).":   "Indica si la última publicación mostrada estaba fijada solo junto con la hora en que se escribió (before).",
	"Say whether the last post shown was pinned with true or false.":                                    "Indica con true o false si la última publicación mostrada estaba fijada.",
	"Show one kind of post at a time: share, win, support, announcement or milestone.":                  "Muestra un tipo de publicación a la vez: share, win, support, announcement o milestone.",

	// Events, meetings, answers.
	`Give the event a name, like "House meeting" or "Bowling night".`:                                  `Ponle un nombre al evento, como "Reunión de la casa" o "Noche de bolos".`,
	"Keep the event's name under 200 characters; the details can go in the description.":               "El nombre del evento debe tener menos de 200 caracteres; los detalles pueden ir en la descripción.",
	"Pick what kind of event this is: a house meeting, a social, service, or other.":                   "Elige qué tipo de evento es: una reunión de la casa, una actividad social, servicio u otro.",
	"Pick the day and time the event starts.":                                                          "Elige el día y la hora en que empieza el evento.",
	"Pick the time the event ends.":                                                                    "Elige la hora en que termina el evento.",
	"The event has to end after it starts.":                                                            "El evento tiene que terminar después de empezar.",
	"The last week of the series can't be before the event starts.":                                    "La última semana de la serie no puede ser antes de que empiece el evento.",
	"The event was saved, but its later weeks could not be updated. Please try again.":                 "El evento se guardó, pero no se pudieron actualizar sus semanas siguientes. Inténtalo de nuevo, por favor.",
	"%s isn't a member of this house, so they aren't on its events.":                                   "%s no es miembro de esta casa, así que no está en sus eventos.",
	"Choose yes, no or maybe.":                                                                         "Elige sí, no o tal vez.",
	"Attendance can be taken once the event has started.":                                              "La asistencia se puede tomar cuando el evento ya empezó.",
	"This event has already started, so answers are closed. If something changed, let a manager know.": "Este evento ya empezó, así que las respuestas están cerradas. Si algo cambió, avísale a un encargado.",
	"An answer belongs to one person and one event; make a new one instead.":                           "Una respuesta es de una persona y un evento; crea una nueva.",
	"There's already an answer from this person for this event; change that one instead.":              "Esta persona ya respondió a este evento; cambia esa respuesta.",
	"A meeting can be logged once it has happened: pick today or an earlier day.":                      "Una reunión se anota cuando ya pasó: elige hoy o un día anterior.",
	"You can only verify a meeting as yourself.":                                                       "Solo puedes verificar una reunión con tu propio nombre.",
	"A house manager has just verified this meeting, so it can't be changed now. Reload to see it.":    "Un encargado de la casa acaba de verificar esta reunión, así que ya no se puede cambiar. Vuelve a cargar la página para verla.",
	"You can't change %q of a meeting you logged.":                                                     "No puedes cambiar %q de una reunión que anotaste.",
	"Managers verify a meeting; %q is the resident's to change.":                                       "Los encargados verifican una reunión; %q lo cambia el residente.",

	// Houses and the roster.
	"Choose the house's timezone by its full name, like America/Los_Angeles or Europe/Madrid.":                                             "Elige la zona horaria de la casa por su nombre completo, como America/Los_Angeles o Europe/Madrid.",
	"Enter the number of beds as a whole number, or 0 for no limit.":                                                                       "Escribe el número de camas como un número entero, o 0 para no poner límite.",
	"The grace time is a number of minutes, 0 or more.":                                                                                    "El tiempo de margen es un número de minutos, 0 o más.",
	"Choose a craving from 0 to 10 (a whole number) at which support shows.":                                                               "Elige desde qué nivel de ganas de consumir, de 0 a 10 (un número entero), se muestra el apoyo.",
	"Meetings per week is a number, 0 or more.":                                                                                            "Las reuniones por semana son un número, 0 o más.",
	"%s is full: all %d beds are taken. Someone has to move out first, or the house's capacity has to change.":                             "%s no tiene camas libres: las %d están ocupadas. Primero tiene que mudarse alguien, o hay que cambiar la capacidad de la casa.",
	"This person is already on this house's roster. Change their existing place instead of adding another.":                                "Esta persona ya está en la lista de residentes de esta casa. Cambia su lugar actual en vez de agregar otro.",
	"An accountability partner has to be someone else.":                                                                                    "El compañero de apoyo tiene que ser otra persona.",
	"An accountability partner has to live in this house right now.":                                                                       "El compañero de apoyo tiene que vivir ahora en esta casa.",
	"The move-out date can't be before the move-in date.":                                                                                  "La fecha de salida no puede ser antes de la fecha de llegada.",
	"A place on the roster can't be moved to another house or person. Move them out and add a new one instead.":                            "Un lugar en la lista de residentes no se puede pasar a otra casa ni a otra persona. Registra su salida y agrega un lugar nuevo.",
	`As an alumnus you can change only whether you get the house's need-support alerts (you tried to change "%s").`:                        `Como exresidente, solo puedes cambiar si recibes los avisos de pedidos de apoyo de la casa (intentaste cambiar "%s").`,
	`On your own place in the house you can change only your accountability partner (you tried to change "%s").`:                           `En tu propio lugar en la casa solo puedes cambiar tu compañero de apoyo (intentaste cambiar "%s").`,
	"Only the resident can choose their accountability partner, because their partner reads their check-ins. You can remove a partner.":    "Solo el residente puede elegir a su compañero de apoyo, porque ese compañero lee sus registros diarios. Tú puedes quitar un compañero.",
	"Someone who has moved out comes back with a new invite: tap Add resident and give them the code. Their account and history are kept.": "Alguien que ya se mudó vuelve con una invitación nueva: toca Agregar residente y dale el código. Su cuenta y su historial se conservan.",
	"Only the person themselves can choose whether they get need-support alerts.":                                                          "Solo la propia persona puede elegir si recibe los avisos de pedidos de apoyo.",
	"Hearth records the first-day guide's times itself.":                                                                                   "Hearth anota por sí solo las horas de la guía del primer día.",
	"Hearth records this itself, when the resident goes through their first-day guide.":                                                    "Hearth anota esto por sí solo cuando el residente recorre su guía del primer día.",
	"This house has no rules written down yet, so there is nothing to mark as read.":                                                       "Esta casa todavía no tiene reglas escritas, así que no hay nada que marcar como leído.",
	"You no longer live in this house, so there is nothing to record here.":                                                                "Ya no vives en esta casa, así que aquí no hay nada que anotar.",
	"You're not a member of that house.":                                                                                                   "No eres miembro de esa casa.",
	"You're not a member or alumnus of that house.":                                                                                        "No eres miembro ni exresidente de esa casa.",

	// Invites and joining.
	"A cancelled invite stays cancelled. Add a new one instead.":                                                                                             "Una invitación cancelada sigue cancelada. Crea una nueva.",
	"This invite has already been used, so there is nothing to cancel.":                                                                                      "Esta invitación ya se usó, así que no hay nada que cancelar.",
	"This invite has just been used, so there is nothing to cancel.":                                                                                         "Esta invitación se acaba de usar, así que no hay nada que cancelar.",
	`An invite can only be cancelled (you tried to change "%s"). To change the room or bed, cancel it and add a new one.`:                                    `Una invitación solo se puede cancelar (intentaste cambiar "%s"). Para cambiar la habitación o la cama, cancélala y crea una nueva.`,
	"Only an admin can add a house manager. Ask them, or invite this person as a resident.":                                                                  "Solo un administrador puede agregar a un encargado de la casa. Pídeselo, o invita a esta persona como residente.",
	"Please check the highlighted fields.":                                                                                                                   "Revisa los campos marcados, por favor.",
	"You have made many invites in the last hour, so Hearth will not email this one. Leave the address empty and give the code by hand, or try again later.": "Hiciste muchas invitaciones en la última hora, así que Hearth no enviará esta por correo. Deja el correo vacío y entrega el código en persona, o inténtalo más tarde.",
	"Hearth cannot send email yet: an admin sets it up in the dashboard (Settings, Mail settings). Leave the address empty and give the code by hand.":       "Hearth todavía no puede enviar correos: un administrador lo configura en el panel (Settings, Mail settings). Deja el correo vacío y entrega el código en persona.",
	"This doesn't look like an email address (like name@example.com). Check it, or leave it empty and give the code by hand.":                                "Esto no parece un correo electrónico (como nombre@ejemplo.com). Revísalo, o déjalo vacío y entrega el código en persona.",
	"Sign in to Hearth first with this email, then open the join link again.":                                                                                "Primero inicia sesión en Hearth con este correo y luego vuelve a abrir el enlace para unirte.",
	"This account can't sign in to Hearth right now (an admin setting). Ask the house manager; the code still works.":                                        "Esta cuenta no puede iniciar sesión en Hearth por ahora (es un ajuste de un administrador). Pregunta a los encargados de la casa; el código sigue funcionando.",
	"Enter your email address. You will sign in with it.":                                                                                                    "Escribe tu correo electrónico. Con él vas a iniciar sesión.",
	"Choose a password of at least 10 characters.":                                                                                                           "Elige una contraseña de al menos 10 caracteres.",
	"This email already has a Hearth account. Enter that account's password to join the house.":                                                              "Este correo ya tiene una cuenta de Hearth. Escribe la contraseña de esa cuenta para unirte a la casa.",
	"Enter your name, the one your housemates know you by.":                                                                                                  "Escribe tu nombre, el que conocen tus compañeros de casa.",
	"The two passwords are not the same. Type it again.":                                                                                                     "Las dos contraseñas no son iguales. Escríbela otra vez.",
	"Hearth could not create an account just now. Try again in a moment.":                                                                                    "Hearth no pudo crear la cuenta ahora. Inténtalo de nuevo en un momento.",
	"We don't know this code. Check it letter by letter, or ask the house manager for a new one.":                                                            "No reconocemos este código. Revísalo letra por letra, o pide uno nuevo a los encargados de la casa.",
	"This code has already been used. Each code works once: ask the house manager for a new one.":                                                            "Este código ya se usó. Cada código sirve una sola vez: pide uno nuevo a los encargados de la casa.",
	"This code has expired: codes work for 7 days. Ask the house manager for a new one.":                                                                     "Este código venció: los códigos sirven 7 días. Pide uno nuevo a los encargados de la casa.",
	"This code has been cancelled. Ask the house manager for a new one.":                                                                                     "Este código fue cancelado. Pide uno nuevo a los encargados de la casa.",
	"A wrong password was typed too many times, so this code is now cancelled. Ask the house manager for a new one.":                                         "Se escribió una contraseña equivocada demasiadas veces, así que este código quedó cancelado. Pide uno nuevo a los encargados de la casa.",
	"You already live in %s, so this code isn't needed. Give it back to the manager so it can be cancelled.":                                                 "Ya vives en %s, así que no necesitas este código. Devuélveselo al encargado para que lo pueda cancelar.",

	// Passes.
	"You can ask for a pass for yourself only.":                                                                 "Solo puedes pedir un permiso para ti.",
	"A pass starts today or later: pick today or a day ahead.":                                                  "Un permiso empieza hoy o más adelante: elige hoy o un día próximo.",
	"A pass can be asked for up to a year ahead.":                                                               "Puedes pedir un permiso con hasta un año de anticipación.",
	"The last day can't be before the first day.":                                                               "El último día no puede ser antes del primero.",
	"A pass is at most 30 days. For a longer time away, talk with your house manager.":                          "Un permiso dura como máximo 30 días. Para estar fuera más tiempo, habla con los encargados de tu casa.",
	`Say where you'll be, like "my mom's house in Fresno".`:                                                     `Di dónde vas a estar, como "la casa de mi mamá en Fresno".`,
	"Give a phone number you can be reached at there, like 555-123-4567 or +1 555 123 4567.":                    "Da un número de teléfono donde te puedan localizar allí, como 555-123-4567 o +1 555 123 4567.",
	"Say why in a few kind words: the resident reads them.":                                                     "Explica el motivo con unas palabras amables: el residente las lee.",
	"Passes are for the residents of the house.":                                                                "Los permisos son para los residentes de la casa.",
	"You already have a pass on some of these days, from %s to %s. Pick other days, or cancel that pass first.": "Ya tienes un permiso en algunos de estos días, del %s al %s. Elige otros días, o primero cancela ese permiso.",
	"A pass stays with the person and the house it was asked for. To change it, cancel it and ask again.":       "Un permiso sigue siendo de la persona y la casa para las que se pidió. Para cambiarlo, cancélalo y pídelo de nuevo.",

	// Drug tests and incidents.
	"A positive result names what was found: pick at least one substance.":               "Un resultado positivo dice qué se encontró: elige al menos una sustancia.",
	`Substances are a list of names, like "alcohol" or "opioids".`:                       `Las sustancias son una lista de nombres, como "alcohol" u "opioids".`,
	"A test is recorded once it has been taken: pick a time that has passed.":            "Una prueba se registra después de hacerla: elige una hora que ya pasó.",
	"This person doesn't live in this house, so a test for them can't be recorded here.": "Esta persona no vive en esta casa, así que aquí no se puede registrar una prueba para ella.",
	"Say how many residents to pick for a test: a number from 1 to 50.":                  "Di cuántos residentes elegir para una prueba: un número del 1 al 50.",
	"Everyone named must live in this house; one of the people picked doesn't.":          "Todas las personas nombradas tienen que vivir en esta casa, y una de las que elegiste no vive aquí.",
	"A critical incident says what was done: fill in the actions taken.":                 "Un incidente crítico dice lo que se hizo: escribe las acciones tomadas.",
	"An incident is written once it has happened: pick a time that has passed.":          "Un incidente se anota después de que pasa: elige una hora que ya pasó.",
	"This incident has no agreement to acknowledge.":                                     "Este incidente no tiene un acuerdo que confirmar.",

	// Notifications and push.
	"You can only mark a notification as read or unread.":                                      "Solo puedes marcar una notificación como leída o no leída.",
	"Push notifications are off in your settings. Turn them on, then try again.":               "Las notificaciones push están desactivadas en tu configuración. Actívalas e inténtalo de nuevo.",
	"No device of yours has push notifications turned on. Turn them on on this phone first.":   "Ninguno de tus dispositivos tiene activadas las notificaciones push. Actívalas primero en este teléfono.",
	"You just sent a few test notifications. Wait a minute, then try again.":                   "Acabas de enviar varias notificaciones de prueba. Espera un minuto e inténtalo de nuevo.",
	"The push address is missing or too long.":                                                 "Falta la dirección push o es demasiado larga.",
	"The push address must start with https://.":                                               "La dirección push tiene que empezar con https://.",
	"The push address has no path, or has a fragment.":                                         "La dirección push no tiene ruta, o tiene un fragmento.",
	"The push address has characters a push service never uses.":                               "La dirección push tiene caracteres que un servicio push nunca usa.",
	"This address is not a push service that Hearth sends to.":                                 "Esta dirección no es de un servicio push al que Hearth envíe.",
	"This device's push is turned on under another account. Turn push off and on again on it.": "En este dispositivo las notificaciones push están activadas con otra cuenta. Desactívalas y vuelve a activarlas en él.",
	"This device's push key could not be read. Turn push off and on again.":                    "No se pudo leer la clave push de este dispositivo. Desactiva las notificaciones push y vuelve a activarlas.",
	"This device's push secret could not be read. Turn push off and on again.":                 "No se pudo leer el secreto push de este dispositivo. Desactiva las notificaciones push y vuelve a activarlas.",
	"This is not a P-256 key pair (base64url, the public key an uncompressed point).":          "Esto no es un par de claves P-256 (base64url, la clave pública como punto sin comprimir).",

	// Reports, the audit trail, the API itself.
	"Pick a period: a from and a to day (YYYY-MM-DD), from on or before to, at most a year apart.": "Elige un periodo: un día de inicio (from) y uno de fin (to) con formato AAAA-MM-DD, el inicio igual o antes del fin, y como máximo un año entre los dos.",
	"The format is one of %s.":                                                         "El formato es uno de estos: %s.",
	"Only Hearth itself writes the audit trail.":                                       "Solo Hearth escribe el registro de auditoría.",
	"The audit trail cannot be changed.":                                               "El registro de auditoría no se puede cambiar.",
	"The audit trail cannot be deleted from.":                                          "No se puede borrar nada del registro de auditoría.",
	"A name can't have line breaks or hidden characters. Please write it on one line.": "Un nombre no puede tener saltos de línea ni caracteres ocultos. Escríbelo en una sola línea, por favor.",
	"The request body could not be read.":                                              "No se pudo leer el contenido de la solicitud.",
	"There is no such API route. The API is described in docs/API.md.":                 "Esa ruta de la API no existe. La API se describe en docs/API.md.",
	"Only superusers can perform this action.":                                         "Solo un superusuario puede hacer esto.",
	"The %s can't use email addresses.":                                                "El parámetro %s no puede usar correos electrónicos.",
	"The %s can't look inside %q; use expand to read it.":                              "El parámetro %s no puede mirar dentro de %q; usa expand para leerlo.",
	`The %s can't look through related records ("_via_"); use expand to read them.`:    `El parámetro %s no puede recorrer registros relacionados ("_via_"); usa expand para leerlos.`,
	`The subscription's options could not be read. Send them as one JSON object, for example options={"query":{"filter":"..."}}, with each key once.`: `No se pudieron leer las opciones de la suscripción. Envíalas como un solo objeto JSON, por ejemplo options={"query":{"filter":"..."}}, con cada clave una sola vez.`,

	// PocketBase's own answers (tools/router/error.go, apis/), as sentences.
	"Something went wrong while processing your request.":           "Algo salió mal de nuestro lado. Inténtalo de nuevo en un momento.",
	"The requested resource wasn't found.":                          "No encontramos lo que buscas. Puede que ya no esté o que no tengas acceso.",
	"You are not allowed to perform this request.":                  "No tienes permiso para hacer esto.",
	"Missing or invalid authentication.":                            "Tu sesión no es válida o ya venció. Vuelve a iniciar sesión.",
	"Too Many Requests.":                                            "Fueron muchos intentos en poco tiempo. Espera un minuto e inténtalo de nuevo.",
	"Internal Server Error.":                                        "Algo salió mal de nuestro lado. Inténtalo de nuevo en un momento.",
	"The request requires valid record authorization token.":        "Inicia sesión para hacer esto.",
	"The request requires superuser or record authorization token.": "Inicia sesión para hacer esto.",
	"The authorized record is not allowed to perform this action.":  "Tu cuenta no puede hacer esto.",
	"The request can be accessed only by guests.":                   "Esto solo se puede hacer sin haber iniciado sesión.",
	"Failed to authenticate.":                                       "El correo y la contraseña no coinciden. Revísalos e inténtalo de nuevo.",
	"Failed to create record.":                                      "No se pudo guardar.",
	"Failed to update record.":                                      "No se pudieron guardar los cambios.",
	"Failed to delete record. Make sure that the record is not part of a required relation reference.": "No se pudo borrar: otro registro depende de este.",
	"Failed to load the submitted data due to invalid formatting.":                                     "No se pudieron leer los datos enviados: su formato no es válido.",
	"Invalid or expired token.": "El enlace o el código no es válido o ya venció.",

	// PocketBase's and ozzo-validation's field errors ({{.x}} is a %v).
	"Cannot be blank.":                                                 "Este campo no puede quedar vacío.",
	"Is required.":                                                     "Este campo es obligatorio.",
	"Must be blank.":                                                   "Este campo tiene que quedar vacío.",
	"Must be a valid email address.":                                   "Escribe un correo electrónico válido, como nombre@ejemplo.com.",
	"Must be a valid value.":                                           "Elige uno de los valores que se ofrecen.",
	"Must be in a valid format.":                                       "El formato no es válido.",
	"Must be a valid date.":                                            "Escribe una fecha válida.",
	"Must be a valid url.":                                             "Escribe una dirección web válida.",
	"Must be a valid URL.":                                             "Escribe una dirección web válida.",
	"Must be an integer number.":                                       "Escribe un número entero.",
	"Must contain digits only.":                                        "Escribe solo números.",
	"The length must be between %v and %v.":                            "Tiene que tener entre %v y %v caracteres.",
	"The length must be no more than %v.":                              "Puede tener como máximo %v caracteres.",
	"The length must be no less than %v.":                              "Tiene que tener al menos %v caracteres.",
	"The length must be exactly %v.":                                   "Tiene que tener exactamente %v caracteres.",
	"Must be no less than %v.":                                         "Tiene que ser %v o más.",
	"Must be no greater than %v.":                                      "Tiene que ser %v o menos.",
	"Must be greater than %v.":                                         "Tiene que ser más de %v.",
	"Must be less than %v.":                                            "Tiene que ser menos de %v.",
	"Must be at least %v character(s).":                                "Tiene que tener al menos %v caracteres.",
	"Must be no more than %v character(s).":                            "Puede tener como máximo %v caracteres.",
	"Must be less than %v character(s).":                               "Tiene que tener menos de %v caracteres.",
	"Must be greater or equal than %v.":                                "Tiene que ser %v o más.",
	"Must be less or equal than %v.":                                   "Tiene que ser %v o menos.",
	"Decimal numbers are not allowed.":                                 "Escribe un número entero, sin decimales.",
	"The submitted number is not properly formatted.":                  "Escribe un número válido.",
	"Invalid value format.":                                            "El formato no es válido.",
	"Invalid value.":                                                   "Este valor no es válido.",
	"Invalid value %v.":                                                "El valor %v no es válido.",
	"Invalid field value.":                                             "Este valor no es válido.",
	"Value must be unique.":                                            "Ese valor ya está en uso.",
	"Values don't match.":                                              "Los valores no coinciden.",
	"Select no more than %v.":                                          "Elige como máximo %v.",
	"Select at least %v.":                                              "Elige al menos %v.",
	"The maximum allowed files is %v.":                                 "Puedes subir como máximo %v archivos.",
	"Failed to upload %v - the maximum allowed file size is %v bytes.": "No se pudo subir %v: un archivo puede pesar como máximo %v bytes.",
	"Failed to upload %q due to unsupported file type.":                "No se pudo subir %q: ese tipo de archivo no se admite.",
	"%q mime type must be one of: %s.":                                 "El tipo de archivo de %q tiene que ser uno de estos: %s.",
	"Missing or invalid old password.":                                 "Falta la contraseña actual o no es correcta.",
	"Email domain is not allowed.":                                     "Ese dominio de correo no está permitido.",
	"Relation connection is missing or cannot be accessed.":            "No se encuentra el registro relacionado o no tienes acceso a él.",
	"Failed to find all relation records with the provided ids.":       "No se encontraron todos los registros relacionados.",
}

// errorsESFunc is the Spanish of the templates whose values are English
// words that change the Spanish sentence: a kind of record (a drug test or
// an incident, whose gender the sentence follows), a chore's status or a
// manager's action on a chore, the name of a house's time. v holds the
// message's values in order.
var errorsESFunc = map[string]func(v []string) string{
	"A %s stays with the house it was recorded in.": func(v []string) string {
		return staffRecordES(v[0], "Una prueba", "Un incidente", "Un registro") + " se queda en la casa donde se registró."
	},
	"A correction is about the same house as the %s it corrects.": func(v []string) string {
		return "Una corrección es de la misma casa que " + staffRecordES(v[0], "la prueba", "el incidente", "el registro") + " que corrige."
	},
	"A correction is about the same person as the %s it corrects.": func(v []string) string {
		return "Una corrección es de la misma persona que " + staffRecordES(v[0], "la prueba", "el incidente", "el registro") + " que corrige."
	},
	"The %s this corrects was not found.": func(v []string) string {
		return "No se encontró " + staffRecordES(v[0], "la prueba", "el incidente", "el registro") + " que esto corrige."
	},
	"This %s was recorded more than 24 hours ago, so it can't be changed any more. Record a correction instead: a new %s that says which one it corrects.": func(v []string) string {
		return staffRecordES(v[0], "Esta prueba", "Este incidente", "Este registro") + " se registró hace más de 24 horas, así que ya no se puede cambiar. " +
			"Registra una corrección: " + staffRecordES(v[0], "una prueba nueva", "un incidente nuevo", "un registro nuevo") + " que diga cuál corrige."
	},
	"%s needs a 24-hour time like 23:00 (hours 00 to 23, minutes 00 to 59).": func(v []string) string {
		what := map[string]string{
			"The curfew":            "El toque de queda",
			"The weekend curfew":    "El toque de queda del fin de semana",
			"The check-in deadline": "La hora límite del registro diario",
		}[v[0]]
		if what == "" {
			what = "La hora"
		}
		return what + " necesita una hora en formato de 24 horas, como 23:00 (horas de 00 a 23, minutos de 00 a 59)."
	},
	"Another house manager reviews your chores; you can't %s your own.": func(v []string) string {
		verb := map[string]string{"approve": "aprobar", "reject": "devolver", "excuse": "excusar"}[v[0]]
		if verb == "" {
			verb = "revisar"
		}
		return "Otro encargado de la casa revisa tus tareas; no puedes " + verb + " las tuyas."
	},
	"Only a chore marked done can be %s; this one is %s.": func(v []string) string {
		verb := map[string]string{"approved": "aprobar", "rejected": "devolver"}[v[0]]
		if verb == "" {
			verb = "revisar"
		}
		return "Solo una tarea marcada como hecha se puede " + verb + "; esta " + choreStatusES(v[1]) + "."
	},
	"Only an open or missed chore can be excused; this one is %s.": func(v []string) string {
		return "Solo una tarea pendiente o no hecha a tiempo se puede excusar; esta " + choreStatusES(v[0]) + "."
	},
}

// staffRecordES picks the Spanish for a kind of staff record ("test" or
// "incident"), other for any other.
func staffRecordES(what, test, incident, other string) string {
	switch what {
	case "test":
		return test
	case "incident":
		return incident
	}
	return other
}

// choreStatusES says in Spanish where a chore stands ("this one is …").
func choreStatusES(status string) string {
	if s, ok := map[string]string{
		"open":     "está pendiente",
		"done":     "está marcada como hecha",
		"approved": "ya está aprobada",
		"rejected": "fue devuelta",
		"excused":  "ya está excusada",
		"missed":   "no se hizo a tiempo",
	}[status]; ok {
		return s
	}
	return "está así: " + status
}
