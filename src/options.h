/* options.h -- the options table by position, for what records options:
 * engine checkpoints (engine.c) and the store (store.c).  Names, types,
 * defaults, bounds and help are in SKEIN_OPTIONS (skein.h). */
#ifndef SKEIN_OPTIONS_H
#define SKEIN_OPTIONS_H

#include "skein.h"

#define SKEIN__OPTION_ONE(type, name, def, low, lo, hi, help) +1
/* How many options there are. */
#define SKEIN__NOPTIONS (0 SKEIN_OPTIONS(SKEIN__OPTION_ONE))

/* Option i (skein_option_list order) of o as a number. */
double skein__option_at(const skein_options *o, size_t i);
/* Sets option i from a number; SKEIN_EINVAL (unchanged) out of its bounds. */
int skein__option_set_at(skein_options *o, size_t i, double v);

#endif
