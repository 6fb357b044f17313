package pushfake

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// VAPID is what a request's verified VAPID header (RFC 8292) said.
type VAPID struct {
	// Key is the application server's public key (k), base64url.
	Key string
	// Subject is the JWT's sub: a mailto: or https: URI.
	Subject string
	// Audience is the JWT's aud: the push service's origin.
	Audience string
	// Expires is the JWT's exp.
	Expires time.Time
}

// VerifyVAPID checks an Authorization header as a push service does (RFC
// 8292 sections 2 and 3): the scheme is "vapid" with parameters t (a JWT)
// and k (the server's public key, base64url uncompressed P-256); the JWT
// is ES256 and its signature checks with k; aud is origin exactly; exp is
// after now and at most 24 hours after it; sub is a mailto: or https: URI.
func VerifyVAPID(header, origin string, now time.Time) (VAPID, error) {
	var v VAPID
	scheme, params, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "vapid") {
		return v, fmt.Errorf("authorization scheme is not vapid: %q", header)
	}
	var token string
	for _, p := range strings.Split(params, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch strings.ToLower(name) {
		case "t":
			token = value
		case "k":
			v.Key = value
		}
	}
	if token == "" || v.Key == "" {
		return v, errors.New("vapid header lacks t or k")
	}
	keyBytes, err := base64.RawURLEncoding.DecodeString(v.Key)
	if err != nil {
		return v, fmt.Errorf("k is not unpadded base64url: %w", err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(ecdsaP256(), keyBytes)
	if err != nil {
		return v, fmt.Errorf("k is not an uncompressed P-256 point: %w", err)
	}

	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return v, errors.New("t is not a JWS compact serialization")
	}
	var head struct {
		Alg string `json:"alg"`
		Typ string `json:"typ"`
	}
	if err := decodeJSONPart(parts[0], &head); err != nil {
		return v, fmt.Errorf("JWT header: %w", err)
	}
	if head.Alg != "ES256" {
		return v, fmt.Errorf("JWT alg is %q, want ES256", head.Alg)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return v, errors.New("JWT signature is not 64 bytes of base64url (R || S)")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(pub, digest[:], r, s) {
		return v, errors.New("JWT signature does not check with k")
	}

	var claims struct {
		Aud any    `json:"aud"`
		Exp any    `json:"exp"`
		Sub string `json:"sub"`
	}
	if err := decodeJSONPart(parts[1], &claims); err != nil {
		return v, fmt.Errorf("JWT claims: %w", err)
	}
	aud, ok := claims.Aud.(string)
	if !ok {
		return v, fmt.Errorf("aud is not a string: %v", claims.Aud)
	}
	v.Audience = aud
	if aud != origin {
		return v, fmt.Errorf("aud %q is not the push service's origin %q", aud, origin)
	}
	exp, ok := claims.Exp.(float64)
	if !ok {
		return v, fmt.Errorf("exp is not a number: %v", claims.Exp)
	}
	v.Expires = time.Unix(int64(exp), 0)
	if !v.Expires.After(now) {
		return v, fmt.Errorf("exp %s is not in the future", v.Expires.UTC())
	}
	if v.Expires.After(now.Add(24 * time.Hour)) {
		return v, fmt.Errorf("exp %s is more than 24 hours ahead", v.Expires.UTC())
	}
	v.Subject = claims.Sub
	if !strings.HasPrefix(v.Subject, "mailto:") && !strings.HasPrefix(v.Subject, "https:") {
		return v, fmt.Errorf("sub %q is neither a mailto nor an https address", v.Subject)
	}
	if strings.HasPrefix(v.Subject, "mailto:mailto:") || strings.HasPrefix(v.Subject, "mailto:https:") {
		return v, fmt.Errorf("sub %q has its scheme twice", v.Subject)
	}
	return v, nil
}

func decodeJSONPart(part string, into any) error {
	raw, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}
