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

// FuzzNormalizeInviteCode: whatever is typed, a code that normalizes is
// canonical, normalizes to itself, and is 16 symbols of the alphabet.
func FuzzNormalizeInviteCode(f *testing.F) {
	for _, s := range []string{"ABCD-EFGH-JKMN-PQRS", " abcd efgh jkmn pqrs ", "OIL0-OIL0-OIL0-OIL0", "", "----", "ÄBCD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		code, ok := domain.NormalizeInviteCode(in)
		if !ok {
			return
		}
		if len(code) != domain.InviteCodeLength || strings.Trim(code, domain.InviteCodeAlphabet) != "" {
			t.Fatalf("%q normalized to %q", in, code)
		}
		if again, ok := domain.NormalizeInviteCode(domain.FormatInviteCode(code)); !ok || again != code {
			t.Fatalf("%q does not round-trip: %q", code, again)
		}
	})
}
