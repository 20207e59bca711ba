/* htmlscan.h -- HTML read as bytes, before any parser: the tags, the
 * charset a page declares, and a copy without what no stage reads.
 *
 * This is the HTML standard's tokenizer cut down to what two jobs need:
 * telling tags, comments and raw text apart, and reading a tag's
 * attributes.  The charset prescan (the standard's "prescan a byte stream
 * to determine its encoding") must run before the bytes are converted, so
 * before libxml2.  Pruning drops script and style bodies and comments --
 * about half of a news page's bytes -- so the parser does not walk them;
 * a raw-text body ends at the first "</script" (or "</style"), as it does
 * for the standard and for libxml2 in recovery mode, so pruning changes no
 * element of the tree.  JSON-LD scripts are kept: they carry metadata.
 * Declarations go too, so a document type's internal subset never reaches
 * libxml2 at all. */
#ifndef SKEIN_HTMLSCAN_H
#define SKEIN_HTMLSCAN_H

#include <stddef.h>

#include "util.h"

#define SKEIN__SCAN_MAX_ATTRS 24

typedef struct skein__scan_attr {
    const char *name, *value; /* point into the scanned bytes; not NUL-terminated */
    size_t name_len, value_len;
} skein__scan_attr;

typedef enum skein__scan_kind {
    SKEIN__SCAN_START,   /* <name ...> */
    SKEIN__SCAN_END,     /* </name ...> */
    SKEIN__SCAN_COMMENT, /* <!-- ... --> */
    SKEIN__SCAN_OTHER    /* <!DOCTYPE ...>, <?...>, <![CDATA[...]]> */
} skein__scan_kind;

/* One token of markup: where it starts and ends, and for tags the name and
 * (up to SKEIN__SCAN_MAX_ATTRS of) the attributes. */
typedef struct skein__scan_token {
    skein__scan_kind kind;
    size_t start, end; /* s[start..end) is the whole token */
    const char *name;
    size_t name_len;
    skein__scan_attr attrs[SKEIN__SCAN_MAX_ATTRS];
    int nattrs;
} skein__scan_token;

/* Finds the next token of markup in s[*pos..len), skipping text, and
 * leaves *pos after it.  Returns 1, or 0 at the end of the bytes.  Raw-text
 * bodies are not skipped: after a <script> start tag call
 * skein__scan_raw_end. */
int skein__scan_next(const char *s, size_t len, size_t *pos, skein__scan_token *t);

/* Where the raw text of element `name` that starts at `from` ends: the
 * offset of its "</name" (case-insensitive, followed by a blank, '/' or
 * '>'), or `len` when it does not end. */
size_t skein__scan_raw_end(const char *s, size_t len, size_t from, const char *name);

/* 1 when t is a tag named `name` (ASCII, case-insensitive). */
int skein__scan_is(const skein__scan_token *t, const char *name);

/* The value of attribute `name` of tag t, or NULL (and *len 0). */
const char *skein__scan_attr_value(const skein__scan_token *t, const char *name, size_t *len);

/* The charset label a page declares in a <meta charset> or <meta
 * http-equiv=content-type content="...; charset=..."> within its first 1024
 * bytes, copied into `label` (cap bytes, NUL-terminated, cut to fit).
 * Returns 1 when found, else 0. */
int skein__scan_meta_charset(const char *s, size_t len, char *label, size_t cap);

/* The charset=... parameter of a Content-Type value (an HTTP header or the
 * content of a <meta http-equiv>), as skein__scan_meta_charset.  1 or 0. */
int skein__scan_content_type_charset(const char *v, size_t len, char *label, size_t cap);

/* Appends to `out` the bytes of s[0..len) without comments, bogus comments
 * (<!DOCTYPE ...>, <!ENTITY ...>, <?xml ...?>: the standard reads all as
 * comments but the first, and the tree needs none) and without the bodies
 * of <style> and of <script> elements other than JSON-LD ones (the tags
 * themselves stay).  0, or -1 on ENOMEM. */
int skein__scan_prune(const char *s, size_t len, sbuf *out);

#endif
