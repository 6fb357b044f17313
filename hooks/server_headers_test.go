package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/cmd"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/spf13/cobra"

	"hearth/hooks"
	tk "hearth/testkit"
)

// Strict-Transport-Security is sent on every answer served over TLS, and
// only there (a browser ignores it over plain HTTP, and a house reached by
// its local address must stay reachable).
func TestHSTSOverTLSOnly(t *testing.T) {
	app := tk.NewApp(t)
	handler := tk.Handler(t, app)
	for _, c := range []struct {
		name string
		srv  *httptest.Server
		want string
	}{
		{"over TLS", httptest.NewTLSServer(handler), "max-age=31536000"},
		{"over plain HTTP", httptest.NewServer(handler), ""},
	} {
		t.Cleanup(c.srv.Close)
		res, err := c.srv.Client().Get(c.srv.URL + "/api/health")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Strict-Transport-Security"); got != c.want {
			t.Errorf("%s: Strict-Transport-Security = %q, want %q", c.name, got, c.want)
		}
	}
}

// Cross-origin API calls are allowed only for the origins `serve
// --origins` names; by default, none (PocketBase's default is "*"). The
// flags are PocketBase's own serve command's, parsed as the program parses
// them. The whole path through the real binary is in e2e (TestCrossOrigin).
func TestCrossOriginOnlyWhenChosen(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string // Access-Control-Allow-Origin for https://elsewhere.example
	}{
		{[]string{"serve"}, ""},
		{[]string{"serve", "--http", "127.0.0.1:0"}, ""},
		{[]string{"serve", "--origins", "https://elsewhere.example"}, "https://elsewhere.example"},
		{[]string{"serve", "--origins", "*"}, "*"},
	} {
		app, err := tests.NewTestApp(tk.Seeded(t).Dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(app.Cleanup)
		root := &cobra.Command{Use: "hearth"}
		serve := cmd.NewServeCommand(app, false)
		serve.RunE = func(*cobra.Command, []string) error { return nil }
		root.AddCommand(serve)
		root.SetArgs(c.args)
		if err := root.Execute(); err != nil {
			t.Fatal(err)
		}
		origins, _ := serve.Flags().GetStringSlice("origins")
		if err := hooks.Register(app, hooks.Config{Commands: root, NoJobs: true}); err != nil {
			t.Fatal(err)
		}
		// apis.Serve binds PocketBase's CORS before OnServe, as here.
		srv := httptest.NewServer(tk.Handler(t, app, tk.WithCORS(origins)))
		t.Cleanup(srv.Close)
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/health", nil)
		req.Header.Set("Origin", "https://elsewhere.example")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != c.want {
			t.Errorf("%v: Access-Control-Allow-Origin = %q, want %q", c.args, got, c.want)
		}
	}
}
