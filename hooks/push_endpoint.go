package hooks

import (
	"net"
	"os"
	"regexp"
	"strings"
)

// A push endpoint comes from the client and the server POSTs to it: it is a
// server-side request forgery vector. The rule (docs/API.md, "Delivery"):
// https only, to a known push service, on the default port, spelled the
// one way browsers spell it; HEARTH_PUSH_ALLOW adds host:port pairs (and
// plain http for the loopback hosts it names), for tests.

// pushServiceHosts are the push services browsers subscribe to, by exact
// host name: Chrome, Edge on Android, Opera, Samsung Internet and Brave
// (Firebase Cloud Messaging), Firefox (Mozilla's autopush).
var pushServiceHosts = map[string]bool{
	"fcm.googleapis.com":                true,
	"updates.push.services.mozilla.com": true,
}

// pushServiceSuffixes are push services with one host label before a fixed
// domain: Safari and iOS/iPadOS home-screen apps (web.push.apple.com) and
// Edge on Windows (wns2-par02p.notify.windows.com and its siblings).
var pushServiceSuffixes = []string{".push.apple.com", ".notify.windows.com"}

// pushAuthorityRe is what may stand between "https://" and the path: a
// lowercase ASCII host name or a bracketed IPv6 literal, and an optional
// port. It leaves out userinfo (@), percent-escapes, backslashes,
// uppercase and non-ASCII (IDN look-alikes) before the URL is parsed, so
// no parser's reading of them matters.
var pushAuthorityRe = regexp.MustCompile(`^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?$`)

// pushLabelRe is one DNS label.
var pushLabelRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// pushEndpointMax bounds an endpoint's length (real ones are under 500).
const pushEndpointMax = 1024

// pushAllowEnv names the environment variable of extra push hosts.
const pushAllowEnv = "HEARTH_PUSH_ALLOW"

// pushAllowList reads HEARTH_PUSH_ALLOW: comma-separated host:port pairs,
// lowercased; malformed entries are left out.
func pushAllowList() []string {
	var out []string
	for _, entry := range strings.Split(os.Getenv(pushAllowEnv), ",") {
		entry = strings.ToLower(strings.TrimSpace(entry))
		if host, port, err := net.SplitHostPort(entry); err == nil && host != "" && port != "" {
			out = append(out, entry)
		}
	}
	return out
}

// isLoopbackHost reports whether host (without port or brackets) is a
// loopback address or localhost.
func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// pushEndpointProblem says, in a resident's words, why endpoint may not be
// sent to, or "" when it may. allow is the HEARTH_PUSH_ALLOW list.
func pushEndpointProblem(endpoint string, allow []string) string {
	const notService = "This address is not a push service that Hearth sends to."
	if endpoint == "" || len(endpoint) > pushEndpointMax {
		return "The push address is missing or too long."
	}
	var rest string
	plainHTTP := false
	switch {
	case strings.HasPrefix(endpoint, "https://"):
		rest = endpoint[len("https://"):]
	case strings.HasPrefix(endpoint, "http://"):
		rest, plainHTTP = endpoint[len("http://"):], true
	default:
		return "The push address must start with https://."
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return "The push address has characters a push service never uses."
		}
	}
	authority, path := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if !strings.HasPrefix(path, "/") || strings.Contains(path, "#") {
		return "The push address has no path, or has a fragment."
	}
	if !pushAuthorityRe.MatchString(authority) {
		return notService
	}
	host, port := authority, ""
	if h, p, err := net.SplitHostPort(authority); err == nil {
		host, port = h, p
	} else if strings.HasPrefix(authority, "[") {
		return notService
	}

	if allowed := pushAllowed(host, port, plainHTTP, allow); allowed {
		return ""
	}
	if plainHTTP {
		return "The push address must start with https://."
	}
	if port != "" {
		return notService // push services use the default port, unwritten
	}
	if net.ParseIP(host) != nil {
		return notService
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if !pushLabelRe.MatchString(l) {
			return notService // empty label (a trailing dot, ".."), bad hyphen
		}
	}
	if pushServiceHosts[host] {
		return ""
	}
	for _, suffix := range pushServiceSuffixes {
		if first, ok := strings.CutSuffix(host, suffix); ok && first != "" && !strings.Contains(first, ".") {
			return ""
		}
	}
	return notService
}

// pushAllowed reports whether HEARTH_PUSH_ALLOW names host:port exactly;
// plain http needs the host to be loopback as well. An entry's port must
// be written in the endpoint, even 443.
func pushAllowed(host, port string, plainHTTP bool, allow []string) bool {
	if port == "" {
		return false
	}
	want := strings.ToLower(net.JoinHostPort(host, port))
	for _, entry := range allow {
		if entry == want {
			return !plainHTTP || isLoopbackHost(host)
		}
	}
	return false
}
