package durability_test

import (
	"strings"
	"testing"
)

// TestSyncedReadsSplitCalls checks the strace reading of
// TestUploadedPhotosAreSynced on the shapes strace writes: whole calls, and
// calls split by another thread's call in between.
func TestSyncedReadsSplitCalls(t *testing.T) {
	const final = "/rec1/garden_x.png"
	const dir = "/data/storage/col/rec1"
	cases := []struct {
		name  string
		trace string
		want  bool
	}{
		{"whole calls", `
10 renameat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", AT_FDCWD, "` + dir + `/garden_x.png") = 0
10 openat(AT_FDCWD, "` + dir + `/garden_x.png", O_RDONLY|O_CLOEXEC) = 22
10 fsync(22) = 0
10 openat(AT_FDCWD, "` + dir + `", O_RDONLY|O_CLOEXEC) = 22
10 fsync(22) = 0`, true},
		{"fsyncs split by other threads", `
10 renameat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", AT_FDCWD, "` + dir + `/garden_x.png") = 0
10 openat(AT_FDCWD, "` + dir + `/garden_x.png", O_RDONLY|O_CLOEXEC) = 22
10 fsync(22 <unfinished ...>
11 openat(AT_FDCWD, "/data/data.db-wal", O_RDWR|O_CLOEXEC) = 9
10 <... fsync resumed>) = 0
10 openat(AT_FDCWD, "` + dir + `", O_RDONLY|O_CLOEXEC <unfinished ...>
11 fdatasync(9) = 0
10 <... openat resumed>) = 22
10 fsync(22 <unfinished ...>
12 fsync(22) = 0
10 <... fsync resumed>) = 0`, true},
		{"the folder not flushed", `
10 renameat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", AT_FDCWD, "` + dir + `/garden_x.png") = 0
10 openat(AT_FDCWD, "` + dir + `/garden_x.png", O_RDONLY|O_CLOEXEC) = 22
10 fsync(22) = 0
10 openat(AT_FDCWD, "` + dir + `", O_RDONLY|O_CLOEXEC) = 22`, false},
		{"the goroutine changed threads between open and fsync", `
10 renameat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", AT_FDCWD, "` + dir + `/garden_x.png") = 0
10 openat(AT_FDCWD, "` + dir + `/garden_x.png", O_RDONLY|O_CLOEXEC) = 22
11 fsync(22) = 0
11 openat(AT_FDCWD, "` + dir + `", O_RDONLY|O_CLOEXEC) = 23
10 fsync(23) = 0`, true},
		{"another file flushed under a reused number", `
10 renameat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", AT_FDCWD, "` + dir + `/garden_x.png") = 0
10 openat(AT_FDCWD, "` + dir + `/garden_x.png", O_RDONLY|O_CLOEXEC) = 22
11 openat(AT_FDCWD, "/data/data.db-wal", O_RDWR|O_CLOEXEC) = 22
11 fsync(22) = 0
10 openat(AT_FDCWD, "` + dir + `", O_RDONLY|O_CLOEXEC) = 23
10 fsync(23) = 0`, false},
		{"flushed before the rename only", `
10 openat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0666) = 22
10 fsync(22) = 0
10 renameat(AT_FDCWD, "` + dir + `/garden_x.png.tmp", AT_FDCWD, "` + dir + `/garden_x.png") = 0`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := joinResumed(strings.Split(c.trace, "\n"))
			if got := synced(calls, final); got != c.want {
				t.Errorf("synced = %v, want %v; calls:\n%s", got, c.want, strings.Join(calls, "\n"))
			}
		})
	}
}
