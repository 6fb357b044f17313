package housecmd

import (
	"crypto/rand"
	"strings"
)

// passwordAlphabet is what a generated password is made of: lowercase
// letters and digits without the ones that are misread or misheard (0 O o,
// 1 l I). 32 symbols, so each carries 5 bits.
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyz23456789"

// passwordGroups and passwordGroupLen shape a generated password as four
// groups of four, e.g. "k7xm-p3qr-9azf-tuwh": 16 random symbols (80 bits),
// 19 characters, easy to read aloud and type on a phone.
const (
	passwordGroups   = 4
	passwordGroupLen = 4
)

// generatePassword returns a new random password from crypto/rand.
func generatePassword() (string, error) {
	buf := make([]byte, passwordGroups*passwordGroupLen)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	var b strings.Builder
	for i, c := range buf {
		if i > 0 && i%passwordGroupLen == 0 {
			b.WriteByte('-')
		}
		// len(passwordAlphabet) is 32, which divides 256: no bias.
		b.WriteByte(passwordAlphabet[int(c)%len(passwordAlphabet)])
	}
	return b.String(), nil
}
