package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	tk "hearth/testkit"
)

// FuzzBoardPageQuery asks the board route for house A's page with an
// arbitrary query string, as a housemate, through the full router, and
// checks every answer: a 200 with at most perPage posts (at most 50), each
// of house A, or a 400 in PocketBase's field-error shape naming only the
// route's parameters; never anything else.
func FuzzBoardPageQuery(f *testing.F) {
	w := tk.Seeded(f)
	app := tk.NewApp(f)
	f.Cleanup(app.Cleanup)
	app.Settings().RateLimits.Enabled = false
	h := tk.Handler(f, app)
	headers := w.Headers(tk.ResidentA1)

	for _, seed := range []string{
		"", "perPage=5", "perPage=50", "perPage=51", "perPage=0", "perPage=-1", "perPage=1e3",
		"perPage=99999999999999999999", "perPage= 7", "perPage=%00",
		"before=2026-11-23%2016:56:26.038Z&pinned=true", "before=2026-11-23T16:56:26Z&pinned=false",
		"before=2026-11-23T16:56:26%2B14:00", "before=0000-00-00%2000:00:00.000Z", "before=x", "pinned=true",
		"pinned=maybe&before=2026-01-01%2000:00:00.000Z", "before=&pinned=", "perPage=2&perPage=3",
		"expand=author&filter=hidden%3Dtrue&fields=*", "before=9999-12-31%2023:59:59.999Z",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		query, err := url.ParseQuery(raw)
		if err != nil {
			return // not a query string a browser would send
		}
		req := httptest.NewRequest(http.MethodGet, boardURL(w.HouseA, query.Encode()), nil)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		res := httptest.NewRecorder()
		h.ServeHTTP(res, req)
		body := res.Body.Bytes()

		switch res.Code {
		case http.StatusOK:
			var page struct {
				Items []struct {
					House string `json:"house"`
				} `json:"items"`
			}
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatalf("%q: 200 but not a page: %s", raw, body)
			}
			limit := 20
			if n, err := strconv.Atoi(query.Get("perPage")); err == nil {
				limit = n
			}
			if len(page.Items) > limit || len(page.Items) > 50 {
				t.Fatalf("%q: %d posts on a page of %d", raw, len(page.Items), limit)
			}
			for _, p := range page.Items {
				if p.House != w.HouseA {
					t.Fatalf("%q: a post of house %q", raw, p.House)
				}
			}
		case http.StatusBadRequest:
			var e struct {
				Status  int                          `json:"status"`
				Message string                       `json:"message"`
				Data    map[string]map[string]string `json:"data"`
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Status != 400 || e.Message == "" || len(e.Data) == 0 {
				t.Fatalf("%q: a 400 not in PocketBase's shape: %s", raw, body)
			}
			for field, fe := range e.Data {
				if field != "perPage" && field != "before" && field != "pinned" || fe["code"] == "" || fe["message"] == "" {
					t.Fatalf("%q: field error %q %v", raw, field, fe)
				}
			}
		default:
			t.Fatalf("%q: %d %s", raw, res.Code, body)
		}
	})
}
