/* regroup.h -- a second look at a story: do its members form two groups?
 *
 * The linker joins an article to the story whose centroid it is nearest,
 * once and for all; two events of one kind (two earthquakes of one
 * magnitude years apart) can so end up in one story, each article near the
 * centroid both make.  Taken pair by pair, the members of such a story fall
 * into two groups whose articles are alike within and unlike across.
 * skein__regroup finds them: average-link agglomeration of the members'
 * pairwise similarities, stopped when no two groups are at least `link`
 * alike on average; the two largest groups then split the story when each
 * has `min_group` members or more, the smaller groups joining the one they
 * are nearer on average.  Deterministic: ties go to the lower index. */
#ifndef SKEIN_REGROUP_H
#define SKEIN_REGROUP_H

#include <stddef.h>

/* sim: n x n similarities (row-major, symmetric; the diagonal is not read).
 * On a split, side[i] gets 0 for the group of member 0 and 1 for the other,
 * and the function returns 1; else 0 (no split), or -1 on ENOMEM. */
int skein__regroup(const double *sim, size_t n, double link, size_t min_group, unsigned char *side);

#endif
