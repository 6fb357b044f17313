#!/usr/bin/env bash
# Runs every Go fuzz target of Hearth (every `func FuzzX(f *testing.F)` in a
# _test.go file) for FUZZTIME each, one `go test -fuzz` per target, since
# Go fuzzes one target per invocation. CI runs it briefly after `make test`;
# run it longer by hand:
#
#   scripts/fuzz.sh                      # every target, 3s each
#   FUZZTIME=30s scripts/fuzz.sh         # every target, 30s each
#   scripts/fuzz.sh ./domain             # the targets of some packages
#   FUZZ='Clock|Invite' scripts/fuzz.sh  # the targets whose names match
#
# A failing input is written to the package's testdata/fuzz/FuzzX/ and, from
# then on, replays in every plain `go test` as a regression: commit it with
# the fix. Every target runs even after a failure; the script fails at the
# end if any did, naming them.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) export PATH="$PATH:/usr/local/go/bin" ;; esac

fuzztime="${FUZZTIME:-3s}"
# A failure is minimized before it is written; keep that short too.
minimizetime="${FUZZMINIMIZETIME:-10s}"
filter="${FUZZ:-.}"
if [ $# -gt 0 ]; then packages=("$@"); else packages=(./domain ./hooks); fi

failed=()
count=0
started=$(date +%s)
for pkg in "${packages[@]}"; do
  dir="${pkg#./}"
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*(' "$dir"/*_test.go 2>/dev/null |
    sed -e 's/^func //' -e 's/($//' | grep -E -- "$filter" | sort || true)
  for target in $targets; do
    count=$((count + 1))
    printf '\n-- %s %s (%s)\n' "$pkg" "$target" "$fuzztime"
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" \
      -fuzzminimizetime "$minimizetime" "$pkg" </dev/null; then
      failed+=("$pkg $target")
    fi
  done
done

printf '\n%d fuzz targets, %ss\n' "$count" "$(($(date +%s) - started))"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed (the inputs are in each package's testdata/fuzz/):"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
