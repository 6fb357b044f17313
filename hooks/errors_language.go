package hooks

import (
	"errors"
	"maps"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/inflector"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bindErrorsLanguage answers a refused request in the requester's
// language: when a handler returns an error, its message and each field
// error's message are put into Spanish from the catalogue (errors_es.go)
// for a requester who reads Spanish; the codes stay as they are (the web
// app branches on them), and so does everything for English readers.
//
// The language is the signed-in person's (users.language, as for their
// notifications and emails); a guest's (sign-in, joining with an invite)
// or a person who has not chosen one is read from Accept-Language;
// English when neither says Spanish. Superusers (the dashboard) read
// English. A message the catalogue does not have stays English.
//
// The middleware runs outside PocketBase's activity logger, so the logs
// keep the English.
func bindErrorsLanguage(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(&hook.Handler[*core.RequestEvent]{
			Id:       "hearthErrorsLanguage",
			Priority: apis.DefaultActivityLoggerMiddlewarePriority - 2,
			Func: func(e *core.RequestEvent) error {
				err := e.Next()
				if err == nil || requesterLang(e) != "es" {
					return err
				}
				return translateError(err, "es")
			},
		})
		return se.Next()
	})
}

// requesterLang is the language a request's answer is written in: "es" or
// "en".
func requesterLang(e *core.RequestEvent) string {
	if e.Auth != nil {
		if e.Auth.Collection().Name != "users" {
			return "en"
		}
		if l := e.Auth.GetString("language"); l != "" {
			return emailLang(l)
		}
	}
	return acceptLanguage(e.Request.Header.Get("Accept-Language"))
}

// acceptLanguage picks Spanish or English from an Accept-Language header:
// whichever of the two the header prefers (its q weight, then its order),
// English when it names neither.
func acceptLanguage(header string) string {
	best, bestQ := "en", -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if primary != "es" && primary != "en" {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		if q > bestQ && q > 0 {
			best, bestQ = primary, q
		}
	}
	return best
}

// translateError returns err as an ApiError whose message and field-error
// messages are in lang. The original error is left as it is (it may be
// shared); the copy keeps its status, codes, params and raw data.
func translateError(err error, lang string) error {
	if lang != "es" {
		return err
	}
	var apiErr *router.ApiError
	if !errors.As(err, &apiErr) {
		apiErr = router.ToApiError(err)
	}
	out := *apiErr
	out.Message = translateMessage(lang, apiErr.Message)
	out.Data = translateErrorData(lang, apiErr.Data)
	return &out
}

// translateErrorData translates the messages of PocketBase's field-error
// data ({"field": {"code", "message", "params"}}, nested for nested
// errors), copying the maps it changes.
func translateErrorData(lang string, data map[string]any) map[string]any {
	if data == nil {
		return nil
	}
	out := make(map[string]any, len(data))
	for k, v := range data {
		item, ok := v.(map[string]any)
		if !ok {
			out[k] = v
			continue
		}
		if msg, isItem := item["message"].(string); isItem {
			if _, hasCode := item["code"].(string); hasCode {
				c := maps.Clone(item)
				c["message"] = translateMessage(lang, msg)
				out[k] = c
				continue
			}
		}
		out[k] = translateErrorData(lang, item)
	}
	return out
}

// translateMessage is msg in lang, from the catalogue: the exact message,
// else the first template it fits (templates with more fixed words first).
// A message the catalogue lacks is returned as it is.
func translateMessage(lang, msg string) string {
	if lang != "es" || msg == "" {
		return msg
	}
	key := sentence(msg)
	if s, ok := esExact[key]; ok {
		return s
	}
	for _, t := range esTemplates {
		m := t.re.FindStringSubmatch(key)
		if m == nil {
			continue
		}
		return t.render(m[1:])
	}
	return msg
}

// sentence is a message as PocketBase writes it in an answer (capitalised,
// ending with a full stop).
func sentence(s string) string {
	return strings.TrimSpace(inflector.Sentenize(s))
}

// errorVerb matches the verbs that stand for values in the catalogue's
// keys and Spanish (%s, %d, %q, %v, and %[n]s in the Spanish).
var errorVerb = regexp.MustCompile(`%(\[\d+\])?[sdqv]`)

// esTemplate is a catalogue entry whose English carries values.
type esTemplate struct {
	re     *regexp.Regexp
	fixed  int // the length of the English's fixed words
	render func(values []string) string
}

var (
	esExact     = map[string]string{}
	esTemplates []esTemplate
)

func init() {
	for en, es := range errorsES {
		if !errorVerb.MatchString(en) {
			esExact[sentence(en)] = es
			continue
		}
		esTemplates = append(esTemplates, newESTemplate(en, func(v []string) string { return fillVerbs(es, v) }))
	}
	for en, f := range errorsESFunc {
		esTemplates = append(esTemplates, newESTemplate(en, f))
	}
	// The most specific first: "Invalid value %v." never takes a longer
	// template's message.
	sort.SliceStable(esTemplates, func(i, j int) bool {
		if esTemplates[i].fixed != esTemplates[j].fixed {
			return esTemplates[i].fixed > esTemplates[j].fixed
		}
		return esTemplates[i].re.String() < esTemplates[j].re.String()
	})
}

// newESTemplate compiles an English template into a pattern that captures
// its values.
func newESTemplate(en string, render func([]string) string) esTemplate {
	en = sentence(en)
	var b strings.Builder
	b.WriteString("^")
	fixed, last := 0, 0
	for _, loc := range errorVerb.FindAllStringIndex(en, -1) {
		b.WriteString(regexp.QuoteMeta(en[last:loc[0]]))
		fixed += loc[0] - last
		b.WriteString("(.+?)")
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(en[last:]))
	fixed += len(en) - last
	b.WriteString("$")
	return esTemplate{re: regexp.MustCompile("(?s)" + b.String()), fixed: fixed, render: render}
}

// fillVerbs puts values into a Spanish template, in order, or by number
// for %[n]s.
func fillVerbs(es string, values []string) string {
	i := 0
	return errorVerb.ReplaceAllStringFunc(es, func(verb string) string {
		n := i
		if strings.HasPrefix(verb, "%[") {
			if k, err := strconv.Atoi(verb[2:strings.Index(verb, "]")]); err == nil {
				n = k - 1
			}
		} else {
			i++
		}
		if n < 0 || n >= len(values) {
			return verb
		}
		return values[n]
	})
}
