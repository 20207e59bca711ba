/* options.c -- the options table (SKEIN_OPTIONS in skein.h) and what derives
 * from it: defaults, bounds checks, access by name and by position.
 *
 * The table is expanded once into `info` and `offset`, so every other use
 * (checkpoints, the store's record, the CLI's flags and help) walks the same
 * list instead of naming fields one by one. */
#include "options.h"

#include "error.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define TYPE_double SKEIN_OPTION_DOUBLE
#define TYPE_int SKEIN_OPTION_INT
#define TYPE_size_t SKEIN_OPTION_SIZE
#define LOW_AT_LEAST 0
#define LOW_ABOVE 1
#define INFO(type, name, def, low, lo, hi, help) {#name, TYPE_##type, def, lo, hi, LOW_##low, help},
#define OFFSET(type, name, def, low, lo, hi, help) offsetof(skein_options, name),
static const skein_option_info info[] = {SKEIN_OPTIONS(INFO)};
static const size_t offset[] = {SKEIN_OPTIONS(OFFSET)};
#undef INFO
#undef OFFSET

_Static_assert(sizeof(info) / sizeof(info[0]) == SKEIN__NOPTIONS,
               "SKEIN__NOPTIONS is the table's length");

const skein_option_info *skein_option_list(size_t *n) {
    if (n) *n = SKEIN__NOPTIONS;
    return info;
}

double skein__option_at(const skein_options *o, size_t i) {
    const char *field = (const char *)o + offset[i];
    switch (info[i].type) {
    case SKEIN_OPTION_DOUBLE: return *(const double *)field;
    case SKEIN_OPTION_INT: return *(const int *)field;
    default: return (double)*(const size_t *)field;
    }
}

/* v within option i's bounds, and whole for ints and sizes (NaN fails). */
static int in_bounds(size_t i, double v) {
    if (!(info[i].above ? v > info[i].min : v >= info[i].min) || !(v <= info[i].max)) return 0;
    return info[i].type == SKEIN_OPTION_DOUBLE || v == (double)(long long)v;
}

int skein__option_set_at(skein_options *o, size_t i, double v) {
    if (i >= SKEIN__NOPTIONS || !in_bounds(i, v)) return SKEIN_EINVAL;
    char *field = (char *)o + offset[i];
    switch (info[i].type) {
    case SKEIN_OPTION_DOUBLE: *(double *)field = v; break;
    case SKEIN_OPTION_INT: *(int *)field = (int)v; break;
    default: *(size_t *)field = (size_t)v; break;
    }
    return SKEIN_OK;
}

static long find(const char *name) {
    for (size_t i = 0; name && i < SKEIN__NOPTIONS; i++)
        if (!strcmp(info[i].name, name)) return (long)i;
    return -1;
}

int skein_option_get(const skein_options *o, const char *name, double *v) {
    long i = find(name);
    if (!o || !v || i < 0) return SKEIN_EINVAL;
    *v = skein__option_at(o, (size_t)i);
    return SKEIN_OK;
}

int skein_option_set(skein_options *o, const char *name, double v) {
    long i = find(name);
    return o && i >= 0 ? skein__option_set_at(o, (size_t)i, v) : SKEIN_EINVAL;
}

void skein_options_default(skein_options *o) {
    for (size_t i = 0; i < SKEIN__NOPTIONS; i++) skein__option_set_at(o, i, info[i].def);
}

int skein_option_bounds(const skein_option_info *o, char *buf, size_t n) {
    if (o->max >= SKEIN_UNBOUNDED)
        return snprintf(buf, n, "%s %.16g", o->above ? "more than" : "at least", o->min);
    return snprintf(buf, n, "%s%.16g to %.16g", o->above ? "more than " : "", o->min, o->max);
}

int skein_options_check(const skein_options *o, skein_error *err) {
    skein__error_clear(err);
    if (!o) return skein__fail(err, SKEIN_EINVAL, NULL, "no options");
    for (size_t i = 0; i < SKEIN__NOPTIONS; i++) {
        double v = skein__option_at(o, i);
        if (in_bounds(i, v)) continue;
        char bounds[96];
        skein_option_bounds(&info[i], bounds, sizeof(bounds));
        return skein__fail(err, SKEIN_EINVAL, info[i].name, "option %s is %.15g, not %s",
                           info[i].name, v, bounds);
    }
    /* with neither body terms nor names there is nothing to link same-language reports by */
    if (o->w_body + o->w_names > 0) return SKEIN_OK;
    return skein__fail(err, SKEIN_EINVAL, "w_body",
                       "w_body and w_names are both 0: nothing to compare reports by");
}

void skein_tell_options_default(skein_tell_options *o) {
    skein_options d;
    skein_options_default(&d);
    o->lang = NULL;
    o->now = SKEIN_NO_TIME;
    o->event_gap_hours = d.event_gap_hours;
}
