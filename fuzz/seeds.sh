#!/usr/bin/env bash
# Assembles the seed corpus of each fuzz target in BUILD/seeds/TARGET from
# what the project wrote: the hand-made seeds in fuzz/seeds/ and the test
# fixtures (tests/fixtures).
#   usage: fuzz/seeds.sh BUILD   (BUILD/skein must exist: it writes the
#          checkpoint seed)
set -euo pipefail
build=$1
cd "$(dirname "$0")/.."
out=$build/seeds
rm -rf "$out"
mkdir -p "$out"/{json,txt,clean,analyze,article,checkpoint,body,http,html,input,feed}

cp fuzz/seeds/json/* "$out/json/"
cp fuzz/seeds/body/* "$out/body/"
cp fuzz/seeds/http/* "$out/http/"
cp tests/fixtures/folder/*.txt "$out/txt/"
# web pages: each fixture page behind a first byte that picks no header and no address
for f in tests/fixtures/html/*.html tests/fixtures/html/*.gz; do
    { printf '\x00'; cat "$f"; } > "$out/html/$(basename "$f")"
done
# documents of each kind behind the byte that picks it (0 lines, 1 .json, 2 page, 3 text)
i=0
for f in tests/fixtures/inputs/trafilatura.jsonl tests/fixtures/inputs/newsplease/*.json \
         tests/fixtures/inputs/pages/* tests/fixtures/inputs/text/*.txt tests/fixtures/html/*.html; do
    case $f in *.jsonl) k=0 ;; *.json) k=1 ;; *.txt) k=3 ;; *) k=2 ;; esac
    i=$((i + 1))
    { printf "\\x0$k"; cat "$f"; } > "$out/input/fixture-$i"
done
# feeds: each fixture feed behind a first byte that picks no base address
for f in tests/fixtures/feeds/*.xml tests/fixtures/feeds/*.json; do
    { printf '\x00'; sed 's|{{BASE}}|http://outlet.test|g' "$f"; } > "$out/feed/$(basename "$f")"
done
# inputs that once made a target fail (each also a test in tests/test_hardening.c)
for d in fuzz/regress/*/; do cp "$d"* "$out/$(basename "$d")/"; done

n=0
for f in tests/fixtures/*.jsonl; do
    while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" > "$out/json/fixture-$n"
        printf '%s\n' "$line" > "$out/body/fixture-$n"
        printf '%s' "$line" | jq -j '.text // empty' > "$out/clean/fixture-$n"
        # the analyzer's first byte picks the language (0: detect)
        { printf "\\x$(printf %02x $((n % 21)))"; cat "$out/clean/fixture-$n"; } > "$out/analyze/fixture-$n"
    done < "$f"
done
# small streams of a few lines each, for the whole way through the engine
split -l 3 -d -a 3 tests/fixtures/story.jsonl "$out/article/story-"
split -l 3 -d -a 3 tests/fixtures/crosslingual.jsonl "$out/article/crosslingual-"
split -l 4 -d -a 3 tests/fixtures/events.jsonl "$out/article/events-"

# checkpoints (without their checksum, which the target appends) of stores
# made from the fixtures with the default options (their notes left to the
# log), and of the older stores among the fixtures (notes held inline)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in story events; do
    "$build/skein" cluster --db "$tmp/$f.db" "tests/fixtures/$f.jsonl" > /dev/null 2>&1
done
for f in store-v9-state4 store-v7-state3; do
    sqlite3 "$tmp/$f.db" < "tests/fixtures/$f.sql"
done
for f in story events store-v9-state4 store-v7-state3; do
    sqlite3 "$tmp/$f.db" "SELECT writefile('$out/checkpoint/$f', substr(engine, 1, length(engine) - 8)) FROM state" > /dev/null
done
echo "seeds: $(find "$out" -type f | wc -l) files in $out"
