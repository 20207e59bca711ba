#!/usr/bin/env bash
# symbols.sh -- every symbol libskein.a gives to programs that link it starts
# with "skein_" (public, include/skein.h) or "skein__" (internal): nothing
# else leaks out to clash with a program's names.  Hidden symbols (the C++
# compiler's DW.ref.* helpers) are not given out and are not counted, nor are
# the ones a sanitizer build adds (__odr_asan.*).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
lib=${SKEIN_LIB:-$(dirname "$SKEIN")/libskein.a}
[ -f "$lib" ] || { echo "no $lib"; exit 1; }
bad=$(readelf -sW "$lib" | awk '$5 ~ /GLOBAL|WEAK/ && $6 == "DEFAULT" && $7 != "UND" { print $8 }' |
      grep -v '^skein_' | grep -v '^__\(odr_asan\|asan\|ubsan\|tsan\|sancov\)' | sort -u || true)
[ -z "$bad" ] || { echo "symbols without the skein prefix:"; echo "$bad"; exit 1; }
n=$(readelf -sW "$lib" | awk '$5 ~ /GLOBAL|WEAK/ && $6 == "DEFAULT" && $7 != "UND"' | wc -l)
[ "$n" -gt 100 ] || { echo "only $n symbols found: readelf output not understood"; exit 1; }
