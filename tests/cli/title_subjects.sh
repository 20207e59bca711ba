#!/usr/bin/env bash
# title_subjects.sh -- two headlines that open with other names, their
# subjects, neither naming the other's, tell what two actors did ("ОБСЕ
# сообщила о переносе ..." / "Минобороны подтвердило готовность ..."): the
# score is cut.  All texts are the same (written here, Russian and
# English); only the headlines differ.  Against the same headline opening
# with a common noun (Военные, Troops: capitalised there only as the first
# word; the text never writes it as a name) there is no subject and no cut,
# though the words met are as many.  A headline in title case gives no
# subject either: its capitals say nothing of who acts.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
cd "$SKEIN_FIXTURES/title_subjects"

score() { "$SKEIN" similar "$1" "$2" | sed -E 's/^\{"score":([0-9.]+)\}$/\1/'; }
for lang in ru en; do
    other=$(score ${lang}_a.json ${lang}_other.json)
    noun=$(score ${lang}_a.json ${lang}_noun.json)
    [[ $other =~ ^[0-9]+\.[0-9]+$ && $noun =~ ^[0-9]+\.[0-9]+$ ]] ||
        { echo "$lang: bad scores '$other' '$noun'"; exit 1; }
    awk -v o="$other" -v n="$noun" 'BEGIN { exit !(n > 0.5 && o < n * 0.7) }' ||
        { echo "$lang: other subject $other, no subject $noun (want over 0.5 and the other under 0.7 of it)"; exit 1; }
done
titlecase=$(score en_a.json en_titlecase.json)
noun=$(score en_a.json en_noun.json)
awk -v t="$titlecase" -v n="$noun" 'BEGIN { exit !(t > n * 0.8) }' ||
    { echo "en: title case $titlecase against no subject $noun (want over 0.8 of it)"; exit 1; }
