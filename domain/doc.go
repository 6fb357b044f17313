// Package domain holds Hearth's vocabulary (vocabulary.go: the roles,
// statuses, kinds and house defaults) and its pure domain logic: house-local time and
// clock-time parsing, sobriety counting and milestones, invite codes, the
// chore transition table, chore schedules across daylight-saving changes,
// and the fair chore rotation. Nothing in it touches the database or reads the
// wall clock: every function that needs "now" takes it as an argument, so
// tests can pin it.
package domain
