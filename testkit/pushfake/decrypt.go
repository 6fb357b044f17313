package pushfake

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
)

// Decrypt is a browser's side of RFC 8291 (Message Encryption for Web
// Push) over RFC 8188's aes128gcm content coding, written from the RFCs
// and independent of the library Hearth sends with: ua is the device's
// private key, auth its 16-byte authentication secret, body the request
// body as the push service received it. It returns the plaintext with
// its padding removed.
//
// Web Push allows one record only (RFC 8291 section 4), so a body of
// more than one record, or a record without the last-record delimiter,
// is refused.
func Decrypt(ua *ecdh.PrivateKey, auth, body []byte) ([]byte, error) {
	if len(auth) != 16 {
		return nil, fmt.Errorf("auth secret is %d bytes, want 16", len(auth))
	}
	// RFC 8188 section 2.1: salt (16) | rs (4) | idlen (1) | keyid (idlen).
	if len(body) < 21 {
		return nil, errors.New("body shorter than the aes128gcm header")
	}
	salt := body[:16]
	rs := binary.BigEndian.Uint32(body[16:20])
	idlen := int(body[20])
	if rs < 18 {
		return nil, fmt.Errorf("record size %d below 18", rs)
	}
	// RFC 8291 section 4: the keyid is the application server's ephemeral
	// public key, an uncompressed P-256 point.
	if idlen != 65 {
		return nil, fmt.Errorf("keyid is %d bytes, want 65 (an uncompressed P-256 point)", idlen)
	}
	if len(body) < 21+idlen {
		return nil, errors.New("body shorter than its keyid")
	}
	asPublicBytes := body[21 : 21+idlen]
	ciphertext := body[21+idlen:]
	if len(ciphertext) < 17 {
		return nil, errors.New("no record after the header")
	}
	if uint32(len(ciphertext)) > rs {
		return nil, fmt.Errorf("%d bytes of records with record size %d: Web Push allows one record", len(ciphertext), rs)
	}
	asPublic, err := ecdh.P256().NewPublicKey(asPublicBytes)
	if err != nil {
		return nil, fmt.Errorf("keyid is not a P-256 point: %w", err)
	}
	ecdhSecret, err := ua.ECDH(asPublic)
	if err != nil {
		return nil, fmt.Errorf("ecdh: %w", err)
	}

	// RFC 8291 section 3.4:
	//   PRK_key = HMAC-SHA-256(auth_secret, ecdh_secret)
	//   key_info = "WebPush: info" || 0x00 || ua_public || as_public
	//   IKM = HMAC-SHA-256(PRK_key, key_info || 0x01)
	uaPublic := ua.PublicKey().Bytes()
	prkKey := hmacSHA256(auth, ecdhSecret)
	keyInfo := append(append([]byte("WebPush: info\x00"), uaPublic...), asPublicBytes...)
	ikm := hmacSHA256(prkKey, append(keyInfo, 0x01))

	// RFC 8188 section 2.2 and 2.3:
	//   PRK = HMAC-SHA-256(salt, IKM)
	//   CEK = HMAC-SHA-256(PRK, "Content-Encoding: aes128gcm" || 0x00 || 0x01)[:16]
	//   NONCE = HMAC-SHA-256(PRK, "Content-Encoding: nonce" || 0x00 || 0x01)[:12]
	prk := hmacSHA256(salt, ikm)
	cek := hmacSHA256(prk, []byte("Content-Encoding: aes128gcm\x00\x01"))[:16]
	nonce := hmacSHA256(prk, []byte("Content-Encoding: nonce\x00\x01"))[:12]
	// The first record's sequence number is 0, so its nonce is NONCE
	// itself (NONCE XOR SEQ).

	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		return nil, fmt.Errorf("decrypting the record: %w", err)
	}
	// RFC 8188 section 2: data || delimiter || zero padding; the last
	// record's delimiter is 0x02.
	i := len(plain) - 1
	for i >= 0 && plain[i] == 0 {
		i--
	}
	if i < 0 {
		return nil, errors.New("record has no delimiter")
	}
	if plain[i] != 0x02 {
		return nil, fmt.Errorf("record delimiter is %#x, want 0x02 (the last record)", plain[i])
	}
	return plain[:i], nil
}

func hmacSHA256(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}
