package hooks_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	tk "hearth/testkit"
)

// Helpers shared by the scenario tests of this package (the access matrix
// keeps its own).

// countQueries runs GET url as the headers' owner on an app from factory,
// prepared by prepare (nil: as it comes), expects a 200, and returns how
// many SQL statements the request ran.
func countQueries(t *testing.T, headers map[string]string, url string, factory func(testing.TB) *tests.TestApp,
	prepare func(testing.TB, *tests.TestApp)) int {
	t.Helper()
	var log queryLog
	s := tests.ApiScenario{
		Name: url, Method: http.MethodGet, URL: url, Headers: headers, ExpectedStatus: 200,
		ExpectedContent: []string{`"`}, TestAppFactory: factory,
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			if prepare != nil {
				prepare(t, app)
			}
			log.attach(app)
		},
	}
	s.Test(t)
	return len(log.sql)
}

// fieldErrJSON is the start of PocketBase's field-error shape for one field,
// as it appears in a 400 answer: "field":{"code":"validation_..."
func fieldErrJSON(field, code string) string {
	return `"` + field + `":{"code":"` + code + `","message":"`
}

// bodyJSON encodes v for a request body.
func bodyJSON(tb testing.TB, v any) *strings.Reader {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return strings.NewReader(string(b))
}

// dumpCollection is every record of the collection, every field (hidden
// ones included), in id order: two equal states mean nothing was written.
func dumpCollection(tb testing.TB, app core.App, collection string) string {
	tb.Helper()
	records, err := app.FindAllRecords(collection)
	if err != nil {
		tb.Fatalf("reading %s: %v", collection, err)
	}
	slices.SortFunc(records, func(a, b *core.Record) int { return strings.Compare(a.Id, b.Id) })
	var sb strings.Builder
	for _, r := range records {
		b, err := json.Marshal(r.FieldsData())
		if err != nil {
			tb.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// expectUnchanged makes the scenario fail when the request changes anything
// in the collection. The state is taken after the scenario's own
// BeforeTestFunc has prepared the database.
func expectUnchanged(s *tests.ApiScenario, collection string) {
	before, after := s.BeforeTestFunc, s.AfterTestFunc
	var state string
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		if before != nil {
			before(t, app, e)
		}
		state = dumpCollection(t, app, collection)
	}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if got := dumpCollection(t, app, collection); got != state {
			t.Errorf("the request wrote to %s:\nbefore:\n%safter:\n%s", collection, state, got)
		}
		if after != nil {
			after(t, app, res)
		}
	}
}

// findOrFail loads a record or fails the test.
func findOrFail(tb testing.TB, app core.App, collection, id string) *core.Record {
	tb.Helper()
	r, err := app.FindRecordById(collection, id)
	if err != nil {
		tb.Fatalf("finding %s %s: %v", collection, id, err)
	}
	return r
}

// deleteOrFail deletes a record in Go (hooks and all) or fails the test.
func deleteOrFail(tb testing.TB, app core.App, collection, id string) {
	tb.Helper()
	if err := app.Delete(findOrFail(tb, app, collection, id)); err != nil {
		tb.Fatalf("deleting %s %s: %v", collection, id, err)
	}
}

// setRecord changes fields of one record in Go (hooks and all), as a
// scenario's preparation.
func setRecord(collection, id string, fields map[string]any) func(t testing.TB, app core.App) {
	return func(t testing.TB, app core.App) {
		t.Helper()
		r := findOrFail(t, app, collection, id)
		for k, v := range fields {
			r.Set(k, v)
		}
		if err := app.Save(r); err != nil {
			t.Fatalf("saving %s %s: %v", collection, id, err)
		}
	}
}

// unsavedRecord builds an unsaved record of the collection.
func unsavedRecord(tb testing.TB, app core.App, collection string, data map[string]any) *core.Record {
	tb.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		tb.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Load(data)
	return r
}

// saveOrFail saves a new record of the collection in Go, hooks and all.
func saveOrFail(tb testing.TB, app core.App, collection string, data map[string]any) *core.Record {
	tb.Helper()
	r := unsavedRecord(tb, app, collection, data)
	if err := app.Save(r); err != nil {
		tb.Fatalf("saving %s %v: %v", collection, data, err)
	}
	return r
}

// addAccount adds an account with no house. It borrows the newcomer's
// password hash (tk.Password) rather than hashing again: bcrypt is the
// slowest part of a test that adds people.
func addAccount(tb testing.TB, app core.App, name string) *core.Record {
	tb.Helper()
	c, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		tb.Fatal(err)
	}
	newcomer := findOrFail(tb, app, "users", tk.Seeded(tb).People[tk.Newcomer].ID)
	u := core.NewRecord(c)
	u.SetEmail(name + "@example.com")
	u.SetRaw(core.FieldNamePassword, &core.PasswordFieldValue{Hash: newcomer.GetString(core.FieldNamePassword + ":hash")})
	u.Set("name", name)
	if err := app.Save(u); err != nil {
		tb.Fatalf("saving user %s: %v", name, err)
	}
	return u
}

// saveErrorCode returns the code of the field's error in a save error, or
// "" when the error says nothing about that field.
func saveErrorCode(err error, field string) string {
	var errs validation.Errors
	if !errors.As(err, &errs) {
		return ""
	}
	var fe validation.Error
	if errors.As(errs[field], &fe) {
		return fe.Code()
	}
	return ""
}

// pinnedCase is one request on a fresh app whose clock reads at (inviteNow
// when zero), with what the answer and the database must show after it.
type pinnedCase struct {
	name   string
	actor  string
	at     time.Time
	method string // POST when empty
	url    string // redeemURL when empty
	body   map[string]any
	// form, when set, is sent as multipart/form-data instead of body.
	form    *multipartForm
	prepare func(t testing.TB, app core.App)
	status  int
	content []string
	hidden  []string
	// unchanged lists the collections the request must not write to.
	unchanged []string
	check     func(t testing.TB, app core.App, body []byte)
}

func (c pinnedCase) run(t *testing.T) {
	at := c.at
	if at.IsZero() {
		at = inviteNow
	}
	method, url := c.method, c.url
	if method == "" {
		method = http.MethodPost
	}
	if url == "" {
		url = redeemURL
	}
	s := tests.ApiScenario{
		Name:    c.name,
		Method:  method,
		URL:     url,
		Headers: tk.Seeded(t).Headers(c.actor),
		TestAppFactory: func(tb testing.TB) *tests.TestApp {
			return tk.NewAppWithClock(tb, clockwork.NewFakeClockAt(at))
		},
		ExpectedStatus:     c.status,
		ExpectedContent:    c.content,
		NotExpectedContent: c.hidden,
	}
	if len(c.content) == 0 && len(c.hidden) == 0 && c.status != http.StatusNoContent {
		// An answer always has a body; a refusal says its status in it,
		// and a success is looked at by check.
		s.ExpectedContent = []string{`"`}
		if c.status >= 400 {
			s.ExpectedContent = []string{fmt.Sprintf(`"status":%d`, c.status)}
		}
	}
	if c.body != nil {
		s.Body = bodyJSON(t, c.body)
	}
	if c.form != nil {
		body, contentType := c.form.encode(t)
		s.Body = body
		s.Headers = maps.Clone(s.Headers)
		if s.Headers == nil {
			s.Headers = map[string]string{}
		}
		s.Headers["Content-Type"] = contentType
	}
	if c.prepare != nil {
		prepare := c.prepare
		s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) { prepare(t, app) }
	}
	if c.check != nil {
		check := c.check
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			body, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			check(t, app, body)
		}
	}
	for _, collection := range c.unchanged {
		expectUnchanged(&s, collection)
	}
	s.Test(t)
}

// multipartForm is a form with text fields, at most one file in
// fileField and, in files, any number more (each sent as fileField).
type multipartForm struct {
	fields          map[string]string
	fileField, name string
	content         []byte
	files           []formFile
}

// formFile is one more file of a multipartForm.
type formFile struct {
	name    string
	content []byte
}

func (f *multipartForm) encode(t testing.TB) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range f.fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	files := f.files
	if f.name != "" {
		files = append([]formFile{{f.name, f.content}}, files...)
	}
	for _, file := range files {
		fw, err := w.CreateFormFile(f.fileField, file.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file.content)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

// tinyPNG is a valid 1×1 PNG, for photo uploads.
var tinyPNG = []byte{
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
	0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
	0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
}
