/* cluster.c -- the online linker.  See cluster.h for the design.
 *
 * Memory per open story is bounded by top_features per subspace plus its
 * member records; the index holds index_features entries per story (plus
 * stale ones, swept).  Per article the work is: learn and weigh its vector
 * (one map probe per feature), gather candidates from its strongest features,
 * score at most max_candidates stories by merge-joins, and fold it into one
 * centroid (reusing the idf values just computed: no look-ups). */
#include "cluster.h"

#include "fvec.h"
#include "index.h"
#include "notes.h"
#include "regroup.h"
#include "snap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 8
#define QUERY_FEATURES 24    /* an article's strongest words and names looked up */
#define KEY_FEATURES 12      /* ... and its strongest interlingual keys and numbers */
#define KEY_CANDIDATES 5     /* stories scored for sharing keys alone */
#define WORD_KEY_FEATURES 32 /* a story's strongest keys of words in scripts without case */
#define LEX_TYPICAL 0.1      /* lexicon cosine of two reports of one event, across languages */
#define W_TITLE_COVER 1.0    /* weight of the title cover in the same-language score */
#define W_NAMES_COVER 0.75   /* ... and of the cover of the headlines' names */
#define ONE_SIDED_NAMES 0.5  /* share of it that counts when one headline names no one */
#define DATE_CONFLICT 0.5    /* what is left of a score when the titles name other days */
#define SUBJECT_CONFLICT 0.5 /* ... and when the headlines open with other names */
#define DATE_SLACK 3         /* days between two titles' dates that are still one event's */
#define MAX_POSTING_LIST 4096
#define PREFETCH_AHEAD 8           /* features ahead whose document-frequency slot is fetched */
#define MAX_DF_FEATURES (1u << 21) /* document-frequency table bound (~50 MB) */
#define REGROUP_FROM (2 * REGROUP_GROUP) /* stories are looked at again from this size */
#define REGROUP_GROUP 5   /* a split leaves at least this many articles on each side */
#define REGROUP_SAMPLE 64 /* a look compares at most this many members pair by pair */

typedef struct member_rec {
    char *id, *lang, *source, *title;
    skein_notes *notes;
    int64_t published;
    int64_t t;               /* the time it was linked with */
    skein__doc doc;          /* its features, to look at the story again (regroup), in one
                                block (doc.sub[0].f; each vector's cap is its length) */
    double norm[SKEIN_NSUB]; /* the norms of doc's tf vectors, for rebuilding centroids */
    char link_lang[8];       /* the language it was linked as */
} member_rec;

typedef struct story {
    uint64_t id;
    skein__fvec c[SKEIN_NSUB]; /* centroid: sums of members' unit tf vectors (w) with
                                  each feature's idf, sorted by id */
    double norm[SKEIN_NSUB];   /* norm of the idf-weighted centroid */
    uint32_t slot;             /* in the linker's slab; index entries name the slot */
    member_rec *mem;
    size_t nmem, mem_cap;
    char langs[MAX_LANGS][8];
    int nlangs;
    int64_t first, last, touched;
    uint64_t stamp;      /* the linker's add count when an article last joined */
    uint64_t weighed_at; /* documents seen when the idf values were last looked up */
    size_t head;
    double head_score;
    size_t looked_at;          /* its size at its last second look; 0: none since it was made,
                                  merged or split */
    struct story *prev, *next; /* recency list, most recent first */
} story;

typedef struct cand {
    uint64_t slot;
    uint32_t hits;
    uint32_t keys_only; /* found through interlingual keys alone: scored across languages only */
} cand;

/* The features of a look's sample (regroup_story) numbered 0.. (pos: each
 * vector entry's number, vectors one after the other), and for each number
 * the sampled members that have it with their weights, by member (a posting
 * list).  The linker keeps the arrays from look to look with their room
 * (cap): a large look's arrays would otherwise be mapped and cleared by the
 * system each time. */
typedef struct posting {
    uint32_t member;
    float w; /* as the vector holds it: 8 bytes a posting */
} posting;

typedef struct numbered {
    uint32_t *pos;
    size_t *start; /* vector i's entries are pos[start[i] .. start[i + 1]) */
    size_t *first; /* number f's postings are post[first[f] .. first[f + 1]) */
    posting *post;
    size_t cap[4]; /* of pos, start, first, post */
} numbered;

struct skein__linker {
    skein_options o;
    skein__dfs dfs;
    skein__index *ix;
    /* Open stories live in slab slots.  An index entry is slot << 32 | epoch;
     * a slot's epoch moves on when its story re-posts or closes, which makes
     * every older entry stale without touching it. */
    story **slab;
    uint32_t *epoch;
    size_t nslab, slab_cap, epoch_cap;
    uint32_t *free_slots;
    size_t nfree, free_cap;
    story *newest, *oldest;
    size_t nopen;
    uint64_t next_id;
    uint64_t adds; /* articles linked: stamps stories as they are touched */
    int64_t now;
    skein_story_fn on_close;
    void *ud;
    skein__move_fn on_move;
    void *move_ud;
    int regroup;     /* 1: stories are looked at again as they grow and when they close */
    int fresh_moved; /* the last split moved the article being linked */
    /* scratch, reused per article */
    skein__fvec q[SKEIN_NSUB];
    double qnorm[SKEIN_NSUB];
    uint32_t *hit_count, *hit_slots; /* count_hit */
    size_t hit_count_cap, hit_slots_cap, nhit;
    uint64_t *qb_key; /* query_body_index: the query's body words */
    uint32_t *qb_stamp, qb_look;
    size_t qb_cap;
    int qb_bits;
    skein__fvec *mv; /* regroup_story: the sampled members' vectors */
    size_t mv_cap;
    numbered nb;       /* number_features */
    uint64_t *num_key; /* number_features: feature ids -> numbers, open addressing */
    uint32_t *num_val, *num_stamp, num_look;
    size_t num_cap;
    cand *cands;
    size_t ncands, cands_cap;
    skein__fvec tmp;
    float *wk; /* weights of a subspace being cut */
    size_t wk_cap;
    skein__fvec qk, sk; /* keys that count of the query and of a story (known_keys) */
    double qk_norm;
};

/* ---- small vector helpers ------------------------------------------------ */

static double norm2(const skein__fvec *v) {
    double s = 0;
    for (size_t i = 0; i < v->n; i++) s += (double)v->f[i].w * (double)v->f[i].w;
    return sqrt(s);
}

/* Norm of w * idf. */
static double norm_idf(const skein__fvec *v) {
    double s = 0;
    for (size_t i = 0; i < v->n; i++) {
        double x = (double)v->f[i].w * (double)v->f[i].idf;
        s += x * x;
    }
    return sqrt(s);
}

/* ---- stories -------------------------------------------------------------- */

static void member_free(member_rec *m) {
    free(m->id), free(m->lang), free(m->source), free(m->title), skein_notes_free(m->notes);
    free(m->doc.sub[0].f);
}

static void story_free(story *s) {
    if (!s) return;
    for (int k = 0; k < SKEIN_NSUB; k++) skein__fvec_release(&s->c[k]);
    for (size_t i = 0; i < s->nmem; i++) member_free(&s->mem[i]);
    free(s->mem);
    free(s);
}

/* 1 when the story holds `lang` or articles of undetected language ("und",
 * which may be any language and so counts as the same). */
static int story_has_lang(const story *s, const char *lang) {
    for (int i = 0; i < s->nlangs; i++)
        if (strcmp(s->langs[i], lang) == 0 || strcmp(s->langs[i], "und") == 0) return 1;
    return 0;
}

static void story_add_lang(story *s, const char *lang) {
    if (!lang || story_has_lang(s, lang) || s->nlangs == MAX_LANGS) return;
    strncpy(s->langs[s->nlangs], lang, 7);
    s->langs[s->nlangs++][7] = 0;
}

static char *dup_or_null(const char *s) { return s ? skein__strndup(s, strlen(s)) : NULL; }

/* Adds record m, with document d (copied, with the idf values of q, the
 * same document weighed; NULL: none), linked as language `lang` at time t. */
static int story_add_member(story *s, const skein_member *m, const skein__doc *d,
                            const skein__fvec *q, const char *lang, int64_t t) {
    if (skein__grow((void **)&s->mem, &s->mem_cap, s->nmem + 1, sizeof(*s->mem))) return -1;
    member_rec *r = &s->mem[s->nmem];
    memset(r, 0, sizeof(*r));
    r->id = dup_or_null(m->id), r->lang = dup_or_null(m->lang);
    r->source = dup_or_null(m->source), r->title = dup_or_null(m->title);
    r->notes = m->notes ? skein_notes_copy(m->notes) : NULL;
    r->published = m->published;
    r->t = t;
    strncpy(r->link_lang, lang ? lang : "und", sizeof(r->link_lang) - 1);
    size_t total = 0;
    for (int k = 0; d && k < SKEIN_NSUB; k++) total += d->sub[k].n;
    skein__feat *block = d ? malloc((total + 1) * sizeof(*block)) : NULL;
    for (size_t k = 0, at = 0; block && k < SKEIN_NSUB; at += d->sub[k++].n) {
        skein__fvec *v = &r->doc.sub[k];
        const skein__feat *f = d->sub[k].f;
        *v = (skein__fvec){block + at, d->sub[k].n, d->sub[k].n};
        for (size_t i = 0; i < v->n; i++) v->f[i] = (skein__feat){f[i].id, f[i].w, q[k].f[i].idf};
        r->norm[k] = norm2(v);
    }
    if ((d && !block) || !r->id || (m->lang && !r->lang) || (m->source && !r->source) ||
        (m->title && !r->title) || (m->notes && !r->notes)) {
        member_free(r);
        return -1;
    }
    s->nmem++;
    return 0;
}

/* Moves the values of a[lo..hi) for which `above` (v > pivot; else v ==
 * pivot) holds to its front, keeping none of them in order; returns where
 * the others start.  Each value is swapped down and the bound moves on only
 * for those that go: which ones do is a coin toss, so no branch on it. */
static size_t partition(float *a, size_t lo, size_t hi, float pivot, int above) {
    size_t at = lo;
    for (size_t i = lo; i < hi; i++) {
        float v = a[i];
        a[i] = a[at], a[at] = v;
        at += above ? v > pivot : v == pivot;
    }
    return at;
}

/* The k-th largest of a[0..n) (1 <= k <= n), a reordered; *heavier gets
 * how many are larger.  Quickselect with three-way partitions (as many
 * weights are equal: features of one member with one document frequency),
 * made of two branch-free passes: all before a range looked at are larger
 * than all in it, so the last partition's count of larger ones is the
 * array's. */
static float kth_largest(float *a, size_t n, size_t k, size_t *heavier) {
    size_t lo = 0, hi = n, target = k - 1;
    for (;;) {
        float x = a[lo], y = a[lo + (hi - lo) / 2], z = a[hi - 1];
        float pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
        /* [lo, gt) > pivot, [gt, lt) == pivot (never empty), [lt, hi) < */
        size_t gt = partition(a, lo, hi, pivot, 1), lt = partition(a, gt, hi, pivot, 0);
        if (target < gt)
            hi = gt;
        else if (target < lt)
            return *heavier = gt, pivot;
        else
            lo = lt;
    }
}

/* Cuts centroid subspace c to the `top` features of largest w * idf (ties:
 * smaller ids first) once it has grown to 1.5 x top (so the cut is
 * amortised over several joins), kept in place, still by id.  The top-th
 * weight is selected among the weights alone; of the features that weigh
 * that much, the first ones by id make up the count. */
static void cut_subspace(skein__linker *l, skein__fvec *c, size_t top) {
    if (c->n > top + top / 2 &&
        !skein__grow((void **)&l->wk, &l->wk_cap, 2 * c->n, sizeof(float))) {
        float *wk = l->wk, *sel = l->wk + c->n; /* the weights by id, and a copy to select in */
        for (size_t i = 0; i < c->n; i++) wk[i] = c->f[i].w * c->f[i].idf;
        memcpy(sel, wk, c->n * sizeof(*sel));
        size_t ties; /* of weight `last`, kept: top less the heavier ones */
        float last = kth_largest(sel, c->n, top, &ties);
        ties = top - ties;
        /* Kept or not is a coin toss per feature: every one is copied
         * down and the count moves on only for those kept (no branch). */
        size_t kept = 0;
        for (size_t i = 0; i < c->n; i++) {
            float w = wk[i];
            size_t heavier = w > last, tie = (w == last) & (ties != 0);
            c->f[kept] = c->f[i];
            kept += heavier | tie;
            ties -= tie;
        }
        c->n = kept;
    }
}

/* Looks every centroid feature's idf up again: IDF moves as the stream grows
 * (fast at first), so a story not updated for a while is refreshed. */
static void story_reweight(skein__linker *l, story *s) {
    s->weighed_at = l->dfs.docs;
    for (int k = 0; k < SKEIN_NSUB; k++) {
        skein__fvec *c = &s->c[k];
        for (size_t i = 0; i < c->n; i++) {
            if (i + PREFETCH_AHEAD < c->n)
                skein__u64map_prefetch(&l->dfs.df, c->f[i + PREFETCH_AHEAD].id);
            c->f[i].idf = (float)skein__idf(&l->dfs, c->f[i].id);
        }
        s->norm[k] = norm_idf(c);
    }
}

/* Adds the document's unit-length tf vectors to the centroid; l->q must hold
 * the same document weighed (weigh_query), whose idf values are reused.
 * dn: the norms of d's vectors when known (a member's), else NULL. */
static int story_absorb(skein__linker *l, story *s, const skein__doc *d, const double *dn) {
    if (!s->weighed_at) s->weighed_at = l->dfs.docs;
    for (int k = 0; k < SKEIN_NSUB; k++) {
        double n = dn ? dn[k] : norm2(&d->sub[k]);
        if (n > 0 && skein__fvec_add_scaled(&s->c[k], &d->sub[k], &l->q[k], 1.0 / n, &l->tmp))
            return -1;
        size_t had = s->c[k].n;
        cut_subspace(l, &s->c[k], (size_t)l->o.top_features);
        /* a centroid neither added to nor cut keeps its norm */
        if (n > 0 || s->c[k].n != had) s->norm[k] = norm_idf(&s->c[k]);
    }
    return 0;
}

static void story_extend_time(story *s, int64_t t) {
    if (t == SKEIN_NO_TIME) return;
    if (s->first == SKEIN_NO_TIME || t < s->first) s->first = t;
    if (s->last == SKEIN_NO_TIME || t > s->last) s->last = t;
}

/* ---- index posting -------------------------------------------------------- */

/* Candidates are found through groups of features: words and names (same
 * language), and interlingual keys with numbers (any language).  Each group
 * posts and looks up its own strongest features, so keys never crowd out
 * words.  A third group, a story's keys of words in scripts without case,
 * is only posted: a query's keys (known_keys) look it up. */
enum { GROUP_WORDS, GROUP_KEYS, GROUP_WORD_KEYS };

/* Fills l->tmp with the `k` strongest features of `group` in vectors v
 * (norms nv), weights scaled to unit length per subspace.  Returns how many
 * (at most k), or -1 on ENOMEM. */
static long strongest(skein__linker *l, const skein__fvec *v, const double *nv, int group, size_t k,
                      int with_idf) {
    static const int subs[3][3] = {{SKEIN_SUB_BODY, SKEIN_SUB_NAMES, -1},
                                   {SKEIN_SUB_KEYS, SKEIN_SUB_NUM, SKEIN_SUB_YEAR},
                                   {SKEIN_SUB_CKEYS, -1, -1}};
    skein__fvec *t = &l->tmp;
    size_t n = 0;
    for (int sub = 0; sub < SKEIN_NSUB; sub++) n += v[sub].n;
    if (skein__grow((void **)&t->f, &t->cap, n + 1, sizeof(*t->f))) return -1;
    t->n = 0;
    for (int j = 0; j < 3; j++) {
        int sub = subs[group][j];
        if (sub < 0 || nv[sub] <= 0) continue;
        for (size_t i = 0; i < v[sub].n; i++) {
            const skein__feat *f = &v[sub].f[i];
            double w = with_idf ? f->w * f->idf : f->w;
            t->f[t->n++] = (skein__feat){f->id, (float)(w / nv[sub]), 0};
        }
    }
    k = SKEIN_MIN(k, t->n);
    skein__feat_top(t->f, t->n, k);
    return (long)k;
}

static int alive(uint64_t entry, void *ud) {
    const skein__linker *l = ud;
    uint32_t slot = (uint32_t)(entry >> 32);
    return slot < l->nslab && l->slab[slot] && l->epoch[slot] == (uint32_t)entry;
}

/* Posts the story's strongest words, names and keys under a new epoch. */
static int story_post(skein__linker *l, story *s) {
    uint64_t entry = (uint64_t)s->slot << 32 | ++l->epoch[s->slot];
    static const size_t budget[3] = {0, KEY_FEATURES, WORD_KEY_FEATURES};
    for (int g = GROUP_WORDS; g <= GROUP_WORD_KEYS; g++) {
        /* A story's word keys are posted apart: which of them are names is
         * not known yet, and a name key of a query may meet any of them. */
        size_t k = g == GROUP_WORDS ? (size_t)l->o.index_features : budget[g];
        long n = strongest(l, s->c, s->norm, g, k, 1);
        if (n < 0) return -1;
        for (long i = 0; i < n; i++) skein__index_prefetch(l->ix, l->tmp.f[i].id);
        for (long i = 0; i < n; i++)
            if (skein__index_post(l->ix, l->tmp.f[i].id, entry)) return -1;
    }
    return 0;
}

/* ---- recency list and closing ---------------------------------------------- */

static void lru_unlink(skein__linker *l, story *s) {
    if (s->prev)
        s->prev->next = s->next;
    else
        l->newest = s->next;
    if (s->next)
        s->next->prev = s->prev;
    else
        l->oldest = s->prev;
    s->prev = s->next = NULL;
}

static void lru_push(skein__linker *l, story *s) {
    s->next = l->newest;
    s->prev = NULL;
    if (l->newest) l->newest->prev = s;
    l->newest = s;
    if (!l->oldest) l->oldest = s;
}

/* Hands story s to fn as a skein_story; -1 on ENOMEM. */
static int story_show(const story *s, skein_story_fn fn, void *ud) {
    skein_member *ms = calloc(s->nmem ? s->nmem : 1, sizeof(*ms));
    if (!ms) return -1;
    for (size_t i = 0; i < s->nmem; i++)
        ms[i] = (skein_member){s->mem[i].id,    s->mem[i].lang,      s->mem[i].source,
                               s->mem[i].title, s->mem[i].published, s->mem[i].notes};
    skein_story st = {s->id, s->mem[s->head].title, s->nmem, ms, s->first, s->last, NULL};
    fn(&st, ud);
    free(ms);
    return 0;
}

static int regroup_story(skein__linker *l, story *s, size_t fresh, story **out);

/* Closes s, first looking at it again unless it has grown by less than a
 * quarter since its last look as it grew (on ECB+ x1 and x20 such a look
 * never split a story, and the looks at the stream's end were 6% of the
 * run; a story merged or split since is looked at): when it splits, its two
 * parts close one after the other (memory short: it closes whole). */
static void story_close(skein__linker *l, story *s) {
    story *part = NULL;
    if (!s->looked_at || s->nmem >= s->looked_at + s->looked_at / 4)
        if (regroup_story(l, s, (size_t)-1, &part)) part = NULL;
    if (l->on_close) story_show(s, l->on_close, l->ud);
    lru_unlink(l, s);
    l->slab[s->slot] = NULL;
    l->epoch[s->slot]++;
    if (!skein__grow((void **)&l->free_slots, &l->free_cap, l->nfree + 1, sizeof(uint32_t)))
        l->free_slots[l->nfree++] = s->slot; /* else the slot is merely not reused */
    l->nopen--;
    story_free(s);
    if (part) story_close(l, part);
}

static void evict(skein__linker *l) {
    while (l->oldest) {
        story *s = l->oldest;
        int idle = l->now != SKEIN_NO_TIME && s->touched != SKEIN_NO_TIME &&
                   (double)(l->now - s->touched) > l->o.window_days * 86400.0;
        if (!idle && l->nopen <= (size_t)l->o.max_active) break;
        story_close(l, s);
    }
}

/* ---- scoring ---------------------------------------------------------------- */

/* The keys that count, merged into `out` (final weights, idf 1): all name
 * and place keys, and of the keys of words in scripts without case (where
 * any word may be a name) those the stream has seen as a name key: "بوتين"
 * counts once "Putin" has been seen, "قال" (said) never does.  `centroid`:
 * the vectors are a story's (weights times idf) rather than a weighed query. */
static int known_keys(const skein__linker *l, const skein__fvec *k, const skein__fvec *ck,
                      int centroid, skein__fvec *out) {
    if (skein__grow((void **)&out->f, &out->cap, k->n + ck->n + 1, sizeof(*out->f))) return -1;
    size_t i = 0, j = 0, n = 0;
    while (i < k->n || j < ck->n) {
        int from_k = j == ck->n || (i < k->n && k->f[i].id <= ck->f[j].id);
        const skein__feat *f = from_k ? &k->f[i++] : &ck->f[j++];
        if (!from_k && !skein__u64map_get(&l->dfs.df, f->id)) continue;
        float w = centroid ? f->w * f->idf : f->w;
        if (n && out->f[n - 1].id == f->id)
            out->f[n - 1].w += w;
        else
            out->f[n++] = (skein__feat){f->id, w, 1.0f};
    }
    out->n = n;
    return 0;
}

static int query_body_index(skein__linker *l);

/* Weighs the article's tf vectors by IDF into l->q (keeping each idf).  With
 * `learn`, first counts the article in the document frequencies: one map
 * probe per feature does both. */
static int weigh_query(skein__linker *l, const skein__doc *d, int learn) {
    if (learn) l->dfs.docs++;
    for (int k = 0; k < SKEIN_NSUB; k++) {
        int learn_k = learn && k != SKEIN_SUB_CKEYS; /* a word's key is no name's */
        if (skein__fvec_copy(&l->q[k], &d->sub[k])) return -1;
        for (size_t i = 0; i < l->q[k].n; i++) {
            skein__feat *f = &l->q[k].f[i];
            if (i + PREFETCH_AHEAD < l->q[k].n)
                skein__u64map_prefetch(&l->dfs.df, f[PREFETCH_AHEAD].id);
            uint64_t *c = learn_k ? skein__u64map_upsert(&l->dfs.df, f->id)
                                  : skein__u64map_get(&l->dfs.df, f->id);
            if (learn_k && !c) return -1;
            uint64_t df = c ? (learn_k ? ++*c : *c) : 0;
            f->idf = (float)skein__idf_of(&l->dfs, df);
            f->w *= f->idf;
        }
        l->qnorm[k] = norm2(&l->q[k]);
    }
    if (known_keys(l, &l->q[SKEIN_SUB_KEYS], &l->q[SKEIN_SUB_CKEYS], 0, &l->qk)) return -1;
    l->qk_norm = norm2(&l->qk);
    return query_body_index(l);
}

static double time_factor(const skein__linker *l, const story *s, int64_t t) {
    if (t == SKEIN_NO_TIME || s->first == SKEIN_NO_TIME || l->o.time_scale_days <= 0) return 1.0;
    int64_t gap = t < s->first ? s->first - t : t > s->last ? t - s->last : 0;
    double x = (double)gap / 86400.0 / l->o.time_scale_days;
    /* Dates are evidence both ways: reports days apart are likelier the same
     * story than an undated pair (a boost), months apart less likely (a cut). */
    return (1.0 + l->o.time_boost) / (1.0 + x * x);
}

/* Adds the weighted subspace cosines of l->q and story s to *sum and the
 * weights of the subspaces both sides have to *wsum. */
static void cosines(const skein__linker *l, const story *s, const double *w, double *sum,
                    double *wsum) {
    for (int k = 0; k < SKEIN_NSUB; k++) {
        if (w[k] <= 0 || l->qnorm[k] <= 0 || s->norm[k] <= 0) continue; /* no say */
        *wsum += w[k];
        *sum += w[k] * skein__fvec_dot(&l->q[k], &s->c[k]) / (l->qnorm[k] * s->norm[k]);
    }
}

/* sum / wsum times the time term, in [0, 1]. */
static double finish(const skein__linker *l, const story *s, int64_t t, double sum, double wsum) {
    if (wsum <= 0) return 0;
    double sim = sum / wsum * time_factor(l, s, t);
    return sim < 0 ? 0 : sim > 1 ? 1 : sim;
}

/* 1 when body vector b (sorted by id) has body feature id. */
static int body_has(const skein__fvec *b, uint64_t id) {
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (b->f[m].id < id)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < b->n && b->f[lo].id == id && b->f[lo].w > 0;
}

/* The query's body words (weight above 0) as a set, made once per query
 * (query_body_index) for the story titles of all its candidates: an
 * open-addressing table whose slots are stamped with the query that filled
 * them, so none is zeroed between queries.  0 or -1. */
static int query_body_index(skein__linker *l) {
    const skein__fvec *b = &l->q[SKEIN_SUB_BODY];
    int bits = 4;
    while (((size_t)1 << bits) < 2 * b->n) bits++;
    size_t cap = (size_t)1 << bits;
    if (cap > l->qb_cap) {
        uint64_t *key = malloc(cap * sizeof(*key));
        uint32_t *stamp = calloc(cap, sizeof(*stamp));
        if (!key || !stamp) {
            free(key), free(stamp);
            return -1;
        }
        free(l->qb_key), free(l->qb_stamp);
        l->qb_key = key, l->qb_stamp = stamp, l->qb_cap = cap, l->qb_look = 0;
    }
    if (++l->qb_look == 0) { /* stamps wrapped: clear them once */
        memset(l->qb_stamp, 0, l->qb_cap * sizeof(*l->qb_stamp));
        l->qb_look = 1;
    }
    l->qb_bits = bits;
    for (size_t i = 0; i < b->n; i++) {
        if (!(b->f[i].w > 0)) continue;
        uint64_t id = b->f[i].id;
        size_t h = (size_t)((id * 0x9E3779B97F4A7C15ull) >> (64 - bits));
        while (l->qb_stamp[h] == l->qb_look && l->qb_key[h] != id) h = (h + 1) & (cap - 1);
        l->qb_stamp[h] = l->qb_look, l->qb_key[h] = id;
    }
    return 0;
}

/* 1 when the query's body has body feature id (as body_has). */
static int query_body_has(const skein__linker *l, uint64_t id) {
    size_t mask = ((size_t)1 << l->qb_bits) - 1;
    for (size_t h = (size_t)((id * 0x9E3779B97F4A7C15ull) >> (64 - l->qb_bits));;
         h = (h + 1) & mask) {
        if (l->qb_stamp[h] != l->qb_look) return 0;
        if (l->qb_key[h] == id) return 1;
    }
}

/* The share of title t's weight (w, times idf for a centroid) whose words
 * body b has anywhere (b NULL: the query's body, through its index); -1
 * without a title.  `names`: t is the headline marks (SKEIN_SUB_TDATE),
 * of which the names count, else the title's words (SKEIN_SUB_TITLE). */
static double cover(const skein__linker *l, const skein__fvec *t, int centroid,
                    const skein__fvec *b, int names) {
    double all = 0, met = 0;
    for (size_t i = 0; i < t->n; i++) {
        uint64_t id[2] = {skein__title_as_body(t->f[i].id), 0};
        if (names && skein__title_mark(t->f[i].id, SKEIN_SUB_BODY, id) != SKEIN_MARK_NAME)
            continue; /* a day of the month, a subject (its name counts) */
        double w = centroid ? (double)t->f[i].w * (double)t->f[i].idf : (double)t->f[i].w;
        all += w;
        for (int k = 0; k < 1 + names; k++)
            if (b ? body_has(b, id[k]) : query_body_has(l, id[k])) {
                met += w;
                break;
            }
    }
    return all > 0 ? met / all : -1;
}

/* How much of each side's title the other side's text tells, the mean of
 * the two ways (those with a title; *one_sided: only one has).  Two reports
 * of one event tell what the other's headline says in words of their own,
 * where the body cosine is diluted by all else each says: on the Russian
 * Telegram pairs this alone ranks better than the body cosine (AUC 0.847
 * against 0.775).  With `names`, of the headlines' names alone: whom and
 * where a headline names, the other report names too. */
static double title_cover(const skein__linker *l, const story *s, int names, int *one_sided) {
    int k = names ? SKEIN_SUB_TDATE : SKEIN_SUB_TITLE;
    double a = cover(l, &l->q[k], 0, &s->c[SKEIN_SUB_BODY], names);
    double b = cover(l, &s->c[k], 1, NULL, names);
    *one_sided = a < 0 || b < 0;
    if (a < 0) return b;
    return b < 0 ? a : (a + b) / 2;
}

/* 1 when the article's title and the story's titles name days of the
 * month and none within DATE_SLACK days of one another: the weather for 8
 * November and for 16 November, a daily tally, a court date against another
 * are other events however alike their words (Telegram pairs judged by the
 * crowd); reports a day or two apart of one event keep their score.
 * Titles without a date say nothing. */
static int dates_conflict(const skein__linker *l, const story *s) {
    const skein__fvec *a = &l->q[SKEIN_SUB_TDATE], *b = &s->c[SKEIN_SUB_TDATE];
    int dated_a = 0, dated_b = 0; /* the marks hold names too */
    for (size_t i = 0; i < a->n; i++) {
        int x = skein__title_date_day(a->f[i].id);
        dated_a |= x != 0;
        for (size_t j = 0; x && j < b->n; j++) {
            int y = skein__title_date_day(b->f[j].id);
            int gap = x > y ? x - y : y - x;
            dated_b |= y != 0;
            if (y && SKEIN_MIN(gap, 365 - gap) <= DATE_SLACK) return 0;
        }
    }
    return dated_a && dated_b;
}

/* 1 when headline marks m have a subject, *met set when title vector t
 * (sorted by id) has one of its words. */
static int subject_in(const skein__fvec *m, const skein__fvec *t, int *met) {
    int any = 0;
    *met = 0;
    for (size_t i = 0; i < m->n && !*met; i++) {
        uint64_t id[2];
        if (skein__title_mark(m->f[i].id, SKEIN_SUB_TITLE, id) != SKEIN_MARK_SUBJECT) continue;
        any = 1;
        *met = body_has(t, id[0]) || body_has(t, id[1]);
    }
    return any;
}

/* 1 when both sides' headlines open with a name, their subject, and
 * neither headline names the other's: two actors each doing or saying
 * something ("Мэрия сообщила о переносе ..." and "Минобороны
 * подтвердило готовность ...", "Путин сообщил ..." and "Лукашенко
 * поздравил ...") tell of two
 * events to readers however alike their words. */
static int subjects_conflict(const skein__linker *l, const story *s) {
    int met_a, met_b; /* a subject is a title word too: the same subject is met */
    if (!subject_in(&l->q[SKEIN_SUB_TDATE], &s->c[SKEIN_SUB_TITLE], &met_a) || met_a) return 0;
    return subject_in(&s->c[SKEIN_SUB_TDATE], &l->q[SKEIN_SUB_TITLE], &met_b) && !met_b;
}

/* Same-language similarity: every subspace but the interlingual ones, the
 * title cover and the cover of the headlines' names; cut when the
 * headlines name other days or open with other actors. */
static double score(const skein__linker *l, const story *s, int64_t t) {
    const double w[SKEIN_NSUB] = {
        l->o.w_body, l->o.w_title, l->o.w_names, l->o.w_years, l->o.w_numbers, 0, 0, 0};
    double sum = 0, wsum = 0;
    cosines(l, s, w, &sum, &wsum);
    int one_sided;
    double c = title_cover(l, s, 0, &one_sided);
    if (c >= 0) sum += W_TITLE_COVER * c, wsum += W_TITLE_COVER;
    c = title_cover(l, s, 1, &one_sided);
    if (c >= 0) {
        double w_names = W_NAMES_COVER * (one_sided ? ONE_SIDED_NAMES : 1.0);
        sum += w_names * c, wsum += w_names;
    }
    if (dates_conflict(l, s)) sum *= DATE_CONFLICT;
    if (subjects_conflict(l, s)) sum *= SUBJECT_CONFLICT;
    return finish(l, s, t, sum, wsum);
}

/* Cross-language similarity: what carries across languages.  Name and
 * place keys, years and numbers make a weighted mean of cosines as in the
 * same-language score; there is no match without a shared key (numbers,
 * years and common words alone are too common).  The lexicon's English
 * concepts then scale it: translated vocabulary is noisy (a word brings up
 * to three English senses), so its cosine runs several times lower than a
 * same-language one (LEX_TYPICAL for two reports of one event) and would
 * only drag a mean down; as a factor it tells a boxing story from a summit
 * that share a "Vladimir" and "Ukraine": at the typical agreement the score
 * stands, with none it loses w_lex of itself, with twice it gains w_lex.
 * Without concepts on both sides (no dictionary for a language) it stands. */
static double score_cross(skein__linker *l, const story *s, int64_t t) {
    if (l->qk_norm <= 0 || known_keys(l, &s->c[SKEIN_SUB_KEYS], &s->c[SKEIN_SUB_CKEYS], 1, &l->sk))
        return 0;
    double kdot = skein__fvec_dot(&l->qk, &l->sk), knorm = norm2(&l->sk);
    if (kdot <= 0 || knorm <= 0) return 0;
    const double w[SKEIN_NSUB] = {0, 0, 0, l->o.w_years, l->o.w_numbers, 0, 0, 0};
    double sum = l->o.w_keys * kdot / (l->qk_norm * knorm), wsum = l->o.w_keys;
    cosines(l, s, w, &sum, &wsum);
    const int x = SKEIN_SUB_LEX;
    if (l->qnorm[x] > 0 && s->norm[x] > 0) {
        double agree =
            skein__fvec_dot(&l->q[x], &s->c[x]) / (l->qnorm[x] * s->norm[x]) / LEX_TYPICAL;
        sum *= 1.0 - l->o.w_lex + l->o.w_lex * SKEIN_MIN(agree, 2.0);
    }
    if (dates_conflict(l, s)) sum *= DATE_CONFLICT;
    return finish(l, s, t, sum, wsum);
}

/* Hits are counted per slab slot in an array as long as the slab (zero
 * between look-ups), the slots hit listed as they are first hit: no map to
 * probe per posting, none to clear or walk whole per look-up. */
static void count_hit(uint64_t entry, void *ud) {
    skein__linker *l = ud;
    uint32_t slot = (uint32_t)(entry >> 32); /* live entries only: slot < l->nslab */
    if (!l->hit_count[slot]++) l->hit_slots[l->nhit++] = slot;
}

/* Room in the hit arrays for every slab slot; 0 or -1. */
static int hit_room(skein__linker *l) {
    size_t old = l->hit_count_cap;
    if (skein__grow((void **)&l->hit_count, &l->hit_count_cap, l->nslab + 1, sizeof(uint32_t)) ||
        skein__grow((void **)&l->hit_slots, &l->hit_slots_cap, l->nslab + 1, sizeof(uint32_t)))
        return -1;
    if (l->hit_count_cap > old)
        memset(l->hit_count + old, 0, (l->hit_count_cap - old) * sizeof(uint32_t));
    return 0;
}

/* 1 when candidate x ranks before y: more hits, then the smaller slot (a
 * total order: slots are distinct). */
static int ranks_before(const cand *x, const cand *y) {
    return x->hits > y->hits || (x->hits == y->hits && x->slot < y->slot);
}

/* Puts the first min(n, k) of c[0..n) in rank order at its front (the
 * rest in no order): an insertion into the k best kept sorted, as k is
 * small (max_candidates) and the hits many; the same front as a full
 * sort, the order being total. */
static size_t best_ranked(cand *c, size_t n, size_t k) {
    size_t m = 0; /* c[0..m): the best so far, in rank order */
    for (size_t i = 0; i < n && k; i++) {
        if (m == k && !ranks_before(&c[i], &c[m - 1])) continue;
        cand x = c[i];
        size_t at = m < k ? m++ : m - 1; /* full: the last one leaves */
        if (i != at) c[i] = c[at];       /* the one displaced takes x's place among the rest */
        while (at > 0 && ranks_before(&x, &c[at - 1])) c[at] = c[at - 1], at--;
        c[at] = x;
    }
    return m;
}

/* Appends to l->cands the stories sharing the article's strongest features
 * of `group`: at most `max`, none with under a quarter of the leader's
 * shared features, none already there. */
static int gather_group(skein__linker *l, int group, size_t nq, size_t max) {
    skein__fvec v[SKEIN_NSUB]; /* the query, with the keys that count */
    double nv[SKEIN_NSUB];
    memcpy(v, l->q, sizeof(v));
    memcpy(nv, l->qnorm, sizeof(nv));
    v[SKEIN_SUB_KEYS] = l->qk, nv[SKEIN_SUB_KEYS] = l->qk_norm;
    v[SKEIN_SUB_CKEYS].n = 0;
    long n = strongest(l, v, nv, group, nq, 0);
    if (n < 0) return -1;
    if (hit_room(l)) return -1;
    l->nhit = 0;
    for (long i = 0; i < n; i++) skein__index_prefetch(l->ix, l->tmp.f[i].id);
    for (long i = 0; i < n; i++)
        skein__index_lookup(l->ix, l->tmp.f[i].id, MAX_POSTING_LIST, count_hit, l);
    if (skein__grow((void **)&l->cands, &l->cands_cap, l->ncands + l->nhit + 1,
                    sizeof(*l->cands))) {
        for (size_t i = 0; i < l->nhit; i++) l->hit_count[l->hit_slots[i]] = 0;
        return -1;
    }
    size_t from = l->ncands, at = from;
    for (size_t i = 0; i < l->nhit; i++) { /* in the order of first hits: ranked below */
        uint32_t slot = l->hit_slots[i];
        l->cands[at++] = (cand){slot, l->hit_count[slot], group == GROUP_KEYS};
        l->hit_count[slot] = 0;
    }
    size_t keep = best_ranked(l->cands + from, at - from, max);
    while (keep > 1 && l->cands[from + keep - 1].hits * 4 < l->cands[from].hits) keep--;
    for (size_t i = from; i < from + keep; i++) { /* drop those the first group found */
        int dup = 0;
        for (size_t j = 0; j < from && !dup; j++) dup = l->cands[j].slot == l->cands[i].slot;
        if (!dup) l->cands[l->ncands++] = l->cands[i];
    }
    return 0;
}

/* Fills l->cands with stories sharing the article's strongest features. */
static int gather(skein__linker *l) {
    l->ncands = 0;
    if (gather_group(l, GROUP_WORDS, QUERY_FEATURES, (size_t)l->o.max_candidates)) return -1;
    return gather_group(l, GROUP_KEYS, KEY_FEATURES, KEY_CANDIDATES);
}

/* ---- public (internal) API ---------------------------------------------------- */

skein__linker *skein__linker_new(const skein_options *opt) {
    skein__linker *l = calloc(1, sizeof(*l));
    if (!l) return NULL;
    l->o = *opt;
    l->now = SKEIN_NO_TIME;
    l->regroup = 1;
    l->next_id = 1;
    skein__dfs_init(&l->dfs);
    l->ix = skein__index_new(alive, l);
    if (!l->ix) {
        skein__linker_free(l);
        return NULL;
    }
    return l;
}

void skein__linker_free(skein__linker *l) {
    if (!l) return;
    while (l->newest) {
        story *s = l->newest;
        lru_unlink(l, s);
        story_free(s);
    }
    skein__index_free(l->ix);
    skein__dfs_release(&l->dfs);
    free(l->slab);
    free(l->epoch);
    free(l->free_slots);
    free(l->hit_count), free(l->hit_slots);
    free(l->num_key), free(l->num_val), free(l->num_stamp);
    free(l->nb.pos), free(l->nb.start), free(l->nb.first), free(l->nb.post);
    for (size_t i = 0; i < l->mv_cap; i++) skein__fvec_release(&l->mv[i]);
    free(l->mv);
    free(l->qb_key), free(l->qb_stamp);
    for (int k = 0; k < SKEIN_NSUB; k++) skein__fvec_release(&l->q[k]);
    skein__fvec_release(&l->tmp);
    free(l->wk);
    skein__fvec_release(&l->qk);
    skein__fvec_release(&l->sk);
    free(l->cands);
    free(l);
}

void skein__linker_on_close(skein__linker *l, skein_story_fn fn, void *ud) {
    l->on_close = fn, l->ud = ud;
}

void skein__linker_on_move(skein__linker *l, skein__move_fn fn, void *ud) {
    l->on_move = fn, l->move_ud = ud;
}

void skein__linker_regroup(skein__linker *l, int on) { l->regroup = on != 0; }

int skein__linker_observe(skein__linker *l, const skein__doc *d) {
    if (weigh_query(l, d, 1) || skein__dfs_prune(&l->dfs, MAX_DF_FEATURES)) return SKEIN_ENOMEM;
    return SKEIN_OK;
}

/* A free slab slot (reused or new) for a story; -1 on ENOMEM. */
static long take_slot(skein__linker *l) {
    if (l->nfree) return (long)l->free_slots[--l->nfree];
    if (skein__grow((void **)&l->slab, &l->slab_cap, l->nslab + 1, sizeof(*l->slab)) ||
        skein__grow((void **)&l->epoch, &l->epoch_cap, l->nslab + 1, sizeof(*l->epoch)))
        return -1;
    l->epoch[l->nslab] = 0;
    return (long)l->nslab++;
}

static story *story_open(skein__linker *l) {
    story *s = calloc(1, sizeof(*s));
    long slot = s ? take_slot(l) : -1;
    if (slot < 0) {
        free(s);
        return NULL;
    }
    s->first = s->last = s->touched = SKEIN_NO_TIME;
    s->id = l->next_id++;
    s->slot = (uint32_t)slot;
    l->slab[slot] = s;
    l->nopen++;
    lru_push(l, s);
    return s;
}

/* Best candidate at or above its threshold, or NULL; *best_sim gets its score. */
/* 1 when the story holds a known language other than `lang`. */
static int story_has_other_lang(const story *s, const char *lang) {
    for (int i = 0; i < s->nlangs; i++)
        if (strcmp(s->langs[i], lang) != 0 && strcmp(s->langs[i], "und") != 0) return 1;
    return 0;
}

/* The article's similarity to story s on the same-language scale: the
 * same-language score when s holds the article's language (or either is
 * undetected), the cross-language score rescaled so that its threshold
 * meets the same-language one when s holds other languages; the larger. */
static double scaled_score(skein__linker *l, const story *s, const char *lang, int64_t t,
                           int keys_only) {
    double best = 0;
    int unknown = strcmp(lang, "und") == 0; /* undetected: may be any language, scored as same */
    if (!keys_only && (unknown || story_has_lang(s, lang))) best = score(l, s, t);
    if (!unknown && story_has_other_lang(s, lang) && l->o.cross_threshold > 0) {
        double cross = score_cross(l, s, t) * l->o.threshold / l->o.cross_threshold;
        best = SKEIN_MAX(best, SKEIN_MIN(cross, 1.0));
    }
    return best;
}

/* How well the article fits story s (scaled_score), or -1 below threshold. */
static double fit(skein__linker *l, const story *s, const char *lang, int64_t t, int keys_only) {
    double sim = scaled_score(l, s, lang, t, keys_only);
    return sim >= l->o.threshold ? sim : -1;
}

/* Best candidate at or above its threshold, or NULL; *best_sim gets its score. */
static story *best_story(skein__linker *l, const char *lang, int64_t t, double *best_sim) {
    story *best = NULL;
    *best_sim = 0;
    for (size_t i = 0; i < l->ncands; i++) {
        story *s = l->slab[l->cands[i].slot];
        if (!s || (l->cands[i].keys_only && !story_has_other_lang(s, lang))) continue;
        /* IDF moves as the stream grows (fast at first): refresh stale weights */
        if (l->dfs.docs > s->weighed_at + s->weighed_at / 8 + 8) story_reweight(l, s);
        double sim = fit(l, s, lang, t, (int)l->cands[i].keys_only);
        if (sim >= 0 && (!best || sim > *best_sim || (sim == *best_sim && s->id < best->id)))
            best = s, *best_sim = sim;
    }
    return best;
}

/* ---- a second look at a story (regroup.h) ----------------------------------- */

/* The subspaces members are compared on, pair by pair: the keys last, as
 * only pairs across languages count them. */
#define PAIR_SUBS (SKEIN_SUB_KEYS + 1)

/* v[0..PAIR_SUBS) = member m's vectors weighed by IDF (as when it was
 * linked), of unit length. */
static int member_vectors(const member_rec *m, skein__fvec *v) {
    for (int k = 0; k < PAIR_SUBS; k++) {
        if (skein__fvec_copy(&v[k], &m->doc.sub[k])) return -1;
        for (size_t i = 0; i < v[k].n; i++) v[k].f[i].w *= v[k].f[i].idf;
        double n = norm2(&v[k]);
        if (n <= 0) v[k].n = 0;
        for (size_t i = 0; i < v[k].n; i++) v[k].f[i].w = (float)(v[k].f[i].w / n);
    }
    return 0;
}

/* Two members' similarity on the linker's scale from the dot products of
 * their unit vectors (dots[k] for the subspaces both have): the
 * same-language score (a weighted mean of the cosines), or across languages
 * the keys, years and numbers rescaled as scaled_score does; times the time
 * term when both are dated. */
static double pair_sim(const skein__linker *l, const member_rec *a, const skein__fvec *va,
                       const member_rec *b, const skein__fvec *vb, const double *dots) {
    int same = strcmp(a->link_lang, b->link_lang) == 0 || strcmp(a->link_lang, "und") == 0 ||
               strcmp(b->link_lang, "und") == 0;
    const double ws[PAIR_SUBS] = {l->o.w_body,  l->o.w_title,   l->o.w_names,
                                  l->o.w_years, l->o.w_numbers, 0};
    const double wx[PAIR_SUBS] = {0, 0, 0, l->o.w_years, l->o.w_numbers, l->o.w_keys};
    const double *w = same ? ws : wx;
    if (!same && (l->o.cross_threshold <= 0 || !va[SKEIN_SUB_KEYS].n || !vb[SKEIN_SUB_KEYS].n))
        return 0;
    double sum = 0, wsum = 0;
    for (int k = 0; k < PAIR_SUBS; k++)
        if (w[k] > 0 && va[k].n && vb[k].n) wsum += w[k], sum += w[k] * dots[k];
    if (wsum <= 0) return 0;
    double sim = sum / wsum;
    if (!same) sim *= l->o.threshold / l->o.cross_threshold;
    if (a->t != SKEIN_NO_TIME && b->t != SKEIN_NO_TIME && l->o.time_scale_days > 0) {
        double x =
            (double)(a->t > b->t ? a->t - b->t : b->t - a->t) / 86400.0 / l->o.time_scale_days;
        sim *= (1.0 + l->o.time_boost) / (1.0 + x * x);
    }
    return sim < 0 ? 0 : sim > 1 ? 1 : sim;
}

/* Room in the numbering table for `cap` slots (a power of two).  Slots
 * are stamped with the look that filled them, so a look starts with an
 * empty table without zeroing it.  0 or -1. */
static int numbering_room(skein__linker *l, size_t cap) {
    if (cap <= l->num_cap) return 0;
    uint64_t *key = malloc(cap * sizeof(*key));
    uint32_t *val = malloc(cap * sizeof(*val)), *stamp = calloc(cap, sizeof(*stamp));
    if (!key || !val || !stamp) {
        free(key), free(val), free(stamp);
        return -1;
    }
    free(l->num_key), free(l->num_val), free(l->num_stamp);
    l->num_key = key, l->num_val = val, l->num_stamp = stamp, l->num_cap = cap, l->num_look = 0;
    return 0;
}

static int number_features(skein__linker *l, const skein__fvec *v, size_t nv, numbered *nb) {
    size_t total = 0;
    for (size_t i = 0; i < nv; i++) total += v[i].n;
    int bits = 6;
    while (((size_t)1 << bits) < 2 * total) bits++;
    size_t mask = ((size_t)1 << bits) - 1;
    if (skein__grow((void **)&nb->pos, &nb->cap[0], total + 1, sizeof(*nb->pos)) ||
        skein__grow((void **)&nb->start, &nb->cap[1], nv + 1, sizeof(*nb->start)) ||
        skein__grow((void **)&nb->first, &nb->cap[2], total + 2, sizeof(*nb->first)) ||
        skein__grow((void **)&nb->post, &nb->cap[3], total + 1, sizeof(*nb->post)) ||
        numbering_room(l, mask + 1))
        return -1;
    memset(nb->first, 0, (total + 2) * sizeof(*nb->first));
    if (++l->num_look == 0) { /* stamps wrapped: clear them once */
        memset(l->num_stamp, 0, l->num_cap * sizeof(*l->num_stamp));
        l->num_look = 1;
    }
    uint32_t look = l->num_look, nf = 0;
    size_t at = 0;
    for (size_t i = 0; i < nv; i++) { /* numbered in order of first sight, each counted */
        nb->start[i] = at;
        for (size_t e = 0; e < v[i].n; e++) {
            uint64_t id = v[i].f[e].id;
            size_t h = (size_t)((id * 0x9E3779B97F4A7C15ull) >> (64 - bits));
            while (l->num_stamp[h] == look && l->num_key[h] != id) h = (h + 1) & mask;
            if (l->num_stamp[h] != look)
                l->num_stamp[h] = look, l->num_key[h] = id, l->num_val[h] = nf++;
            uint32_t f = l->num_val[h];
            nb->pos[at++] = f;
            nb->first[f + 2]++;
        }
    }
    nb->start[nv] = at;
    /* counts summed into starts, then the lists filled member by member:
     * each comes out by member */
    for (size_t f = 2; f < (size_t)nf + 2; f++) nb->first[f] += nb->first[f - 1];
    for (size_t i = 0; i < nv; i++)
        for (size_t e = 0; e < v[i].n; e++) {
            uint32_t f = nb->pos[nb->start[i] + e];
            nb->post[nb->first[f + 1]++] = (posting){(uint32_t)(i / PAIR_SUBS), v[i].f[e].w};
        }
    return 0;
}

/* 1 when two of the k sampled members (idx) were linked as two known
 * languages: only then does a pair count the keys (pair_sim). */
static int sample_crosses(const story *s, const size_t *idx, size_t k) {
    const char *one = NULL;
    for (size_t i = 0; i < k; i++) {
        const char *lang = s->mem[idx[i]].link_lang;
        if (strcmp(lang, "und") == 0) continue;
        if (one && strcmp(lang, one) != 0) return 1;
        one = lang;
    }
    return 0;
}

/* The k sampled members' similarities pair by pair into sim (k x k, v their
 * unit vectors, PAIR_SUBS each).  For each member j in turn, each of its
 * entries (ids ascending) adds its product to each earlier member having
 * the feature (the posting lists): every pair's dot product sums the same
 * products in the same order as a merge of the two sorted vectors would
 * (the pairs that share no feature add nothing), at a cost of the shared
 * entries rather than of all entries of all pairs.  0 or -1. */
static int pair_sims(skein__linker *l, const story *s, const size_t *idx, size_t k,
                     const skein__fvec *v, double *sim) {
    int cross = sample_crosses(s, idx, k); /* else the keys' products are never read */
    numbered *nb = &l->nb;
    int rc = number_features(l, v, k * PAIR_SUBS, nb);
    double(*dots)[PAIR_SUBS] = rc ? NULL : calloc(k + 1, sizeof(*dots));
    if (!dots) rc = -1;
    for (size_t j = 1; j < k && !rc; j++) {
        const skein__fvec *vj = &v[j * PAIR_SUBS];
        for (int sub = 0; sub < PAIR_SUBS - !cross; sub++) {
            const uint32_t *p = &nb->pos[nb->start[j * PAIR_SUBS + sub]];
            for (size_t e = 0; e < vj[sub].n; e++) {
                double w = (double)vj[sub].f[e].w;
                for (const posting *q = &nb->post[nb->first[p[e]]]; q->member < j; q++)
                    dots[q->member][sub] += (double)q->w * w;
            }
        }
        for (size_t i = 0; i < j; i++) {
            sim[i * k + j] = sim[j * k + i] =
                pair_sim(l, &s->mem[idx[i]], &v[i * PAIR_SUBS], &s->mem[idx[j]], vj, dots[i]);
            memset(dots[i], 0, sizeof(dots[i]));
        }
    }
    free(dots);
    return rc;
}

/* Builds s's centroids, languages and times again from its members (their
 * features weighed as when they were linked). */
static int story_rebuild(skein__linker *l, story *s) {
    for (int k = 0; k < SKEIN_NSUB; k++) s->c[k].n = 0, s->norm[k] = 0;
    s->nlangs = 0, s->first = s->last = SKEIN_NO_TIME, s->weighed_at = l->dfs.docs;
    for (size_t i = 0; i < s->nmem; i++) {
        member_rec *m = &s->mem[i];
        for (int k = 0; k < SKEIN_NSUB; k++) {
            const skein__fvec *d = &m->doc.sub[k];
            double n = m->norm[k];
            if (n > 0 && skein__fvec_add_scaled(&s->c[k], d, d, 1.0 / n, &l->tmp)) return -1;
            cut_subspace(l, &s->c[k], (size_t)l->o.top_features);
        }
        story_add_lang(s, m->link_lang);
        story_extend_time(s, m->t);
    }
    story_reweight(l, s); /* the idf values of now, and the norms (none set before) */
    return 0;
}

/* 1 when every member of s kept its features (none read back from a
 * checkpoint without them): only then can s be looked at again. */
static int all_featured(const story *s) {
    for (size_t i = 0; i < s->nmem; i++) {
        size_t f = 0;
        for (int k = 0; k < SKEIN_NSUB; k++) f += s->mem[i].doc.sub[k].n;
        if (!f) return 0;
    }
    return 1;
}

/* Moves the members of s with side[i] = 1 into a new story *out, which
 * takes s's place in time; both are rebuilt and posted again.  Each move
 * but that of member `fresh` (being linked now) is reported. */
static int story_split(skein__linker *l, story *s, const unsigned char *side, size_t fresh,
                       story **out) {
    size_t moved = 0;
    for (size_t i = 0; i < s->nmem; i++) moved += side[i];
    member_rec *room = malloc((moved + 1) * sizeof(*room));
    story *t = room ? story_open(l) : NULL;
    if (!t) {
        free(room);
        return -1;
    }
    t->mem = room, t->mem_cap = moved + 1;
    size_t kept = 0, head = s->head;
    int head_moved = side[head];
    for (size_t i = 0; i < s->nmem; i++) {
        if (i == head) s->head = head_moved ? 0 : kept, t->head = head_moved ? t->nmem : 0;
        if (side[i])
            t->mem[t->nmem++] = s->mem[i];
        else
            s->mem[kept++] = s->mem[i];
    }
    s->nmem = kept;
    s->looked_at = t->looked_at = 0; /* each part is new: looked at when it closes */
    t->head_score = head_moved ? s->head_score : 0;
    if (head_moved) s->head_score = 0;
    t->touched = s->touched, t->stamp = s->stamp;
    /* each member is in one story now: the moves are told before anything
     * can fail, so the assignments follow the members whatever comes */
    *out = t;
    l->fresh_moved = fresh < kept + moved && side[fresh];
    if (l->on_move)
        for (size_t i = 0, j = 0; i < kept + moved; i++)
            if (side[i] && j++ < t->nmem && i != fresh)
                l->on_move(t->mem[j - 1].id, s->id, t->id, l->move_ud);
    if (story_rebuild(l, s) || story_rebuild(l, t)) return -1;
    if (story_post(l, s) || story_post(l, t)) return -1;
    return 0;
}

/* The sampled members of a look summed by side: per subspace, feature id ->
 * the two sides' sums of unit vectors (two floats in one value); cnt: how
 * many members of each side have the subspace; the mean time of each side's
 * dated members. */
typedef struct sides {
    u64map sum[PAIR_SUBS];
    double cnt[2][PAIR_SUBS];
    double t[2];
    size_t dated[2];
} sides;

static void sides_release(sides *sd) {
    for (int k = 0; k < PAIR_SUBS; k++) skein__u64map_release(&sd->sum[k]);
}

/* Adds member m (its unit vectors v) to side g.  0 or -1. */
static int sides_add(sides *sd, const member_rec *m, const skein__fvec *v, int g) {
    for (int k = 0; k < PAIR_SUBS; k++) {
        if (v[k].n) sd->cnt[g][k]++;
        for (size_t i = 0; i < v[k].n; i++) {
            uint64_t *p = skein__u64map_upsert(&sd->sum[k], v[k].f[i].id);
            if (!p) return -1;
            float two[2];
            memcpy(two, p, sizeof(two));
            two[g] += v[k].f[i].w;
            memcpy(p, two, sizeof(two));
        }
    }
    if (m->t != SKEIN_NO_TIME) sd->t[g] += (double)m->t, sd->dated[g]++;
    return 0;
}

/* Member m's similarity to each side (out[0], out[1]): pair_sim's mean over
 * the side's sampled members, taken on their summed vectors (the time term
 * against the side's mean time). */
static void sides_sim(const skein__linker *l, const story *s, const member_rec *m, const sides *sd,
                      double out[2]) {
    double d[PAIR_SUBS][2] = {{0}};
    int has[PAIR_SUBS];
    for (int k = 0; k < PAIR_SUBS; k++) {
        const skein__fvec *x = &m->doc.sub[k];
        double n = 0;
        for (size_t i = 0; i < x->n; i++) {
            double w = (double)x->f[i].w * (double)x->f[i].idf;
            n += w * w;
        }
        has[k] = n > 0;
        if (!has[k]) continue;
        n = sqrt(n);
        for (size_t i = 0; i < x->n; i++) {
            const uint64_t *p = skein__u64map_get(&sd->sum[k], x->f[i].id);
            if (!p) continue;
            float two[2];
            memcpy(two, p, sizeof(two));
            double w = (double)x->f[i].w * (double)x->f[i].idf / n;
            d[k][0] += w * two[0], d[k][1] += w * two[1];
        }
    }
    const double ws[PAIR_SUBS] = {l->o.w_body,  l->o.w_title,   l->o.w_names,
                                  l->o.w_years, l->o.w_numbers, 0};
    const double wx[PAIR_SUBS] = {0, 0, 0, l->o.w_years, l->o.w_numbers, l->o.w_keys};
    int other = story_has_other_lang(s, m->link_lang) && strcmp(m->link_lang, "und") != 0 &&
                l->o.cross_threshold > 0;
    for (int g = 0; g < 2; g++) {
        double best = 0;
        for (int c = 0; c < 1 + other; c++) {
            const double *w = c ? wx : ws;
            double sum = 0, wsum = 0;
            for (int k = 0; k < PAIR_SUBS; k++)
                if (w[k] > 0 && has[k] && sd->cnt[g][k] > 0)
                    wsum += w[k], sum += w[k] * d[k][g] / sd->cnt[g][k];
            double sim = wsum > 0 ? sum / wsum : 0;
            if (c) sim *= l->o.threshold / l->o.cross_threshold;
            best = SKEIN_MAX(best, sim);
        }
        if (m->t != SKEIN_NO_TIME && sd->dated[g] && l->o.time_scale_days > 0) {
            double x = fabs((double)m->t - sd->t[g] / (double)sd->dated[g]) / 86400.0 /
                       l->o.time_scale_days;
            best *= (1.0 + l->o.time_boost) / (1.0 + x * x);
        }
        out[g] = best;
    }
}

/* The sides of all n members of s from those of its k sampled ones (idx,
 * their vectors v, their sides kside): each other member goes to the side
 * it is nearer (ties: side 0).  0 or -1. */
static int sides_extend(const skein__linker *l, const story *s, const size_t *idx, size_t k,
                        const skein__fvec *v, const unsigned char *kside, unsigned char *side) {
    sides sd;
    memset(&sd, 0, sizeof(sd));
    for (int j = 0; j < PAIR_SUBS; j++) skein__u64map_init(&sd.sum[j]);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++)
        rc = sides_add(&sd, &s->mem[idx[i]], &v[i * PAIR_SUBS], kside[i]);
    for (size_t m = 0, i = 0; m < s->nmem && !rc; m++) {
        if (i < k && idx[i] == m) {
            side[m] = kside[i++];
            continue;
        }
        double sim[2];
        sides_sim(l, s, &s->mem[m], &sd, sim);
        side[m] = sim[1] > sim[0];
    }
    sides_release(&sd);
    return rc;
}

/* n vectors for a look's sampled members, kept by the linker from look to
 * look with their room (NULL on ENOMEM). */
static skein__fvec *member_room(skein__linker *l, size_t n) {
    size_t old = l->mv_cap;
    if (skein__grow((void **)&l->mv, &l->mv_cap, n, sizeof(*l->mv))) return NULL;
    if (l->mv_cap > old) memset(l->mv + old, 0, (l->mv_cap - old) * sizeof(*l->mv));
    return l->mv;
}

/* Looks at s again when regrouping is on and s is large enough: its
 * members (a sample of REGROUP_SAMPLE of them when it is larger) compared
 * pair by pair, split in two when they form two groups (regroup.h).  *out
 * gets the new story, or NULL.  0 or -1. */
static int regroup_story(skein__linker *l, story *s, size_t fresh, story **out) {
    *out = NULL;
    size_t n = s->nmem;
    if (!l->regroup || l->o.split_threshold <= 0 || n < REGROUP_FROM || !all_featured(s)) return 0;
    s->looked_at = n;
    size_t k = SKEIN_MIN(n, (size_t)REGROUP_SAMPLE);
    size_t *idx = malloc(k * sizeof(*idx));
    skein__fvec *v = member_room(l, k * PAIR_SUBS);
    double *sim = malloc(k * k * sizeof(*sim));
    unsigned char *side = calloc(n, 1), *kside = calloc(k, 1);
    int rc = idx && v && sim && side && kside ? 0 : -1;
    if (!rc) skein__regroup_sample(n, k, idx);
    for (size_t i = 0; i < k && !rc; i++) rc = member_vectors(&s->mem[idx[i]], &v[i * PAIR_SUBS]);
    if (!rc) rc = pair_sims(l, s, idx, k, v, sim);
    if (!rc) rc = skein__regroup(sim, k, l->o.split_threshold, REGROUP_GROUP, kside);
    if (rc == 1 && k < n && sides_extend(l, s, idx, k, v, kside, side)) rc = -1;
    if (rc == 1 && k == n) memcpy(side, kside, n);
    if (rc == 1) rc = story_split(l, s, side, fresh, out);
    free(idx), free(sim), free(side), free(kside);
    return rc < 0 ? -1 : 0;
}

/* Drops story s from the open ones without showing it (its members moved). */
static void story_drop(skein__linker *l, story *s) {
    lru_unlink(l, s);
    l->slab[s->slot] = NULL;
    l->epoch[s->slot]++;
    if (!skein__grow((void **)&l->free_slots, &l->free_cap, l->nfree + 1, sizeof(uint32_t)))
        l->free_slots[l->nfree++] = s->slot;
    l->nopen--;
    s->nmem = 0;
    story_free(s);
}

/* Looks for a story s has become one with: s's centroid as a query, the
 * best candidate at or above merge_threshold is merged, the smaller story's
 * articles moving into the larger (ties: into the older); each move but that
 * of the article being linked (id `fresh`) is reported.  *into gets the
 * story that holds s's articles now. */
static int merge_look(skein__linker *l, story *s, const char *fresh, story **into) {
    *into = s;
    double mt = l->o.merge_threshold;
    if (!l->regroup || mt <= 0 || !s->nlangs || !all_featured(s)) return 0;
    if (l->dfs.docs > s->weighed_at + s->weighed_at / 8 + 8) story_reweight(l, s);
    for (int k = 0; k < SKEIN_NSUB; k++) {
        if (skein__fvec_copy(&l->q[k], &s->c[k])) return -1;
        for (size_t i = 0; i < l->q[k].n; i++) l->q[k].f[i].w *= l->q[k].f[i].idf;
        l->qnorm[k] = norm2(&l->q[k]);
    }
    if (known_keys(l, &s->c[SKEIN_SUB_KEYS], &s->c[SKEIN_SUB_CKEYS], 1, &l->qk)) return -1;
    l->qk_norm = norm2(&l->qk);
    if (query_body_index(l) || gather(l)) return -1;
    story *best = NULL;
    double best_sim = 0;
    for (size_t i = 0; i < l->ncands; i++) {
        story *c = l->slab[l->cands[i].slot];
        if (!c || c == s) continue;
        if (l->dfs.docs > c->weighed_at + c->weighed_at / 8 + 8) story_reweight(l, c);
        double sim = scaled_score(l, c, s->langs[0], s->last, (int)l->cands[i].keys_only);
        if (sim >= mt && (!best || sim > best_sim || (sim == best_sim && c->id < best->id)))
            best = c, best_sim = sim;
    }
    if (!best) return 0;
    story *keep = best->nmem > s->nmem || (best->nmem == s->nmem && best->id < s->id) ? best : s;
    story *gone = keep == s ? best : s;
    if (skein__grow((void **)&keep->mem, &keep->mem_cap, keep->nmem + gone->nmem + 1,
                    sizeof(*keep->mem)))
        return -1;
    /* gone hands its members over and goes before anything can fail: no
     * member is ever held by two stories */
    size_t from = keep->nmem;
    for (size_t i = 0; i < gone->nmem; i++) keep->mem[keep->nmem++] = gone->mem[i];
    if (gone->stamp > keep->stamp) keep->stamp = gone->stamp;
    keep->looked_at = 0; /* grown at once: looked at when it closes */
    if (gone->touched != SKEIN_NO_TIME &&
        (keep->touched == SKEIN_NO_TIME || gone->touched > keep->touched))
        keep->touched = gone->touched;
    uint64_t gone_id = gone->id;
    story_drop(l, gone);
    *into = keep;
    if (l->on_move)
        for (size_t i = from; i < keep->nmem; i++)
            if (keep->mem[i].id != fresh)
                l->on_move(keep->mem[i].id, gone_id, keep->id, l->move_ud);
    if (story_rebuild(l, keep) || story_post(l, keep)) return -1;
    return 0;
}

/* 1 when a second look may come: members then keep their features. */
static int keeps_features(const skein__linker *l) {
    return l->regroup && (l->o.split_threshold > 0 || l->o.merge_threshold > 0);
}

/* Sizes at which a story re-posts its features: they settle as it grows. */
static int repost_due(size_t size) { return size <= 4 || (size & (size - 1)) == 0; }

int skein__linker_add(skein__linker *l, const skein__doc *d, const char *lang, int64_t t,
                      const skein_member *m, uint64_t *story_id) {
    if (weigh_query(l, d, 1) || gather(l) || skein__dfs_prune(&l->dfs, MAX_DF_FEATURES))
        return SKEIN_ENOMEM;
    if (t != SKEIN_NO_TIME && (l->now == SKEIN_NO_TIME || t > l->now)) l->now = t;
    double sim;
    if (!lang) lang = "und";
    story *s = best_story(l, lang, t, &sim);
    if (!s && !(s = story_open(l))) return SKEIN_ENOMEM;
    /* its features are kept only for a second look */
    int keep = keeps_features(l);
    if (story_add_member(s, m, keep ? d : NULL, l->q, lang, t) ||
        story_absorb(l, s, d, keep ? s->mem[s->nmem - 1].norm : NULL))
        return SKEIN_ENOMEM;
    if (s->nmem == 2) s->head_score = sim; /* the founder is as central as its first peer */
    if (s->nmem > 1 && sim > s->head_score) s->head = s->nmem - 1, s->head_score = sim;
    story_add_lang(s, lang);
    story_extend_time(s, t);
    s->touched = l->now;
    s->stamp = ++l->adds;
    lru_unlink(l, s);
    lru_push(l, s);
    if (repost_due(s->nmem) && story_post(l, s)) return SKEIN_ENOMEM;
    if ((s->nmem & (s->nmem - 1)) == 0) { /* grown to 2^k: a second look */
        story *part;
        if (regroup_story(l, s, s->nmem - 1, &part)) return SKEIN_ENOMEM;
        if (part && l->fresh_moved) s = part; /* the article just linked went with it */
        /* ... and a look for a story it has become one with */
        if (!part && s->nmem >= 2 && merge_look(l, s, s->mem[s->nmem - 1].id, &s))
            return SKEIN_ENOMEM;
    }
    if (story_id) *story_id = s->id;
    evict(l);
    return SKEIN_OK;
}

double skein__linker_similarity(skein__linker *l, const skein__doc *a, int64_t ta, const char *la,
                                const skein__doc *b, int64_t tb, const char *lb) {
    story tmp;
    memset(&tmp, 0, sizeof(tmp));
    tmp.first = tmp.last = SKEIN_NO_TIME;
    double sim = 0;
    if (weigh_query(l, a, 0) == 0 && story_absorb(l, &tmp, a, NULL) == 0 &&
        weigh_query(l, b, 0) == 0 && la && lb) {
        story_add_lang(&tmp, la);
        story_extend_time(&tmp, ta);
        sim = scaled_score(l, &tmp, lb, tb, 0);
    }
    for (int k = 0; k < SKEIN_NSUB; k++) skein__fvec_release(&tmp.c[k]);
    return sim;
}

static int by_story_id(const void *a, const void *b) {
    const story *x = *(story *const *)a, *y = *(story *const *)b;
    return (x->id > y->id) - (x->id < y->id);
}

int skein__linker_flush(skein__linker *l) {
    story **all = malloc((l->nopen ? l->nopen : 1) * sizeof(*all));
    if (!all) return SKEIN_ENOMEM;
    size_t n = 0;
    for (story *s = l->newest; s; s = s->next) all[n++] = s;
    qsort(all, n, sizeof(*all), by_story_id);
    for (size_t i = 0; i < n; i++) story_close(l, all[i]);
    free(all);
    return SKEIN_OK;
}

size_t skein__linker_open(const skein__linker *l) { return l->nopen; }
uint64_t skein__linker_stories(const skein__linker *l) { return l->next_id - 1; }

uint64_t skein__linker_stamp(const skein__linker *l) { return l->adds; }

int skein__linker_each_since(skein__linker *l, uint64_t stamp, skein_story_fn fn, void *ud) {
    for (story *s = l->newest; s && s->stamp > stamp; s = s->next)
        if (story_show(s, fn, ud)) return SKEIN_ENOMEM;
    return SKEIN_OK;
}

/* ---- checkpoints ---------------------------------------------------------- */

static int save_fvec(sbuf *b, const skein__fvec *v) {
    if (skein__snap_u64(b, v->n)) return -1;
    for (size_t i = 0; i < v->n; i++)
        if (skein__snap_u64(b, v->f[i].id) || skein__snap_f32(b, v->f[i].w) ||
            skein__snap_f32(b, v->f[i].idf))
            return -1;
    return 0;
}

static int load_fvec(snap_r *r, skein__fvec *v) {
    size_t n = skein__snap_get_count(r, 16);
    if (r->err || skein__grow((void **)&v->f, &v->cap, n + 1, sizeof(*v->f))) {
        r->err = 1;
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        v->f[i].id = skein__snap_get_u64(r);
        v->f[i].w = skein__snap_get_f32(r);
        v->f[i].idf = skein__snap_get_f32(r);
    }
    v->n = r->err ? 0 : n;
    return r->err ? -1 : 0;
}

/* How a saved member's notes come: none, in the state, or kept by the caller
 * (skein__notes_source; a version that knows 0 and 1 alone refuses those). */
enum { NOTES_NONE, NOTES_HERE, NOTES_KEPT };

static int save_story(sbuf *b, const story *s, int notes_kept) {
    int rc = skein__snap_u64(b, s->id) | skein__snap_u64(b, s->slot);
    for (int k = 0; k < SKEIN_NSUB; k++)
        rc |= save_fvec(b, &s->c[k]) | skein__snap_f64(b, s->norm[k]);
    rc |= skein__snap_u64(b, s->nmem);
    for (size_t i = 0; i < s->nmem; i++) {
        const member_rec *m = &s->mem[i];
        rc |= skein__snap_str(b, m->id) | skein__snap_str(b, m->lang) |
              skein__snap_str(b, m->source) | skein__snap_str(b, m->title) |
              skein__snap_i64(b, m->published) |
              skein__snap_u32(b, !m->notes    ? NOTES_NONE
                                 : notes_kept ? NOTES_KEPT
                                              : NOTES_HERE);
        if (m->notes && !notes_kept) rc |= skein__notes_save(b, m->notes);
        rc |= skein__snap_i64(b, m->t) | skein__snap_str(b, m->link_lang);
        for (int k = 0; k < SKEIN_NSUB; k++) rc |= save_fvec(b, &m->doc.sub[k]);
    }
    rc |= skein__snap_u64(b, (uint64_t)s->nlangs);
    for (int i = 0; i < s->nlangs; i++) rc |= skein__snap_str(b, s->langs[i]);
    rc |= skein__snap_i64(b, s->first) | skein__snap_i64(b, s->last) |
          skein__snap_i64(b, s->touched) | skein__snap_u64(b, s->stamp) |
          skein__snap_u64(b, s->weighed_at) | skein__snap_u64(b, s->head) |
          skein__snap_f64(b, s->head_score) | skein__snap_u64(b, s->looked_at);
    return rc ? -1 : 0;
}

/* Member `id` of story `story_id`: its notes as saved (how: enum above); NULL
 * with r->err set when they are not there, or without and *fail set to the
 * source's own failure. */
static skein_notes *load_member_notes(snap_r *r, uint32_t how, uint64_t story_id, const char *id,
                                      const skein__notes_source *src, int *fail) {
    if (r->err || how == NOTES_NONE) return NULL;
    if (how == NOTES_HERE) return skein__notes_load(r);
    int rc = SKEIN_EPARSE;
    skein_notes *n = how == NOTES_KEPT && src && id ? src->get(src->ud, story_id, id, &rc) : NULL;
    if (!n && rc == SKEIN_EPARSE) r->err = 1;
    if (!n && rc != SKEIN_EPARSE) *fail = rc;
    return n;
}

/* Reads one story into a new open story (slot as saved, pushed as newest):
 * 0, or -1 with r->err set when the bytes are wrong, else with *fail set to
 * the notes source's failure (0: out of memory). */
/* States before version 4 hold the first 8 subspaces: new ones go after. */
_Static_assert(SKEIN_SUB_CKEYS == 7 && SKEIN_SUB_TDATE == 8, "subspaces of states 2 and 3");

static int load_story(skein__linker *l, snap_r *r, int version, const skein__notes_source *src,
                      int *fail) {
    int with_features = version >= 3, nsub = version >= 4 ? SKEIN_NSUB : SKEIN_SUB_TDATE;
    story *s = calloc(1, sizeof(*s));
    if (!s) return -1;
    s->id = skein__snap_get_u64(r);
    uint64_t slot = skein__snap_get_u64(r);
    for (int k = 0; k < nsub && !r->err; k++) {
        if (load_fvec(r, &s->c[k])) break;
        s->norm[k] = skein__snap_get_f64(r);
    }
    /* four strings, a time, a flag (and a time, a string, 8 vectors) */
    size_t n = skein__snap_get_count(r, with_features ? 124 : 44);
    for (size_t i = 0; i < n && !r->err; i++) {
        char *f[4];
        for (int j = 0; j < 4; j++) f[j] = skein__snap_get_str(r);
        int64_t published = skein__snap_get_i64(r);
        uint32_t has_notes = skein__snap_get_u32(r);
        skein_notes *notes = load_member_notes(r, has_notes, s->id, f[0], src, fail);
        if (!notes && has_notes != NOTES_NONE && !r->err) { /* the source failed */
            for (int j = 0; j < 4; j++) free(f[j]);
            story_free(s);
            return -1;
        }
        skein_member m = {f[0], f[1], f[2], f[3], published, notes};
        int64_t t = with_features ? skein__snap_get_i64(r) : published;
        char *lang = with_features ? skein__snap_get_str(r) : dup_or_null(f[1] ? f[1] : "und");
        skein__doc d;
        skein__doc_init(&d);
        for (int k = 0; with_features && k < nsub && !r->err; k++) load_fvec(r, &d.sub[k]);
        if (!f[0] || !lang || has_notes > NOTES_KEPT) r->err = 1;
        if (!r->err && story_add_member(s, &m, &d, d.sub, lang, t)) r->err = 1;
        for (int j = 0; j < 4; j++) free(f[j]);
        free(lang);
        skein__doc_release(&d);
        skein_notes_free(notes);
    }
    size_t nl = skein__snap_get_count(r, 8);
    for (size_t i = 0; i < nl && !r->err; i++) {
        char *lang = skein__snap_get_str(r);
        story_add_lang(s, lang);
        free(lang);
    }
    s->first = skein__snap_get_i64(r), s->last = skein__snap_get_i64(r),
    s->touched = skein__snap_get_i64(r);
    s->stamp = skein__snap_get_u64(r), s->weighed_at = skein__snap_get_u64(r);
    s->head = (size_t)skein__snap_get_u64(r), s->head_score = skein__snap_get_f64(r);
    s->looked_at = version >= 4 ? (size_t)skein__snap_get_u64(r) : 0;
    if (r->err || !s->nmem || s->head >= s->nmem || slot >= l->nslab || l->slab[slot]) {
        r->err = 1;
        story_free(s);
        return -1;
    }
    s->slot = (uint32_t)slot;
    l->slab[slot] = s;
    l->nopen++;
    lru_push(l, s);
    return 0;
}

int skein__linker_save(skein__linker *l, sbuf *b, int notes_kept) {
    int rc = skein__snap_u64(b, l->next_id) | skein__snap_u64(b, l->adds) |
             skein__snap_i64(b, l->now) | skein__snap_u64(b, l->nslab);
    for (size_t i = 0; i < l->nslab; i++) rc |= skein__snap_u32(b, l->epoch[i]);
    rc |= skein__snap_u64(b, l->nfree);
    for (size_t i = 0; i < l->nfree; i++) rc |= skein__snap_u32(b, l->free_slots[i]);
    rc |= skein__snap_u64(b, l->dfs.docs) | skein__snap_u64(b, l->dfs.df.len);
    for (size_t i = 0; i < l->dfs.df.cap; i++)
        if (l->dfs.df.slots[i].key)
            rc |= skein__snap_u64(b, l->dfs.df.slots[i].key) |
                  skein__snap_u64(b, l->dfs.df.slots[i].val);
    rc |= skein__snap_u64(b, l->nopen); /* oldest first: loading pushes each as the newest */
    for (story *s = l->oldest; s && !rc; s = s->prev) rc |= save_story(b, s, notes_kept);
    if (rc || skein__index_save(l->ix, b)) return SKEIN_ENOMEM;
    return SKEIN_OK;
}

int skein__linker_load(skein__linker *l, snap_r *r, int version, const skein__notes_source *notes) {
    if (version < 2 || version > 4) return SKEIN_EPARSE;
    if (l->nslab || l->dfs.docs) return SKEIN_EINVAL; /* only into a new linker */
    l->next_id = skein__snap_get_u64(r), l->adds = skein__snap_get_u64(r),
    l->now = skein__snap_get_i64(r);
    size_t nslab = skein__snap_get_count(r, 4);
    if (r->err || skein__grow((void **)&l->slab, &l->slab_cap, nslab + 1, sizeof(*l->slab)) ||
        skein__grow((void **)&l->epoch, &l->epoch_cap, nslab + 1, sizeof(*l->epoch)))
        return r->err ? SKEIN_EPARSE : SKEIN_ENOMEM;
    for (size_t i = 0; i < nslab; i++) l->slab[i] = NULL, l->epoch[i] = skein__snap_get_u32(r);
    l->nslab = nslab;
    size_t nfree = skein__snap_get_count(r, 4);
    if (r->err || skein__grow((void **)&l->free_slots, &l->free_cap, nfree + 1, sizeof(uint32_t)))
        return r->err ? SKEIN_EPARSE : SKEIN_ENOMEM;
    for (size_t i = 0; i < nfree; i++) l->free_slots[i] = skein__snap_get_u32(r);
    l->nfree = nfree;
    l->dfs.docs = skein__snap_get_u64(r);
    size_t ndf = skein__snap_get_count(r, 16);
    for (size_t i = 0; i < ndf && !r->err; i++) {
        uint64_t key = skein__snap_get_u64(r), val = skein__snap_get_u64(r);
        uint64_t *v = key ? skein__u64map_upsert(&l->dfs.df, key) : NULL;
        if (!v) return key ? SKEIN_ENOMEM : SKEIN_EPARSE;
        *v = val;
    }
    size_t nopen = skein__snap_get_count(r, 64);
    for (size_t i = 0; i < nopen && !r->err; i++) {
        int fail = 0;
        if (load_story(l, r, version, notes, &fail) && !r->err) return fail ? fail : SKEIN_ENOMEM;
    }
    /* free slots: each in the slab, empty, and named once */
    unsigned char *seen = r->err ? NULL : calloc(l->nslab + 1, 1);
    if (!r->err && !seen) return SKEIN_ENOMEM;
    for (size_t i = 0; i < nfree && !r->err; i++) {
        uint32_t f = l->free_slots[i];
        if (f >= l->nslab || l->slab[f] || seen[f])
            r->err = 1;
        else
            seen[f] = 1;
    }
    free(seen);
    if (!r->err && skein__index_load(l->ix, r) && !r->err) return SKEIN_ENOMEM;
    return r->err ? SKEIN_EPARSE : SKEIN_OK;
}
