#!/usr/bin/env bash
# Vendors the web app's browser libraries into pb_public/vendor/<name>@<version>/.
#
# Run it by hand when a version changes, then commit the output: `go build`
# embeds pb_public/ and must never need Node. Only the ES-module builds and
# each package's licence are copied. The folder names carry the version
# because the server caches /vendor/* as immutable.
set -euo pipefail

PREACT=11.2.0
HTM=3.1.1
POCKETBASE=0.28.1
IDB_KEYVAL=6.3.0
UPLOT=1.6.32

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/pb_public/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v npm >/dev/null || { echo "vendor.sh: npm is needed (only to run this script)" >&2; exit 1; }

# unpack NAME VERSION -> prints the unpacked package dir
unpack() {
  local name=$1 version=$2 dir="$tmp/$1"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$name@$version" >/dev/null)
  tar -xzf "$dir"/*.tgz -C "$dir"
  echo "$dir/package"
}

# put SRC_DIR DEST_DIR FILE... : copies FILE (relative to SRC_DIR) flat into DEST_DIR
put() {
  local src=$1 dest=$2; shift 2
  mkdir -p "$dest"
  for f in "$@"; do
    [ -f "$src/$f" ] || { echo "vendor.sh: $f missing from $(basename "$dest")" >&2; exit 1; }
    cp "$src/$f" "$dest/"
  done
}

# licence LICENSE_FILE DEST_DIR
licence() { cp "$1" "$2/LICENSE"; }

rm -rf "$out"

# preact 11 ships dist/preact.mjs and hooks/dist/hooks.mjs (no *.module.js any more);
# hooks.mjs imports the bare specifier "preact", resolved by the import map.
p=$(unpack preact "$PREACT")
d="$out/preact@$PREACT"
put "$p" "$d" dist/preact.mjs hooks/dist/hooks.mjs
licence "$p/LICENSE" "$d"
grep -q 'from"preact"' "$d/hooks.mjs" || { echo "vendor.sh: hooks.mjs no longer imports bare \"preact\"" >&2; exit 1; }

p=$(unpack htm "$HTM")
d="$out/htm@$HTM"
put "$p" "$d" dist/htm.module.js
licence "$p/LICENSE" "$d"

p=$(unpack pocketbase "$POCKETBASE")
d="$out/pocketbase@$POCKETBASE"
put "$p" "$d" dist/pocketbase.es.mjs
licence "$p/LICENSE.md" "$d"

# idb-keyval: the offline outbox's store (IndexedDB), dist/index.js is its ES module.
p=$(unpack idb-keyval "$IDB_KEYVAL")
d="$out/idb-keyval@$IDB_KEYVAL"
put "$p" "$d" dist/index.js
licence "$p/LICENCE" "$d"

# uPlot: the Reports screen's charts (canvas, no inline styles in markup);
# loaded by that screen only, with its stylesheet.
p=$(unpack uplot "$UPLOT")
d="$out/uplot@$UPLOT"
put "$p" "$d" dist/uPlot.esm.js dist/uPlot.min.css
licence "$p/LICENSE" "$d"

# The source maps are not shipped: drop the comments that point at them.
find "$out" -name '*.mjs' -o -name '*.js' | while read -r f; do
  sed -i '/^\/\/# sourceMappingURL=/d' "$f"
done

(cd "$out" && find . -type f | sort)
