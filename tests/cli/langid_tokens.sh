#!/usr/bin/env bash
# langid_tokens.sh -- `skein langid` and `skein tokens` show what the pipeline
# sees of a text: the language, and the folded words with their stems.
# Texts come from arguments or, one per line, from stdin (blank lines skipped).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(dirname "$0")/expected"

{
    "$SKEIN" langid "Das ist ein kurzer deutscher Satz über das Wetter."
    "$SKEIN" tokens --lang en "Talks were expanding"
    printf 'Die Polizei sucht nach Zeugen des Unfalls.\n\nThe police are looking for witnesses after the crash.\n' |
        "$SKEIN" langid
    printf 'Переговоры расширялись\n' | "$SKEIN" tokens --lang ru
    "$SKEIN" tokens --lang und "ＡＢＣ Straße"
} >"$tmp/out"
diff -u "$exp/langid_tokens.out" "$tmp/out"

# Several texts in one call: one line each, in order.
"$SKEIN" langid "Le gouvernement a annoncé de nouvelles mesures pour les agriculteurs." \
    "El gobierno anunció nuevas medidas para los agricultores del país." >"$tmp/out"
[ "$(wc -l <"$tmp/out")" -eq 2 ]
sed -n 1p "$tmp/out" | grep -q '^{"lang":"fr",'
sed -n 2p "$tmp/out" | grep -q '^{"lang":"es",'

# Text that needs escaping in JSON stays valid.
"$SKEIN" langid 'He said "no" \ twice' | grep -qF '"text":"He said \"no\" \\ twice"'

# A text `tokens` cannot analyse (invalid UTF-8) is reported, exit status 1.
status=0
"$SKEIN" tokens "$(printf 'bad \377 text')" >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "tokens on invalid UTF-8: exit $status, want 1"; exit 1; }
