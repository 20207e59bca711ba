/* html.h -- the read stage for web pages: one page's bytes, as fetched,
 * become an article (main text, title, publication time, language, outlet,
 * address).
 *
 * The steps, each a module of its own: gzip inflated under the cap
 * (gunzip.h); bytes to UTF-8 (charset.h); script and style bodies pruned
 * (htmlscan.h); libxml2's parse into a tree (dom.h); metadata
 * (htmlmeta.h); main text (htmltext.h).  Public callers use
 * skein_html_article_parse (skein.h), which wraps this. */
#ifndef SKEIN_HTML_H
#define SKEIN_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "skein.h"

/* Pages are read up to this many bytes (after inflating); the rest is cut. */
#define SKEIN__HTML_MAX_BYTES SKEIN_HTML_MAX_BYTES

/* A page read.  Every string is NUL-terminated valid UTF-8 owned by the
 * page (malloc'd; skein__page_release frees them), or NULL when the page
 * does not state it. */
typedef struct skein__page {
    char *title;       /* the headline, the site's name cut from <title> */
    char *text;        /* main text, paragraphs separated by '\n' ("" when none) */
    char *lang;        /* ISO 639-1 code ("en"), from the markup or the text */
    char *source;      /* the outlet as a host name ("reuters.com"), never a URL */
    char *url;         /* the canonical address (absolute http or https) */
    char *site_name;   /* the outlet's name as the page gives it ("Reuters") */
    int64_t published; /* Unix seconds, SKEIN_NO_TIME when the page states none */
    char charset[40];  /* the charset the bytes were read in */
    int cut;           /* 1 when the page was over a cap and only its start was read */
} skein__page;

/* Reads one page.  `bytes` (len bytes, gzip or not) is the page as
 * fetched; `content_type` the HTTP Content-Type value or NULL; `url` the
 * address it was fetched from or NULL (it resolves a relative canonical
 * link and names the outlet when the page does not).  Returns SKEIN_OK,
 * SKEIN_EINVAL, SKEIN_EPARSE (not gzip data though it starts like it),
 * SKEIN_ENOMEM or SKEIN_EINTERNAL; on failure `err` (may be NULL) says why
 * (err->code the status, err->message the cause), and out holds nothing to
 * release.  On success err->code is SKEIN_OK, and with out->cut set
 * err->message says what was cut.  Thread-safe. */
int skein__html_read(const char *bytes, size_t len, const char *content_type, const char *url,
                     skein__page *out, skein_error *err);

/* Frees the page's strings and zeroes it.  Accepts NULL and a released page. */
void skein__page_release(skein__page *p);

#endif
