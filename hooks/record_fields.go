package hooks

import (
	"errors"
	"maps"
	"reflect"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// changedFields lists the fields whose value differs from the record as it
// was loaded from the database. For a new record it lists every field set.
func changedFields(record *core.Record) []string {
	original := record.Original()
	var changed []string
	for _, f := range record.Collection().Fields {
		name := f.GetName()
		if _, ok := f.(*core.AutodateField); ok {
			continue
		}
		if !fieldValuesEqual(record.Get(name), original.Get(name)) {
			changed = append(changed, name)
		}
	}
	return changed
}

func fieldValuesEqual(a, b any) bool {
	sa, okA := stringSlice(a)
	sb, okB := stringSlice(b)
	if okA && okB {
		if len(sa) != len(sb) {
			return false
		}
		for i := range sa {
			if sa[i] != sb[i] {
				return false
			}
		}
		return true
	}
	if okA != okB {
		return false
	}
	if !reflect.TypeOf(a).Comparable() || !reflect.TypeOf(b).Comparable() {
		return reflect.DeepEqual(a, b)
	}
	return a == b
}

// stringSlice reads a multi-value field's value as strings: PocketBase
// holds a file field's value as []any once a request has touched it (the
// names kept, with new uploads as files, which are never equal to a
// stored name).
func stringSlice(v any) ([]string, bool) {
	switch s := v.(type) {
	case []string:
		return s, true
	case []any:
		out := make([]string, len(s))
		for i, x := range s {
			str, ok := x.(string)
			if !ok {
				out[i] = "\x00upload" // a new file: unlike any name
				continue
			}
			out[i] = str
		}
		return out, true
	}
	return nil, false
}

// onlyChanged reports whether every changed field of the record is one of
// the allowed names; it also returns the first field that is not.
func onlyChanged(record *core.Record, allowed ...string) (string, bool) {
	for _, name := range changedFields(record) {
		ok := false
		for _, a := range allowed {
			if name == a {
				ok = true
				break
			}
		}
		if !ok {
			return name, false
		}
	}
	return "", true
}

// setHiddenFromBody copies the named hidden fields from the request body
// into the record. PocketBase drops hidden fields from a non-superuser's
// body (from the parsed body that RequestInfo shares, too); Hearth lets
// particular people write particular hidden fields (a resident their own
// phone, a manager a move-out reason), and calls this once it has decided
// they may. The body is read again from the request, which PocketBase keeps
// re-readable.
func setHiddenFromBody(e *core.RequestEvent, record *core.Record, names ...string) error {
	body := map[string]any{}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("The request body could not be read.", err)
	}
	for _, name := range names {
		if v, ok := body[name]; ok {
			record.Set(name, v)
		}
	}
	return nil
}

// fieldErrors checks a record with check before PocketBase's own field
// validation runs, and answers with both sets of errors at once, Hearth's
// words taking precedence for a field that has both. The errors come out in
// PocketBase's field-error shape: {"data": {"field": {"code", "message"}}}.
func fieldErrors(check func(e *core.RecordEvent) validation.Errors) func(e *core.RecordEvent) error {
	return func(e *core.RecordEvent) error {
		mine := check(e)
		err := e.Next()
		if len(mine) == 0 {
			return err
		}
		if err != nil {
			var theirs validation.Errors
			if !errors.As(err, &theirs) {
				return err
			}
			merged := maps.Clone(theirs)
			maps.Copy(merged, mine)
			return merged
		}
		return mine
	}
}

// fieldError is one field error in PocketBase's shape.
func fieldError(code, message string) validation.Error {
	return validation.NewError("validation_"+code, message)
}

// isNotUnique reports whether a save failed on a unique index, as
// PocketBase reports it (a field error "validation_not_unique", also inside
// a request's ApiError) or as SQLite does.
func isNotUnique(err error) bool {
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		// A request's save error comes wrapped, its field errors kept raw.
		if raw, ok := apiErr.RawData().(error); ok && raw != err {
			return isNotUnique(raw)
		}
	}
	var fields validation.Errors
	if errors.As(err, &fields) {
		for _, fe := range fields {
			var ve validation.Error
			if errors.As(fe, &ve) && ve.Code() == "validation_not_unique" {
				return true
			}
		}
	}
	return strings.Contains(strings.ToLower(err.Error()), "unique constraint failed")
}

// changed reports whether a record is new or any of the fields changed.
func changed(r *core.Record, fields ...string) bool {
	if r.IsNew() {
		return true
	}
	o := r.Original()
	for _, f := range fields {
		if !fieldValuesEqual(r.Get(f), o.Get(f)) {
			return true
		}
	}
	return false
}
