#!/usr/bin/env bash
# copies.sh -- one text run by several outlets: tests/fixtures/story.jsonl
# (a dam breach, five outlets) plus two re-posts of its first article under
# other outlets, a few hours later, one with its title changed.  The story
# shows one text run by 3 outlets, the re-posts as copies of the first, and
# the coverage matrix counts the text once: the re-posting outlets mark
# nothing there.  A lead of two or three sentences, headlines with no
# address and at most 120 bytes.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$SKEIN_FIXTURES/story.jsonl"

cp "$in" "$tmp/in.jsonl"
head -1 "$in" | jq -c '.id = "repost-1" | .source = "syndicate.example" | .published = "2025-05-12T09:00:00Z"' >>"$tmp/in.jsonl"
head -1 "$in" | jq -c '.id = "repost-2" | .source = "regional.example" | .published = "2025-05-12T10:30:00Z" | .title = "Tyrol: dam gives way"' >>"$tmp/in.jsonl"

"$SKEIN" cluster "$tmp/in.jsonl" >"$tmp/out" 2>/dev/null
[ "$(wc -l <"$tmp/out")" -eq 1 ]
jq -e '.copies | length == 1' "$tmp/out" >/dev/null
jq -e '.copies[0].original == "dam-en-1" and .copies[0].outlets == 3' "$tmp/out" >/dev/null
jq -e '[.copies[0].copies[]] | sort == ["repost-1", "repost-2"]' "$tmp/out" >/dev/null
jq -e '[.articles[] | select(.copy_of == "dam-en-1") | .id] | sort == ["repost-1", "repost-2"]' "$tmp/out" >/dev/null
# the re-posting outlets are outlets of the story, but mark nothing in the matrix
jq -e '.coverage.outlets | index("syndicate.example") != null' "$tmp/out" >/dev/null
jq -e '[.coverage.rows[].outlets[] | select(. == "syndicate.example" or . == "regional.example")] | length == 0' "$tmp/out" >/dev/null
# without the re-posts, the first article's outlet marks the same rows as with them
"$SKEIN" cluster "$in" >"$tmp/plain" 2>/dev/null
diff <(jq -c '.coverage.rows' "$tmp/plain") <(jq -c '.coverage.rows' "$tmp/out")

# the lead: two or three sentences, each from an article of the story
jq -e '(.lead | length) >= 2 and (.lead | length) <= 3' "$tmp/out" >/dev/null
jq -e '[.lead[].article] - [.articles[].id] == []' "$tmp/out" >/dev/null
# `show` says it in words
"$SKEIN" show 1 "$tmp/out" >"$tmp/show"
grep -q "one text run by 3 outlets: dam-en-1 and 2 copies" "$tmp/show"
