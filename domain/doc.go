// Package domain holds Hearth's pure domain logic: house-local time,
// clock-time parsing and sobriety counting. Nothing in it touches the
// database or reads the wall clock: every function that needs "now" takes
// it as an argument, so tests can pin it.
package domain
