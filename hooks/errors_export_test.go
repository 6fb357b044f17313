package hooks

// TranslateErrorMessage is translateMessage.
func TranslateErrorMessage(lang, msg string) string { return translateMessage(lang, msg) }

// AcceptLanguage is acceptLanguage.
func AcceptLanguage(header string) string { return acceptLanguage(header) }

// ErrorsES is the Spanish catalogue of error messages whose values pass
// unchanged (the templates translated by a function are not in it).
func ErrorsES() map[string]string { return errorsES }

// ErrorsESHas reports whether the Spanish catalogue has the English
// message or template as a key.
func ErrorsESHas(key string) bool {
	if _, ok := errorsES[key]; ok {
		return true
	}
	_, ok := errorsESFunc[key]
	return ok
}
