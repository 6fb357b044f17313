package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
)

// InviteCodeAlphabet is Crockford's base 32: digits and capitals without
// I, L, O and U, so a code read aloud or copied by hand survives.
const InviteCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// InviteCodeLength is the number of symbols in an invite code: 16 symbols
// of 5 bits each are 80 bits of randomness.
const InviteCodeLength = 16

// InviteLifetime is how long an invite can be redeemed after it is made.
const InviteLifetime = 7 * 24 * time.Hour

// NewInviteCode draws a canonical invite code (16 symbols, no dashes) from
// r, which should be crypto/rand.Reader outside tests.
func NewInviteCode(r io.Reader) (string, error) {
	buf := make([]byte, InviteCodeLength)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("drawing an invite code: %w", err)
	}
	for i, b := range buf {
		buf[i] = InviteCodeAlphabet[b&31] // 256 is a multiple of 32: no bias
	}
	return string(buf), nil
}

// NormalizeInviteCode turns what a person typed or scanned into the
// canonical code: case, spaces and dashes do not matter, and the letters
// people confuse with digits (O, I, L) read as the digits. Only ASCII is
// read: a non-ASCII character is no symbol of a code, even one whose
// capital is an ASCII letter (the dotless ı, the long ſ). It reports false
// when the result cannot be a code.
func NormalizeInviteCode(s string) (string, bool) {
	var b strings.Builder
	for _, c := range s {
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		switch {
		case c == ' ' || c == '-' || c == '\t' || c == '\n':
			continue
		case c == 'O':
			c = '0'
		case c == 'I' || c == 'L':
			c = '1'
		}
		if !strings.ContainsRune(InviteCodeAlphabet, c) {
			return "", false
		}
		b.WriteRune(c)
		if b.Len() > InviteCodeLength {
			return "", false
		}
	}
	if b.Len() != InviteCodeLength {
		return "", false
	}
	return b.String(), true
}

// FormatInviteCode groups a canonical code in fours: ABCD-EFGH-JKMN-PQRS.
func FormatInviteCode(code string) string {
	var parts []string
	for i := 0; i < len(code); i += 4 {
		parts = append(parts, code[i:min(i+4, len(code))])
	}
	return strings.Join(parts, "-")
}

// InviteCodeHash is what the server stores instead of the code: a leaked
// database does not let anyone join a house.
func InviteCodeHash(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// InviteState is where an invite stands.
type InviteState string

// The states of an invite.
const (
	InvitePending InviteState = "pending" // can still be redeemed
	InviteUsed    InviteState = "used"    // redeemed: someone joined with it
	InviteRevoked InviteState = "revoked" // withdrawn by a manager
	InviteExpired InviteState = "expired" // past its expiry, never used
)

// InviteStateAt tells where an invite stands at now. A used invite is used
// whatever else happened to it later; a revoked one is revoked even after
// it would have expired.
func InviteStateAt(expires time.Time, used, revoked bool, now time.Time) InviteState {
	switch {
	case used:
		return InviteUsed
	case revoked:
		return InviteRevoked
	case !now.Before(expires):
		return InviteExpired
	default:
		return InvitePending
	}
}
