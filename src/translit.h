/* translit.h -- interlingual name keys: transliteration to Latin, then a
 * phonetic key, so that Putin, Путин and بوتين meet.
 *
 * ICU's "Any-Latin; Latin-ASCII" turns any script into ASCII (Arabic comes
 * out as a consonant skeleton: بوتين -> bwtyn).  The key then keeps what
 * survives across scripts and spellings: the first letter (any vowel as 'a'),
 * consonants with a few merges (p/b, v/f, c/q/k, sh/s, kh/k, gh/g, th/t, ph/f,
 * zh/z), no inner vowels, y, w or j, no doubles; Arabic's article al- goes.
 * Transliteration is slow (~0.6 MB/s), so each word's key is cached; the
 * cache is bounded and dropped whole when full.  Not thread-safe. */
#ifndef SKEIN_TRANSLIT_H
#define SKEIN_TRANSLIT_H

#include <stddef.h>
#include <stdint.h>

typedef struct skein__translit skein__translit;

/* NULL when ICU cannot open the transliterator. */
skein__translit *skein__translit_new(void);
void skein__translit_free(skein__translit *t);

/* Phonetic key of an ASCII word w[0..len) into out (NUL-terminated, at most
 * cap - 1 letters); `arabic` strips a leading al-.  Returns its length (0:
 * too short to be a key). */
size_t skein__phonetic_key(const char *w, size_t len, int arabic, char *out, size_t cap);

/* Hashes of the keys of the folded word w[0..len) (any script) into keys:
 * one, or two when an Arabic word may start with a clitic (with and without
 * it).  Returns how many (0: the word gives no key).  Cached. */
size_t skein__translit_keys(skein__translit *t, const char *w, size_t len, uint64_t keys[2]);

#endif
