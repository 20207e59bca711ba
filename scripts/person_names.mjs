// person_names.mjs -- writes data/names/persons.tsv: given names and family
// names from @faker-js/faker's locale lists (MIT), nationality words from
// i18n-nationality (MIT), for the name gazetteer (src/lexicon.h).
//
//   npm install @faker-js/faker@10.6.0 i18n-nationality@1.4.0   (in any folder D)
//   NODE_PATH=D/node_modules node scripts/person_names.mjs D/node_modules > data/names/persons.tsv
//
// Output: NAME TAB CLASS TAB SOURCES, CLASS one of given, family, demonym;
// SOURCES the locales that list it, comma-separated.  Only one-word names
// (no space) of two characters or more are kept: the gazetteer marks words,
// and the tagger's own features join them into names.  Sorted by class,
// then name (bytewise), so the file is the same on every run.
import { createRequire } from 'node:module';
import path from 'node:path';

const dir = process.argv[2] || 'node_modules';
const require = createRequire(path.resolve(dir) + '/');
const faker = await import(require.resolve('@faker-js/faker'));
const nationality = (lang) => require(`i18n-nationality/langs/${lang}.json`).nationalities;

const seen = new Map(); // "class\tname" -> Set of sources

function add(cls, name, source) {
  if (typeof name !== 'string') return;
  name = name.normalize('NFC').trim();
  if (/[\s\t\n]/u.test(name) || [...name].length < 2 || !/\p{L}/u.test(name)) return;
  const key = `${cls}\t${name}`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key).add(source);
}

// A faker list is an array or an object of arrays (generic, female, male).
function each(list, fn) {
  if (!list) return;
  if (Array.isArray(list)) list.forEach(fn);
  else Object.values(list).forEach((l) => Array.isArray(l) && l.forEach(fn));
}

for (const [locale, def] of Object.entries(faker)) {
  if (!/^[a-z]{2,3}(_[A-Za-z]+)*$/.test(locale) || !def || !def.person) continue;
  if (locale === 'en_BORK' || locale === 'base') continue; // joke Swedish-chef English
  each(def.person.first_name, (n) => add('given', n, locale));
  each(def.person.middle_name, (n) => add('given', n, locale));
  each(def.person.last_name, (n) => add('family', n, locale));
}
for (const lang of ['en', 'de', 'es', 'fr']) {
  for (const n of Object.values(nationality(lang))) add('demonym', n, `nationality:${lang}`);
}

const rows = [...seen.entries()].map(([k, s]) => `${k}\t${[...s].sort().join(',')}`);
rows.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
process.stdout.write(rows.join('\n') + '\n');
