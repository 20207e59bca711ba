/* lexicon.h -- interlingual tables compiled in at build time.
 *
 * Two tables, built by scripts/gen_lexicon.c from Debian's data and linked
 * into the library as one read-only blob (no file to find at run time):
 *
 * - the bilingual lexicon: (language, stem) -> up to SKEIN_LEX_MAX English
 *   stems, from the dictd dictionaries (freedict X <-> eng, JMdict's common
 *   words among them; mueller7 eng -> rus), Ukrainian through Russian
 *   (apertium-rus-ukr) and CC-CEDICT, so "guerre", "Krieg", "война", "війна",
 *   "حرب", "戦争" and "战争" all carry the English stem "war"; and Chinese known names (a run of
 * stems)
 *   -> the interlingual keys of their English spelling (skein__known_name_key);
 * - the gazetteer: place and language names in every language ICU's CLDR
 *   data and iso-codes know, as runs of stems -> one id ("RU" for Russia,
 *   Россия, روسيا, 俄罗斯...; "lang:ru" for Russian, русский, الروسية);
 * - the person-name list: one-word given names, family names and
 *   nationality words (data/names/persons.tsv) as (language, stem) -> their
 *   classes, for the name tagger ("Anna" given, "Schmidt" family, "Путина"
 *   family through its stem, "Kenyan" a nationality, never a person).
 *
 * Stems are the analyzer's stem hashes (analyze.h), so the tables match what
 * the pipeline sees: the generator runs the same analyzer over the entries.
 * Without the blob (a build without the data) every look-up finds nothing. */
#ifndef SKEIN_LEXICON_H
#define SKEIN_LEXICON_H

#include "stem.h"

#include <stddef.h>
#include <stdint.h>

#define SKEIN_LEX_MAX SKEIN__WORD_CONCEPTS /* English stems per foreign stem */
#define SKEIN_PLACE_MAX_WORDS 4

/* Key of the stem hash `stem` in language `lang` (ISO 639-1). */
uint64_t skein__lex_key(const char *lang, uint64_t stem);
/* The English stems of `key` into out[SKEIN_LEX_MAX]; returns how many.
 * *sounds_alike is set when the word sounds like its translation (same
 * phonetic key: "السويس" / Suez, "أورينوكو" / Orinoco): a name or a loan
 * word rather than a word of the language. */
size_t skein__lex_find(uint64_t key, uint64_t *out, int *sounds_alike);

/* Key of the lexicon entry of a known name, a run of n stem hashes in a
 * language without case ("name:zh": 普 京 -> the keys of Vladimir Putin). */
uint64_t skein__known_name_key(const char *table, const uint64_t *stems, size_t n);

/* Key of a run of n stem hashes in language `lang`: a name matches in its
 * own language only, so a stem one language shares with another's place
 * name ("haus", German for house, and Hausa) makes no place. */
uint64_t skein__place_key(const char *lang, const uint64_t *stems, size_t n);
/* 1 when some place name starts with the stem hash `stem`. */
int skein__place_starts(uint64_t stem);
/* The place named by the run of n stems in `lang`: its index + 1, or 0. */
uint32_t skein__place_find(const char *lang, const uint64_t *stems, size_t n);
/* The id ("RU", "lang:ru", "city:Europe/Kiev") of place index + 1. */
const char *skein__place_id(uint32_t place);
/* The place index + 1 of id, 0 when no place has it (the ids are sorted). */
uint32_t skein__place_by_id(const char *id);

/* What the tables know of stem hash `stem` of language `lang`, for the
 * stemmer's cache (skein__word_info_fn): its English stems (English, the
 * pivot: the stem itself), whether a place name starts with it, whether it
 * may be a name (no dictionary translates it, or it sounds like its
 * translation). */
void skein__lexicon_word_info(const char *lang, uint64_t stem, skein__word_info *out);

/* Classes of a word in the person-name list (bits). */
#define SKEIN_PERSON_GIVEN 1u
#define SKEIN_PERSON_FAMILY 2u
#define SKEIN_PERSON_DEMONYM 4u /* a nationality word: "Kenyan", "kenianisch" */
/* The salt of language `lang` for skein__person_class (computed once per text). */
uint64_t skein__person_salt(const char *lang);
/* The SKEIN_PERSON_* bits of stem hash `stem` in the language of `salt`, 0
 * when the list does not have it.  One probe of an open-addressing table
 * the generator lays out (nothing is built at run time). */
unsigned skein__person_class(uint64_t salt, uint64_t stem);
/* Key of stem hash `stem` in the person-name table (the generator's too). */
static inline uint64_t skein__person_key(uint64_t salt, uint64_t stem) {
    uint64_t v = stem ^ salt;
    v ^= v >> 31, v *= 0x9E3779B97F4A7C15ull, v ^= v >> 29;
    return v | 8; /* never 0 once the low three bits hold the classes */
}

/* Sizes of the compiled-in tables, for `skein --version` and tests. */
typedef struct skein__lexicon_info {
    size_t lex_entries, lex_targets, place_names, places, person_words;
} skein__lexicon_info;
void skein__lexicon_info_get(skein__lexicon_info *info);

/* The blob's layout, shared with the generator.  Little-endian, 8-aligned:
 *   header; lex[lex_entries]; targets[lex_targets] (u64);
 *   first[place_first] (u64, sorted); names[place_names]; ids[places];
 *   persons[1 << person_bits] (u64: key & ~7 | classes, 0 empty; the key's
 *   slot is its top person_bits bits, then the next ones in turn). */
#define SKEIN_LEXICON_MAGIC "SKNLEX02"
#define SKEIN_PLACE_ID_BYTES 48
typedef struct skein__lexicon_header {
    char magic[8];
    uint64_t lex_entries, lex_targets, place_first, place_names, places;
    uint64_t person_bits, person_words; /* 0: no person-name table */
} skein__lexicon_header;
#define SKEIN_LEX_SOUNDS_ALIKE 0x80000000u /* flag in skein__lex_entry.n */
typedef struct skein__lex_entry {
    uint64_t key;
    uint32_t at, n; /* targets[at .. at + (n & ~flag)) */
} skein__lex_entry;
typedef struct skein__place_name {
    uint64_t key;
    uint32_t place; /* index + 1 into ids */
    uint32_t words;
} skein__place_name;

#endif
