package hooks

import (
	"strings"
	"unicode"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindUsersValidation checks what people write about themselves. A name
// appears in housemates' screens, notifications, push and emails: it must
// be one line of visible characters (a line break in a name would start a
// line of its own in an email's text, such as a made-up "Bcc:").
func bindUsersValidation(app core.App) {
	app.OnRecordValidate("users").BindFunc(fieldErrors(func(e *core.RecordEvent) validation.Errors {
		if strings.IndexFunc(e.Record.GetString("name"), unicode.IsControl) >= 0 {
			return validation.Errors{"name": fieldError("name_control",
				"A name can't have line breaks or hidden characters. Please write it on one line.")}
		}
		return nil
	}))
}
