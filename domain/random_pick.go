package domain

import (
	"crypto/rand"
	"io"
	"math/big"
)

// PickRandom picks count of the ids uniformly at random, without
// repetition: every subset of that size is equally likely (a partial
// Fisher–Yates shuffle). A count above len(ids) picks them all; below 1
// picks none. r is the source of randomness: nil is crypto/rand, so that
// nobody can predict or steer a random drug test.
func PickRandom(ids []string, count int, r io.Reader) ([]string, error) {
	if r == nil {
		r = rand.Reader
	}
	pool := append([]string(nil), ids...)
	if count > len(pool) {
		count = len(pool)
	}
	if count < 1 {
		return nil, nil
	}
	for i := 0; i < count; i++ {
		j, err := rand.Int(r, big.NewInt(int64(len(pool)-i)))
		if err != nil {
			return nil, err
		}
		k := i + int(j.Int64())
		pool[i], pool[k] = pool[k], pool[i]
	}
	return pool[:count], nil
}
