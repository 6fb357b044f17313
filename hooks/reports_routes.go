package hooks

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/jonboulle/clockwork"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"hearth/domain"
)

// Report formats, as docs/API.md names them.
const (
	reportJSON = "json"
	reportCSV  = "csv"
	reportPDF  = "pdf"
)

// bindReportsApi binds the house report (managers) and a person's own
// letter and export (docs/API.md#reports-and-exports).
func bindReportsApi(app core.App, rg *router.RouterGroup[*core.RequestEvent], clock clockwork.Clock) {
	rg.GET("/houses/{id}/report", func(e *core.RequestEvent) error {
		return houseReport(e, clock)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
	rg.GET("/me/report", func(e *core.RequestEvent) error {
		return progressLetter(e, clock)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
	rg.GET("/me/export", func(e *core.RequestEvent) error {
		return personalExport(e, clock)
	}).Bind(apis.RequireAuth("users")) // rate limit: /api/hearth/
}

// reportPeriod reads from, to and format from the query, answering a
// field error when one is wrong.
func reportPeriod(e *core.RequestEvent, formats ...string) (first, last domain.CivilDay, format string, err error) {
	q := e.Request.URL.Query()
	first, last, perr := domain.ParseReportPeriod(q.Get("from"), q.Get("to"))
	if perr != nil {
		msg := "Pick a period: a from and a to day (YYYY-MM-DD), from on or before to, at most a year apart."
		return 0, 0, "", e.BadRequestError(msg, validation.Errors{"from": fieldError("report_period", msg)})
	}
	format = q.Get("format")
	if format == "" {
		format = formats[0]
	}
	for _, f := range formats {
		if f == format {
			return first, last, format, nil
		}
	}
	msg := "The format is one of " + strings.Join(formats, ", ") + "."
	return 0, 0, "", e.BadRequestError(msg, validation.Errors{"format": fieldError("report_format", msg)})
}

// houseReport answers GET /api/hearth/houses/{id}/report: the house's
// figures over a period, for its managers only.
func houseReport(e *core.RequestEvent, clock clockwork.Clock) error {
	house, err := e.App.FindRecordById("houses", e.Request.PathValue("id"))
	if err != nil || e.Auth == nil || !IsManagerOf(e.App, e.Auth.Id, house.Id) {
		return e.NotFoundError("", err)
	}
	first, last, format, err := reportPeriod(e, reportJSON, reportCSV, reportPDF)
	if err != nil {
		return err
	}
	body, rep, err := renderHouseReport(e.App, house, first, last, format, e.Auth.GetString("language"), clock.Now())
	if err != nil {
		return e.InternalServerError("", err)
	}
	// The download holds the figures of the residents it lists, and of
	// nobody else: one export row each.
	residents := make([]string, len(rep.Residents))
	for i, r := range rep.Residents {
		residents[i] = r.User
	}
	auditRoute(e, "export", "houses", house.Id, residents)
	name := "hearth-report-" + fileSafe(house.GetString("name")) + "-" + first.String() + "-" + last.String()
	switch format {
	case reportCSV:
		return sendDownload(e, "text/csv; charset=utf-8", name+".csv", body)
	case reportPDF:
		return sendDownload(e, "application/pdf", name+".pdf", body)
	}
	return e.Blob(http.StatusOK, "application/json", body)
}

// renderHouseReport makes the house's report over first through last in
// the format (a PDF in lang, a users.language value), as made at now.
func renderHouseReport(app core.App, house *core.Record, first, last domain.CivilDay, format, lang string, now time.Time) ([]byte, domain.Report, error) {
	loc := houseLocation(app, house)
	in, err := reportInput(app, house, loc, first, last, "")
	if err != nil {
		return nil, domain.Report{}, err
	}
	in.Today = domain.CivilDayOf(now.In(loc))
	in.Generated = now.UTC().Truncate(time.Second)
	rep := domain.BuildReport(in, loc)
	var buf bytes.Buffer
	switch format {
	case reportCSV:
		writeHouseReportCSV(&buf, house.GetString("name"), rep)
	case reportPDF:
		if err := writeHouseReportPDF(&buf, house.GetString("name"), lang, loc, rep); err != nil {
			return nil, rep, err
		}
	default:
		if err := json.NewEncoder(&buf).Encode(rep); err != nil {
			return nil, rep, err
		}
	}
	return buf.Bytes(), rep, nil
}

// sendDownload answers a file to save, never to show in place, nor to keep
// in a shared cache.
func sendDownload(e *core.RequestEvent, contentType, filename string, body []byte) error {
	h := e.Response.Header()
	h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	return e.Blob(http.StatusOK, contentType, body)
}

// fileSafe is s with everything but ASCII letters and digits turned into
// single dashes, lower case: a file name that every system keeps.
func fileSafe(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		return "house"
	}
	return out
}
