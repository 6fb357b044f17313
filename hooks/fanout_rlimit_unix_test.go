//go:build unix

package hooks_test

import "syscall"

// raiseFileLimit makes sure this process (and the child processes it
// starts, which inherit the limit) may hold n open files, raising the soft
// limit as far as the hard one allows. It returns the limit in force and
// whether it is enough. Go already raises the soft limit to the hard one
// at start-up; this is for a hard limit set below n.
func raiseFileLimit(n uint64) (uint64, bool) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, false
	}
	if lim.Cur >= n {
		return lim.Cur, true
	}
	lim.Cur = min(n, lim.Max)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return lim.Cur, false
	}
	return lim.Cur, lim.Cur >= n
}
