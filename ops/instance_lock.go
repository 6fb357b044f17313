package ops

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFileName is the lock file in the data directory. It is left out of
// backups and restores: it belongs to the running process, not to the data.
const LockFileName = "hearth.lock"

// InstanceLock is an exclusive flock on the data directory's lock file,
// held for the life of the process: the kernel releases it when the process
// exits, however it exits, and when it execs itself again (a restore's
// restart), since Go opens files close-on-exec.
type InstanceLock struct {
	f *os.File
}

// LockedError is AcquireLock's error when another process holds the lock.
type LockedError struct {
	Dir    string // the data directory
	Holder string // the process holding it, as the lock file names it
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("another Hearth (%s) is using the data directory %s; "+
		"stop it first (systemctl stop hearth), or give another --dir", e.Holder, e.Dir)
}

// AcquireLock takes the lock of the data directory dir without waiting,
// and writes this process's id and what it runs (command) into the lock
// file. When another process holds it, the error names that process.
func AcquireLock(dir, command string) (*InstanceLock, error) {
	path := filepath.Join(dir, LockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock file %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Dir: dir, Holder: holder(path)}
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(fmt.Sprintf("%d\n%s\n", os.Getpid(), command)), 0)
	}
	return &InstanceLock{f: f}, nil
}

// holder describes the process named in a held lock file.
func holder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "process unknown"
	}
	lines := strings.SplitN(strings.TrimSpace(string(b)), "\n", 2)
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil {
		return "process unknown"
	}
	if len(lines) == 2 && lines[1] != "" {
		return fmt.Sprintf("process %d, `hearth %s`", pid, strings.TrimSpace(lines[1]))
	}
	return fmt.Sprintf("process %d", pid)
}

// Release gives the lock up. The process's exit does the same.
func (l *InstanceLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
