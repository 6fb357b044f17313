#!/usr/bin/env bash
# Draws the web app's PNG icons from its SVGs with headless Chromium, for
# the sizes the platforms ask for. Run it by hand when an SVG changes, then
# commit the PNGs (`go build` never needs Chromium).
#   icon-192.png, icon-512.png       Android, the manifest ("any")
#   icon-maskable-512.png            Android's adaptive icons (full bleed, the
#                                    drawing inside the middle 80%)
#   apple-touch-icon.png (180)       iOS's home screen (full bleed, no
#                                    transparency: iOS rounds the corners)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
icons="$root/pb_public/icons"
chromium=${HEARTH_CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# draw SVG SIZE OUT
draw() {
  local svg=$1 size=$2 out=$3
  cat >"$tmp/page.html" <<HTML
<!doctype html><html><head><style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style></head>
<body><img src="file://$icons/$svg"></body></html>
HTML
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$size,$size" --screenshot="$out" "file://$tmp/page.html" >/dev/null 2>&1
  echo "$out"
}

draw icon.svg 192 "$icons/icon-192.png"
draw icon.svg 512 "$icons/icon-512.png"
draw icon-maskable.svg 512 "$icons/icon-maskable-512.png"
draw icon-maskable.svg 180 "$icons/apple-touch-icon.png"
