// Package durability holds Hearth's durability evidence, as tests that run
// the real binary: SIGKILL at random moments during concurrent acknowledged
// writes, then a restart that must find every acknowledged write and a
// database whose integrity check is "ok"; a backup and restore round trip
// of a year of a house's data through PocketBase's backups API; and the
// scheduler's jobs across kills in the middle of their window.
//
// The package has no code of its own: everything is in its _test.go files.
//
//	go test ./durability                 # short mode: a few kills, a season of data
//	go test ./durability -long -v        # long mode: 25 kills, a year of data
//	HEARTH_LONG=1 go test ./...          # long mode from the whole tree
//
// See harness_test.go for the environment variables.
package durability
