package ops

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Version is Hearth's version. The Makefile sets it at build time:
//
//	go build -ldflags "-X hearth/ops.Version=v1.2.0 -X hearth/ops.Commit=6e62476abcde" .
//
// (make build VERSION=v1.2.0; by default the tag on the commit, from `git
// describe --tags`, else "dev"). Left empty, it is the module version Go
// stamps from the repository, or "dev".
var Version string

// Commit is the git commit the binary was built from, set by the Makefile
// like Version (with "-modified" appended when the tree had changes). Left
// empty, it comes from Go's build information (vcs.revision and
// vcs.modified), which a build with -buildvcs=false does not have.
var Commit string

// BuildInfo is what the binary knows of its own build.
type BuildInfo struct {
	Version  string // the release, e.g. "v1.2.0", or "dev"
	Commit   string // the git commit it was built from, or "" when unknown
	Modified bool   // the working tree had uncommitted changes
}

// Build reads the version from the -X override and the commit from Go's
// build information (vcs.revision, vcs.modified).
func Build() BuildInfo {
	b := BuildInfo{Version: Version}
	info, ok := debug.ReadBuildInfo()
	if ok {
		if b.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			b.Version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if Commit != "" {
		b.Commit, b.Modified = strings.CutSuffix(Commit, "-modified")
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	return b
}

// String is the version as `hearth --version`, the health details and the
// start-up line show it: "v1.2.0 (commit 6e62476abcde)", with
// ", modified" when built from a changed tree.
func (b BuildInfo) String() string {
	commit := b.Commit
	if len(commit) > 12 {
		commit = commit[:12]
	}
	if commit == "" {
		commit = "unknown"
	}
	mod := ""
	if b.Modified {
		mod = ", modified"
	}
	return fmt.Sprintf("%s (commit %s%s)", b.Version, commit, mod)
}
