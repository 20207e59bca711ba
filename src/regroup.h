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
 * are nearer on average.  Deterministic: ties go to the lower index.
 *
 * A large story is looked at through a sample (skein__regroup_sample):
 * its members evenly spread in join order are compared pair by pair, and
 * every other member goes to the side whose sampled members it is nearer
 * on average (a product with each side's centroid), so a look costs k^2 / 2
 * pairs and n centroid products whatever the story's size. */
#ifndef SKEIN_REGROUP_H
#define SKEIN_REGROUP_H

#include <stddef.h>

/* sim: n x n similarities (row-major, symmetric; the diagonal is not read).
 * On a split, side[i] gets 0 for the group of member 0 and 1 for the other,
 * and the function returns 1; else 0 (no split), or -1 on ENOMEM. */
int skein__regroup(const double *sim, size_t n, double link, size_t min_group, unsigned char *side);

/* Picks k of n members (k < n) evenly spread: idx[j] = floor(j * n / k),
 * in order, member 0 first.  k >= n: all n.  The count picked. */
size_t skein__regroup_sample(size_t n, size_t k, size_t *idx);

#endif
