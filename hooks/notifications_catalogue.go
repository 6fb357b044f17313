package hooks

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/tools/types"

	"hearth/domain"
)

// Notifications are stored as a kind and its parameters (Params) and put
// into words when read, in the reader's language, from one catalogue per
// language (notifications_catalogue_en.go, notifications_catalogue_es.go).
// See docs/API.md, "Notifications".
//
// A catalogue maps a message key to its words. The key is the
// notification's kind, or kind.variant when the kind has more than one
// wording (Params "variant": a quick answer, an all-clear summary, a
// weekly meeting). Words are templates whose placeholders name a
// parameter and, optionally, how to show it:
//
//	{name}               the parameter as it is
//	{name|or:Someone}    the parameter, or "Someone" when it is empty
//	{deadline|time}      an instant's house-local time ("9:00 PM", "21:00")
//	{deadline|at_time}   the same as a language says it after "at"
//	                     (Spanish: "las 21:00", "la 1:00")
//	{day|weekday}        a day's weekday ("Tuesday", "martes")
//	{starts|datetime}    "Tuesday, December 8 at 9:00 PM", "martes 8 de diciembre, 21:00"
//	{starts|weekday_time} "Tuesday at 9:00 PM", "martes a las 21:00"
//	{starts|month_day}   "December 8", "8 de diciembre"
//	{names|list}         names as a sentence joins them ("A, B and C")
//	{names|list:missing} the same, saying "and N more" when the count
//	                     "missing" is more than the names
//	{chores|join}        items separated by commas
//	{quick|quick}        a one-tap answer's words
//	{location|comma}     ", " and the parameter, or nothing when it is empty
//	{count|plural:1 chore|# chores}  the singular or the plural form, # the number
//
// Instants are RFC 3339 strings, days "YYYY-MM-DD"; the parameter "tz"
// names the house's time zone, so times are the house's in every
// language.

// Params are a notification's parameters: names, instants, counts, ids,
// and in "words" what a person wrote (a comment, a reason, a note), which
// never reaches a lock screen.
type Params map[string]any

// notificationWords are one message's words in one language. LockTitle
// and LockBody are what push and email may carry; when LockTitle is empty
// the in-app words are used, which then must carry nothing private
// (TestNotificationCatalogueLockScreen).
type notificationWords struct {
	Title, Body         string
	LockTitle, LockBody string
}

// notificationLanguage is one language's catalogue and its ways of
// saying times, dates and lists.
type notificationLanguage struct {
	messages map[string]notificationWords

	weekdays [7]string  // Sunday first
	months   [12]string // January first
	// clock words a time of day ("9:00 PM", "21:00").
	clock func(t time.Time) string
	// datetime, weekdayTime and monthDay word an instant already in the
	// house's zone.
	datetime, weekdayTime, monthDay, atTime func(l *notificationLanguage, t time.Time) string
	and                                     func(last string) string // the word before a list's last item
	more                                    string                   // a list cut short: the names shown and how many more
	unnamed                                 string                   // a person without a name in a list
	quick                                   map[string]string
}

// notificationLanguages are the catalogues by users.language.
var notificationLanguages = map[string]*notificationLanguage{
	"en": &notificationEnglish,
	"es": &notificationSpanish,
}

// privateParams are the parameters that carry what a person wrote; they
// are dropped before a lock screen's words are made.
var privateParams = []string{"words"}

// notificationLanguageFor is the catalogue for a users.language value,
// English for an empty or unknown one.
func notificationLanguageFor(lang string) *notificationLanguage {
	if l, ok := notificationLanguages[lang]; ok {
		return l
	}
	return notificationLanguages["en"]
}

// messageKey is the catalogue key of a kind with its parameters.
func messageKey(kind string, p Params) string {
	if v, _ := p["variant"].(string); v != "" {
		return kind + "." + v
	}
	return kind
}

// renderMessage puts a kind and its parameters into lang's words. ok is
// false when the catalogue has no such message.
func renderMessage(kind string, p Params, lang string, lockScreen bool) (title, body string, ok bool) {
	l := notificationLanguageFor(lang)
	w, ok := l.messages[messageKey(kind, p)]
	if !ok {
		return "", "", false
	}
	if lockScreen {
		safe := make(Params, len(p))
		for k, v := range p {
			safe[k] = v
		}
		for _, k := range privateParams {
			delete(safe, k)
		}
		p = safe
		if w.LockTitle != "" {
			w.Title, w.Body = w.LockTitle, w.LockBody
		}
	}
	return l.fill(w.Title, p), l.fill(w.Body, p), true
}

// placeholder matches {param}, {param|format} and {param|format:argument}.
var placeholder = regexp.MustCompile(`\{([a-z_]+)(?:\|([a-z_]+)(?::([^{}]*))?)?\}`)

// fill replaces the template's placeholders with the parameters.
func (l *notificationLanguage) fill(template string, p Params) string {
	return placeholder.ReplaceAllStringFunc(template, func(m string) string {
		sub := placeholder.FindStringSubmatch(m)
		return l.format(p, sub[1], sub[2], sub[3])
	})
}

// format shows one parameter as the placeholder asks.
func (l *notificationLanguage) format(p Params, name, how, arg string) string {
	v := p[name]
	switch how {
	case "":
		return paramString(v)
	case "or":
		if s := paramString(v); s != "" {
			return s
		}
		return arg
	case "comma":
		if s := paramString(v); s != "" {
			return ", " + s
		}
		return ""
	case "plural":
		n := paramInt(v)
		one, other, _ := strings.Cut(arg, "|")
		form := other
		if n == 1 {
			form = one
		}
		return strings.ReplaceAll(form, "#", strconv.Itoa(n))
	case "quick":
		if s, ok := l.quick[paramString(v)]; ok {
			return s
		}
		return paramString(v)
	case "list":
		names := paramStrings(v)
		total := len(names)
		if arg != "" {
			total = paramInt(p[arg])
		}
		return l.list(names, total)
	case "join":
		return strings.Join(paramStrings(v), ", ")
	case "weekday":
		if t, ok := paramTime(v, p); ok {
			return l.weekdays[t.Weekday()]
		}
		return paramString(v)
	}
	t, ok := paramTime(v, p)
	if !ok {
		return paramString(v)
	}
	switch how {
	case "time":
		return l.clock(t)
	case "at_time":
		return l.atTime(l, t)
	case "datetime":
		return l.datetime(l, t)
	case "weekday_time":
		return l.weekdayTime(l, t)
	case "month_day":
		return l.monthDay(l, t)
	}
	return paramString(v)
}

// list joins names as a sentence does ("A, B and C"); when total says
// there are more than the names given, it counts the rest ("A, B and 7
// more").
func (l *notificationLanguage) list(names []string, total int) string {
	shown := make([]string, len(names))
	for i, n := range names {
		if n == "" {
			n = l.unnamed
		}
		shown[i] = n
	}
	if rest := total - len(shown); rest > 0 && len(shown) > 0 {
		return fmt.Sprintf(l.more, strings.Join(shown, ", "), rest)
	}
	switch len(shown) {
	case 0:
		return ""
	case 1:
		return shown[0]
	}
	return strings.Join(shown[:len(shown)-1], ", ") + " " + l.and(shown[len(shown)-1]) + " " + shown[len(shown)-1]
}

// shortNameList keeps at most summaryMaxNames names within
// summaryMaxChars characters (a name holds at most 255, so the first
// always fits), so a summary's params and body stay small; the list
// format counts the rest.
func shortNameList(names []string) []string {
	shown := make([]string, 0, min(len(names), summaryMaxNames))
	size := 0
	for _, n := range names {
		if len(shown) == summaryMaxNames || (len(shown) > 0 && size+utf8.RuneCountInString(n)+2 > summaryMaxChars) {
			break
		}
		shown = append(shown, n)
		size += utf8.RuneCountInString(n) + 2
	}
	return shown
}

// paramString is a parameter as text: a string as it is, a number
// without decimals.
func paramString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

// paramInt is a count parameter (JSON numbers come back as float64).
func paramInt(v any) int {
	switch v := v.(type) {
	case float64:
		return int(v)
	case int:
		return v
	case string:
		n, _ := strconv.Atoi(v)
		return n
	}
	return 0
}

// paramStrings is a list parameter ([]string before storing, []any after).
func paramStrings(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	case []any:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = paramString(s)
		}
		return out
	}
	return nil
}

// paramTime reads an instant (RFC 3339) in the house's zone (Params
// "tz"), or a day ("YYYY-MM-DD") as that date.
func paramTime(v any, p Params) (time.Time, bool) {
	s := paramString(v)
	if d, err := time.Parse(domain.DateLayout, s); err == nil {
		return d, true
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.In(zoneNamed(paramString(p["tz"]))), true
}

// zones are the time zones read so far: a notifications list renders
// many rows, and time.LoadLocation reads the zone database each time.
var zones sync.Map

// zoneNamed is the time zone of the name, UTC for an empty or unknown one.
func zoneNamed(name string) *time.Location {
	if name == "" {
		return time.UTC
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
	}
	zones.Store(name, loc)
	return loc
}

// instantParam is an instant as Params store it.
func instantParam(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// paramsOf reads a notification's stored params; ok is false for a row
// stored before notifications had them (null or not an object).
func paramsOf(raw any) (Params, bool) {
	var b []byte
	switch v := raw.(type) {
	case nil:
		return nil, false
	case []byte:
		b = v
	case string:
		b = []byte(v)
	case json.RawMessage:
		b = v
	case types.JSONRaw:
		b = v
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return nil, false
		}
	}
	var p Params
	if err := json.Unmarshal(b, &p); err != nil || p == nil {
		return nil, false
	}
	return p, true
}
