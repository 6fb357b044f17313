package e2e_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// The page's Content-Security-Policy lets the whole app run (every browser
// test fails on a violation, see setupTab) and stops a script injected into
// the page: an inline script added by any means has no allowed hash.
func TestPagePolicy(t *testing.T) {
	cspViolationsExpected.Store(t.Name(), true)
	p := newPhone(t)
	p.signIn(jordanEmail)
	injected := p.eval(`(() => {
		const s = document.createElement('script');
		s.textContent = 'window.hearthInjected = "ran"';
		document.head.appendChild(s);
		const img = document.createElement('img');
		img.setAttribute('onerror', 'window.hearthInjected = "ran"');
		img.src = '/nothing-here.png';
		document.body.appendChild(img);
		return String(window.hearthInjected);
	})()`)
	time.Sleep(300 * time.Millisecond) // the image's error event
	if got := p.eval(`String(window.hearthInjected)`); injected != "undefined" || got != "undefined" {
		t.Errorf("an injected script ran (%s, %s)", injected, got)
	}

	res, err := http.Get(baseURL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self' 'sha256-") || strings.Contains(csp, "unsafe") {
		t.Errorf("the page's policy is %q", csp)
	}
}

// The API answers no cross-origin call unless `serve --origins` names the
// origin (the web app is same-origin and needs none); the real binary, as
// a house runs it.
func TestCrossOrigin(t *testing.T) {
	allowed := func(base, origin string) (string, string) {
		t.Helper()
		var got [2]string
		for i, method := range []string{http.MethodGet, http.MethodOptions} {
			req, _ := http.NewRequest(method, base+"/api/collections/houses/records", nil)
			req.Header.Set("Origin", origin)
			if method == http.MethodOptions {
				req.Header.Set("Access-Control-Request-Method", "GET")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			got[i] = res.Header.Get("Access-Control-Allow-Origin")
		}
		return got[0], got[1]
	}
	if get, preflight := allowed(baseURL, "https://elsewhere.example"); get != "" || preflight != "" {
		t.Errorf("by default another origin is allowed: %q on GET, %q on preflight", get, preflight)
	}

	// A second server on its own data directory, with --origins.
	other := newOwnServer(t, false, "--origins", "https://house.example").url
	if get, preflight := allowed(other, "https://house.example"); get != "https://house.example" || preflight != "https://house.example" {
		t.Errorf("an origin named by --origins: %q on GET, %q on preflight", get, preflight)
	}
	if get, preflight := allowed(other, "https://elsewhere.example"); get != "" || preflight != "" {
		t.Errorf("an origin not named: %q on GET, %q on preflight", get, preflight)
	}
}
