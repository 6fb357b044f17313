package domain_test

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"hearth/domain"
)

func TestNewInviteCode(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		code, err := domain.NewInviteCode(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := domain.NormalizeInviteCode(code); !ok || got != code {
			t.Fatalf("code %q does not normalize to itself (%q, %v)", code, got, ok)
		}
		if seen[code] {
			t.Fatalf("code %q drawn twice", code)
		}
		seen[code] = true
	}
	// Each byte picks its symbol by its low five bits.
	all, err := domain.NewInviteCode(bytes.NewReader([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}))
	if err != nil || all != domain.InviteCodeAlphabet[:16] {
		t.Errorf("code from bytes 0..15 = %q, %v", all, err)
	}
	if _, err := domain.NewInviteCode(bytes.NewReader([]byte{1, 2, 3})); err == nil {
		t.Error("a short read must fail, not make a weak code")
	}
}

func TestNormalizeInviteCode(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
	}{
		{"ABCD-EFGH-JKMN-PQRS", "ABCDEFGHJKMNPQRS", true},
		{" abcd efgh jkmn pqrs ", "ABCDEFGHJKMNPQRS", true},
		{"ABCDEFGHJKMNPQRS", "ABCDEFGHJKMNPQRS", true},
		{"OOOO-IIII-LLLL-0000", "0000111111110000", true}, // letters read as the digits they look like
		{"ABCD-EFGH-JKMN-PQR", "", false},                 // too short
		{"ABCD-EFGH-JKMN-PQRST", "", false},               // too long
		{"ABCD-EFGH-JKMN-PQRU", "", false},                // U is not in the alphabet
		{"ABCD-EFGH-JKMN-PQR!", "", false},
		{"", "", false},
		{"ÄBCD-EFGH-JKMN-PQRS", "", false},
	}
	for _, c := range cases {
		got, ok := domain.NormalizeInviteCode(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("NormalizeInviteCode(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestFormatInviteCode(t *testing.T) {
	if got := domain.FormatInviteCode("ABCDEFGHJKMNPQRS"); got != "ABCD-EFGH-JKMN-PQRS" {
		t.Errorf("got %q", got)
	}
}

func TestInviteStateAt(t *testing.T) {
	expires := time.Date(2026, 11, 30, 18, 30, 0, 0, time.UTC)
	cases := []struct {
		name          string
		used, revoked bool
		now           time.Time
		want          domain.InviteState
	}{
		{"pending", false, false, expires.Add(-time.Second), domain.InvitePending},
		{"expired at the instant", false, false, expires, domain.InviteExpired},
		{"expired later", false, false, expires.Add(time.Hour), domain.InviteExpired},
		{"used before expiry", true, false, expires.Add(-time.Hour), domain.InviteUsed},
		{"used stays used after expiry", true, false, expires.Add(time.Hour), domain.InviteUsed},
		{"revoked", false, true, expires.Add(-time.Hour), domain.InviteRevoked},
		{"revoked stays revoked after expiry", false, true, expires.Add(time.Hour), domain.InviteRevoked},
	}
	for _, c := range cases {
		if got := domain.InviteStateAt(expires, c.used, c.revoked, c.now); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}

// FuzzNormalizeInviteCode: whatever is typed, NormalizeInviteCode agrees
// with a reference that reads ASCII only: spaces, tabs, newlines and dashes
// are dropped, letters are capitalized, O reads as 0 and I and L as 1, and
// anything else outside Crockford's alphabet (U, punctuation, any
// non-ASCII character, even one that capitalizes to an ASCII letter, such
// as the dotless ı or the long ſ) makes it no code. A code is 16 symbols of
// the alphabet and normalizes to itself, grouped or not.
func FuzzNormalizeInviteCode(f *testing.F) {
	for _, s := range []string{
		"ABCD-EFGH-JKMN-PQRS", " abcd efgh jkmn pqrs ", "OIL0-OIL0-OIL0-OIL0", "", "----", "ÄBCD",
		"CEDR-HSE4-2345-6789", "cedr-hse4-2345-6789\n", "CEDR-HSE4-2345-678", "CEDR-HSE4-2345-67890",
		"UUUU-UUUU-UUUU-UUUU", "CEDR_HSE4_2345_6789", "ＣＥＤＲ-ＨＳＥ4-2345-6789", "CEDR-HSE4-2345-67８9",
		"CEDR-HSE4-2345-٦٧٨٩", "ıııı-ıııı-ıııı-ıııı", "ſſſſ-ſſſſ-ſſſſ-ſſſſ", "CEDR-HSE4-2345-678\u212a",
		"CEDR\u00a0HSE4\u00a02345\u00a06789", "CEDR\u2011HSE4\u20112345\u20116789", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		code, ok := domain.NormalizeInviteCode(in)
		want, wantOK := asciiInviteCode(in)
		if ok != wantOK || code != want {
			t.Fatalf("NormalizeInviteCode(%q) = %q, %v; want %q, %v", in, code, ok, want, wantOK)
		}
		if !ok {
			if code != "" {
				t.Fatalf("NormalizeInviteCode(%q) failed with %q", in, code)
			}
			return
		}
		if len(code) != domain.InviteCodeLength || strings.Trim(code, domain.InviteCodeAlphabet) != "" {
			t.Fatalf("%q normalized to %q", in, code)
		}
		for _, again := range []string{code, domain.FormatInviteCode(code), strings.ToLower(domain.FormatInviteCode(code))} {
			if back, ok := domain.NormalizeInviteCode(again); !ok || back != code {
				t.Fatalf("%q does not round-trip through %q: %q", code, again, back)
			}
		}
	})
}

// asciiInviteCode is the reference reading of a typed invite code (see
// FuzzNormalizeInviteCode).
func asciiInviteCode(s string) (string, bool) {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '-' || c == '\t' || c == '\n':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		}
		switch c {
		case 'O':
			c = '0'
		case 'I', 'L':
			c = '1'
		}
		if strings.IndexByte(domain.InviteCodeAlphabet, c) < 0 {
			return "", false
		}
		out = append(out, c)
	}
	if len(out) != domain.InviteCodeLength {
		return "", false
	}
	return string(out), true
}

// FuzzInviteCode: a code drawn from any bytes is 16 symbols of the
// alphabet (never I, L, O or U), one per byte, and survives being grouped,
// lowercased, spaced out and read with O, I and L for 0 and 1; too few
// bytes is an error. Its hash is 64 hex digits that depend on the code
// alone. An invite is pending until the instant it expires, then expired;
// used wins over everything, revoked over expiry.
func FuzzInviteCode(f *testing.F) {
	f.Add([]byte("0123456789abcdef"), []byte{1, 5, 9}, int64(0), false, false)
	f.Add([]byte{0, 1, 8, 18, 20, 21, 24, 27, 31, 32, 255, 254, 253, 252, 251, 250}, []byte{}, int64(-1), true, false)
	f.Add([]byte("short"), []byte{}, int64(1), false, true)
	f.Add(bytes.Repeat([]byte{0}, 40), []byte{0, 0, 15}, int64(7*24*3600), false, false)
	f.Fuzz(func(t *testing.T, random, spaces []byte, nowOffset int64, used, revoked bool) {
		code, err := domain.NewInviteCode(bytes.NewReader(random))
		if len(random) < domain.InviteCodeLength {
			if err == nil {
				t.Fatalf("a code from %d bytes: %q", len(random), code)
			}
			return
		}
		if err != nil || len(code) != domain.InviteCodeLength || strings.ContainsAny(code, "ILOU") {
			t.Fatalf("NewInviteCode = %q, %v", code, err)
		}
		for i := range code {
			if code[i] != domain.InviteCodeAlphabet[random[i]%32] {
				t.Fatalf("symbol %d of %q is not byte %d", i, code, random[i])
			}
		}
		shown := domain.FormatInviteCode(code)
		if len(shown) != 19 || shown[4] != '-' || shown[9] != '-' || shown[14] != '-' || strings.ReplaceAll(shown, "-", "") != code {
			t.Fatalf("FormatInviteCode(%q) = %q", code, shown)
		}
		typed := []byte(strings.NewReplacer("0", "O", "1", "l").Replace(strings.ToLower(shown)))
		for _, s := range spaces { // spaces and tabs typed anywhere
			at := int(s) % (len(typed) + 1)
			typed = append(typed[:at], append([]byte{" \t\n-"[s%4]}, typed[at:]...)...)
		}
		if back, ok := domain.NormalizeInviteCode(string(typed)); !ok || back != code {
			t.Fatalf("%q typed as %q reads %q, %v", code, typed, back, ok)
		}
		h := domain.InviteCodeHash(code)
		if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" || h != domain.InviteCodeHash(code) {
			t.Fatalf("InviteCodeHash(%q) = %q", code, h)
		}

		expires := time.Date(2026, 11, 30, 18, 30, 0, 0, time.UTC)
		now := expires.Add(time.Duration(nowOffset))
		var want domain.InviteState
		switch {
		case used:
			want = domain.InviteUsed
		case revoked:
			want = domain.InviteRevoked
		case nowOffset >= 0:
			want = domain.InviteExpired
		default:
			want = domain.InvitePending
		}
		if got := domain.InviteStateAt(expires, used, revoked, now); got != want {
			t.Fatalf("InviteStateAt(%s, used=%v, revoked=%v, %s) = %s, want %s", expires, used, revoked, now, got, want)
		}
	})
}
