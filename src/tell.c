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

#include "clean.h"

#include "copies.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GROWTH_WINDOW 6 /* hours */
#define MAX_NAMES_OUT 60
#define MAX_ROWS_OUT 40  /* coverage rows per kind */
#define HEADLINE_MAX 120 /* bytes of a headline, at most */
#define LEAD_CHARS 480   /* a lead stops growing past so many bytes */

/* ---- strings to dense ids ----------------------------------------------------- */

/* Distinct strings, each given the next id (0, 1, ...) when first seen, so
 * that telling looks a string up in constant time rather than comparing it
 * with every one before.  A hash that two strings share is salted again. */
typedef struct strix {
    u64map m;       /* hash -> id + 1 */
    const char **s; /* id -> string (borrowed) */
    size_t n, cap;
} strix;

static void strix_release(strix *x) {
    skein__u64map_release(&x->m);
    free(x->s);
}

/* The id of string v, adding it when `add`; -1 when absent (not added), -2 on ENOMEM. */
static long strix_id(strix *x, const char *v, int add) {
    size_t len = strlen(v);
    uint64_t h = skein__hash(v, len);
    for (uint64_t salt = 1;; salt++) {
        uint64_t key = h ? h : 1;
        uint64_t *slot = add ? skein__u64map_upsert(&x->m, key) : skein__u64map_get(&x->m, key);
        if (!slot) return add ? -2 : -1;
        if (*slot && !strcmp(x->s[*slot - 1], v)) return (long)*slot - 1;
        if (!*slot) {
            if (skein__grow((void **)&x->s, &x->cap, x->n + 1, sizeof(*x->s))) {
                skein__u64map_del(&x->m, key);
                return -2;
            }
            x->s[x->n] = v;
            *slot = ++x->n;
            return (long)x->n - 1;
        }
        h = skein__hash_salt(v, len, salt); /* another string with this hash */
    }
}

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

typedef struct entry { /* one name of one member's notes (kept by the memo: small) */
    const char *name, *place;
    const uint64_t *keys; /* the note's, nkeys of them */
    uint64_t key0, keyn;  /* its first and last, kept here: telling reads them for every
                           * entry, and the notes lie all over memory */
    uint64_t alt;
    uint32_t member;
    uint32_t note; /* its index in the member's notes */
    int count, words;
    int entity;
    signed char kind; /* skein_kind */
    signed char weak, nkeys;
    signed char alias; /* shown as a spelling of its entity */
    signed char latin; /* its name in Latin script (script_latin), kept here likewise */
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
    long next; /* the next entity with the same last key (-1: none) */
    long tail; /* on the first of them: the last of them */
} entity;

typedef struct teller {
    const skein_story *s;
    skein_tell_options o;
    skein__told *out;
    skein__tell_memo *memo; /* what was read of the members (e, member_entry, ...) */
    entry *e;
    size_t ne;
    size_t *member_entry; /* first entry of member i; member_entry[size] = ne */
    entity *ent;
    size_t nent;
    size_t *by_ent;    /* entries grouped by entity, in entry order: */
    size_t *ent_start; /* entity i's are by_ent[ent_start[i] .. ent_start[i + 1]) */
    double *centrality;
    const char *major_lang;
    const uint32_t *lang_of; /* member -> its language's id (memo->langs) */
    u64map by_last;          /* an entity's last key -> the first entity with it + 1 */
    u64map by_sound;         /* how a gazetteer place's spellings sound -> the place + 1 */
    u64map by_full;          /* full names by keys (full_entity) */
    u64map by_script;        /* full names by last key and script (script_entity) */
    int32_t *name_id;        /* entry -> the id of its name among the story's names */
    int *quality;  /* member -> how well its title reads as a headline (skein__title_quality) */
    size_t nnames; /* distinct names of entries */
} teller;

/* What was read of a story's members: the first n members as they were
 * (to know them again), and what telling derives from each member alone.
 * Every array grows as members join; entries keep their index. */
struct skein__tell_memo {
    skein_member *seen; /* the members read */
    size_t n, seen_cap;
    entry *e; /* their names' entries, member after member */
    size_t ne, e_cap;
    size_t *member_entry; /* member -> its first entry; [n]: ne */
    size_t me_cap;
    strix names;      /* entries' names, as ids */
    int32_t *name_id; /* entry -> its name's id */
    size_t nid_cap;
    int *quality; /* member -> skein__title_quality of its title */
    size_t q_cap;
    uint64_t *order;   /* entries in the order they claim entities (claim_key) */
    strix outlets;     /* members' sources (their ids when none), distinct, in order */
    size_t *outlet_of; /* member -> outlet */
    size_t oo_cap;
    strix langs;       /* members' languages (skein__member_lang), distinct, in order */
    uint32_t *lang_of; /* member -> language */
    size_t lo_cap;
    unsigned char *has_lang; /* member -> 1 when it names its language (lang not NULL) */
    size_t hl_cap;
    unsigned char *has_quotes; /* member -> 1 when its notes hold quotes (else skipped unread) */
    size_t hq_cap;
    strix sources;     /* members' sources (none: none), distinct, in order */
    uint32_t *by_time; /* the dated members in time order (then arrival): ntime of them */
    size_t ntime, bt_cap;
    skein__copies_memo *copies; /* which members copy which (copies.c) */
};

static int script_latin(const char *s) { return s && (unsigned char)s[0] < 0x80; }

/* Member i's names as entries at the end of m->e, each with its name's id. */
static int read_notes(skein__tell_memo *m, size_t i) {
    const skein_notes *n = m->seen[i].notes;
    for (size_t k = 0; n && k < n->nnames; k++) {
        const skein_name_note *x = &n->names[k];
        if (!x->name || !x->nkeys) continue;
        if (skein__grow((void **)&m->e, &m->e_cap, m->ne + 1, sizeof(*m->e)) ||
            skein__grow((void **)&m->name_id, &m->nid_cap, m->ne + 1, sizeof(*m->name_id)))
            return -1;
        entry *e = &m->e[m->ne];
        memset(e, 0, sizeof(*e));
        e->member = (uint32_t)i, e->note = (uint32_t)k;
        e->name = x->name, e->place = x->place;
        e->kind =
            (signed char)((unsigned)x->kind <= SKEIN_KIND_PLACE ? (int)x->kind : SKEIN_KIND_OTHER);
        e->count = (int)x->count, e->words = (int)x->words, e->weak = (signed char)!!x->weak;
        e->alt = x->alt;
        e->nkeys = (signed char)SKEIN_MIN(x->nkeys, 4u);
        e->keys = x->keys;
        e->key0 = x->keys[0], e->keyn = x->keys[e->nkeys - 1];
        e->latin = (signed char)script_latin(x->name);
        e->entity = -1;
        /* its name as an id among the story's distinct names */
        long id = strix_id(&m->names, e->name, 1);
        if (id < 0) return -1;
        m->name_id[m->ne++] = (int32_t)id;
    }
    return 0;
}

/* ---- names ------------------------------------------------------------------- */

/* The key entities with last key k are listed under (0 is the map's). */
static uint64_t last_slot(uint64_t k) { return k ? k : 0x9E3779B97F4A7C15ull; }

/* The first entity whose last key may be k (the list also holds others that
 * share its slot); -1 when none. */
static long first_by_last(const teller *t, uint64_t k) {
    const uint64_t *v = skein__u64map_get(&t->by_last, last_slot(k));
    return v ? (long)*v - 1 : -1;
}

static int new_entity(teller *t, size_t *cap, const entry *e, uint64_t first, uint64_t last) {
    if (skein__grow((void **)&t->ent, cap, t->nent + 1, sizeof(*t->ent))) return -1;
    uint64_t *head = skein__u64map_upsert(&t->by_last, last_slot(last));
    if (!head) return -1;
    long id = (long)t->nent;
    t->ent[id] = (entity){
        e->kind, first, last, e->place != NULL, {0}, 0, 0, e->weak, e->latin, NULL, 0, -1, id};
    if (*head) {
        entity *h = &t->ent[*head - 1];
        t->ent[h->tail].next = id, h->tail = id;
    } else {
        *head = (uint64_t)id + 1;
    }
    return (int)t->nent++;
}

static uint64_t last_key(const entry *e) { return e->keyn; }
static uint64_t first_key(const entry *e) { return e->nkeys > 1 && e->words > 1 ? e->key0 : 0; }

/* Entries claim entities in this order: places, full names, lone words,
 * then weak ones; more mentions first; then in entry order. */

/* Entry i's place in the claim order as one number: claim_order's class
 * (2 bits), its mentions, most first (30 bits), then i; so that sorting and
 * merging compare numbers, not entries all over the memo. */
static uint64_t claim_key(const entry *e, uint32_t i) {
    uint64_t cls = e->place ? 0 : e->weak ? 3 : first_key(e) ? 1 : 2;
    uint64_t count = e->count < 0 ? 0 : e->count > 0x3FFFFFFF ? 0x3FFFFFFF : (uint64_t)e->count;
    return cls << 62 | (0x3FFFFFFF - count) << 32 | i;
}

/* The entity whose last key is k, preferring the most mentioned; -1. */
static int entity_by_last(const teller *t, uint64_t k, int strong_only) {
    int best = -1;
    for (long i = k ? first_by_last(t, k) : -1; i >= 0; i = t->ent[i].next) {
        const entity *x = &t->ent[i];
        if (x->gazetteer || x->last != k || (strong_only && x->weak)) continue;
        if (best < 0 || x->mentions > t->ent[best].mentions) best = (int)i;
    }
    return best;
}

/* Full names (entities with a first key) are found by their keys in maps
 * rather than along the list of all the entities of their last key, which
 * grows long in a big story: by_full holds (first, last) -> the first such
 * entity + 1, by_script (last, latin) -> the first full name of that
 * script + 1.  Two keys sharing a slot: the list is walked, as without. */
static uint64_t full_slot(uint64_t first, uint64_t last) {
    uint64_t k = (first * 0x9E3779B97F4A7C15ull) ^ (last + 0x632BE59BD9B4E019ull);
    return k ? k : 1;
}

static uint64_t script_slot(uint64_t last, int latin) {
    uint64_t k =
        (last * 0xC2B2AE3D27D4EB4Full) ^ (latin ? 0x165667B19E3779F9ull : 0x27D4EB2F165667C5ull);
    return k ? k : 1;
}

/* The first entity with these first and last keys; -1. */
static int full_entity(const teller *t, uint64_t first, uint64_t last) {
    const uint64_t *v = skein__u64map_get(&t->by_full, full_slot(first, last));
    if (!v) return -1;
    const entity *x = &t->ent[*v - 1];
    if (x->first == first && x->last == last) return (int)*v - 1;
    for (long i = first_by_last(t, last); i >= 0; i = t->ent[i].next)
        if (t->ent[i].first == first && t->ent[i].last == last) return (int)i;
    return -1;
}

/* The first full name with last key `last` in Latin script or not (latin); -1. */
static int script_entity(const teller *t, uint64_t last, int latin) {
    const uint64_t *v = skein__u64map_get(&t->by_script, script_slot(last, latin));
    if (!v) return -1;
    const entity *x = &t->ent[*v - 1];
    if (x->first && x->last == last && x->latin == latin) return (int)*v - 1;
    for (long i = first_by_last(t, last); i >= 0; i = t->ent[i].next)
        if (t->ent[i].first && t->ent[i].last == last && t->ent[i].latin == latin) return (int)i;
    return -1;
}

/* Full name `id`, new, into by_full and by_script (where its slot is free:
 * an earlier entity keeps it). */
static int full_entity_add(teller *t, int id) {
    const entity *x = &t->ent[id];
    uint64_t *a = skein__u64map_upsert(&t->by_full, full_slot(x->first, x->last));
    if (a && !*a) *a = (uint64_t)id + 1;
    uint64_t *b = a ? skein__u64map_upsert(&t->by_script, script_slot(x->last, x->latin)) : NULL;
    if (b && !*b) *b = (uint64_t)id + 1;
    return b ? 0 : -1;
}

static int build_entities(teller *t) {
    size_t cap = 0;
    const uint64_t *order = t->memo->order;
    for (size_t r = 0; r < t->ne; r++) {
        /* entries come in claim order, all over the memo: fetched ahead */
        if (r + 8 < t->ne) __builtin_prefetch(&t->e[(uint32_t)order[r + 8]]);
        entry *e = &t->e[(uint32_t)order[r]];
        int id = -1;
        if (e->place) {
            for (long i = first_by_last(t, e->key0); i >= 0 && id < 0; i = t->ent[i].next)
                if (t->ent[i].gazetteer && t->ent[i].last == e->key0) id = (int)i;
            if (id < 0 && (id = new_entity(t, &cap, e, 0, e->key0)) < 0) goto fail;
            if (e->alt) { /* how this spelling sounds (extract_names.c) */
                uint64_t *q = skein__u64map_upsert(&t->by_sound, e->alt);
                if (!q) goto fail;
                if (!*q) *q = (uint64_t)id + 1;
            }
        } else if (!e->weak && first_key(e)) {
            id = full_entity(t, first_key(e), last_key(e));
            /* in another script, a first name may not sound the same (Jens, ينس) */
            if (id < 0) id = script_entity(t, last_key(e), !e->latin);
            if (id < 0 && ((id = new_entity(t, &cap, e, first_key(e), last_key(e))) < 0 ||
                           full_entity_add(t, id)))
                goto fail;
        } else {
            id = entity_by_last(t, last_key(e), 0);
            if (id < 0) id = entity_by_last(t, e->alt, 0);
            /* a lone word sounding like a place the gazetteer named in
             * another spelling: that place */
            const uint64_t *p = e->words == 1 && id < 0 && last_key(e)
                                    ? skein__u64map_get(&t->by_sound, last_key(e))
                                    : NULL;
            if (p) id = (int)*p - 1;
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
    return -1;
}

/* 1 when name entity i is worth telling: backed by a strong entry or by
 * two articles. */
static int entity_shown(const teller *t, size_t i) {
    return !t->ent[i].weak || t->ent[i].articles >= 2;
}

/* A language's id among the members' (memo->langs); -1 when no member has it. */
static long lang_id(const teller *t, const char *lang) {
    return lang ? strix_id(&t->memo->langs, lang, 0) : -1;
}

#define LANG_ANY (-2L) /* central_member: in any language */

/* How a display form ranks, field by field: written in the reader's
 * language, then of the entity's kind (a place shown by a spelling read as
 * a place: "France", not the "French" that met it on its key), then in
 * Latin script, then by its count (summed over articles; a form of several
 * words counts four times). */
typedef struct display_rank {
    int lang, kind, latin;
    long count;
} display_rank;

static int display_above(const display_rank *a, const display_rank *b) {
    if (a->lang != b->lang) return a->lang > b->lang;
    if (a->kind != b->kind) return a->kind > b->kind;
    if (a->latin != b->latin) return a->latin > b->latin;
    return a->count > b->count;
}

/* The display form: the most frequent full form in the reader's language
 * (else the story's majority language, else Latin script, else any), of
 * the entity's kind where one is (display_rank). */
static int pick_displays(teller *t, const char *lang) {
    long *sum = calloc(t->nnames + 1, sizeof(*sum)); /* a name's count in the entity */
    if (!sum) return -1;
    /* a member's language is the reader's: its id is lang's (and it names one) */
    const long lid = lang_id(t, lang);
    const unsigned char *has_lang = t->memo->has_lang;
    for (size_t i = 0; i < t->nent; i++) {
        const char *best = NULL;
        display_rank best_rank = {0, 0, 0, -1};
        const size_t from = t->ent_start[i], to = t->ent_start[i + 1];
        for (size_t p = from; p < to; p++)
            sum[t->name_id[t->by_ent[p]]] += t->e[t->by_ent[p]].count;
        for (size_t p = from; p < to; p++) {
            const entry *e = &t->e[t->by_ent[p]];
            if (!e->alias) continue;
            display_rank r = {0, 0, 0, sum[t->name_id[t->by_ent[p]]]};
            if (e->words > 1) r.count *= 4;
            r.lang = lid >= 0 && (long)t->lang_of[e->member] == lid && has_lang[e->member];
            r.kind = t->ent[i].kind != SKEIN_KIND_OTHER && e->kind == t->ent[i].kind;
            r.latin = !r.lang && e->latin;
            if (!best || display_above(&r, &best_rank)) best = e->name, best_rank = r;
        }
        for (size_t p = from; p < to; p++) sum[t->name_id[t->by_ent[p]]] = 0;
        t->ent[i].display = best ? best : "";
    }
    free(sum);
    return 0;
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

/* The most central member in language `lang` (a lang_id; LANG_ANY: any) whose title
 * reads best as a headline; -1 if none has a title. */
static long central_member(const teller *t, long lang, const size_t *subset, size_t nsub) {
    long best = -1;
    int best_q = 0;
    for (size_t k = 0; k < nsub; k++) {
        size_t m = subset ? subset[k] : k;
        if (lang != LANG_ANY && (long)t->lang_of[m] != lang) continue;
        int q = t->quality[m];
        if (!q) continue;
        if (best < 0 || q > best_q || (q == best_q && t->centrality[m] > t->centrality[best]))
            best = (long)m, best_q = q;
    }
    return best;
}

/* A string the record owns; NULL on ENOMEM. */
static const char *own(skein__told *out, char *s) {
    char **grown = s ? realloc(out->owned, (out->nowned + 1) * sizeof(*grown)) : NULL;
    if (!grown) {
        free(s);
        return NULL;
    }
    out->owned = grown;
    return out->owned[out->nowned++] = s;
}

/* Text s as a headline: its full stop dropped, cut on a word to at most
 * HEADLINE_MAX bytes ("…" at the cut).  s itself when it fits; NULL on ENOMEM. */
static const char *as_headline(skein__told *out, const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s);
    int stop = n > 1 && s[n - 1] == '.' && s[n - 2] != '.' && !(n > 3 && s[n - 3] == '.');
    if (n <= HEADLINE_MAX && !stop && s[n - 1] != ' ') return s;
    size_t full = n - (size_t)stop;
    while (full > 0 && s[full - 1] == ' ') full--; /* "... morning ." */
    size_t keep = full;
    if (keep > HEADLINE_MAX) {
        keep = HEADLINE_MAX - 3; /* room for "…" */
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80) keep--;
        size_t word = keep;
        while (word > HEADLINE_MAX / 2 && s[word] != ' ') word--;
        if (s[word] == ' ') keep = word;
        while (keep > 0 && (s[keep - 1] == ' ' || s[keep - 1] == ',' || s[keep - 1] == ';')) keep--;
    }
    int cut = keep < full;
    char *o = malloc(keep + 4);
    if (!o) return NULL;
    memcpy(o, s, keep);
    memcpy(o + keep, cut ? "\xE2\x80\xA6" : "", cut ? 4 : 1);
    return own(out, o);
}

/* The language most members have (ties: the one that came first); NULL on
 * ENOMEM. */
static const char *majority_lang(const teller *t) {
    const strix *langs = &t->memo->langs;
    const char *best = "und";
    size_t best_n = 0, *count = calloc(langs->n + 1, sizeof(*count));
    if (!count) return NULL;
    for (size_t i = 0; i < t->s->size; i++) count[t->lang_of[i]]++;
    for (size_t id = 0; id < langs->n; id++) /* in order of first member */
        if (count[id] > best_n) best = langs->s[id], best_n = count[id];
    free(count);
    return best;
}

/* Is member m a copy of another's text (copies_told)? */
static int is_copy(const teller *t, size_t m) { return t->out->original[m] != m; }

/* ---- outlets, names ----------------------------------------------------------------- */

static int outlets(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    const skein__tell_memo *m = t->memo;
    out->outlet_of = malloc((s->size + 1) * sizeof(*out->outlet_of));
    out->outlets = malloc((m->outlets.n + 1) * sizeof(*out->outlets));
    if (!out->outlet_of || !out->outlets) return -1;
    memcpy(out->outlet_of, m->outlet_of, s->size * sizeof(*out->outlet_of));
    if (m->outlets.n) memcpy(out->outlets, m->outlets.s, m->outlets.n * sizeof(*out->outlets));
    out->noutlets = m->outlets.n;
    return 0;
}

/* Entity x's spellings: its entries shown as aliases, one per spelling with
 * the mentions summed and the language of the first. */
static int aliases_of(teller *t, int id, skein__told_name *n, size_t *alias_at) {
    size_t cap = 0;
    int rc = 0;
    for (size_t p = t->ent_start[id]; p < t->ent_start[id + 1] && !rc; p++) {
        const entry *e = &t->e[t->by_ent[p]];
        if (!e->alias) continue;
        size_t *at = &alias_at[t->name_id[t->by_ent[p]]]; /* its spelling's alias + 1 */
        if (*at) {
            n->aliases[*at - 1].count += (size_t)e->count;
            continue;
        }
        if (skein__grow((void **)&n->aliases, &cap, n->naliases + 1, sizeof(*n->aliases))) {
            rc = -1;
            break;
        }
        n->aliases[n->naliases++] = (skein__told_alias){
            e->name, skein__member_lang(&t->s->members[e->member]), (size_t)e->count};
        *at = n->naliases;
    }
    for (size_t p = t->ent_start[id]; p < t->ent_start[id + 1]; p++)
        alias_at[t->name_id[t->by_ent[p]]] = 0;
    return rc;
}

static int names_told(teller *t, entity **r, size_t nr) {
    skein__told *out = t->out;
    size_t n = SKEIN_MIN(nr, (size_t)MAX_NAMES_OUT);
    size_t *alias_at = calloc(t->nnames + 1, sizeof(*alias_at));
    if (!alias_at || !(out->names = calloc(n + 1, sizeof(*out->names)))) return free(alias_at), -1;
    for (size_t i = 0; i < n; i++) {
        const entity *x = r[i];
        int id = (int)(x - t->ent);
        skein__told_name *o = &out->names[out->nnames++];
        *o = (skein__told_name){
            x->display, (skein_kind)x->kind, x->articles, x->mentions, NULL, 0, NULL, x->first,
            x->last};
        if (aliases_of(t, id, o, alias_at)) return free(alias_at), -1;
        for (size_t p = t->ent_start[id];
             x->kind == SKEIN_KIND_PLACE && !o->place && p < t->ent_start[id + 1]; p++)
            o->place = t->e[t->by_ent[p]].place;
    }
    free(alias_at);
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

/* Quotes by speaker (speakers in order of their first quote), then those
 * whose speaker is unknown. */
static int quotes_told(teller *t) {
    qref *r = NULL;
    size_t n = 0, cap = 0, *group = NULL, gcap = 0; /* speaker id -> group */
    strix x;
    memset(&x, 0, sizeof(x));
    for (size_t m = 0; m < t->s->size; m++) {
        if (!t->memo->has_quotes[m]) continue; /* its notes unread: most members quote none */
        const skein_notes *notes = t->s->members[m].notes;
        for (size_t i = 0; notes && i < notes->nquotes; i++) {
            const skein_quote_note *q = &notes->quotes[i];
            if (!q->text) continue;
            const char *sp = speaker_name(t, m, q);
            size_t known = x.n;
            long id = sp ? strix_id(&x, sp, 1) : -1;
            if (skein__grow((void **)&r, &cap, n + 1, sizeof(*r)) || id < -1 ||
                (id >= 0 && skein__grow((void **)&group, &gcap, x.n, sizeof(*group)))) {
                free(r), free(group), strix_release(&x);
                return -1;
            }
            /* a speaker's group: the place of its first quote */
            if (x.n > known) group[id] = n;
            size_t g = sp ? group[id] : (size_t)-1;
            r[n] = (qref){g, n, {sp, q->text, m, q->confidence, g, n}};
            n++;
        }
    }
    free(group), strix_release(&x);
    /* in the order of (group, at): a counting sort by group (the quotes
     * without a speaker last), stable, as they were made in order of at */
    skein__told *out = t->out;
    size_t *start = calloc(n + 2, sizeof(*start));
    if (!start || !(out->quotes = calloc(n + 1, sizeof(*out->quotes)))) {
        free(r), free(start);
        return -1;
    }
    for (size_t k = 0; k < n; k++) start[(r[k].group < n ? r[k].group : n) + 1]++;
    for (size_t b = 1; b <= n; b++) start[b] += start[b - 1];
    for (size_t k = 0; k < n; k++) out->quotes[start[r[k].group < n ? r[k].group : n]++] = r[k].q;
    out->nquotes = n;
    free(r), free(start);
    return 0;
}

/* ---- coverage -------------------------------------------------------------------- */

typedef struct rows {
    skein__told_row *r;
    size_t n, cap;
    size_t noutlets;
    strix items[3]; /* per kind, its items */
    size_t *row[3]; /* per kind, item id -> row */
    size_t rowcap[3];
} rows;

static void rows_index_release(rows *rs) {
    for (int k = 0; k < 3; k++) strix_release(&rs->items[k]), free(rs->row[k]);
}

static skein__told_row *row_get(rows *rs, skein__row_kind kind, const char *item) {
    size_t known = rs->items[kind].n;
    long id = strix_id(&rs->items[kind], item, 1);
    if (id < 0) return NULL;
    if (rs->items[kind].n == known) return &rs->r[rs->row[kind][id]];
    if (skein__grow((void **)&rs->row[kind], &rs->rowcap[kind], (size_t)id + 1, sizeof(size_t)))
        return NULL;
    rs->row[kind][id] = rs->n;
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

/* The matrix: the first names told that have a kind (person, organisation,
 * place), the speakers quoted with confidence, the numbers; by
 * kind, most outlets first; at most MAX_ROWS_OUT of each kind. */
static int coverage_told(teller *t, entity **r, size_t nr) {
    skein__told *out = t->out;
    rows rs;
    memset(&rs, 0, sizeof(rs));
    rs.noutlets = out->noutlets;
    int rc = 0;
    for (size_t i = 0, told = 0; !rc && i < nr && told < MAX_ROWS_OUT; i++) {
        if (r[i]->kind == SKEIN_KIND_OTHER) continue; /* a name skein cannot type: not compared */
        told++;
        int id = (int)(r[i] - t->ent);
        skein__told_row *row = NULL; /* found at its first entry not a copy's, once */
        for (size_t p = t->ent_start[id]; !rc && p < t->ent_start[id + 1]; p++) {
            size_t m = t->e[t->by_ent[p]].member;
            if (is_copy(t, m)) continue;
            if (!row && !(row = row_get(&rs, SKEIN__ROW_NAME, r[i]->display))) rc = -1;
            if (row && !row->has[out->outlet_of[m]]) row->has[out->outlet_of[m]] = 1, row->n++;
        }
    }
    for (size_t m = 0; !rc && m < t->s->size; m++)
        if (!is_copy(t, m)) rc = mark_member(t, &rs, m); /* a text counts once */
    rows_index_release(&rs);
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

/* Event numbers (1...) per member into event[]; returns how many events.
 * The dated members in time order are the memo's (memo_time_order). */
static size_t number_events(const teller *t, double gap_hours, size_t *event) {
    const skein_story *s = t->s;
    const uint32_t *order = t->memo->by_time;
    size_t nd = t->memo->ntime, n = s->size;
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
    size_t n = s->size, *event = calloc(n + 1, sizeof(*event));
    size_t nev = event ? number_events(t, t->o.event_gap_hours, event) : 0;
    size_t *size = event ? calloc(nev + 2, sizeof(*size)) : NULL; /* per event */
    if (!size || !(out->events = calloc(nev + 1, sizeof(*out->events)))) goto fail;
    for (size_t i = 0; i < n; i++) size[event[i]]++;
    for (size_t ev = 1; ev <= nev; ev++) {
        if (!size[ev]) continue;
        skein__told_event *o = &out->events[out->nevents];
        *o = (skein__told_event){NULL, SKEIN_NO_TIME, SKEIN_NO_TIME, NULL, 0};
        if (!(o->members = malloc((size[ev] + 1) * sizeof(*o->members)))) goto fail;
        out->nevents++;
        size[ev] = out->nevents; /* now: the event told + 1 */
    }
    for (size_t i = 0; i < n; i++) {
        skein__told_event *o = &out->events[size[event[i]] - 1];
        o->members[o->size++] = i;
        int64_t ti = s->members[i].published;
        if (ti == SKEIN_NO_TIME) continue;
        if (o->first == SKEIN_NO_TIME || ti < o->first) o->first = ti;
        if (o->last == SKEIN_NO_TIME || ti > o->last) o->last = ti;
    }
    long lid = lang_id(t, lang);
    for (size_t k = 0; k < out->nevents; k++) {
        skein__told_event *o = &out->events[k];
        long c = central_member(t, lid, o->members, o->size);
        if (c < 0) c = central_member(t, LANG_ANY, o->members, o->size);
        o->title = c >= 0 ? as_headline(out, s->members[c].title) : NULL;
        if (c >= 0 && !o->title) goto fail;
    }
    free(event), free(size);
    return 0;
fail:
    free(event), free(size);
    return -1;
}

/* ---- the story ------------------------------------------------------------------------ */

static int languages_told(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    const strix *langs = &t->memo->langs;
    if (!(out->languages = calloc(langs->n + 1, sizeof(*out->languages)))) return -1;
    for (size_t k = 0; k < langs->n; k++) out->languages[k] = (skein__told_count){langs->s[k], 0};
    out->nlanguages = langs->n; /* in order of first member */
    for (size_t i = 0; i < s->size; i++) out->languages[t->lang_of[i]].count++;
    return 0;
}

static int sources_told(teller *t) {
    skein__told *out = t->out;
    const strix *sources = &t->memo->sources;
    if (!(out->sources = calloc(sources->n + 1, sizeof(*out->sources)))) return -1;
    if (sources->n) /* no member with a source: nothing to copy, sources->s may be NULL */
        memcpy(out->sources, sources->s, sources->n * sizeof(*out->sources));
    out->nsources = sources->n; /* in order of first member */
    return 0;
}

/* ---- copies, lead -------------------------------------------------------------- */

static int copies_told(teller *t) {
    t->out->original = malloc((t->s->size + 1) * sizeof(*t->out->original));
    return t->out->original ? skein__copies_update(&t->memo->copies, t->s, t->out->original) : -1;
}

/* Words of a sentence, as hashes of their lower-cased ASCII letters and
 * other bytes, into w (at most cap); how many. */
static size_t sentence_words(const char *s, uint64_t *w, size_t cap) {
    size_t n = 0;
    while (*s && n < cap) {
        while (*s && (*s == ' ' || *s == ',' || *s == '.' || *s == '"' || *s == ';')) s++;
        if (!*s) break;
        uint64_t h = 1469598103934665603ull;
        for (; *s && *s != ' ' && *s != ',' && *s != '.' && *s != '"' && *s != ';'; s++) {
            unsigned char ch = (unsigned char)*s;
            h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch)) * 1099511628211ull;
        }
        w[n++] = h;
    }
    return n;
}

#define SENTENCE_WORDS 80 /* words of a sentence compared, at most */

/* How much two sentences share, given their words (sentence_words): words
 * in both over words in either. */
static double overlap(const uint64_t *wa, size_t na, const uint64_t *wb, size_t nb) {
    size_t both = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (wa[i] == wb[j]) {
                both++;
                break;
            }
    return na + nb > both ? (double)both / (double)(na + nb - both) : 1;
}

/* Sentence k of member m (k == SKEIN_LEAD_SENTENCES: its title, when the
 * title is a sentence), its text and span. */
static const char *sentence_of(const teller *t, size_t m, size_t k, skein_span *sp) {
    const skein_member *mb = &t->s->members[m];
    if (k < SKEIN_LEAD_SENTENCES) {
        *sp = mb->notes->sentences[k].span;
        return mb->notes->sentences[k].text;
    }
    if (t->quality[m] != 1) return NULL;
    size_t n = strlen(mb->title);
    if (n < 60 || n > 320) return NULL;
    *sp = (skein_span){0, (uint32_t)n, 1};
    return mb->title;
}

/* What a sentence of member m (span sp) says of the story: the article
 * counts of the story's names it mentions, each once, for every 60 bytes
 * of it; an article's first sentence (or a title that is one) weighs more. */
static double sentence_score(const teller *t, size_t m, size_t k, const char *text, skein_span sp) {
    const skein_notes *n = t->s->members[m].notes;
    double sum = 0;
    for (size_t i = t->member_entry[m]; i < t->member_entry[m + 1]; i++) {
        const entry *e = &t->e[i];
        if (e->entity < 0 || !entity_shown(t, (size_t)e->entity)) continue;
        const skein_name_note *x = &n->names[e->note];
        for (uint32_t j = 0; j < x->count; j++)
            if (x->mentions[j].title == sp.title && x->mentions[j].start >= sp.start &&
                x->mentions[j].end <= sp.end) {
                sum += (double)t->ent[e->entity].articles;
                break;
            }
    }
    static const double position[SKEIN_LEAD_SENTENCES + 1] = {1.0, 0.7, 0.55, 0.45, 1.0};
    return sum / (1.0 + (double)strlen(text) / 60.0) * position[k];
}

/* The lead: up to SKEIN__LEAD_MAX sentences of the articles in `lang` (else
 * of any), best first, each sharing little with those chosen before and
 * coming from another article when one can, until LEAD_CHARS; copies'
 * sentences are their original's. */
static int lead_told(teller *t, const char *lang) {
    skein__told *out = t->out;
    const skein_story *s = t->s;
    /* a sentence's score is the same in every round: each is scored once */
    const size_t per = SKEIN_LEAD_SENTENCES + 1;
    const long lid = lang_id(t, lang);
    double *scores = malloc((s->size * per + 1) * sizeof(*scores));
    unsigned char *scored = calloc(s->size * per + 1, 1);
    if (!scores || !scored) return free(scores), free(scored), -1;
    uint64_t lw[SKEIN__LEAD_MAX][SENTENCE_WORDS]; /* the words of the lead's sentences */
    size_t nlw[SKEIN__LEAD_MAX];
    for (int any = 0; any < 2 && !out->nlead; any++) {
        size_t chars = 0;
        while (out->nlead < SKEIN__LEAD_MAX && chars < LEAD_CHARS) {
            double best = -1;
            size_t bm = 0, bk = 0;
            for (int other = 1; other >= 0 && best < 0; other--)
                for (size_t m = 0; m < s->size; m++) {
                    const skein_notes *n = s->members[m].notes;
                    if (!n || is_copy(t, m) || (!any && (long)t->lang_of[m] != lid)) continue;
                    int used = 0;
                    for (size_t j = 0; j < out->nlead; j++) used |= out->lead[j].member == m;
                    if (used && other) continue;
                    for (size_t k = 0; k <= SKEIN_LEAD_SENTENCES; k++) {
                        skein_span sp;
                        const char *text = k < n->nsentences || k == SKEIN_LEAD_SENTENCES
                                               ? sentence_of(t, m, k, &sp)
                                               : NULL;
                        if (text && !scored[m * per + k])
                            scores[m * per + k] = sentence_score(t, m, k, text, sp),
                                             scored[m * per + k] = 1;
                        double sc = text ? scores[m * per + k] : -1;
                        if (!(sc > best)) continue;
                        /* chosen only if it shares little with those before
                         * (their words read once, when chosen) */
                        int fresh = 1;
                        uint64_t w[SENTENCE_WORDS];
                        size_t nw = out->nlead ? sentence_words(text, w, SENTENCE_WORDS) : 0;
                        for (size_t j = 0; j < out->nlead && fresh; j++)
                            fresh = overlap(lw[j], nlw[j], w, nw) < 0.35;
                        if (fresh) best = sc, bm = m, bk = k;
                    }
                }
            if (best < 0) break;
            skein_span sp;
            const char *text = sentence_of(t, bm, bk, &sp);
            nlw[out->nlead] = sentence_words(text, lw[out->nlead], SENTENCE_WORDS);
            out->lead[out->nlead++] = (skein__told_lead){text, bm};
            chars += strlen(text);
        }
    }
    free(scores), free(scored);
    return 0;
}

/* The headline: the reader's language if the story has it, else its
 * majority's; the linker's central member when it is in that language.
 * Then one headline per language. */
static int headlines_told(teller *t) {
    const skein_story *s = t->s;
    skein__told *out = t->out;
    const char *hl = t->o.lang && lang_id(t, t->o.lang) >= 0 ? t->o.lang : t->major_lang;
    const long hid = lang_id(t, hl);
    long head = central_member(t, hid, NULL, s->size);
    const char *title = head >= 0 ? s->members[head].title : NULL;
    if (s->title && head >= 0 && !strcmp(hl, t->major_lang) &&
        skein__title_quality(s->title) >= skein__title_quality(title)) {
        for (size_t i = 0; i < s->size; i++)
            if (s->members[i].title && !strcmp(s->members[i].title, s->title) &&
                (long)t->lang_of[i] == hid)
                title = s->title;
    }
    /* no title that reads as one: the lead's first sentence */
    if ((!title || skein__title_quality(title) < 2) && out->nlead) title = out->lead[0].text;
    if (title && !(title = as_headline(out, title))) return -1;
    out->title = title, out->title_lang = hl;
    const strix *langs = &t->memo->langs;
    if (!(out->headlines = calloc(langs->n + 1, sizeof(*out->headlines)))) return -1;
    for (size_t id = 0; id < langs->n; id++) { /* in order of first member */
        const char *l = langs->s[id];
        if ((long)id == hid) {
            out->headlines[out->nheadlines++] = (skein__told_headline){l, title ? title : ""};
            continue;
        }
        long c = central_member(t, (long)id, NULL, s->size);
        const char *h = c >= 0 ? as_headline(out, s->members[c].title) : NULL;
        if (c >= 0 && !h) return -1;
        if (h) out->headlines[out->nheadlines++] = (skein__told_headline){l, h};
    }
    return 0;
}

static int story_told(teller *t) {
    size_t nr = 0;
    entity **r = ranked_entities(t, &nr);
    if (!r) return -1;
    skein__told *out = t->out;
    out->growth = round(skein_story_growth(t->s, t->o.now) * 1000) / 1000;
    const char *hl = t->o.lang && lang_id(t, t->o.lang) >= 0 ? t->o.lang : t->major_lang;
    int rc = copies_told(t) || lead_told(t, hl) || headlines_told(t) || languages_told(t) ||
             sources_told(t) || events_told(t, out->title_lang) || names_told(t, r, nr) ||
             quotes_told(t) || coverage_told(t, r, nr);
    free(r);
    return rc;
}

static void teller_release(teller *t) {
    free(t->ent), free(t->by_ent), free(t->ent_start), free(t->centrality);
    skein__u64map_release(&t->by_last);
    skein__u64map_release(&t->by_sound);
    skein__u64map_release(&t->by_full);
    skein__u64map_release(&t->by_script);
}

void skein__told_release(skein__told *t) {
    if (!t) return;
    free(t->headlines), free(t->languages), free(t->sources);
    for (size_t i = 0; i < t->nevents; i++) free(t->events[i].members);
    free(t->events);
    for (size_t i = 0; i < t->nnames; i++) free(t->names[i].aliases);
    free(t->names), free(t->quotes), free(t->outlets), free(t->outlet_of), free(t->original);
    for (size_t i = 0; i < t->nowned; i++) free(t->owned[i]);
    free(t->owned);
    for (size_t i = 0; i < t->nrows; i++) free(t->rows[i].has);
    free(t->rows);
    memset(t, 0, sizeof(*t));
}

/* ---- the memo ------------------------------------------------------------------ */

static int same_member(const skein_member *a, const skein_member *b) {
    return a->id == b->id && a->lang == b->lang && a->source == b->source && a->title == b->title &&
           a->published == b->published && a->notes == b->notes;
}

/* Forgets every member read (the arrays are kept for reuse). */
static void memo_forget(skein__tell_memo *m) {
    strix_release(&m->names), strix_release(&m->outlets);
    strix_release(&m->langs), strix_release(&m->sources);
    memset(&m->names, 0, sizeof(m->names)), memset(&m->outlets, 0, sizeof(m->outlets));
    memset(&m->langs, 0, sizeof(m->langs)), memset(&m->sources, 0, sizeof(m->sources));
    skein__copies_forget(m->copies);
    m->n = m->ne = m->ntime = 0;
}

void skein__tell_memo_free(skein__tell_memo *m) {
    if (!m) return;
    memo_forget(m);
    free(m->seen), free(m->e), free(m->member_entry), free(m->name_id), free(m->quality);
    free(m->order), free(m->outlet_of), free(m->lang_of), free(m->by_time), free(m->has_lang);
    free(m->has_quotes);
    skein__copies_memo_free(m->copies);
    free(m);
}

/* Member i of s read into the memo (its members before it are). */
static int memo_add(skein__tell_memo *m, const skein_story *s, size_t i) {
    if (skein__grow((void **)&m->seen, &m->seen_cap, i + 1, sizeof(*m->seen)) ||
        skein__grow((void **)&m->member_entry, &m->me_cap, i + 2, sizeof(*m->member_entry)) ||
        skein__grow((void **)&m->quality, &m->q_cap, i + 1, sizeof(*m->quality)) ||
        skein__grow((void **)&m->outlet_of, &m->oo_cap, i + 1, sizeof(*m->outlet_of)) ||
        skein__grow((void **)&m->lang_of, &m->lo_cap, i + 1, sizeof(*m->lang_of)) ||
        skein__grow((void **)&m->has_lang, &m->hl_cap, i + 1, sizeof(*m->has_lang)) ||
        skein__grow((void **)&m->has_quotes, &m->hq_cap, i + 1, sizeof(*m->has_quotes)))
        return -1;
    const skein_member *mb = &s->members[i];
    m->seen[i] = *mb;
    m->member_entry[i] = m->ne;
    if (read_notes(m, i)) return -1;
    m->member_entry[i + 1] = m->ne;
    m->quality[i] = skein__title_quality(mb->title);
    long k = strix_id(&m->outlets, mb->source ? mb->source : mb->id, 1);
    if (k < 0) return -1;
    m->outlet_of[i] = (size_t)k;
    long l = strix_id(&m->langs, skein__member_lang(mb), 1);
    if (l < 0 || (mb->source && strix_id(&m->sources, mb->source, 1) < 0)) return -1;
    m->lang_of[i] = (uint32_t)l, m->has_lang[i] = mb->lang != NULL;
    m->has_quotes[i] = mb->notes && mb->notes->nquotes;
    m->n = i + 1;
    return 0;
}

static int cmp_time(const void *x, const void *y, void *ctx) {
    const skein_story *s = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    int64_t ta = s->members[a].published, tb = s->members[b].published;
    if (ta != tb) return ta < tb ? -1 : 1;
    return a < b ? -1 : 1;
}

/* The dated members from `from` on, sorted, merged into the time order
 * (members' times do not change: the order of those before stays). */
static int memo_time_order(skein__tell_memo *m, const skein_story *s, size_t from) {
    size_t nf = 0, old = m->ntime;
    if (skein__grow((void **)&m->by_time, &m->bt_cap, old + (s->size - from) + 1,
                    sizeof(*m->by_time)))
        return -1;
    uint32_t *fresh = malloc((s->size - from + 1) * sizeof(*fresh));
    if (!fresh) return -1;
    for (size_t i = from; i < s->size; i++)
        if (s->members[i].published != SKEIN_NO_TIME) fresh[nf++] = (uint32_t)i;
    qsort_r(fresh, nf, sizeof(*fresh), cmp_time, (void *)s);
    size_t a = old, b = nf, r = old + nf; /* merged from the back, in place */
    while (b > 0) {
        if (a > 0 && cmp_time(&m->by_time[a - 1], &fresh[b - 1], (void *)s) > 0)
            m->by_time[--r] = m->by_time[--a];
        else
            m->by_time[--r] = fresh[--b];
    }
    m->ntime = old + nf;
    free(fresh);
    return 0;
}

/* The memo brought up to story s: the members that joined since read, and
 * their entries merged into the claim order (a stable merge of sorted runs
 * is the sort of the whole, claim_key being distinct for each entry). */
static int memo_update(skein__tell_memo *m, const skein_story *s) {
    size_t keep = m->n <= s->size ? m->n : 0;
    for (size_t i = 0; i < keep; i++)
        if (!same_member(&m->seen[i], &s->members[i])) keep = 0;
    if (keep < m->n || !m->member_entry) memo_forget(m);
    size_t old = m->ne;
    if (!m->n && skein__grow((void **)&m->member_entry, &m->me_cap, 1, sizeof(*m->member_entry)))
        return -1;
    if (!m->n) m->member_entry[0] = 0;
    size_t before = m->n;
    for (size_t i = m->n; i < s->size; i++)
        if (memo_add(m, s, i)) return memo_forget(m), -1;
    if (before < m->n && memo_time_order(m, s, before)) return memo_forget(m), -1;
    if (m->ne == old && m->order) return 0;
    size_t nf = m->ne - old;
    uint64_t *fresh = malloc((nf + 1) * sizeof(*fresh)),
             *merged = malloc((m->ne + 1) * sizeof(*merged));
    if (!fresh || !merged) {
        free(fresh), free(merged), memo_forget(m);
        return -1;
    }
    for (size_t k = 0; k < nf; k++) fresh[k] = claim_key(&m->e[old + k], (uint32_t)(old + k));
    skein__sort_u64(fresh, merged, nf); /* merged: room to sort in, before it is filled */
    /* the few that joined go between runs of the many before, each run
     * found by a binary search and copied whole */
    size_t a = 0, r = 0;
    for (size_t b = 0; b < nf; b++) {
        size_t lo = a, hi = old; /* the first of order[a..old) after fresh[b] */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (m->order[mid] < fresh[b])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > a) memcpy(merged + r, m->order + a, (lo - a) * sizeof(*merged));
        r += lo - a, a = lo;
        merged[r++] = fresh[b];
    }
    if (old > a) memcpy(merged + r, m->order + a, (old - a) * sizeof(*merged));
    free(fresh), free(m->order);
    m->order = merged;
    return 0;
}

int skein__story_tell_memo(const skein_story *s, const skein_tell_options *o,
                           skein__tell_memo **memo, skein__told *out) {
    memset(out, 0, sizeof(*out));
    if (!s || !memo) return SKEIN_EINVAL;
    out->s = s;
    if (!*memo && !(*memo = calloc(1, sizeof(**memo)))) return SKEIN_ENOMEM;
    skein__tell_memo *m = *memo;
    teller t;
    memset(&t, 0, sizeof(t));
    t.s = s, t.out = out, t.memo = m;
    skein_tell_options_default(&t.o);
    if (o) t.o.lang = o->lang, t.o.now = o->now;
    if (o && o->event_gap_hours > 0) t.o.event_gap_hours = o->event_gap_hours;
    int rc = SKEIN_ENOMEM;
    if (memo_update(m, s)) goto done;
    t.e = m->e, t.ne = m->ne, t.member_entry = m->member_entry;
    t.name_id = m->name_id, t.nnames = m->names.n, t.quality = m->quality;
    t.lang_of = m->lang_of;
    if (build_entities(&t) || outlets(&t)) goto done;
    if (!(t.centrality = calloc(s->size + 1, sizeof(double)))) goto done;
    if (!(t.major_lang = majority_lang(&t))) goto done;
    if (pick_displays(&t, t.o.lang ? t.o.lang : t.major_lang)) goto done;
    centrality(&t);
    if (!story_told(&t)) rc = SKEIN_OK;
done:
    teller_release(&t);
    return rc;
}

int skein__story_tell(const skein_story *s, const skein_tell_options *o, skein__told *out) {
    skein__tell_memo *m = NULL;
    int rc = skein__story_tell_memo(s, o, &m, out);
    skein__tell_memo_free(m);
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
