#!/usr/bin/env bash
# The README's tables of `skein cluster`, `skein watch` and `skein names` options say what
# --help says: the same options, in the same order, each with the same words
# (--help wraps them; the table keeps each on one row).
set -euo pipefail
cd "$(dirname "$0")/../.."
S=${SKEIN:-build/skein}
for cmd in cluster watch names; do
    help=$("$S" "$cmd" --help | awk '
        /^  --/ { if (row != "") print row; split($0, a, /  +/); flag = a[2]; sub(/^  --[^ ]+( [A-Z]+)? +/, ""); row = flag " | " $0; next }
        /^                        / && row != "" { sub(/^ +/, ""); row = row " " $0; next }
        { if (row != "") print row; row = "" }
        END { if (row != "") print row }')
    readme=$(awk -v cmd="$cmd" '$0 ~ "^### `skein " cmd "` options" { on = 1; next } on && /^#+ / { on = 0 }
        on && /^\| `--/ { line = $0; gsub(/`/, "", line); sub(/^\| /, "", line); sub(/ \|$/, "", line); print line }' README.md)
    [ -n "$help" ] || { echo "no options in 'skein $cmd --help'"; exit 1; }
    if [ "$help" != "$readme" ]; then
        echo "README's option table and 'skein $cmd --help' disagree:"
        diff <(echo "$help") <(echo "$readme") || true
        exit 1
    fi
done
