package e2e_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// publicName is the name the HTTPS tests give the mini PC. It is not
// localhost on purpose: browsers treat http://localhost as a secure
// origin, a house's phones reach the box by another name.
const publicName = "hearth.test"

// tlsProxy is an operator's reverse proxy (Caddy, nginx, a tunnel's
// connector): it ends TLS for publicName with its own certificate and
// passes requests to Hearth on plain http, with the X-Forwarded headers.
// It answers the certificate's SPKI hash, which the test's browser is
// told to trust, as a phone trusts a real certificate.
func tlsProxy(t *testing.T, target string) (proxyURL, spki string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: publicName},
		DNSNames:     []string{publicName},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)

	upstream, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(upstream)
			r.SetXForwarded()
			r.Out.Host = r.In.Host
		},
		FlushInterval: -1, // realtime is a server-sent event stream
	}
	srv := httptest.NewUnstartedServer(proxy)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	return fmt.Sprintf("https://%s:%d", publicName, port), base64.StdEncoding.EncodeToString(sum[:])
}

// A house that gives its mini PC HTTPS through a reverse proxy or a tunnel
// (docs/OPERATIONS.md, "HTTPS") gets the whole app: a secure origin, the
// service worker, push available to the browser, and the live board
// through the proxy. The same box reached by its name over plain http
// still works, without those, and the app says so to its manager.
func TestHTTPSBehindAProxy(t *testing.T) {
	s := newOwnServer(t, true)
	secure, spki := tlsProxy(t, s.url)
	_, port, _ := strings.Cut(strings.TrimPrefix(s.url, "http://"), ":")
	plain := fmt.Sprintf("http://%s:%s", publicName, port)

	browser := func() *phone {
		return newBrowser(t, 360, 800,
			chromedp.Flag("host-resolver-rules", "MAP "+publicName+" 127.0.0.1"),
			chromedp.Flag("ignore-certificate-errors-spki-list", spki),
		)
	}

	// Over HTTPS: a secure context, the worker in charge, push possible.
	p := browser()
	p.base = secure
	p.signIn(jordanEmail)
	if p.eval(`String(window.isSecureContext)`) != "true" {
		t.Fatal("the app over the proxy's HTTPS is not a secure context")
	}
	p.until(`!!navigator.serviceWorker.controller`)
	if p.eval(`String('PushManager' in window)`) != "true" {
		t.Error("push is not available to the app over HTTPS")
	}

	// The board is live through the proxy: a housemate's post appears
	// without a reload.
	p.feed()
	token, alex := apiSignIn(t, s.url, alexEmail)
	house := firstHouse(t, s.url, token)
	body := unique("Dinner is at six, everyone welcome ")
	postAs(t, s.url, token, map[string]any{"house": house, "author": alex, "kind": "share", "body": body})
	p.until(fmt.Sprintf(`[...document.querySelectorAll('[data-testid="post-body"]')].some(e => e.textContent === %q)`, body))

	// Over plain http by the same name: the app works, without a worker.
	q := browser()
	q.base = plain
	q.signIn(jordanEmail)
	if q.eval(`String(window.isSecureContext)`) != "false" {
		t.Fatal("plain http by name should not be a secure context")
	}
	if q.eval(`String(!!navigator.serviceWorker)`) != "false" {
		t.Error("a service worker is offered on plain http")
	}
}

// firstHouse is the id of the first house a person's token lists.
func firstHouse(t *testing.T, base, token string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/api/collections/houses/records?perPage=1&skipTotal=1", nil)
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || len(out.Items) == 0 {
		t.Fatalf("no house for the token: %v", err)
	}
	return out.Items[0].ID
}

// postAs creates a post on a server with a person's token.
func postAs(t *testing.T, base, token string, post map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(post)
	req, _ := http.NewRequest("POST", base+"/api/collections/posts/records", strings.NewReader(string(raw)))
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("post: %d", res.StatusCode)
	}
}
