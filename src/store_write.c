/* store_write.c -- a story told, written into the store: its record, its
 * list entries, its coverage, its events, names and quotes as rows, and
 * what search finds it by.
 *
 * The engine hands over the story told as a typed record (tell.h); the
 * record's JSON, the list entries and the coverage are printed from it here
 * and never read back.  A closed story is written for good; an open one is
 * written again at each commit that changed it.
 *
 * The record is written in parts (schema 8): its head in the story's row,
 * and its two lists that grow as articles join -- the quotes and the
 * articles -- one entry a row (story_quotes by the quote's place in member
 * order, story_articles by position); readers put them together
 * (SKEIN__Q_REPORT).  So a commit writes the rows of what joined, not a big
 * story's whole record again.
 *
 * What search finds a story by is kept as its distinct lines, one a row
 * keyed by story (schema 9), so a commit indexes the lines that joined.
 *
 * What was written of an open story is kept in memory as hashes (`written`):
 * its events are written again only when they changed, its names rows
 * changed in place where they changed (SQLite, by rowid; PostgreSQL writes
 * them again), its search lines added where they are new and deleted where
 * they are gone, and
 * its quotes, kept in the order of the articles that give them, only from
 * the first article whose quotes changed (at most commits: the articles
 * that joined).  A story not in memory (a new one, or after a
 * restart) is written whole; so is one whose quotes changed in an article
 * written before (a speaker's name told otherwise).  The rows are the same
 * either way; only the order in which the quotes table holds them differs
 * (a table read with its ORDER BY, the record's order being the report's).
 * The entry rows are hashed the same way, per position, and written from the
 * first position that changed.  Quote and entry rows are hashed by where
 * their texts lie (at_mix), not by the texts: a commit's hashing does not
 * grow with a big story's bytes. */
#include "store.h"

#include "tell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ",en,ar,": the story's languages, for LIKE filters. */
static int langs_of(const skein__told *t, sbuf *b) {
    skein__sbuf_reset(b);
    int rc = skein__sbuf_addc(b, ',');
    for (size_t i = 0; i < t->nlanguages; i++)
        rc |= skein__sbuf_adds(b, t->languages[i].lang) | skein__sbuf_addc(b, ',');
    return rc;
}

/* A line of what search finds a story by, with its hash (never 0). */
typedef struct search_line {
    const char *text;
    uint64_t h;
} search_line;

static void add_line(search_line *v, size_t *n, const char *text) {
    if (!text || !*text) return; /* nothing to find */
    uint64_t h = skein__hash(text, strlen(text));
    v[(*n)++] = (search_line){text, h ? h : 1};
}

/* What search finds a story by, line by line: titles, names and their
 * aliases, quotes (as they come, repeats and all); NULL on ENOMEM. */
static search_line *search_lines(const skein__told *t, size_t *n) {
    size_t cap = t->s->size + t->nquotes + 1;
    for (size_t i = 0; i < t->nnames; i++) cap += t->names[i].naliases;
    search_line *v = malloc(cap * sizeof(*v));
    *n = 0;
    if (!v) return NULL;
    for (size_t i = 0; i < t->s->size; i++) add_line(v, n, t->s->members[i].title);
    for (size_t i = 0; i < t->nnames; i++)
        for (size_t k = 0; k < t->names[i].naliases; k++)
            add_line(v, n, t->names[i].aliases[k].name);
    for (size_t i = 0; i < t->nquotes; i++) add_line(v, n, t->quotes[i].text);
    return v;
}

/* A name row's texts made from the told name (aliases as JSON, its
 * spellings case-folded), kept by the hash of what they are made from. */
typedef struct name_texts {
    uint64_t h;  /* of the name and its aliases with their languages and counts */
    uint64_t hs; /* of the name and its aliases' spellings alone (what spellings are made from) */
    char *aliases, *spellings;
} name_texts;

/* A names row written (SQLite): its rowid, and hashes of what an index
 * holds of it (name, kind, key) and of the rest (counts, aliases,
 * spellings), so that a commit changes the rows that changed, in place. */
typedef struct name_row {
    int64_t rowid;
    uint64_t id, rest;
} name_row;

/* What was written of an open story. */
typedef struct written {
    uint64_t events, names; /* hashes of their rows (0: none written) */
    uint64_t *quotes;       /* per member: the hash of its quote rows */
    size_t nquotes, cap;
    uint64_t *entries; /* per member: the hash of what its article entry is printed from */
    size_t nentries, ecap;
    uint64_t *qentries; /* per quote's place: likewise for its entry */
    size_t nqentries, qcap;
    skein__tell_memo *memo; /* what telling read of its members */
    name_texts *texts;      /* of the names rows last written */
    size_t ntexts;
    name_row *rows; /* SQLite: the names rows written, one per told name, in order */
    size_t nrows;
    int rows_known; /* rows holds what the store holds */
    u64map lines;   /* search's lines written: hash -> number, writing that saw it */
    uint64_t nline; /* the number of the next line (0: none written) */
    uint64_t seen;  /* the writing now (a count) */
} written;

static void texts_free(name_texts *x, size_t n) {
    for (size_t i = 0; i < n; i++) free(x[i].aliases), free(x[i].spellings);
    free(x);
}

static void written_free(written *w) {
    skein__tell_memo_free(w->memo), texts_free(w->texts, w->ntexts), free(w->quotes), free(w->rows);
    free(w->entries), free(w->qentries), skein__u64map_release(&w->lines), free(w);
}

void skein__store_written_clear(skein_store *s) {
    for (size_t i = 0; s->written.slots && i < s->written.cap; i++)
        if (s->written.slots[i].key) {
            written_free((written *)(uintptr_t)s->written.slots[i].val);
        }
    skein__u64map_clear(&s->written);
}

/* Story id's record; a new (empty) one when absent; NULL on ENOMEM (then
 * all is written whole). */
static written *written_of(skein_store *s, uint64_t id) {
    uint64_t key = id ? id : UINT64_MAX;
    uint64_t *v = skein__u64map_upsert(&s->written, key);
    if (!v) return NULL;
    if (!*v) {
        written *w = calloc(1, sizeof(*w));
        if (!w) return skein__u64map_del(&s->written, key), NULL;
        *v = (uint64_t)(uintptr_t)w;
    }
    return (written *)(uintptr_t)*v;
}

static void written_drop(skein_store *s, uint64_t id) {
    uint64_t key = id ? id : UINT64_MAX, *v = skein__u64map_get(&s->written, key);
    if (!v) return;
    written_free((written *)(uintptr_t)*v);
    skein__u64map_del(&s->written, key);
}

/* Appends a value to a row being hashed: a tag for NULL, else its bytes and
 * their end. */
static int row_text(sbuf *b, const char *v) {
    return v ? skein__sbuf_add(b, "T", 1) | skein__sbuf_add(b, v, strlen(v) + 1)
             : skein__sbuf_add(b, "N", 1);
}

static int row_int(sbuf *b, int64_t v) { return skein__sbuf_add(b, &v, sizeof(v)); }

/* Hashes of what a row is printed from by where it lies: the strings of an
 * open story's members (their ids, titles, notes, the told names that point
 * into them) stay where they are while the story is open and in memory,
 * and so does `written`, so the same addresses are the same texts; texts
 * moved (a name told from another of its spellings) only write rows again.
 * Hashing addresses rather than texts keeps a commit's hashing from growing
 * with the bytes of the story's quotes. */
static uint64_t at_mix(uint64_t h, uint64_t v) {
    return skein__mix64((h ^ v) * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull);
}

static uint64_t at_ptr(uint64_t h, const void *p) { return at_mix(h, (uint64_t)(uintptr_t)p); }

static uint64_t at_double(uint64_t h, double d) {
    uint64_t v;
    memcpy(&v, &d, sizeof(v));
    return at_mix(h, v);
}

/* The hash of b's rows; never 0 (0: nothing written). */
static uint64_t row_hash(const sbuf *b) {
    uint64_t h = skein__hash(b->buf ? b->buf : "", b->len);
    return h ? h : 1;
}

static int write_events(skein_store *s, uint64_t id, const skein__told *t) {
    int rc = SKEIN_OK;
    for (size_t i = 0; !rc && i < t->nevents; i++) {
        skein__stmt *st = s->st_event;
        skein__db_bind_int64(st, 1, (int64_t)id);
        skein__db_bind_int64(st, 2, (int64_t)i + 1);
        skein__bind_text(st, 3, t->events[i].title);
        skein__db_bind_int64(st, 4, (int64_t)t->events[i].size);
        skein__bind_time(st, 5, t->events[i].first);
        skein__bind_time(st, 6, t->events[i].last);
        rc = skein__store_step(s, st);
    }
    return rc;
}

/* The hash of what name n's aliases JSON and spellings are made from. */
static uint64_t name_texts_hash(sbuf *b, const skein__told_name *n, int counts) {
    skein__sbuf_reset(b);
    int rc = row_text(b, n->name);
    for (size_t k = 0; k < n->naliases; k++) {
        rc |= row_text(b, n->aliases[k].name);
        if (counts)
            rc |= row_text(b, n->aliases[k].lang) | row_int(b, (int64_t)n->aliases[k].count);
    }
    return rc ? 0 : row_hash(b);
}

/* Name n's texts: those written before for the same hash (taken from
 * old[0..nold)), else made; into *x.  A name whose counts alone changed
 * keeps its spellings (case-folding them is most of the cost).  0 or -1
 * (ENOMEM). */
static int name_texts_of(sbuf *b, const skein__told_name *n, name_texts *old, size_t nold,
                         name_texts *x) {
    uint64_t h = name_texts_hash(b, n, 1);
    for (size_t i = 0; h && i < nold; i++)
        if (old[i].h == h && old[i].aliases && old[i].spellings) {
            *x = old[i];
            old[i].aliases = old[i].spellings = NULL;
            return 0;
        }
    uint64_t hs = name_texts_hash(b, n, 0);
    x->h = h, x->hs = hs, x->aliases = skein__told_aliases_json(n), x->spellings = NULL;
    for (size_t i = 0; hs && x->aliases && i < nold && !x->spellings; i++)
        if (old[i].hs == hs && old[i].spellings) x->spellings = strdup(old[i].spellings);
    if (x->spellings) return 0;
    sbuf sp;
    skein__sbuf_init(&sp);
    if (x->aliases && !skein__name_spellings(n, &sp)) x->spellings = sp.buf, sp.buf = NULL;
    skein__sbuf_release(&sp);
    return x->aliases && x->spellings ? 0 : -1;
}

/* Binds names row values (name n with its texts x and key) to st, as its
 * parameters 2..8 (1: the story's id or the row's rowid). */
static void bind_name(skein__stmt *st, const skein__told_name *n, const name_texts *x,
                      const char *key) {
    skein__bind_text(st, 2, n->name ? n->name : "");
    skein__bind_text(st, 3, skein_kind_name(n->kind));
    skein__db_bind_int64(st, 4, (int64_t)n->articles);
    skein__db_bind_int64(st, 5, (int64_t)n->mentions);
    skein__bind_text(st, 6, x->aliases);
    skein__bind_text(st, 7, key); /* as skein__name_bind binds them */
    skein__bind_text(st, 8, x->spellings);
}

/* The hashes of names row values: what an index holds (id) and the rest. */
static void name_row_hashes(sbuf *b, const skein__told_name *n, const name_texts *x,
                            const char *key, name_row *r) {
    skein__sbuf_reset(b);
    int rc = row_text(b, n->name ? n->name : "") | row_int(b, n->kind) | row_text(b, key);
    r->id = rc ? 0 : row_hash(b);
    skein__sbuf_reset(b);
    rc = row_int(b, (int64_t)n->articles) | row_int(b, (int64_t)n->mentions) |
         row_int(b, (int64_t)x->h);
    r->rest = rc || !x->h ? 0 : row_hash(b);
}

/* The names row of told name i: the one at place i changed in place where
 * `old` (what the store holds, nold rows; NULL: nothing known) has one, else
 * a new row; its rowid and hashes into *r (rowid 0: not known).  *stale: the
 * row to change was not there (the store is not as `old` says). */
static int put_name(skein_store *s, uint64_t id, const skein__told_name *n, const name_texts *x,
                    size_t i, const name_row *old, size_t nold, name_row *r, int *stale) {
    char key[33];
    skein__name_key(n, key);
    name_row_hashes(&s->row_buf, n, x, key, r);
    r->rowid = 0;
    skein__stmt *st = s->st_name;
    if (old && i < nold && old[i].rowid) {
        r->rowid = old[i].rowid;
        if (r->id && r->id == old[i].id && r->rest && r->rest == old[i].rest) return SKEIN_OK;
        st = r->id && r->id == old[i].id ? s->st_name_counts : s->st_name_set;
        skein__db_bind_int64(st, 1, r->rowid);
        skein__db_bind_int64(st, 9, (int64_t)id);
    } else {
        skein__db_bind_int64(st, 1, (int64_t)id);
    }
    bind_name(st, n, x, key);
    int rc = skein__store_step(s, st);
    if (!rc && st == s->st_name && s->st_name_set) r->rowid = skein__db_last_id(s->db);
    if (!rc && st != s->st_name && skein__db_changes(s->db) != 1) *stale = 1;
    return rc;
}

/* Names rows of the story.  w (NULL: none) keeps the texts made for them,
 * so that a name told as before is not printed and case-folded again, and
 * (SQLite) the rows written: then a story written before has its rows
 * changed in place where they changed, the told order kept as the rows'
 * order, rather than all deleted and written again (`whole`: they are).
 * *stale: a row to change in place was not there; nothing more is written
 * and w forgets its rows. */
static int write_names(skein_store *s, uint64_t id, const skein__told *t, written *w, int whole,
                       int *stale) {
    int rc = SKEIN_OK;
    name_texts *texts = calloc(t->nnames + 1, sizeof(*texts));
    name_row *rows = calloc(t->nnames + 1, sizeof(*rows));
    if (!texts || !rows) return free(texts), free(rows), SKEIN_ENOMEM;
    const name_row *old = !whole && w ? w->rows : NULL;
    size_t nold = old ? w->nrows : 0;
    *stale = 0;
    for (size_t i = 0; !rc && !*stale && i < t->nnames; i++) {
        const skein__told_name *n = &t->names[i];
        if (name_texts_of(&s->row_buf, n, w ? w->texts : NULL, w ? w->ntexts : 0, &texts[i])) {
            rc = SKEIN_ENOMEM;
            break;
        }
        rc = put_name(s, id, n, &texts[i], i, old, nold, &rows[i], stale);
    }
    for (size_t i = t->nnames; !rc && !*stale && old && i < nold; i++) { /* no name there now */
        skein__db_bind_int64(s->st_name_drop, 1, old[i].rowid);
        skein__db_bind_int64(s->st_name_drop, 2, (int64_t)id);
        rc = skein__store_step(s, s->st_name_drop);
        if (!rc && skein__db_changes(s->db) != 1) *stale = 1;
    }
    if (w && !rc && !*stale) {
        texts_free(w->texts, w->ntexts);
        w->texts = texts, w->ntexts = t->nnames;
        free(w->rows);
        w->rows = rows, w->nrows = t->nnames, w->rows_known = s->st_name_set != NULL;
    } else {
        texts_free(texts, t->nnames);
        free(rows);
        if (w) w->rows_known = 0;
    }
    return rc;
}

/* Quote rows of the members from `from` on, in member order (by_member:
 * the told quotes' indices in that order, first[m]: member m's first). */
static int write_quotes(skein_store *s, uint64_t id, const skein__told *t, const size_t *by_member,
                        const size_t *first, size_t from) {
    int rc = SKEIN_OK;
    for (size_t k = first[from]; !rc && k < t->nquotes; k++) {
        const skein__told_quote *q = &t->quotes[by_member[k]];
        const skein_member *m = &t->s->members[q->member];
        skein__stmt *st = s->st_quote;
        skein__db_bind_int64(st, 1, (int64_t)id);
        skein__bind_text(st, 2, q->speaker);
        skein__bind_text(st, 3, q->text);
        skein__bind_text(st, 4, m->id);
        skein__bind_text(st, 5, skein__member_lang(m));
        skein__bind_text(st, 6, t->outlets[t->outlet_of[q->member]]);
        skein__db_bind_double(st, 7, round(q->confidence * 1000) / 1000);
        rc = skein__store_step(s, st);
    }
    return rc;
}

/* Hashes of the story's parts as rows would hold them: events, names, and
 * each member's quotes (qh, with the told quotes in member order). */
static int hash_parts(skein_store *s, const skein__told *t, uint64_t *events, uint64_t *names,
                      uint64_t *qh, size_t *by_member, size_t *first) {
    sbuf *b = &s->row_buf;
    int rc = 0;
    skein__sbuf_reset(b);
    for (size_t i = 0; i < t->nevents; i++)
        rc |= row_text(b, t->events[i].title) | row_int(b, (int64_t)t->events[i].size) |
              row_int(b, t->events[i].first) | row_int(b, t->events[i].last);
    *events = row_hash(b);
    skein__sbuf_reset(b);
    for (size_t i = 0; i < t->nnames && !rc; i++) {
        const skein__told_name *n = &t->names[i];
        rc |= row_text(b, n->name ? n->name : "") | row_int(b, n->kind) |
              row_int(b, (int64_t)n->articles) | row_int(b, (int64_t)n->mentions);
        for (size_t k = 0; k < n->naliases; k++)
            rc |= row_text(b, n->aliases[k].name) | row_text(b, n->aliases[k].lang) |
                  row_int(b, (int64_t)n->aliases[k].count);
    }
    *names = row_hash(b);
    /* the told quotes by member (a counting sort: told order within a member) */
    size_t size = t->s->size;
    memset(first, 0, (size + 2) * sizeof(*first));
    for (size_t i = 0; i < t->nquotes; i++) first[t->quotes[i].member + 2]++;
    for (size_t m = 2; m < size + 2; m++) first[m] += first[m - 1];
    for (size_t i = 0; i < t->nquotes; i++) by_member[first[t->quotes[i].member + 1]++] = i;
    for (size_t m = 0; m < size && !rc; m++) { /* by where its texts lie (at_mix) */
        uint64_t h = at_ptr(0, t->s->members[m].id);
        for (size_t k = first[m]; k < first[m + 1]; k++) {
            const skein__told_quote *q = &t->quotes[by_member[k]];
            h = at_ptr(at_ptr(h, q->speaker), q->text);
            h = at_ptr(at_ptr(h, skein__member_lang(&t->s->members[m])),
                       t->outlets[t->outlet_of[m]]);
            h = at_double(h, round(q->confidence * 1000) / 1000);
        }
        qh[m] = h ? h : 1;
    }
    return rc ? SKEIN_ENOMEM : SKEIN_OK;
}

static int delete_part(skein_store *s, int part, uint64_t id) {
    skein__db_bind_int64(s->st_del[part], 1, (int64_t)id);
    return skein__store_step(s, s->st_del[part]);
}

/* Events, names and quotes of story `id`, told as t, written where they
 * changed since w (NULL: all written whole, nothing kept). */
static int write_parts(skein_store *s, uint64_t id, const skein__told *t, written *w) {
    size_t size = t->s->size;
    uint64_t events = 0, names = 0, *qh = malloc((size + 1) * sizeof(*qh));
    size_t *by_member = malloc((t->nquotes + 1) * sizeof(*by_member)),
           *first = malloc((size + 2) * sizeof(*first));
    int rc = qh && by_member && first ? hash_parts(s, t, &events, &names, qh, by_member, first)
                                      : SKEIN_ENOMEM;
    if (rc) rc = skein__store_fail(s, rc, "writing a story");
    if (!rc && (!w || w->events != events)) {
        rc = delete_part(s, 0, id);
        if (!rc) rc = write_events(s, id, t);
    }
    if (!rc && (!w || w->names != names)) {
        int whole = !w || !w->rows_known || !s->st_name_set, stale = 0;
        if (whole) rc = delete_part(s, 1, id);
        if (!rc) rc = write_names(s, id, t, w, whole, &stale);
        if (!rc && stale) { /* rows not where they were written: all of them again */
            rc = delete_part(s, 1, id);
            if (!rc) rc = write_names(s, id, t, w, 1, &stale);
        }
    }
    size_t from = 0; /* the first member whose quotes are not written as told */
    while (w && from < w->nquotes && from < size && w->quotes[from] == qh[from]) from++;
    if (w && from < w->nquotes) from = 0; /* one written before changed: all again */
    if (!rc && from == 0) rc = delete_part(s, 2, id);
    if (!rc && from < size) rc = write_quotes(s, id, t, by_member, first, from);
    if (w && !rc && skein__grow((void **)&w->quotes, &w->cap, size + 1, sizeof(*w->quotes)))
        rc = skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
    if (w && !rc) {
        memcpy(w->quotes, qh, size * sizeof(*qh));
        w->nquotes = size, w->events = events, w->names = names;
    }
    free(qh), free(by_member), free(first);
    return rc;
}

/* The hash of what member i's article entry is printed from: its id (the
 * article's fields and notes are those of its id) and the id it copies. */
static uint64_t entry_hash(const skein__told *t, size_t i) {
    const skein_member *m = t->s->members;
    uint64_t h = at_ptr(at_ptr(0, m[i].id),
                        t->original && t->original[i] != i ? m[t->original[i]].id : NULL);
    return h ? h : 1;
}

/* Story id's rows of article entries (the record's list; skein__told_json_head),
 * written from the first member whose entry changed since w (NULL: all). */
static int write_entries(skein_store *s, uint64_t id, const skein__told *t, written *w) {
    size_t size = t->s->size, from = 0;
    uint64_t *h = malloc((size + 1) * sizeof(*h));
    if (!h) return skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
    for (size_t i = 0; i < size; i++) h[i] = entry_hash(t, i);
    while (w && from < w->nentries && from < size && w->entries[from] == h[from]) from++;
    int rc = SKEIN_OK;
    if (!from || from < w->nentries) { /* rows from `from` on are not this story's now */
        skein__db_bind_int64(s->st_entry_del, 1, (int64_t)id);
        skein__db_bind_int64(s->st_entry_del, 2, (int64_t)from);
        rc = skein__store_step(s, s->st_entry_del);
    }
    /* no member: one empty entry, so that the rows say the record is split */
    for (size_t i = from; !rc && i < (size ? size : 1); i++) {
        char *e = size ? skein__told_article_json(t, i) : strdup("");
        if (!e) {
            rc = skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
            break;
        }
        skein__db_bind_int64(s->st_entry, 1, (int64_t)id);
        skein__db_bind_int64(s->st_entry, 2, (int64_t)i);
        skein__db_bind_text_kept(s->st_entry, 3, e, strlen(e));
        rc = skein__store_step(s, s->st_entry);
        free(e);
    }
    if (w && !rc && skein__grow((void **)&w->entries, &w->ecap, size + 1, sizeof(*w->entries)))
        rc = skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
    if (w && !rc) memcpy(w->entries, h, size * sizeof(*h)), w->nentries = size;
    free(h);
    return rc;
}

/* The hash of what told quote k's entry is printed from, with its place. */
static uint64_t quote_hash(const skein__told *t, size_t k) {
    const skein__told_quote *q = &t->quotes[k];
    const skein_member *m = &t->s->members[q->member];
    uint64_t h = at_mix(0, (uint64_t)q->group);
    h = at_ptr(at_ptr(at_ptr(h, q->speaker), q->text), m->id);
    h = at_ptr(at_ptr(h, skein__member_lang(m)), t->outlets[t->outlet_of[q->member]]);
    h = at_double(h, round(q->confidence * 1000) / 1000);
    return h ? h : 1;
}

/* Story id's rows of quote entries (the record's quotes, by their place in
 * member order), written from the first place whose entry changed since w
 * (NULL: all).  A member that joins adds places after all there were. */
static int write_quote_entries(skein_store *s, uint64_t id, const skein__told *t, written *w) {
    size_t n = t->nquotes, from = 0;
    uint64_t *h = malloc((n + 1) * sizeof(*h));
    size_t *at = malloc((n + 1) * sizeof(*at)); /* place -> told quote */
    int rc = h && at ? SKEIN_OK : skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
    for (size_t k = 0; !rc && k < n; k++) {
        if (t->quotes[k].at >= n) rc = skein__store_fail(s, SKEIN_EINVAL, "writing a story");
        if (!rc) at[t->quotes[k].at] = k, h[t->quotes[k].at] = quote_hash(t, k);
    }
    while (!rc && w && from < w->nqentries && from < n && w->qentries[from] == h[from]) from++;
    if (!rc && (!from || from < w->nqentries)) {
        skein__db_bind_int64(s->st_qentry_del, 1, (int64_t)id);
        skein__db_bind_int64(s->st_qentry_del, 2, (int64_t)from);
        rc = skein__store_step(s, s->st_qentry_del);
    }
    for (size_t p = from; !rc && p < n; p++) {
        const skein__told_quote *q = &t->quotes[at[p]];
        char *e = skein__told_quote_json(t, at[p]);
        if (!e) {
            rc = skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
            break;
        }
        skein__db_bind_int64(s->st_qentry, 1, (int64_t)id);
        skein__db_bind_int64(s->st_qentry, 2, (int64_t)p);
        skein__db_bind_int64(s->st_qentry, 3, q->group == SIZE_MAX ? INT64_MAX : (int64_t)q->group);
        skein__db_bind_text_kept(s->st_qentry, 4, e, strlen(e));
        rc = skein__store_step(s, s->st_qentry);
        free(e);
    }
    if (w && !rc && skein__grow((void **)&w->qentries, &w->qcap, n + 1, sizeof(*w->qentries)))
        rc = skein__store_fail(s, SKEIN_ENOMEM, "writing a story");
    if (w && !rc) memcpy(w->qentries, h, n * sizeof(*h)), w->nqentries = n;
    free(h), free(at);
    return rc;
}

/* A line's entry in written.lines: its number (high half) and the writing
 * that last saw it (low half, never 0). */
#define LINE_NUMBER(v) ((v) >> 32)
#define LINE_SEEN(v) ((uint32_t)(v))

/* Story id's lines (numbers from, to) deleted where written and waiting. */
static int delete_lines(skein_store *s, uint64_t id, int64_t from, int64_t to) {
    skein__stmt *del[2] = {s->st_search_del, s->st_search_del_pending};
    int rc = SKEIN_OK;
    if (to <= from) return rc; /* the SQL's upper bound, (story << 32 | to - 1), wants to > 0 */
    for (int k = 0; k < 2 && !rc; k++) {
        if (!del[k]) continue;
        skein__db_bind_int64(del[k], 1, (int64_t)id);
        skein__db_bind_int64(del[k], 2, from);
        skein__db_bind_int64(del[k], 3, to);
        rc = skein__store_step(s, del[k]);
    }
    return rc;
}

/* The lines w holds that the writing `seen` did not see, deleted from the
 * store and from w. */
static int drop_gone(skein_store *s, uint64_t id, written *w, uint32_t seen) {
    size_t n = 0;
    uint64_t *gone = malloc((w->lines.len + 1) * sizeof(*gone));
    if (!gone) return skein__store_fail(s, SKEIN_ENOMEM, "writing what search finds");
    for (size_t i = 0; i < w->lines.cap; i++)
        if (w->lines.slots[i].key && LINE_SEEN(w->lines.slots[i].val) != seen)
            gone[n++] = w->lines.slots[i].key;
    int rc = SKEIN_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        uint64_t *v = skein__u64map_get(&w->lines, gone[i]);
        skein__db_bind_int64(s->st_search_gone, 1, (int64_t)id);
        skein__db_bind_int64(s->st_search_gone, 2, (int64_t)LINE_NUMBER(*v));
        rc = skein__store_step(s, s->st_search_gone);
        skein__u64map_del(&w->lines, gone[i]);
    }
    free(gone);
    return rc;
}

/* Search's rows of story id: its distinct lines, keyed by story and
 * number.  Lines that joined since w are added and lines gone (an alias no
 * longer told) deleted, one by one; a story none of whose lines were
 * written here (w new, or NULL) has its rows written again whole.  So a
 * commit indexes what joined a story, not all of its text again. */
static int write_search(skein_store *s, uint64_t id, const skein__told *t, written *w) {
    written whole = {0};
    if (!w) w = &whole;
    size_t n = 0;
    search_line *v = search_lines(t, &n);
    uint8_t *fresh = v ? calloc(n + 1, 1) : NULL;
    int rc = fresh ? SKEIN_OK : skein__store_fail(s, SKEIN_ENOMEM, "writing what search finds");
    if (!rc && id > UINT32_MAX && skein__db_kind(s->db) == SKEIN__DB_SQLITE) /* store_db.c's keys */
        rc = skein__store_fail(s, SKEIN_EINVAL, "writing what search finds (story id too large)");
    if (!(uint32_t)++w->seen) w->seen++; /* the low half is never 0 */
    uint32_t seen = (uint32_t)w->seen;
    uint64_t *at;
    for (size_t i = 0; !rc && i < n; i++) {
        if (!(at = skein__u64map_upsert(&w->lines, v[i].h)))
            rc = skein__store_fail(s, SKEIN_ENOMEM, "writing what search finds");
        else if (!*at)
            fresh[i] = 1, *at = seen; /* numbered below */
        else
            *at = (*at & ~(uint64_t)UINT32_MAX) | seen;
    }
    if (!rc && !w->nline) /* none written here: whatever the store holds goes */
        rc = delete_lines(s, id, 0, INT64_C(1) << 32);
    else if (!rc)
        rc = drop_gone(s, id, w, seen);
    for (size_t i = 0; !rc && i < n; i++) {
        if (!fresh[i]) continue;
        if (w->nline >= UINT32_MAX) {
            rc = skein__store_fail(s, SKEIN_EINVAL, "writing what search finds (too many lines)");
            break;
        }
        *skein__u64map_get(&w->lines, v[i].h) = w->nline << 32 | seen;
        skein__db_bind_int64(s->st_search, 1, (int64_t)id);
        skein__db_bind_int64(s->st_search, 2, (int64_t)w->nline++);
        skein__db_bind_text(s->st_search, 3, v[i].text);
        rc = skein__store_step(s, s->st_search);
    }
    if (!w->nline) w->nline = 1; /* a story without lines: written, none to add */
    skein__u64map_release(&whole.lines);
    free(v), free(fresh);
    return rc;
}

/* Writes story `st`, told as `t` and printed as `report` (the record's head,
 * skein__told_json_head, with its cuts), open or closed, with its parts. */
static int write_story(skein_store *s, const skein_story *st, const skein__told *t, char *report,
                       const size_t *cut, int open) {
    written *w = written_of(s, st->id); /* NULL: written whole */
    char *summary = skein__told_summary_json(t, open, 1),
         *bare = skein__told_summary_json(t, open, 0);
    sbuf langs;
    skein__sbuf_init(&langs);
    int rc = !summary || !bare || !report || langs_of(t, &langs)
                 ? skein__store_fail(s, SKEIN_ENOMEM, "writing a story")
                 : SKEIN_OK;
    skein__stmt *q = s->st_story;
    skein__db_bind_int64(q, 1, (int64_t)st->id);
    skein__bind_text(q, 2, t->title ? t->title : st->title);
    skein__db_bind_int64(q, 3, (int64_t)st->size);
    skein__bind_time(q, 4, st->first_seen);
    skein__bind_time(q, 5, st->last_seen);
    /* the record's head in its two parts, before the quotes' entries and
     * after, and the story's long texts: read by SQLite from where they are
     * (they stay until the row is written), not copied first */
    if (report) {
        skein__db_bind_text_kept(q, 14, report + cut[0], strlen(report + cut[0]));
        skein__db_bind_text_kept(q, 6, report, cut[0]);
    } else {
        skein__db_bind_null(q, 6);
    }
    skein__db_bind_int64(q, 7, open);
    skein__bind_text(q, 8, langs.buf);
    skein__db_bind_int64(q, 9, st->last_seen == SKEIN_NO_TIME ? -INT64_MAX : st->last_seen);
    if (summary) skein__db_bind_text_kept(q, 10, summary, strlen(summary));
    if (report) /* the coverage as the head has it */
        skein__db_bind_text_kept(q, 11, report + cut[1], cut[2] - cut[1]);
    if (bare) skein__db_bind_text_kept(q, 12, bare, strlen(bare));
    skein__db_bind_int64(q, 13, skein__story_weight(t));
    if (!rc)
        rc = skein__store_step(s, q);
    else
        skein__db_reset(q), skein__db_clear_bindings(q);
    if (!rc) rc = write_parts(s, st->id, t, w);
    if (!rc) rc = write_entries(s, st->id, t, w);
    if (!rc) rc = write_quote_entries(s, st->id, t, w);
    if (!rc) rc = write_search(s, st->id, t, w);
    if (rc || !open) written_drop(s, st->id); /* a closed story is not written again */
    free(summary), free(bare);
    skein__sbuf_release(&langs);
    return rc;
}

/* The engine closed a story and told it: write it for good. */
void skein__store_on_closed(const skein_story *st, const skein__told *t, void *ud) {
    skein_store *s = ud;
    size_t cut[3] = {0, 0, 0};
    char *head = t ? skein__told_json_head(t, cut) : NULL;
    int rc = head ? write_story(s, st, t, head, cut, 0)
                  : skein__store_fail(s, SKEIN_ENOMEM, "telling a story");
    free(head);
    if (rc && !s->rc_cb) s->rc_cb = rc;
    if (!rc && s->on_story && !s->replaying) s->on_story(st, s->on_story_ud);
}

/* An open story changed: tell it and write it.  Growth is taken at its own
 * last article (queries take it again at their time), so what is written
 * depends on the stream alone, not on where commits fell.  What telling
 * read of its members is kept with what was written, so that the next
 * telling reads only the articles that joined. */
void skein__store_on_changed(const skein_story *st, void *ud) {
    skein_store *s = ud;
    skein_tell_options o;
    skein_tell_options_default(&o);
    o.event_gap_hours = s->opt.event_gap_hours;
    skein__told t;
    double t0 = skein__now();
    written *w = written_of(s, st->id);
    int rc = w ? skein__story_tell_memo(st, &o, &w->memo, &t) : skein__story_tell(st, &o, &t);
    size_t cut[3] = {0, 0, 0};
    char *report = rc ? NULL : skein__told_json_head(&t, cut);
    s->sec_tell += skein__now() - t0;
    if (!rc) rc = report ? write_story(s, st, &t, report, cut, 1) : SKEIN_ENOMEM;
    free(report);
    skein__told_release(&t);
    if (rc && !s->rc_cb) s->rc_cb = rc;
}
