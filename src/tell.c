/* tell.c -- a story told from its members' notes (extract.h).
 *
 * Names: the members' name entries become one entry per real-world name.
 * Places meet on their gazetteer id.  Other names meet on the interlingual
 * key of their last word (Putin, Путин, بوتين): full names ("Vladimir
 * Putin") are told apart by their first word's key, and a lone surname
 * joins the full name it most often stands for.  Words of scripts without
 * case that only may be names ("weak") join a name when one of their keys
 * is its last word's; else they need two articles to stand alone.
 *
 * Events: members in time order; a pause longer than the event gap starts a
 * new event.  An undated member joins the event of the member before it in
 * arrival order.
 *
 * Centrality, for headlines: the article-counts of the names a member
 * mentions, over the square root of how many it mentions, so that the
 * article naming the story's main actors and few others comes first.
 *
 * The result is a typed record (tell.h); told_json.c prints it. */
#include "tell.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GROWTH_WINDOW 6 /* hours */
#define MAX_NAMES_OUT 60
#define MAX_ROWS_OUT 40 /* coverage rows per kind */

/* ---- growth ------------------------------------------------------------------- */

double skein_story_growth(const skein_story *s, int64_t now) {
    if (!s || !s->size) return 0;
    if (now == SKEIN_NO_TIME) now = s->last_seen;
    if (now == SKEIN_NO_TIME) return 0;
    const int64_t w = GROWTH_WINDOW * 3600;
    int64_t first = INT64_MAX;
    size_t recent = 0, past = 0;
    for (size_t i = 0; i < s->size; i++) {
        int64_t t = s->members[i].published;
        if (t == SKEIN_NO_TIME || t > now) continue;
        if (t > now - w)
            recent++;
        else
            past++, first = SKEIN_MIN(first, t);
    }
    if (!recent) return 0;
    double past_hours = past ? (double)SKEIN_MAX(now - w - first, w) / 3600.0 : 0;
    double expected = past ? (double)past / past_hours * GROWTH_WINDOW : 0;
    return (double)recent / (expected + 1.0);
}

/* ---- the notes ---------------------------------------------------------------- */

typedef struct entry { /* one name of one member's notes */
    size_t member;
    uint32_t note; /* its index in the member's notes */
    const char *name, *place;
    int kind; /* skein_kind */
    int count, words, weak;
    uint64_t keys[4], alt;
    int nkeys;
    int entity;
    int alias; /* shown as a spelling of its entity */
} entry;

typedef struct entity {
    int kind;
    uint64_t first, last; /* keys: first word (0: none), last word; place: id key */
    int gazetteer;        /* a place the gazetteer knows, met on its id */
    size_t votes[4];      /* mentions its entries give each skein_kind */
    size_t articles, mentions;
    int weak;
    int latin; /* made by a name in Latin script */
    const char *display;
    double rank;
} entity;

typedef struct teller {
    const skein_story *s;
    skein_tell_options o;
    skein__told *out;
    entry *e;
    size_t ne;
    size_t *member_entry; /* first entry of member i; member_entry[size] = ne */
    entity *ent;
    size_t nent;
    size_t *by_ent;    /* entries grouped by entity, in entry order: */
    size_t *ent_start; /* entity i's are by_ent[ent_start[i] .. ent_start[i + 1]) */
    double *centrality;
    const char *major_lang;
} teller;

static int read_notes(teller *t) {
    const skein_story *s = t->s;
    t->member_entry = calloc(s->size + 1, sizeof(*t->member_entry));
    if (!t->member_entry) return -1;
    size_t cap = 0;
    for (size_t i = 0; i < s->size; i++) {
        t->member_entry[i] = t->ne;
        const skein_notes *n = s->members[i].notes;
        for (size_t k = 0; n && k < n->nnames; k++) {
            const skein_name_note *x = &n->names[k];
            if (!x->name || !x->nkeys) continue;
            if (skein__grow((void **)&t->e, &cap, t->ne + 1, sizeof(*t->e))) return -1;
            entry *e = &t->e[t->ne++];
            memset(e, 0, sizeof(*e));
            e->member = i, e->note = (uint32_t)k;
            e->name = x->name, e->place = x->place;
            e->kind = (unsigned)x->kind <= SKEIN_KIND_PLACE ? (int)x->kind : SKEIN_KIND_OTHER;
            e->count = (int)x->count, e->words = (int)x->words, e->weak = x->weak;
            e->alt = x->alt;
            e->nkeys = (int)SKEIN_MIN(x->nkeys, 4u);
            memcpy(e->keys, x->keys, sizeof(e->keys));
            e->entity = -1;
        }
    }
    t->member_entry[s->size] = t->ne;
    return 0;
}

/* ---- names ------------------------------------------------------------------- */

static int script_latin(const char *s) { return s && (unsigned char)s[0] < 0x80; }

static int new_entity(teller *t, size_t *cap, const entry *e, uint64_t first, uint64_t last) {
    if (skein__grow((void **)&t->ent, cap, t->nent + 1, sizeof(*t->ent))) return -1;
    t->ent[t->nent] = (entity){
        e->kind, first, last, e->place != NULL, {0}, 0, 0, e->weak, script_latin(e->name), NULL, 0};
    return (int)t->nent++;
}

static uint64_t last_key(const entry *e) { return e->keys[e->nkeys - 1]; }
static uint64_t first_key(const entry *e) { return e->nkeys > 1 && e->words > 1 ? e->keys[0] : 0; }

/* Entries in the order they claim entities: places, full names, lone
 * words, then weak ones; more mentions first. */
static int claim_order(const entry *a, const entry *b) {
    int ra = a->place ? 0 : a->weak ? 3 : first_key(a) ? 1 : 2;
    int rb = b->place ? 0 : b->weak ? 3 : first_key(b) ? 1 : 2;
    if (ra != rb) return ra - rb;
    return b->count - a->count;
}

static int cmp_claim(const void *x, const void *y, void *ctx) {
    const entry *e = ((const teller *)ctx)->e;
    int c = claim_order(&e[*(const size_t *)x], &e[*(const size_t *)y]);
    if (c) return c;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/* The entity whose last key is k, preferring the most mentioned; -1. */
static int entity_by_last(const teller *t, uint64_t k, int strong_only) {
    int best = -1;
    for (size_t i = 0; k && i < t->nent; i++) {
        const entity *x = &t->ent[i];
        if (x->gazetteer || x->last != k || (strong_only && x->weak)) continue;
        if (best < 0 || x->mentions > t->ent[best].mentions) best = (int)i;
    }
    return best;
}

static int build_entities(teller *t) {
    size_t cap = 0, *order = malloc((t->ne ? t->ne : 1) * sizeof(*order));
    if (!order) return -1;
    for (size_t i = 0; i < t->ne; i++) order[i] = i;
    qsort_r(order, t->ne, sizeof(*order), cmp_claim, t);
    for (size_t r = 0; r < t->ne; r++) {
        entry *e = &t->e[order[r]];
        int id = -1;
        if (e->place) {
            for (size_t i = 0; i < t->nent && id < 0; i++)
                if (t->ent[i].gazetteer && t->ent[i].last == e->keys[0]) id = (int)i;
            if (id < 0 && (id = new_entity(t, &cap, e, 0, e->keys[0])) < 0) goto fail;
        } else if (!e->weak && first_key(e)) {
            for (size_t i = 0; i < t->nent && id < 0; i++)
                if (t->ent[i].first == first_key(e) && t->ent[i].last == last_key(e)) id = (int)i;
            /* in another script, a first name may not sound the same (Jens, ينس) */
            for (size_t i = 0; i < t->nent && id < 0; i++)
                if (t->ent[i].first && t->ent[i].last == last_key(e) &&
                    t->ent[i].latin != script_latin(e->name))
                    id = (int)i;
            if (id < 0 && (id = new_entity(t, &cap, e, first_key(e), last_key(e))) < 0) goto fail;
        } else {
            id = entity_by_last(t, last_key(e), 0);
            if (id < 0) id = entity_by_last(t, e->alt, 0);
            for (int k = e->nkeys - 2; e->weak && id < 0 && k >= 0; k--)
                id = entity_by_last(t, e->keys[k], 1);
            if (id < 0 && (id = new_entity(t, &cap, e, 0, last_key(e))) < 0) goto fail;
        }
        e->entity = id;
        entity *x = &t->ent[id];
        /* a weak run that joined by one of its inner words is no spelling of the name */
        e->alias = !e->weak || e->words == 1 || last_key(e) == x->last || e->alt == x->last;
        x->mentions += (size_t)e->count;
        x->votes[e->kind] += (size_t)e->count;
        if (!e->weak) x->weak = 0;
    }
    /* an entity's kind: the one most of its mentions give (ties: person, place, org) */
    static const int tie_order[] = {SKEIN_KIND_PERSON, SKEIN_KIND_PLACE, SKEIN_KIND_ORG};
    for (size_t i = 0; i < t->nent; i++) {
        entity *x = &t->ent[i];
        x->kind = SKEIN_KIND_OTHER;
        for (int j = 0; j < 3; j++)
            if (x->votes[tie_order[j]] > x->votes[x->kind] ||
                (x->kind == SKEIN_KIND_OTHER && x->votes[tie_order[j]]))
                x->kind = tie_order[j];
    }
    free(order);
    /* entries grouped by entity (a counting sort, stable), then articles per entity */
    t->ent_start = calloc(t->nent + 2, sizeof(*t->ent_start));
    t->by_ent = malloc((t->ne ? t->ne : 1) * sizeof(*t->by_ent));
    if (!t->ent_start || !t->by_ent) return -1;
    for (size_t k = 0; k < t->ne; k++) t->ent_start[t->e[k].entity + 2]++;
    for (size_t i = 2; i < t->nent + 2; i++) t->ent_start[i] += t->ent_start[i - 1];
    for (size_t k = 0; k < t->ne; k++) t->by_ent[t->ent_start[t->e[k].entity + 1]++] = k;
    for (size_t i = 0; i < t->nent; i++) {
        size_t last_member = (size_t)-1;
        for (size_t p = t->ent_start[i]; p < t->ent_start[i + 1]; p++) {
            const entry *e = &t->e[t->by_ent[p]];
            if (e->member != last_member) t->ent[i].articles++, last_member = e->member;
        }
    }
    return 0;
fail:
    free(order);
    return -1;
}

/* 1 when name entity i is worth telling: backed by a strong entry or by
 * two articles. */
static int entity_shown(const teller *t, size_t i) {
    return !t->ent[i].weak || t->ent[i].articles >= 2;
}

/* The display form: the most frequent full form in the reader's language
 * (else the story's majority language, else Latin script, else any). */
static void pick_displays(teller *t, const char *lang) {
    for (size_t i = 0; i < t->nent; i++) {
        const char *best = NULL;
        long best_score = -1;
        const size_t from = t->ent_start[i], to = t->ent_start[i + 1];
        for (size_t p = from; p < to; p++) {
            const entry *e = &t->e[t->by_ent[p]];
            if (!e->alias) continue;
            const char *ml = t->s->members[e->member].lang;
            long score = 0;
            /* the form counts summed over articles */
            for (size_t q = from; q < to; q++)
                if (!strcmp(t->e[t->by_ent[q]].name, e->name)) score += t->e[t->by_ent[q]].count;
            if (e->words > 1) score *= 4;
            if (ml && lang && !strcmp(ml, lang))
                score += 1000000;
            else if (script_latin(e->name))
                score += 1000;
            if (score > best_score) best = e->name, best_score = score;
        }
        t->ent[i].display = best ? best : "";
    }
}

static int cmp_entity_rank(const void *x, const void *y) {
    const entity *a = *(entity *const *)x, *b = *(entity *const *)y;
    if (a->articles != b->articles) return a->articles < b->articles ? 1 : -1;
    if (a->mentions != b->mentions) return a->mentions < b->mentions ? 1 : -1;
    return strcmp(a->display, b->display);
}

/* Entities in the order they are told (NULL-terminated list in *out). */
static entity **ranked_entities(teller *t, size_t *n) {
    entity **r = malloc((t->nent + 1) * sizeof(*r));
    if (!r) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < t->nent; i++)
        if (entity_shown(t, i)) r[k++] = &t->ent[i];
    qsort(r, k, sizeof(*r), cmp_entity_rank);
    *n = k;
    return r;
}

/* ---- centrality, headline -------------------------------------------------------- */

static void centrality(teller *t) {
    for (size_t m = 0; m < t->s->size; m++) {
        double sum = 0;
        size_t distinct = 0;
        for (size_t k = t->member_entry[m]; k < t->member_entry[m + 1]; k++) {
            const entity *x = &t->ent[t->e[k].entity];
            if (!entity_shown(t, (size_t)(x - t->ent))) continue;
            sum += (double)x->articles, distinct++;
        }
        t->centrality[m] = distinct ? sum / sqrt((double)distinct) : 0;
    }
}

const char *skein__member_lang(const skein_member *m) { return m->lang ? m->lang : "und"; }

/* The most central member in language `lang` (any when NULL); -1 if none. */
static long central_member(const teller *t, const char *lang, const size_t *subset, size_t nsub) {
    long best = -1;
    for (size_t k = 0; k < nsub; k++) {
        size_t m = subset ? subset[k] : k;
        if (lang && strcmp(skein__member_lang(&t->s->members[m]), lang)) continue;
        if (!t->s->members[m].title || !*t->s->members[m].title) continue;
        if (best < 0 || t->centrality[m] > t->centrality[best]) best = (long)m;
    }
    return best;
}

static const char *majority_lang(const skein_story *s) {
    const char *best = "und";
    size_t best_n = 0;
    for (size_t i = 0; i < s->size; i++) {
        size_t n = 0;
        for (size_t j = 0; j < s->size; j++)
            n += !strcmp(skein__member_lang(&s->members[i]), skein__member_lang(&s->members[j]));
        if (n > best_n) best = skein__member_lang(&s->members[i]), best_n = n;
    }
    return best;
}

/* ---- outlets, names ----------------------------------------------------------------- */

static int outlets(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    out->outlet_of = calloc(s->size + 1, sizeof(*out->outlet_of));
    out->outlets = calloc(s->size + 1, sizeof(*out->outlets));
    if (!out->outlet_of || !out->outlets) return -1;
    for (size_t i = 0; i < s->size; i++) {
        const char *o = s->members[i].source ? s->members[i].source : s->members[i].id;
        size_t k = 0;
        while (k < out->noutlets && strcmp(out->outlets[k], o)) k++;
        if (k == out->noutlets) out->outlets[out->noutlets++] = o;
        out->outlet_of[i] = k;
    }
    return 0;
}

/* Entity x's spellings: its entries shown as aliases, one per spelling with
 * the mentions summed and the language of the first. */
static int aliases_of(teller *t, int id, skein__told_name *n) {
    size_t cap = 0;
    for (size_t p = t->ent_start[id]; p < t->ent_start[id + 1]; p++) {
        const entry *e = &t->e[t->by_ent[p]];
        if (!e->alias) continue;
        skein__told_alias *a = NULL;
        for (size_t k = 0; k < n->naliases && !a; k++)
            if (!strcmp(n->aliases[k].name, e->name)) a = &n->aliases[k];
        if (a) {
            a->count += (size_t)e->count;
            continue;
        }
        if (skein__grow((void **)&n->aliases, &cap, n->naliases + 1, sizeof(*n->aliases)))
            return -1;
        n->aliases[n->naliases++] = (skein__told_alias){
            e->name, skein__member_lang(&t->s->members[e->member]), (size_t)e->count};
    }
    return 0;
}

static int names_told(teller *t, entity **r, size_t nr) {
    skein__told *out = t->out;
    size_t n = SKEIN_MIN(nr, (size_t)MAX_NAMES_OUT);
    if (!(out->names = calloc(n + 1, sizeof(*out->names)))) return -1;
    for (size_t i = 0; i < n; i++) {
        const entity *x = r[i];
        int id = (int)(x - t->ent);
        skein__told_name *o = &out->names[out->nnames++];
        *o = (skein__told_name){x->display, (skein_kind)x->kind, x->articles, x->mentions, NULL, 0,
                                NULL};
        if (aliases_of(t, id, o)) return -1;
        for (size_t p = t->ent_start[id];
             x->kind == SKEIN_KIND_PLACE && !o->place && p < t->ent_start[id + 1]; p++)
            o->place = t->e[t->by_ent[p]].place;
    }
    return 0;
}

/* ---- quotes ------------------------------------------------------------------------ */

/* The entity told for the speaker of quote q of member m; NULL if none. */
static const entity *speaker_entity(const teller *t, size_t m, const skein_quote_note *q) {
    if (q->name < 0) return NULL;
    for (size_t k = t->member_entry[m]; k < t->member_entry[m + 1]; k++)
        if (t->e[k].note == (uint32_t)q->name) {
            size_t id = (size_t)t->e[k].entity;
            return entity_shown(t, id) ? &t->ent[id] : NULL;
        }
    return NULL;
}

static const char *speaker_name(const teller *t, size_t m, const skein_quote_note *q) {
    const entity *x = speaker_entity(t, m, q);
    return x ? x->display : q->speaker;
}

typedef struct qref {
    size_t group, at;
    skein__told_quote q;
} qref;

static int cmp_qref(const void *x, const void *y) {
    const qref *a = x, *b = y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    return a->at < b->at ? -1 : 1;
}

/* Quotes by speaker (speakers in order of their first quote), then those
 * whose speaker is unknown. */
static int quotes_told(teller *t) {
    qref *r = NULL;
    size_t n = 0, cap = 0;
    for (size_t m = 0; m < t->s->size; m++) {
        const skein_notes *notes = t->s->members[m].notes;
        for (size_t i = 0; notes && i < notes->nquotes; i++) {
            const skein_quote_note *q = &notes->quotes[i];
            if (!q->text) continue;
            if (skein__grow((void **)&r, &cap, n + 1, sizeof(*r))) {
                free(r);
                return -1;
            }
            const char *sp = speaker_name(t, m, q);
            size_t g = sp ? n : (size_t)-1;
            for (size_t k = 0; sp && k < n; k++)
                if (r[k].q.speaker && !strcmp(r[k].q.speaker, sp)) {
                    g = r[k].group;
                    break;
                }
            r[n] = (qref){g, n, {sp, q->text, m, q->confidence}};
            n++;
        }
    }
    if (n) qsort(r, n, sizeof(*r), cmp_qref);
    skein__told *out = t->out;
    if (!(out->quotes = calloc(n + 1, sizeof(*out->quotes)))) {
        free(r);
        return -1;
    }
    for (size_t k = 0; k < n; k++) out->quotes[k] = r[k].q;
    out->nquotes = n;
    free(r);
    return 0;
}

/* ---- coverage -------------------------------------------------------------------- */

typedef struct rows {
    skein__told_row *r;
    size_t n, cap;
    size_t noutlets;
} rows;

static skein__told_row *row_get(rows *rs, skein__row_kind kind, const char *item) {
    for (size_t i = 0; i < rs->n; i++)
        if (rs->r[i].kind == kind && !strcmp(rs->r[i].item, item)) return &rs->r[i];
    if (skein__grow((void **)&rs->r, &rs->cap, rs->n + 1, sizeof(*rs->r))) return NULL;
    skein__told_row *r = &rs->r[rs->n];
    r->kind = kind, r->item = item, r->n = 0, r->order = rs->n;
    if (!(r->has = calloc(rs->noutlets, 1))) return NULL;
    rs->n++;
    return r;
}

static int row_mark(rows *rs, skein__row_kind kind, const char *item, size_t outlet) {
    skein__told_row *r = row_get(rs, kind, item);
    if (!r) return -1;
    if (!r->has[outlet]) r->has[outlet] = 1, r->n++;
    return 0;
}

static int cmp_row(const void *x, const void *y) {
    const skein__told_row *a = x, *b = y;
    if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
    if (a->n != b->n) return a->n < b->n ? 1 : -1;
    return a->order < b->order ? -1 : 1;
}

static int mark_member(teller *t, rows *rs, size_t m) {
    const skein_notes *notes = t->s->members[m].notes;
    size_t outlet = t->out->outlet_of[m];
    for (size_t i = 0; notes && i < notes->nquotes; i++) {
        if (notes->quotes[i].confidence < SKEIN_SPEAKER_SURE) continue; /* not on the matrix */
        const char *sp = speaker_name(t, m, &notes->quotes[i]);
        if (sp && row_mark(rs, SKEIN__ROW_QUOTE, sp, outlet)) return -1;
    }
    for (size_t i = 0; notes && i < notes->nnumbers; i++)
        if (notes->numbers[i].value &&
            row_mark(rs, SKEIN__ROW_NUMBER, notes->numbers[i].value, outlet))
            return -1;
    return 0;
}

/* The matrix: the first names told, the speakers quoted, the numbers; by
 * kind, most outlets first; at most MAX_ROWS_OUT of each kind. */
static int coverage_told(teller *t, entity **r, size_t nr) {
    skein__told *out = t->out;
    rows rs = {NULL, 0, 0, out->noutlets};
    int rc = 0;
    for (size_t i = 0; !rc && i < nr && i < MAX_ROWS_OUT; i++) {
        int id = (int)(r[i] - t->ent);
        for (size_t p = t->ent_start[id]; !rc && p < t->ent_start[id + 1]; p++)
            rc = row_mark(&rs, SKEIN__ROW_NAME, r[i]->display,
                          out->outlet_of[t->e[t->by_ent[p]].member]);
    }
    for (size_t m = 0; !rc && m < t->s->size; m++) rc = mark_member(t, &rs, m);
    if (rc) {
        for (size_t i = 0; i < rs.n; i++) free(rs.r[i].has);
        free(rs.r);
        return -1;
    }
    if (rs.n) qsort(rs.r, rs.n, sizeof(*rs.r), cmp_row);
    size_t per_kind[3] = {0, 0, 0};
    for (size_t i = 0; i < rs.n; i++) { /* keep the first of each kind */
        if (per_kind[rs.r[i].kind]++ < MAX_ROWS_OUT)
            rs.r[out->nrows++] = rs.r[i];
        else
            free(rs.r[i].has);
    }
    out->rows = rs.r;
    return 0;
}

/* ---- events ------------------------------------------------------------------------ */

static int cmp_time(const void *x, const void *y, void *ctx) {
    const skein_story *s = ctx;
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int64_t ta = s->members[a].published, tb = s->members[b].published;
    if (ta != tb) return ta < tb ? -1 : 1;
    return a < b ? -1 : 1;
}

/* Event numbers (1...) per member into event[]; returns how many events. */
static size_t number_events(const skein_story *s, double gap_hours, size_t *order, size_t *event) {
    size_t nd = 0, n = s->size;
    for (size_t i = 0; i < n; i++)
        if (s->members[i].published != SKEIN_NO_TIME) order[nd++] = i;
    qsort_r(order, nd, sizeof(*order), cmp_time, (void *)s);
    const double gap = gap_hours * 3600.0;
    size_t nev = 0;
    for (size_t k = 0; k < nd; k++) {
        if (k == 0 ||
            (double)(s->members[order[k]].published - s->members[order[k - 1]].published) > gap)
            nev++;
        event[order[k]] = nev;
    }
    if (!nev) nev = 1;
    size_t prev = 1; /* undated: the event of the member before in arrival order */
    for (size_t i = 0; i < n; i++) {
        if (s->members[i].published == SKEIN_NO_TIME) event[i] = prev;
        prev = event[i];
    }
    return nev;
}

static int events_told(teller *t, const char *lang) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    size_t n = s->size, *order = malloc((n + 1) * sizeof(*order)),
           *event = calloc(n + 1, sizeof(*event));
    size_t nev = order && event ? number_events(s, t->o.event_gap_hours, order, event) : 0;
    if (!order || !event || !(out->events = calloc(nev + 1, sizeof(*out->events)))) goto fail;
    for (size_t ev = 1; ev <= nev; ev++) {
        skein__told_event *o = &out->events[out->nevents];
        *o = (skein__told_event){NULL, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL, 0};
        if (!(o->members = malloc((n + 1) * sizeof(*o->members)))) goto fail;
        for (size_t i = 0; i < n; i++) {
            if (event[i] != ev) continue;
            o->members[o->size++] = i;
            int64_t ti = s->members[i].published;
            if (ti == SKEIN_NO_TIME) continue;
            if (o->first == SKEIN_NO_TIME || ti < o->first) o->first = ti;
            if (o->last == SKEIN_NO_TIME || ti > o->last) o->last = ti;
        }
        if (!o->size) {
            free(o->members);
            continue;
        }
        long c = central_member(t, lang, o->members, o->size);
        if (c < 0) c = central_member(t, NULL, o->members, o->size);
        o->title = c >= 0 ? s->members[c].title : NULL;
        out->nevents++;
    }
    free(order), free(event);
    return 0;
fail:
    free(order), free(event);
    return -1;
}

/* ---- the story ------------------------------------------------------------------------ */

static int languages_told(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    if (!(out->languages = calloc(s->size + 1, sizeof(*out->languages)))) return -1;
    for (size_t i = 0; i < s->size; i++) {
        const char *l = skein__member_lang(&s->members[i]);
        size_t k = 0;
        while (k < out->nlanguages && strcmp(out->languages[k].lang, l)) k++;
        if (k == out->nlanguages) out->languages[out->nlanguages++] = (skein__told_count){l, 0};
        out->languages[k].count++;
    }
    return 0;
}

static int sources_told(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    if (!(out->sources = calloc(s->size + 1, sizeof(*out->sources)))) return -1;
    for (size_t i = 0; i < s->size; i++) {
        const char *src = s->members[i].source;
        int seen = !src;
        for (size_t j = 0; j < i && !seen; j++)
            seen = s->members[j].source && !strcmp(s->members[j].source, src);
        if (!seen) out->sources[out->nsources++] = src;
    }
    return 0;
}

/* The headline: the reader's language if the story has it, else its
 * majority's; the linker's central member when it is in that language.
 * Then one headline per language. */
static int headlines_told(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    const char *hl = t->major_lang;
    for (size_t i = 0; t->o.lang && i < s->size; i++)
        if (!strcmp(skein__member_lang(&s->members[i]), t->o.lang)) hl = t->o.lang;
    long head = central_member(t, hl, NULL, s->size);
    const char *title = head >= 0 ? s->members[head].title : s->title;
    if (s->title && head >= 0 && !strcmp(hl, t->major_lang)) {
        for (size_t i = 0; i < s->size; i++)
            if (s->members[i].title && !strcmp(s->members[i].title, s->title) &&
                !strcmp(skein__member_lang(&s->members[i]), hl))
                title = s->title;
    }
    out->title = title, out->title_lang = hl;
    if (!(out->headlines = calloc(s->size + 1, sizeof(*out->headlines)))) return -1;
    for (size_t i = 0; i < s->size; i++) {
        const char *l = skein__member_lang(&s->members[i]);
        int seen = 0;
        for (size_t k = 0; k < out->nheadlines && !seen; k++)
            seen = !strcmp(out->headlines[k].lang, l);
        if (seen) continue;
        if (!strcmp(l, hl)) {
            out->headlines[out->nheadlines++] = (skein__told_headline){l, title ? title : ""};
            continue;
        }
        long c = central_member(t, l, NULL, s->size);
        if (c >= 0)
            out->headlines[out->nheadlines++] = (skein__told_headline){l, s->members[c].title};
    }
    return 0;
}

static int story_told(teller *t) {
    size_t nr = 0;
    entity **r = ranked_entities(t, &nr);
    if (!r) return -1;
    skein__told *out = t->out;
    out->growth = round(skein_story_growth(t->s, t->o.now) * 1000) / 1000;
    int rc = headlines_told(t) || languages_told(t) || sources_told(t) ||
             events_told(t, out->title_lang) || names_told(t, r, nr) || quotes_told(t) ||
             coverage_told(t, r, nr);
    free(r);
    return rc;
}

static void teller_release(teller *t) {
    free(t->member_entry), free(t->e), free(t->ent), free(t->by_ent), free(t->ent_start);
    free(t->centrality);
}

void skein__told_release(skein__told *t) {
    if (!t) return;
    free(t->headlines), free(t->languages), free(t->sources);
    for (size_t i = 0; i < t->nevents; i++) free(t->events[i].members);
    free(t->events);
    for (size_t i = 0; i < t->nnames; i++) free(t->names[i].aliases);
    free(t->names), free(t->quotes), free(t->outlets), free(t->outlet_of);
    for (size_t i = 0; i < t->nrows; i++) free(t->rows[i].has);
    free(t->rows);
    memset(t, 0, sizeof(*t));
}

int skein__story_tell(const skein_story *s, const skein_tell_options *o, skein__told *out) {
    memset(out, 0, sizeof(*out));
    if (!s) return SKEIN_EINVAL;
    out->s = s;
    teller t;
    memset(&t, 0, sizeof(t));
    t.s = s, t.out = out;
    skein_tell_options_default(&t.o);
    if (o) t.o.lang = o->lang, t.o.now = o->now;
    if (o && o->event_gap_hours > 0) t.o.event_gap_hours = o->event_gap_hours;
    int rc = SKEIN_ENOMEM;
    if (read_notes(&t) || build_entities(&t) || outlets(&t)) goto done;
    if (!(t.centrality = calloc(s->size + 1, sizeof(double)))) goto done;
    t.major_lang = majority_lang(s);
    pick_displays(&t, t.o.lang ? t.o.lang : t.major_lang);
    centrality(&t);
    if (!story_told(&t)) rc = SKEIN_OK;
done:
    teller_release(&t);
    return rc;
}

int skein_story_tell(const skein_story *s, const skein_tell_options *o, char **json) {
    if (!s || !json) return SKEIN_EINVAL;
    *json = NULL;
    skein__told told;
    int rc = skein__story_tell(s, o, &told);
    if (!rc && !(*json = skein__told_json(&told))) rc = SKEIN_ENOMEM;
    skein__told_release(&told);
    return rc;
}
