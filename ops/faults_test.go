package ops

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/router"
)

func TestIsDiskFull(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"ENOSPC", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, true},
		{"SQLite's words", errors.New("database or disk is full (13)"), true},
		{"wrapped in PocketBase's 400", router.NewBadRequestError("Failed to create record.", fmt.Errorf("save: %w", syscall.ENOSPC)), true},
		{"a 400 carrying SQLite's words", router.NewBadRequestError("Failed to create record.", errors.New("database or disk is full (13)")), true},
		{"a validation error", router.NewBadRequestError("Failed to create record.", nil), false},
		{"another error", errors.New("constraint failed"), false},
	}
	for _, tt := range tests {
		if got := isDiskFull(tt.err); got != tt.want {
			t.Errorf("%s: isDiskFull = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNextBackup(t *testing.T) {
	at := time.Date(2026, 12, 7, 13, 41, 12, 0, time.UTC)
	tests := []struct {
		expr string
		want string // RFC 3339, "" for none
	}{
		{"0 10 * * *", "2026-12-08T10:00:00Z"},
		{"0 15 * * *", "2026-12-07T15:00:00Z"},
		{"*/15 * * * *", "2026-12-07T13:45:00Z"},
		{"", ""},
		{"not a schedule", ""},
	}
	for _, tt := range tests {
		got := nextBackup(tt.expr, at)
		s := ""
		if got != nil {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("nextBackup(%q) = %q, want %q", tt.expr, s, tt.want)
		}
	}
}
