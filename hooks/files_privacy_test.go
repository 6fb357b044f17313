package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	tk "hearth/testkit"
)

// Protected files (a chore's proof photo here) are served "private,
// no-store", so that a shared or lost phone, or a proxy, keeps no copy
// once the link's token has expired; public files (an avatar) keep
// PocketBase's caching.
func TestProtectedFilesAreNotCached(t *testing.T) {
	w := tk.Seeded(t)
	app := tk.NewApp(t)
	t.Cleanup(app.Cleanup)
	withFile := func(collection, id, field string) (string, *core.Record) {
		r := findOrFail(t, app, collection, id)
		f, err := filesystem.NewFileFromBytes(tinyPNG, "proof.png")
		if err != nil {
			t.Fatal(err)
		}
		r.Set(field, f)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return r.GetString(field), r
	}
	photo, assignment := withFile("chore_assignments", w.AssignmentA2, "photo")
	avatar, user := withFile("users", w.People[tk.ResidentA2].ID, "avatar")
	srv := tk.Serve(t, app)

	get := func(method, path, token string) *http.Response {
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := get(http.MethodPost, "/api/files/token", w.People[tk.ResidentA2].Token)
	var ft struct {
		Token string `json:"token"`
	}
	json.NewDecoder(res.Body).Decode(&ft)
	res.Body.Close()

	for _, c := range []struct {
		name, path, want string
	}{
		{"a chore's proof photo", "/api/files/" + assignment.Collection().Id + "/" + assignment.Id + "/" + photo + "?token=" + ft.Token, "private, no-store"},
		{"its thumbnail", "/api/files/" + assignment.Collection().Id + "/" + assignment.Id + "/" + photo + "?thumb=100x100&token=" + ft.Token, "private, no-store"},
		{"an avatar", "/api/files/" + user.Collection().Id + "/" + user.Id + "/" + avatar, "max-age=2592000, stale-while-revalidate=86400"},
	} {
		res := get(http.MethodGet, c.path, "")
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", c.name, res.StatusCode)
		}
		if got := res.Header.Get("Cache-Control"); got != c.want {
			t.Errorf("%s: Cache-Control = %q, want %q", c.name, got, c.want)
		}
	}
}
