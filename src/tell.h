/* tell.h -- a story told, as a typed record: what the teller (tell.c) makes
 * of a story's members and their notes, what its JSON (told_json.c) prints,
 * and what the store writes as rows (events, names, quotes, search).
 *
 * Strings are borrowed from the story and its members' notes: a record is
 * valid while the story it was told from is.  Arrays are the record's own
 * (skein__told_release). */
#ifndef SKEIN_TELL_H
#define SKEIN_TELL_H

#include "skein.h"
#include "util.h"

typedef struct skein__told_alias {
    const char *name, *lang; /* a spelling, and the language of its first article */
    size_t count;            /* its mentions */
} skein__told_alias;

typedef struct skein__told_name {
    const char *name; /* the display form */
    skein_kind kind;
    size_t articles, mentions;
    skein__told_alias *aliases;
    size_t naliases;
    const char *place;    /* the gazetteer id of a place, else NULL */
    uint64_t first, last; /* interlingual keys: first word (0: none), last word (place: its id) */
} skein__told_name;

typedef struct skein__told_event {
    const char *title;   /* the headline of its most central member, or NULL */
    int64_t first, last; /* SKEIN_NO_TIME when undated */
    size_t *members;     /* indices into the story's members */
    size_t size;
} skein__told_event;

typedef struct skein__told_quote {
    const char *speaker; /* the speaker's display name, or NULL */
    const char *text;
    size_t member;
    float confidence; /* the note's; under SKEIN_SPEAKER_SURE the speaker is uncertain */
    /* where it stands: its speaker's group (the place of the speaker's first
     * quote in member order; SIZE_MAX: no speaker), then its own place in
     * member order.  The quotes are in the order of (group, at); a member
     * that joins takes places after all there were. */
    size_t group, at;
} skein__told_quote;

typedef enum { SKEIN__ROW_NAME, SKEIN__ROW_QUOTE, SKEIN__ROW_NUMBER } skein__row_kind;

/* One row of the coverage matrix: which outlets report a name, quote a
 * speaker, or give a number. */
typedef struct skein__told_row {
    skein__row_kind kind;
    const char *item;
    unsigned char *has; /* per outlet */
    size_t n;           /* outlets that have it */
    size_t order;
} skein__told_row;

typedef struct skein__told_headline {
    const char *lang, *title;
} skein__told_headline;

typedef struct skein__told_lead { /* a sentence of the story's lead */
    const char *text;
    size_t member;
} skein__told_lead;

#define SKEIN__LEAD_MAX 3 /* sentences */

typedef struct skein__told_count {
    const char *lang;
    size_t count;
} skein__told_count;

typedef struct skein__told {
    const skein_story *s;
    const char *title; /* headline (NULL when no member has a title) */
    const char *title_lang;
    skein__told_headline *headlines; /* one per language, in order of first article */
    size_t nheadlines;
    skein__told_count *languages; /* articles per language, in order of first article */
    size_t nlanguages;
    const char **sources; /* distinct, in order */
    size_t nsources;
    double growth; /* rounded to 3 decimals */
    skein__told_event *events;
    size_t nevents;
    skein__told_name *names; /* most reported first */
    size_t nnames;
    skein__told_quote *quotes; /* by speaker, then unattributed */
    size_t nquotes;
    const char **outlets; /* each member's source (its id when none), distinct */
    size_t noutlets;
    size_t *outlet_of;     /* member -> outlet */
    skein__told_row *rows; /* coverage: names, quotes, numbers; at most 40 of each kind */
    size_t nrows;
    skein__told_lead lead[SKEIN__LEAD_MAX]; /* two or three sentences across the articles */
    size_t nlead;
    size_t *original; /* member -> the member whose text it copies (itself if none) */
    char **owned;     /* strings made for the record (headlines cut short) */
    size_t nowned;
} skein__told;

/* Tells story s (o NULL: the defaults) into *out.  SKEIN_OK, SKEIN_EINVAL or
 * SKEIN_ENOMEM; release *out either way. */
int skein__story_tell(const skein_story *s, const skein_tell_options *o, skein__told *out);
void skein__told_release(skein__told *t);

/* What telling read of a story's members (their names' entries, name ids,
 * titles' quality, names in claim order, outlets, copies), kept between
 * tellings of an open story so that each reads only the members that
 * joined since; the story told is the same as skein__story_tell's.  *memo
 * NULL: a new one.  A memo whose members are not the first of s (another
 * story, or members replaced) is read again from the start.  Members are
 * known by their id and the addresses of their fields, not by content: a
 * member edited in place is not seen, so the caller drops the memo of a
 * story whose members' notes it rewrites (the store does, at a close or a
 * rolled-back commit). */
typedef struct skein__tell_memo skein__tell_memo;
int skein__story_tell_memo(const skein_story *s, const skein_tell_options *o,
                           skein__tell_memo **memo, skein__told *out);
void skein__tell_memo_free(skein__tell_memo *m);

/* Member m's language, "und" when unknown. */
const char *skein__member_lang(const skein_member *m);

/* "name", "quote", "number". */
const char *skein__row_kind_name(skein__row_kind k);

/* The story record (README, "Story records") of t; the short form a list
 * shows (story, title, size, times, languages, sources, growth unless
 * `growth` is 0, events without articles, open); its coverage alone.  New
 * strings (free()), NULL on ENOMEM. */
char *skein__told_json(const skein__told *t);
char *skein__told_summary_json(const skein__told *t, int open, int growth);
char *skein__told_coverage_json(const skein__told *t);
/* The record in parts, as the store keeps it: its head without the entries
 * of its two growing lists (quotes and articles), cut at cut[0], just after
 * `"quotes":[`, its coverage at cut[1]..cut[2]; quote k's entry; member i's
 * entry in the list of articles.  The record is the head up to the cut, the
 * quote entries joined by commas, the rest of the head (up to
 * `"articles":[`), the article entries joined by commas, and "]}". */
char *skein__told_json_head(const skein__told *t, size_t cut[3]);
char *skein__told_quote_json(const skein__told *t, size_t k);
char *skein__told_article_json(const skein__told *t, size_t i);

/* A name's key across stories (names.c): 16 hex digits of its last word's
 * key, after 16 of its first word's when it has one; into out. */
void skein__name_key(const skein__told_name *n, char out[33]);
/* Its display form and spellings case-folded, one a line, into b (reset):
 * what a search of names looks in.  SKEIN_OK or SKEIN_ENOMEM. */
int skein__name_spellings(const skein__told_name *n, sbuf *b);

/* A story's importance (rank.c): its distinct texts (copies counted once),
 * the outlets with a text of their own, its languages and growth, and the
 * weight the list is ordered by (recency included); `why` the reasons in
 * words ("12 outlets, 4 languages, growing"). */
typedef struct skein__rank {
    size_t texts, outlets, languages;
    double growth;
    int64_t weight; /* thousandths; a day later weighs as twice the texts */
    char why[96];
} skein__rank;
void skein__story_rank(const skein__told *t, skein__rank *r);
int64_t skein__story_weight(const skein__told *t); /* r.weight alone */

/* A name's aliases as a JSON array [{"name","lang","count"}...]: new, free(). */
char *skein__told_aliases_json(const skein__told_name *n);

#endif
