/* told_json.c -- a story told (tell.h) as JSON: the story record that
 * `cluster`, `show --json` and the HTTP API print, the short form a list
 * shows, and a name's aliases as the store keeps them.
 *
 * Only printing happens here; the record's keys and their order are the
 * README's ("Story records"). */
#include "tell.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *skein__row_kind_name(skein__row_kind k) {
    return k == SKEIN__ROW_NAME ? "name" : k == SKEIN__ROW_QUOTE ? "quote" : "number";
}

/* ---- printed directly -------------------------------------------------------
 * The record, the list entries and a name's aliases are printed straight
 * into a buffer, not built as cJSON trees first: they are printed at every
 * commit for every open story that changed, and a big story's tree was most
 * of that cost.  The bytes are cJSON's (cJSON_PrintUnformatted, cJSON
 * 1.7.15): its string escapes, its number forms, and a key left out where
 * cJSON_AddStringToObject is given NULL (tests/test_told_json.c pins them). */

typedef struct jw {
    sbuf b;
    int rc;    /* nonzero once out of memory */
    int comma; /* a value was written at this level: the next needs a comma */
} jw;

/* Appends n bytes; in place while the buffer has room (records are printed
 * byte by byte at every commit), else through sbuf. */
static inline void jw_raw(jw *w, const char *p, size_t n) {
    sbuf *b = &w->b;
    if (b->len + n < b->cap) {
        memcpy(b->buf + b->len, p, n);
        b->buf[b->len += n] = 0;
    } else {
        w->rc |= skein__sbuf_add(b, p, n);
    }
}

static inline void jw_c(jw *w, char c) {
    sbuf *b = &w->b;
    if (b->len + 1 < b->cap) {
        b->buf[b->len++] = c;
        b->buf[b->len] = 0;
    } else {
        w->rc |= skein__sbuf_addc(b, c);
    }
}

static void jw_sep(jw *w) {
    if (w->comma) jw_c(w, ',');
    w->comma = 1;
}

/* The bytes of eight (a word) that a string does not keep as they are: a
 * control (below 0x20), '"' or '\\', each flagged by its high bit.  Bytes
 * past the first flagged one may be flagged wrongly (a borrow): only the
 * first is used. */
static inline uint64_t unplain8(uint64_t x) {
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return ((x - ones * 0x20) | (q - ones) | (b - ones)) & ~x & high;
}

/* The length of the run of bytes s keeps as they are, s being n bytes long;
 * eight at a time (records are mostly ids, names and outlets: plain text). */
static size_t plain_run(const char *s, size_t n) {
    size_t i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t u = unplain8(x);
        if (u) return i + (size_t)(__builtin_ctzll(u) >> 3); /* the first byte is the lowest */
    }
    if (i < n) { /* the last bytes, padded with zeros (flagged: a run ends there) */
        uint64_t x = 0;
        memcpy(&x, s + i, n - i);
        return i + (size_t)(__builtin_ctzll(unplain8(x)) >> 3);
    }
    return i;
#else
    while (i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\') i++;
    return i;
#endif
}

/* A string as cJSON escapes it. */
static void jw_strval(jw *w, const char *s) {
    static const char hex[] = "0123456789abcdef";
    jw_c(w, '"');
    const char *run = s, *end = s + strlen(s);
    for (;; s++) {
        s += plain_run(s, (size_t)(end - s)); /* the run of bytes kept as they are */
        unsigned char c = (unsigned char)*s;
        if (!c) break;
        jw_raw(w, run, (size_t)(s - run));
        run = s + 1;
        char e[6] = {'\\', 0};
        size_t n = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        default: e[1] = 'u', e[2] = '0', e[3] = '0', e[4] = hex[c >> 4], e[5] = hex[c & 15], n = 6;
        }
        jw_raw(w, e, n);
    }
    jw_raw(w, run, (size_t)(s - run));
    jw_c(w, '"');
}

/* A key the record names (a literal: nothing to escape), printed with its
 * quotes and colon as one run; K("name") makes one.  Most of a record's
 * strings are such keys. */
typedef struct jkey {
    const char *s; /* "\"name\":" */
    size_t n;
} jkey;
#define K(lit) ((jkey){"\"" lit "\":", sizeof("\"" lit "\":") - 1})

static void jw_key(jw *w, jkey k) {
    jw_sep(w);
    jw_raw(w, k.s, k.n);
    w->comma = 0;
}

/* A key from the data (a language, an outlet): escaped. */
static void jw_vkey(jw *w, const char *k) {
    jw_sep(w);
    jw_strval(w, k);
    jw_c(w, ':');
    w->comma = 0;
}

static void jw_open(jw *w, char c) {
    jw_sep(w);
    jw_c(w, c);
    w->comma = 0;
}

static void jw_close(jw *w, char c) {
    jw_c(w, c);
    w->comma = 1;
}

/* A value: the string, or null for NULL (str_json). */
static void jw_str(jw *w, const char *s) {
    jw_sep(w);
    if (s)
        jw_strval(w, s);
    else
        jw_raw(w, "null", 4);
}

/* A key and its string; neither when s is NULL (cJSON_AddStringToObject). */
static void jw_kstr(jw *w, jkey k, const char *s) {
    if (!s) return;
    jw_key(w, k);
    jw_str(w, s);
}

static void jw_kstr_or_null(jw *w, jkey k, const char *s) {
    jw_key(w, k);
    jw_str(w, s);
}

/* A number in cJSON's form: an int when it is one, else %1.15g, else %1.17g. */
/* printf writes the locale's decimal point (a program embedding the library
 * may have set LC_NUMERIC): JSON's is '.', as cJSON makes it too. */
static void dot_decimal(char *buf) {
    const char *dp = localeconv()->decimal_point;
    if (!dp || !dp[0] || dp[1] || dp[0] == '.') return;
    char *at = strchr(buf, dp[0]);
    if (at) *at = '.';
}

/* d as "%1.15g" prints it when d is the double nearest to a number of at
 * most three decimals below 1e9 in size, not a whole one (a confidence, a
 * growth): that number's shortest decimal, as 15 digits hold it exactly and
 * d lies within 1e-16 of it.  0 when d is not such a number. */
static int short_decimal(double d, char *buf) {
    if (!(fabs(d) < 1e9)) return 0;
    long long m = llround(d * 1000.0);
    if ((double)m / 1000.0 != d || m % 1000 == 0) return 0;
    unsigned long long u = m < 0 ? (unsigned long long)-m : (unsigned long long)m;
    char digits[24];
    int k = 0, n = 0;
    unsigned frac = (unsigned)(u % 1000), keep = frac % 10 ? 3 : frac % 100 ? 2 : 1;
    for (unsigned f = frac, j = 0; j < 3; j++, f /= 10)
        if (j >= 3 - keep) digits[k++] = (char)('0' + f % 10);
    digits[k++] = '.';
    u /= 1000;
    do digits[k++] = (char)('0' + u % 10);
    while (u /= 10);
    if (m < 0) buf[n++] = '-';
    while (k) buf[n++] = digits[--k];
    buf[n] = 0;
    return n;
}

static void jw_num(jw *w, double d) {
    char buf[32];
    int n;
    int vi = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
    if (isnan(d) || isinf(d)) {
        n = snprintf(buf, sizeof(buf), "null");
    } else if (d == (double)vi) { /* as "%d" prints it, without printf's cost */
        char digits[12];
        long long v = vi;
        unsigned long long u = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
        int k = 0;
        do digits[k++] = (char)('0' + u % 10);
        while (u /= 10);
        n = 0;
        if (v < 0) buf[n++] = '-';
        while (k) buf[n++] = digits[--k];
        buf[n] = 0;
    } else if (!(n = short_decimal(d, buf))) {
        double back;
        n = snprintf(buf, sizeof(buf), "%1.15g", d);
        double big = fabs(back = strtod(buf, NULL)) > fabs(d) ? fabs(back) : fabs(d);
        if (!(fabs(back - d) <= big * DBL_EPSILON)) n = snprintf(buf, sizeof(buf), "%1.17g", d);
        dot_decimal(buf);
    }
    jw_sep(w);
    jw_raw(w, buf, (size_t)n);
}

static void jw_knum(jw *w, jkey k, double d) {
    jw_key(w, k);
    jw_num(w, d);
}

static void jw_ktime(jw *w, jkey k, int64_t t) {
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    if (t == SKEIN_NO_TIME || !gmtime_r(&tt, &tm) ||
        !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
        return jw_kstr_or_null(w, k, NULL);
    jw_kstr_or_null(w, k, buf);
}

static void languages_w(jw *w, const skein__told *t) {
    jw_key(w, K("languages"));
    jw_open(w, '{');
    for (size_t i = 0; i < t->nlanguages; i++)
        if (t->languages[i].lang) {
            jw_vkey(w, t->languages[i].lang);
            jw_num(w, (double)t->languages[i].count);
        }
    jw_close(w, '}');
}

static void sources_w(jw *w, const skein__told *t) {
    jw_key(w, K("sources"));
    jw_open(w, '[');
    for (size_t i = 0; i < t->nsources; i++)
        if (t->sources[i]) jw_str(w, t->sources[i]);
    jw_close(w, ']');
}

/* The lead's sentences with the article each comes from. */
static void lead_w(jw *w, const skein__told *t) {
    jw_key(w, K("lead"));
    jw_open(w, '[');
    for (size_t i = 0; i < t->nlead; i++) {
        jw_open(w, '{');
        jw_kstr(w, K("text"), t->lead[i].text);
        jw_kstr(w, K("article"), t->s->members[t->lead[i].member].id);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void head_w(jw *w, const skein__told *t) {
    const skein_story *s = t->s;
    jw_knum(w, K("story"), (double)s->id);
    jw_kstr_or_null(w, K("title"), t->title);
    jw_kstr(w, K("title_lang"), t->title_lang);
    jw_key(w, K("headlines"));
    jw_open(w, '{');
    for (size_t i = 0; i < t->nheadlines; i++)
        if (t->headlines[i].lang && t->headlines[i].title) {
            jw_vkey(w, t->headlines[i].lang);
            jw_str(w, t->headlines[i].title);
        }
    jw_close(w, '}');
    jw_knum(w, K("size"), (double)s->size);
    languages_w(w, t);
    sources_w(w, t);
    jw_ktime(w, K("first_seen"), s->first_seen);
    jw_ktime(w, K("last_seen"), s->last_seen);
    jw_knum(w, K("growth"), t->growth);
    lead_w(w, t);
}

/* The short form a list shows: the head's story ... sources (growth unless
 * `growth` is 0), events without their articles and titles, open, why. */
static void summary_w(jw *w, const skein__told *t, int open, int growth) {
    const skein_story *s = t->s;
    jw_open(w, '{');
    jw_knum(w, K("story"), (double)s->id);
    jw_kstr_or_null(w, K("title"), t->title);
    jw_kstr(w, K("title_lang"), t->title_lang);
    jw_knum(w, K("size"), (double)s->size);
    jw_ktime(w, K("first_seen"), s->first_seen);
    jw_ktime(w, K("last_seen"), s->last_seen);
    languages_w(w, t);
    sources_w(w, t);
    if (growth) jw_knum(w, K("growth"), t->growth);
    lead_w(w, t);
    jw_key(w, K("events"));
    jw_open(w, '[');
    for (size_t i = 0; i < t->nevents; i++) {
        jw_open(w, '{');
        jw_ktime(w, K("first_seen"), t->events[i].first);
        jw_ktime(w, K("last_seen"), t->events[i].last);
        jw_knum(w, K("size"), (double)t->events[i].size);
        jw_close(w, '}');
    }
    jw_close(w, ']');
    jw_key(w, K("open"));
    jw_sep(w);
    jw_raw(w, open ? "true" : "false", open ? 4 : 5);
    skein__rank r;
    skein__story_rank(t, &r);
    jw_kstr(w, K("why"), r.why);
    jw_close(w, '}');
}

static void events_w(jw *w, const skein__told *t) {
    jw_key(w, K("events"));
    jw_open(w, '[');
    for (size_t i = 0; i < t->nevents; i++) {
        const skein__told_event *e = &t->events[i];
        jw_open(w, '{');
        jw_knum(w, K("event"), (double)i + 1);
        jw_kstr_or_null(w, K("title"), e->title);
        jw_knum(w, K("size"), (double)e->size);
        jw_ktime(w, K("first_seen"), e->first);
        jw_ktime(w, K("last_seen"), e->last);
        jw_key(w, K("articles"));
        jw_open(w, '[');
        for (size_t k = 0; k < e->size; k++) {
            const char *id = t->s->members[e->members[k]].id;
            if (id) jw_str(w, id);
        }
        jw_close(w, ']');
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void aliases_w(jw *w, const skein__told_name *n) {
    jw_open(w, '[');
    for (size_t k = 0; k < n->naliases; k++) {
        jw_open(w, '{');
        jw_kstr(w, K("name"), n->aliases[k].name);
        jw_kstr(w, K("lang"), n->aliases[k].lang);
        jw_knum(w, K("count"), (double)n->aliases[k].count);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void names_w(jw *w, const skein__told *t) {
    jw_key(w, K("names"));
    jw_open(w, '[');
    for (size_t i = 0; i < t->nnames; i++) {
        const skein__told_name *n = &t->names[i];
        jw_open(w, '{');
        jw_kstr(w, K("name"), n->name);
        jw_kstr(w, K("kind"), skein_kind_name(n->kind));
        jw_knum(w, K("articles"), (double)n->articles);
        jw_knum(w, K("mentions"), (double)n->mentions);
        jw_key(w, K("aliases"));
        aliases_w(w, n);
        jw_kstr(w, K("place"), n->place);
        char key[33];
        skein__name_key(n, key);
        jw_kstr(w, K("key"), key);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void quote_w(jw *w, const skein__told *t, size_t k) {
    const skein__told_quote *q = &t->quotes[k];
    const skein_member *m = &t->s->members[q->member];
    jw_open(w, '{');
    jw_kstr_or_null(w, K("speaker"), q->speaker);
    jw_knum(w, K("confidence"), round(q->confidence * 1000) / 1000);
    if (q->speaker && q->confidence < SKEIN_SPEAKER_SURE) {
        jw_key(w, K("uncertain"));
        jw_sep(w);
        jw_raw(w, "true", 4);
    }
    jw_kstr(w, K("text"), q->text);
    jw_kstr(w, K("article"), m->id);
    jw_kstr(w, K("lang"), skein__member_lang(m));
    jw_kstr(w, K("outlet"), t->outlets[t->outlet_of[q->member]]);
    jw_close(w, '}');
}

/* The quotes; without `entries`, the list is left empty. */
static void quotes_w(jw *w, const skein__told *t, int entries) {
    jw_key(w, K("quotes"));
    jw_open(w, '[');
    for (size_t k = 0; entries && k < t->nquotes; k++) quote_w(w, t, k);
    jw_close(w, ']');
}

static void row_w(jw *w, const skein__told_row *r) {
    jw_kstr(w, K("kind"), skein__row_kind_name(r->kind));
    jw_kstr(w, K("item"), r->item);
}

static void row_obj_w(jw *w, const skein__told_row *r) {
    jw_open(w, '{');
    row_w(w, r);
    jw_close(w, '}');
}

/* The outlet of row r when only one outlet has it. */
static size_t only_outlet(const skein__told *t, const skein__told_row *r) {
    size_t k = 0;
    while (k + 1 < t->noutlets && !r->has[k]) k++;
    return k;
}

/* "only": the rows only one outlet has, by outlet, the outlets in the order
 * of their first such row (as cJSON added them). */
static void only_w(jw *w, const skein__told *t) {
    jw_key(w, K("only"));
    jw_open(w, '{');
    char *done = t->noutlets >= 2 ? calloc(t->noutlets, 1) : NULL;
    /* each row's one outlet, found once (SIZE_MAX: not a row of one) */
    size_t *one = done ? malloc((t->nrows + 1) * sizeof(*one)) : NULL;
    if (t->noutlets >= 2 && !one) w->rc = 1;
    for (size_t i = 0; one && i < t->nrows; i++)
        one[i] = t->rows[i].n == 1 ? only_outlet(t, &t->rows[i]) : SIZE_MAX;
    for (size_t i = 0; one && i < t->nrows; i++) {
        size_t k = one[i];
        if (k == SIZE_MAX || done[k] || !t->outlets[k]) continue;
        done[k] = 1;
        jw_vkey(w, t->outlets[k]);
        jw_open(w, '[');
        for (size_t j = i; j < t->nrows; j++)
            if (one[j] == k) row_obj_w(w, &t->rows[j]);
        jw_close(w, ']');
    }
    free(done), free(one);
    jw_close(w, '}');
}

/* Outlet k of a row, when the row has it: as the list of outlets printed it
 * (esc: that list's text, at[k] .. at[k + n]), else escaped again. */
static void row_outlet_w(jw *w, const skein__told *t, size_t k, const char *esc, const size_t *at) {
    if (!t->outlets[k]) return;
    if (!esc) return jw_str(w, t->outlets[k]);
    jw_sep(w);
    jw_raw(w, esc + at[k], at[k + t->noutlets] - at[k]);
}

/* The rows' outlets are the outlets' names over and over (a big story's
 * first rows have most of hundreds): each name is escaped once, as the list
 * of outlets prints it, and a row's bytes are skipped eight at a time where
 * it has none. */
static void coverage_w(jw *w, const skein__told *t) {
    const size_t no = t->noutlets;
    jw_open(w, '{');
    jw_key(w, K("outlets"));
    jw_open(w, '[');
    size_t *at = malloc((2 * no + 1) * sizeof(*at)), base = w->b.len;
    for (size_t k = 0; k < no; k++) {
        if (!t->outlets[k]) continue;
        jw_sep(w);
        if (at) at[k] = w->b.len - base;
        jw_strval(w, t->outlets[k]);
        if (at) at[k + no] = w->b.len - base;
    }
    char *esc = at && !w->rc ? malloc(w->b.len - base + 1) : NULL;
    if (esc) memcpy(esc, w->b.buf + base, w->b.len - base);
    jw_close(w, ']');
    jw_key(w, K("rows"));
    jw_open(w, '[');
    for (size_t i = 0; i < t->nrows; i++) {
        const skein__told_row *r = &t->rows[i];
        jw_open(w, '{');
        row_w(w, r);
        jw_key(w, K("outlets"));
        jw_open(w, '[');
        for (size_t k = 0; k < no; k++) {
            uint64_t eight = 0;
            if (k + 8 <= no) memcpy(&eight, r->has + k, 8);
            if (k + 8 <= no && !eight) { /* none of these eight */
                k += 7;
                continue;
            }
            if (r->has[k]) row_outlet_w(w, t, k, esc, at);
        }
        jw_close(w, ']');
        jw_close(w, '}');
    }
    free(esc), free(at);
    jw_close(w, ']');
    jw_key(w, K("shared"));
    jw_open(w, '[');
    for (size_t i = 0; no >= 2 && i < t->nrows; i++)
        if (t->rows[i].n == no) row_obj_w(w, &t->rows[i]);
    jw_close(w, ']');
    only_w(w, t);
    jw_close(w, '}');
}

#define SNIPPET_MAX 280 /* bytes of an article's snippet, cut on a word */

/* The article's first sentence that is not its title, cut to SNIPPET_MAX
 * bytes on a word ("…" at the cut); no key when its notes have none. */
static void snippet_w(jw *w, const skein_member *m) {
    const skein_notes *n = m->notes;
    for (size_t i = 0; n && i < n->nsentences; i++) {
        const char *s = n->sentences[i].text;
        if (!s || !*s || (m->title && !strcmp(s, m->title))) continue;
        size_t len = strlen(s);
        if (len <= SNIPPET_MAX) return jw_kstr(w, K("snippet"), s);
        size_t keep = SNIPPET_MAX - 3;
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80) keep--;
        size_t word = keep;
        while (word > SNIPPET_MAX / 2 && s[word] != ' ') word--;
        if (s[word] == ' ') keep = word;
        char buf[SNIPPET_MAX + 4];
        memcpy(buf, s, keep);
        memcpy(buf + keep, "\xE2\x80\xA6", 4);
        return jw_kstr(w, K("snippet"), buf);
    }
}

/* Member i's entry in the record's list of articles. */
static void article_w(jw *w, const skein__told *t, size_t i) {
    const skein_member *m = &t->s->members[i];
    jw_open(w, '{');
    jw_kstr(w, K("id"), m->id);
    jw_kstr_or_null(w, K("lang"), m->lang);
    jw_kstr_or_null(w, K("source"), m->source);
    jw_kstr_or_null(w, K("title"), m->title);
    if (m->published != SKEIN_NO_TIME) jw_ktime(w, K("published"), m->published);
    if (t->original && t->original[i] != i)
        jw_kstr(w, K("copy_of"), t->s->members[t->original[i]].id);
    snippet_w(w, m);
    jw_close(w, '}');
}

/* Groups of copies of one text: the original, its copies, the outlets that ran it.
 * Each original's copies are linked in member order first (next), and an
 * outlet is counted once per group by marking it with the group (mark): one
 * pass over the members, not one per original. */
static void copies_w(jw *w, const skein__told *t) {
    jw_key(w, K("copies"));
    jw_open(w, '[');
    const size_t n = t->original ? t->s->size : 0, none = SIZE_MAX;
    size_t *head = n ? malloc(3 * n * sizeof(*head)) : NULL;
    size_t *mark = n ? calloc(t->noutlets + 1, sizeof(*mark)) : NULL;
    if (n && (!head || !mark)) w->rc = 1, free(head), free(mark), head = NULL;
    size_t *tail = head ? head + n : NULL, *next = head ? head + 2 * n : NULL;
    for (size_t i = 0; head && i < n; i++) head[i] = tail[i] = next[i] = none;
    for (size_t j = 0; head && j < n; j++) {
        size_t i = t->original[j];
        if (i == j) continue;
        if (tail[i] == none)
            head[i] = j;
        else
            next[tail[i]] = j;
        tail[i] = j;
    }
    for (size_t i = 0; head && i < n; i++) {
        if (t->original[i] != i || head[i] == none) continue;
        jw_open(w, '{');
        jw_kstr(w, K("original"), t->s->members[i].id);
        jw_key(w, K("copies"));
        jw_open(w, '[');
        size_t outlets = 1;
        mark[t->outlet_of[i]] = i + 1;
        for (size_t j = head[i]; j != none; j = next[j]) {
            if (t->s->members[j].id) jw_str(w, t->s->members[j].id);
            if (mark[t->outlet_of[j]] != i + 1) mark[t->outlet_of[j]] = i + 1, outlets++;
        }
        jw_close(w, ']');
        jw_knum(w, K("outlets"), (double)outlets);
        jw_close(w, '}');
    }
    free(head), free(mark);
    jw_close(w, ']');
}

/* The record; `cut` non-NULL prints its head alone (skein__told_json_head). */
static void record_w(jw *w, const skein__told *t, size_t *cut) {
    int articles = !cut;
    jw_open(w, '{');
    head_w(w, t);
    events_w(w, t);
    names_w(w, t);
    quotes_w(w, t, articles);
    if (cut) cut[0] = w->b.len - 1; /* before the list's "]" */
    jw_key(w, K("coverage"));
    if (cut) cut[1] = w->b.len;
    coverage_w(w, t);
    if (cut) cut[2] = w->b.len;
    copies_w(w, t);
    jw_key(w, K("articles"));
    jw_open(w, '[');
    if (!articles) return;
    for (size_t i = 0; i < t->s->size; i++) article_w(w, t, i);
    jw_close(w, ']');
    jw_close(w, '}');
}

/* w's text (NULL when out of memory). */
static char *jw_done(jw *w) {
    if (!w->rc) return w->b.buf;
    skein__sbuf_release(&w->b);
    return NULL;
}

char *skein__told_json(const skein__told *t) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    record_w(&w, t, NULL);
    return jw_done(&w);
}

char *skein__told_json_head(const skein__told *t, size_t cut[3]) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    record_w(&w, t, cut);
    return jw_done(&w);
}

char *skein__told_quote_json(const skein__told *t, size_t k) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    quote_w(&w, t, k);
    return jw_done(&w);
}

char *skein__told_article_json(const skein__told *t, size_t i) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    article_w(&w, t, i);
    return jw_done(&w);
}

char *skein__told_summary_json(const skein__told *t, int open, int growth) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    summary_w(&w, t, open, growth);
    return jw_done(&w);
}

char *skein__told_aliases_json(const skein__told_name *n) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    aliases_w(&w, n);
    return jw_done(&w);
}

char *skein__told_coverage_json(const skein__told *t) {
    jw w = {{0}, 0, 0};
    skein__sbuf_init(&w.b);
    coverage_w(&w, t);
    return jw_done(&w);
}
