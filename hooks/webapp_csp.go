package hooks

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
)

// inlineScript finds the inline scripts of a page: a <script> element
// without a src attribute, and its text.
var inlineScript = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)

// contentSecurityPolicy is the policy of the web app's page: scripts,
// styles, fonts, the manifest and connections from the app's own origin
// only (the realtime stream included); images also from data: (the invite
// QR code) and blob: (a photo before it is sent); no plugins, no frames,
// no <base>. The one inline script allowed is each inline script of the
// page as shipped, by its SHA-256 (the import map): anything injected
// later has another hash and does not run. Inline style attributes in the
// markup are refused too; the app sets styles through the DOM, which a
// policy does not govern.
func contentSecurityPolicy(page []byte) string {
	scripts := []string{"'self'"}
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		if strings.Contains(strings.ToLower(string(m[1])), "src=") {
			continue
		}
		sum := sha256.Sum256(m[2])
		scripts = append(scripts, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + strings.Join(scripts, " "),
		"style-src 'self'",
		"img-src 'self' data: blob:",
		"connect-src 'self'",
		"font-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}
