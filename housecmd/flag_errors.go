package housecmd

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
)

// fieldFlag ties a record field to the flag that set it.
type fieldFlag struct {
	field, flag, value string
	secret             bool // never repeat the value (a password)
}

// withFlagNames rewrites a record's field validation errors, as the
// validation hooks and PocketBase return them, into one line per field
// that names the flag, e.g.
//
//	--timezone: "Mars/Olympus" is not a timezone Hearth knows. Choose ...
//
// Any other error comes back as it is.
func withFlagNames(err error, fields []fieldFlag) error {
	var verrs validation.Errors
	if !errors.As(err, &verrs) || len(verrs) == 0 {
		return err
	}
	var lines []string
	seen := map[string]bool{}
	for _, f := range fields {
		if fe, ok := verrs[f.field]; ok && fe != nil {
			lines = append(lines, describe(f, fe))
			seen[f.field] = true
		}
	}
	var rest []string
	for field, fe := range verrs {
		if !seen[field] && fe != nil {
			rest = append(rest, fmt.Sprintf("%s: %s", field, fe.Error()))
		}
	}
	slices.Sort(rest)
	return errors.New(strings.Join(append(lines, rest...), "\n"))
}

// describe is one field's error, worded for the command line.
func describe(f fieldFlag, fe error) string {
	flag, msg := "--"+f.flag, fe.Error()
	code := ""
	if ve, ok := fe.(validation.Error); ok {
		code = ve.Code()
	}
	switch {
	case code == "validation_invalid_timezone":
		return fmt.Sprintf("%s: %q is not a timezone Hearth knows. %s", flag, f.value, msg)
	case code == "validation_invalid_time":
		return fmt.Sprintf("%s: %q is not a time of day Hearth can read. %s", flag, f.value, msg)
	case f.secret || f.value == "":
		return fmt.Sprintf("%s: %s", flag, msg)
	default:
		return fmt.Sprintf("%s: %q was refused. %s", flag, f.value, msg)
	}
}
