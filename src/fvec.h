/* fvec.h -- arithmetic of sparse vectors sorted by id (the linker's). */
#ifndef SKEIN_FVEC_H
#define SKEIN_FVEC_H

#include "feature.h"

/* The dot product of a weighted query q with an idf-weighted centroid c:
 * q.w * c.w * c.idf summed over the ids both have, in id order. */
double skein__fvec_dot(const skein__fvec *q, const skein__fvec *c);

/* c = c + scale * d, where q is d weighed (same ids, same order): features
 * d brings take q's idf, those c has keep theirs.  Built in tmp, which is
 * then swapped with c (so tmp holds c's old entries).  0 or -1 on ENOMEM
 * (c unchanged). */
int skein__fvec_add_scaled(skein__fvec *c, const skein__fvec *d, const skein__fvec *q, double scale,
                           skein__fvec *tmp);

#endif
