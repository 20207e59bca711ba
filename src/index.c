/* index.c -- feature -> stories posting lists with lazy deletion.  See index.h. */
#include "index.h"

#include "snap.h"

#include <stdlib.h>

typedef struct plist {
    uint64_t *v;
    size_t n, cap;
} plist;

struct skein__index {
    u64map lists; /* feature -> slot in `slots` + 1 */
    plist *slots;
    size_t nslots, slots_cap;
    size_t *free_slots;
    size_t nfree, free_cap;
    size_t entries, live_hint;
    skein__alive_fn alive;
    void *ud;
};

skein__index *skein__index_new(skein__alive_fn alive, void *ud) {
    skein__index *ix = calloc(1, sizeof(*ix));
    if (!ix) return NULL;
    skein__u64map_init(&ix->lists);
    ix->alive = alive, ix->ud = ud;
    return ix;
}

void skein__index_free(skein__index *ix) {
    if (!ix) return;
    for (size_t i = 0; i < ix->nslots; i++) free(ix->slots[i].v);
    free(ix->slots);
    free(ix->free_slots);
    skein__u64map_release(&ix->lists);
    free(ix);
}

/* Drops dead entries of one list, keeping order; returns entries removed. */
static size_t compact(skein__index *ix, plist *l) {
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (ix->alive(l->v[i], ix->ud)) l->v[k++] = l->v[i];
    size_t dropped = l->n - k;
    l->n = k;
    ix->entries -= dropped;
    return dropped;
}

static void release_slot(skein__index *ix, uint64_t feature, size_t slot) {
    if (skein__grow((void **)&ix->free_slots, &ix->free_cap, ix->nfree + 1, sizeof(size_t)))
        return; /* the slot is merely not reused */
    free(ix->slots[slot].v);
    ix->slots[slot] = (plist){0};
    ix->free_slots[ix->nfree++] = slot;
    skein__u64map_del(&ix->lists, feature);
}

/* Compacts every list; empty lists give their slot back. */
static void sweep(skein__index *ix) {
    for (size_t i = 0; i < ix->lists.cap; i++) {
        uint64_t feature = ix->lists.slots[i].key;
        if (!feature) continue;
        size_t slot = (size_t)ix->lists.slots[i].val - 1;
        compact(ix, &ix->slots[slot]);
        if (!ix->slots[slot].n) {
            release_slot(ix, feature, slot);
            i--; /* backward-shift deletion may have moved another key here */
        }
    }
    ix->live_hint = ix->entries;
}

static plist *list_for(skein__index *ix, uint64_t feature) {
    uint64_t *v = skein__u64map_upsert(&ix->lists, feature);
    if (!v) return NULL;
    if (*v) return &ix->slots[*v - 1];
    size_t slot;
    if (ix->nfree) {
        slot = ix->free_slots[--ix->nfree];
    } else {
        if (skein__grow((void **)&ix->slots, &ix->slots_cap, ix->nslots + 1, sizeof(plist))) {
            skein__u64map_del(&ix->lists, feature);
            return NULL;
        }
        slot = ix->nslots++;
        ix->slots[slot] = (plist){0};
    }
    *v = slot + 1;
    return &ix->slots[slot];
}

int skein__index_post(skein__index *ix, uint64_t feature, uint64_t entry) {
    if (ix->entries > 2 * ix->live_hint + 65536) sweep(ix);
    plist *l = list_for(ix, feature);
    if (!l || skein__grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v))) return -1;
    l->v[l->n++] = entry;
    ix->entries++;
    return 0;
}

void skein__index_lookup(skein__index *ix, uint64_t feature, size_t max_list,
                         void (*fn)(uint64_t entry, void *ud), void *ud) {
    uint64_t *v = skein__u64map_get(&ix->lists, feature);
    if (!v) return;
    plist *l = &ix->slots[*v - 1];
    compact(ix, l);
    if (l->n > max_list) return;
    for (size_t i = 0; i < l->n; i++) fn(l->v[i], ud);
}

void skein__index_prefetch(const skein__index *ix, uint64_t feature) {
    skein__u64map_prefetch(&ix->lists, feature);
}

int skein__index_save(skein__index *ix, sbuf *out) {
    size_t lists = 0;
    for (size_t i = 0; i < ix->lists.cap; i++) {
        if (!ix->lists.slots[i].key) continue;
        plist *l = &ix->slots[ix->lists.slots[i].val - 1];
        compact(ix, l);
        lists += l->n > 0;
    }
    if (skein__snap_u64(out, lists)) return -1;
    for (size_t i = 0; i < ix->lists.cap; i++) {
        uint64_t feature = ix->lists.slots[i].key;
        if (!feature) continue;
        const plist *l = &ix->slots[ix->lists.slots[i].val - 1];
        if (!l->n) continue;
        if (skein__snap_u64(out, feature) || skein__snap_u64(out, l->n)) return -1;
        for (size_t j = 0; j < l->n; j++)
            if (skein__snap_u64(out, l->v[j])) return -1;
    }
    return 0;
}

int skein__index_load(skein__index *ix, snap_r *r) {
    size_t lists = skein__snap_get_count(r, 16);
    for (size_t i = 0; i < lists && !r->err; i++) {
        uint64_t feature = skein__snap_get_u64(r);
        size_t n = skein__snap_get_count(r, 8);
        if (!feature) r->err = 1;
        for (size_t j = 0; j < n && !r->err; j++)
            if (skein__index_post(ix, feature, skein__snap_get_u64(r))) return -1;
    }
    ix->live_hint = ix->entries;
    return r->err ? -1 : 0;
}
