package hooks_test

import (
	"strings"
	"testing"

	"hearth/hooks"
)

// The push endpoint rule: https to the known push services only, spelled
// as browsers spell them; HEARTH_PUSH_ALLOW adds exact host:port pairs
// (and plain http for loopback ones). Every refused case is a way to point
// the server's POST somewhere else.
func TestPushEndpointRule(t *testing.T) {
	allow := []string{"127.0.0.1:8443", "push.test:9000", "[::1]:7000"}
	cases := []struct {
		name     string
		endpoint string
		allow    []string
		ok       bool
	}{
		// What browsers give.
		{"chrome fcm", "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91bHPRgkFLJu-9GJ8N4-xyz", nil, true},
		{"chrome fcm wp", "https://fcm.googleapis.com/wp/dQw4w9WgXcQ", nil, true},
		{"firefox", "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk-abc_def", nil, true},
		{"safari", "https://web.push.apple.com/QGuQyavXutnMH_abc-1", nil, true},
		{"edge wns", "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD%2bXyz%3d", nil, true},

		// Scheme.
		{"plain http", "http://fcm.googleapis.com/fcm/send/x", nil, false},
		{"uppercase scheme", "HTTPS://fcm.googleapis.com/fcm/send/x", nil, false},
		{"no scheme", "//fcm.googleapis.com/fcm/send/x", nil, false},
		{"file", "file:///etc/passwd", nil, false},
		{"javascript", "javascript:alert(1)//fcm.googleapis.com/", nil, false},
		{"ftp", "ftp://fcm.googleapis.com/x", nil, false},

		// Host spelling.
		{"uppercase host", "https://FCM.googleapis.com/fcm/send/x", nil, false},
		{"mixed case host", "https://fcm.GoogleAPIs.com/fcm/send/x", nil, false},
		{"trailing dot", "https://fcm.googleapis.com./fcm/send/x", nil, false},
		{"double dot", "https://web..push.apple.com/x", nil, false},
		{"suffix trick", "https://fcm.googleapis.com.evil.example/fcm/send/x", nil, false},
		{"prefix trick", "https://evilfcm.googleapis.com/fcm/send/x", nil, false},
		{"lookalike suffix", "https://evilpush.apple.com/x", nil, false},
		{"bare apple domain", "https://push.apple.com/x", nil, false},
		{"two labels before apple", "https://a.web.push.apple.com/x", nil, false},
		{"two labels before windows", "https://a.b.notify.windows.com/w/?token=x", nil, false},
		{"label with leading hyphen", "https://-x.notify.windows.com/w/?token=x", nil, false},
		{"cyrillic es (IDN lookalike)", "https://f\u0441m.googleapis.com/fcm/send/x", nil, false},
		{"punycode", "https://xn--fm-0tb.googleapis.com/fcm/send/x", nil, false},
		{"percent in host", "https://fcm%2egoogleapis.com/fcm/send/x", nil, false},
		{"percent-encoded at", "https://evil.example%40fcm.googleapis.com/x", nil, false},
		{"backslash", "https://evil.example\\@fcm.googleapis.com/x", nil, false},
		{"backslash in path", "https://fcm.googleapis.com\\.evil.example/x", nil, false},

		// Userinfo.
		{"userinfo", "https://user@fcm.googleapis.com/fcm/send/x", nil, false},
		{"user and password", "https://u:p@fcm.googleapis.com/fcm/send/x", nil, false},
		{"service as userinfo", "https://fcm.googleapis.com@evil.example/fcm/send/x", nil, false},
		{"service as userinfo with port", "https://fcm.googleapis.com:443@evil.example/x", nil, false},

		// Ports.
		{"explicit 443", "https://fcm.googleapis.com:443/fcm/send/x", nil, false},
		{"odd port", "https://fcm.googleapis.com:8443/fcm/send/x", nil, false},
		{"empty port", "https://fcm.googleapis.com:/fcm/send/x", nil, false},

		// IP literals and local names.
		{"loopback ip", "https://127.0.0.1/x", nil, false},
		{"metadata ip", "https://169.254.169.254/latest/meta-data/", nil, false},
		{"decimal ip", "https://2130706433/x", nil, false},
		{"hex ip", "https://0x7f.0.0.1/x", nil, false},
		{"ipv6 loopback", "https://[::1]/x", nil, false},
		{"ipv6 mapped", "https://[::ffff:127.0.0.1]/x", nil, false},
		{"localhost", "https://localhost/x", nil, false},

		// Path, fragment, whitespace, length.
		{"no path", "https://fcm.googleapis.com", nil, false},
		{"query without path", "https://fcm.googleapis.com?x=1", nil, false},
		{"at after query", "https://evil.example?@fcm.googleapis.com/", nil, false},
		{"fragment", "https://fcm.googleapis.com/fcm/send/x#y", nil, false},
		{"fragment host trick", "https://evil.example#@fcm.googleapis.com/", nil, false},
		{"leading space", " https://fcm.googleapis.com/fcm/send/x", nil, false},
		{"space in path", "https://fcm.googleapis.com/fcm/send/x y", nil, false},
		{"tab", "https://fcm.googleapis.com/fcm/send/x\ty", nil, false},
		{"newline (header injection)", "https://fcm.googleapis.com/fcm/send/x\r\nHost: evil", nil, false},
		{"nul", "https://fcm.googleapis.com/fcm/send/x\x00", nil, false},
		{"empty", "", nil, false},
		{"too long", "https://fcm.googleapis.com/fcm/send/" + strings.Repeat("a", 1100), nil, false},

		// HEARTH_PUSH_ALLOW.
		{"allowed loopback http", "http://127.0.0.1:8443/wpush/v2/x", allow, true},
		{"allowed loopback https", "https://127.0.0.1:8443/wpush/v2/x", allow, true},
		{"allowed name https", "https://push.test:9000/x", allow, true},
		{"allowed ipv6 loopback http", "http://[::1]:7000/x", allow, true},
		{"allowed name, plain http, not loopback", "http://push.test:9000/x", allow, false},
		{"allowed host, other port", "http://127.0.0.1:8444/x", allow, false},
		{"allowed host, no port", "http://127.0.0.1/x", allow, false},
		{"allowed host, no port, https", "https://push.test/x", allow, false},
		{"another loopback", "http://127.0.0.2:8443/x", allow, false},
		{"localhost not named", "http://localhost:8443/x", allow, false},
		{"allowed, userinfo", "http://u@127.0.0.1:8443/x", allow, false},
		{"allowed, service as userinfo", "http://fcm.googleapis.com@127.0.0.1:8443/x", allow, false},
		{"allow list does not open others", "https://evil.example/x", allow, false},
		{"services still allowed with a list", "https://fcm.googleapis.com/fcm/send/x", allow, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg := hooks.PushEndpointProblem(c.endpoint, c.allow)
			if (msg == "") != c.ok {
				t.Fatalf("%q: problem %q, want allowed=%v", c.endpoint, msg, c.ok)
			}
		})
	}
}
