/* htmlhint.c -- tag, role, class and id hints.  See htmlhint.h.
 *
 * Word lists are sorted for bsearch and hold lower-case ASCII.  A value's
 * words are read left to right with the word after each at hand, so that
 * pairs ("article body", "story text") and qualified words ("hidden-xs" is
 * a responsive class, not hidden text) can be told apart. */
#include "htmlhint.h"

#include <stdlib.h>
#include <string.h>

#define WORD_MAX 32

/* Boilerplate by name. */
static const char *const junk_words[] = {
    "ad",          "ads",         "adsbygoogle",  "adslot",      "adunit",    "advert",
    "advertisement", "advertising", "author",     "breadcrumb",  "breadcrumbs", "byline",
    "caption",     "comment",     "comments",     "consent",     "cookie",    "cookies",
    "copyright",   "credit",      "credits",      "dateline",    "dfp",       "disclaimer",
    "disqus",      "footer",      "gdpr",         "hidden",      "hide",      "login",
    "masthead",    "menu",        "modal",        "mostpopular", "mostread",  "nav",
    "navbar",      "navigation",  "newsletter",   "nocontent",   "noprint",   "noscript",
    "outbrain",    "popular",     "popup",
    "print",       "pubdate",     "published",    "readmore",    "recommendations", "recommended",
    "related",     "rss",         "search",       "share",       "shares",    "sharing",
    "sidebar",     "signin",      "signup",       "skip",        "social",    "sponsor",
    "sponsored",   "subnav",      "submenu",      "subscribe",   "subscription", "taboola",
    "tagcloud",    "timestamp",   "toolbar",      "trending",    "updated",   "widget",
    "widgets",
};

/* Leans to boilerplate. */
static const char *const neg_words[] = {
    "alert",  "badge",   "banner",  "btn",      "button",  "carousel", "cta",     "date",
    "gallery", "header", "hero",    "icon",     "label",   "links",    "logo",    "meta",
    "more",   "next",    "pager",   "pagination", "prev",  "promo",    "rail",    "secondary",
    "tag",    "tags",    "teaser",  "thumb",    "thumbnail", "time",   "tools",   "video",
};

/* Words that mark an embedded post (a tweet quoted in the article): what
 * the same value says of boilerplate ("social-media-embed") is void. */
static const char *const embed_words[] = {"embed", "embedded", "tweet"};

/* Leans to content. */
static const char *const pos_words[] = {
    "article", "blog", "body", "content", "entry", "hentry", "main", "post", "prose", "story",
    "text",
};

/* An article body: the first word of a pair, then the second. */
static const char *const body_first[] = {"article", "blog", "body", "entry", "name", "news", "post", "story"};
static const char *const body_second[] = {"body", "content", "copy", "text"};

/* Words after "hidden" that make it a responsive-layout class. */
static const char *const layout_sizes[] = {"desktop", "lg", "md", "mobile", "print", "sm", "tablet", "xl", "xs"};

/* Words before "hidden" that keep its meaning: "visually-hidden",
 * "is-hidden"; after any other ("label-hidden") it hides something else. */
static const char *const hidden_prefixes[] = {"", "is", "sr", "u", "visually"};

/* Stems found inside a value whose words are glued ("sharebar"). */
static const char *const junk_stems[] = {
    "advert", "breadcrumb", "commentlist", "comments", "cookie", "disqus", "newsletter",
    "outbrain", "related", "sharebar", "sharing", "sidebar", "socialshare", "sponsor", "subscri",
    "taboola",
};

/* Roles of landmarks and widgets that are not the article. */
static const char *const junk_roles[] = {
    "alertdialog", "banner", "complementary", "contentinfo", "dialog", "menu", "menubar",
    "navigation", "search", "tablist", "toolbar",
};

static int cmp_word(const void *key, const void *item) {
    return strcmp(key, *(const char *const *)item);
}

#define IN(word, list) (bsearch(word, list, sizeof(list) / sizeof(list[0]), sizeof(list[0]), cmp_word) != NULL)

static unsigned tag_hint(skein__tag t) {
    switch (t) {
    case SKEIN__T_HEAD: case SKEIN__T_SCRIPT: case SKEIN__T_STYLE: case SKEIN__T_NOSCRIPT:
    case SKEIN__T_TEMPLATE: case SKEIN__T_IFRAME: case SKEIN__T_SVG: case SKEIN__T_MATH:
    case SKEIN__T_CANVAS: case SKEIN__T_OBJECT: case SKEIN__T_EMBED: case SKEIN__T_VIDEO:
    case SKEIN__T_AUDIO: case SKEIN__T_PICTURE: case SKEIN__T_IMG: case SKEIN__T_MAP:
    case SKEIN__T_AREA: case SKEIN__T_SOURCE: case SKEIN__T_SELECT: case SKEIN__T_OPTION:
    case SKEIN__T_TEXTAREA: case SKEIN__T_INPUT: case SKEIN__T_BUTTON: case SKEIN__T_TITLE:
    case SKEIN__T_META: case SKEIN__T_LINK: case SKEIN__T_BASE:
        return SKEIN__HINT_DROP;
    case SKEIN__T_NAV: case SKEIN__T_ASIDE: case SKEIN__T_FOOTER: case SKEIN__T_MENU:
    case SKEIN__T_FIGURE: case SKEIN__T_FIGCAPTION: case SKEIN__T_FORM: case SKEIN__T_HEADER:
    case SKEIN__T_DIALOG: case SKEIN__T_LABEL:
        return SKEIN__HINT_JUNK;
    case SKEIN__T_ARTICLE: case SKEIN__T_MAIN:
        return SKEIN__HINT_POS;
    default:
        return 0;
    }
}

/* The next word of v at *i into w (lower-case, cut to WORD_MAX - 1
 * letters); 0 when there is none.  Words break at anything but ASCII
 * letters and digits, and before an upper-case letter that follows a
 * lower-case one.  *fresh is set when the word starts a new class (a blank
 * or the start of v came before it). */
static int next_word(const char *v, size_t *i, char w[WORD_MAX], int *fresh) {
    size_t k = 0, j = *i;
    *fresh = j == 0;
    while (v[j] && !((v[j] | 32) >= 'a' && (v[j] | 32) <= 'z') && !(v[j] >= '0' && v[j] <= '9'))
        *fresh |= v[j] == ' ' || v[j] == '\t' || v[j] == '\n', j++;
    if (!v[j]) return *i = j, 0;
    for (size_t start = j; v[j]; j++) {
        char c = v[j];
        int upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
        if (!upper && !lower && !digit) break;
        if (upper && j > start && v[j - 1] >= 'a' && v[j - 1] <= 'z') break;
        if (k < WORD_MAX - 1) w[k++] = (char)(upper ? c + 32 : c);
    }
    w[k] = 0;
    *i = j;
    return 1;
}

/* Hints of one word, given the words before and after it ("" at either
 * end of a class). */
static unsigned word_hint(const char *prev, const char *w, const char *next) {
    unsigned h = 0;
    if (IN(w, body_first) && IN(next, body_second)) h |= SKEIN__HINT_BODY;
    if ((strcmp(w, "hidden") == 0 || strcmp(w, "hide") == 0) &&
        (IN(next, layout_sizes) || !IN(prev, hidden_prefixes)))
        return h;
    if (IN(w, junk_words)) h |= SKEIN__HINT_JUNK;
    else if (IN(w, neg_words)) h |= SKEIN__HINT_NEG;
    else if (IN(w, pos_words)) h |= SKEIN__HINT_POS;
    return h;
}

/* 1 when the lower-cased value holds one of the glued stems. */
static int has_junk_stem(const char *v) {
    char low[256];
    size_t n = 0;
    for (; v[n] && n < sizeof(low) - 1; n++) low[n] = (char)(v[n] >= 'A' && v[n] <= 'Z' ? v[n] + 32 : v[n]);
    low[n] = 0;
    for (size_t k = 0; k < sizeof(junk_stems) / sizeof(junk_stems[0]); k++)
        if (strstr(low, junk_stems[k])) return 1;
    return 0;
}

/* Hints of a class or id value: each word with the word before and after
 * it in the same class ("" across a class boundary).  An embed word voids
 * what the words before it in its class say ("social-media-embed" is an
 * embedded post), not what the words after it say ("embed-caption"). */
static unsigned name_hint(const char *v) {
    if (!v || !*v) return 0;
    char prev[WORD_MAX] = "", w[WORD_MAX], next[WORD_MAX];
    size_t i = 0;
    unsigned h = 0, hc = 0; /* all classes; the class being read */
    int fresh, next_fresh;
    int have = next_word(v, &i, w, &fresh);
    while (have) {
        int more = next_word(v, &i, next, &next_fresh);
        if (IN(w, embed_words)) hc &= ~(unsigned)(SKEIN__HINT_JUNK | SKEIN__HINT_NEG);
        hc |= word_hint(prev, w, more && !next_fresh ? next : "");
        if (!more || next_fresh) h |= hc, hc = 0;
        strcpy(prev, more && !next_fresh ? w : "");
        memcpy(w, next, sizeof(w));
        have = more;
    }
    if (!(h & (SKEIN__HINT_BODY | SKEIN__HINT_JUNK)) && has_junk_stem(v)) h |= SKEIN__HINT_JUNK;
    return h;
}

/* 1 when an inline style hides the element. */
static int style_hides(const char *style) {
    char low[512];
    size_t n = 0;
    for (size_t i = 0; style[i] && n < sizeof(low) - 1; i++)
        if (style[i] != ' ' && style[i] != '\t') low[n++] = (char)(style[i] >= 'A' && style[i] <= 'Z' ? style[i] + 32 : style[i]);
    low[n] = 0;
    return strstr(low, "display:none") || strstr(low, "visibility:hidden");
}

static unsigned attr_hint(const skein__node *n) {
    unsigned h = name_hint(skein__node_attr(n, SKEIN__A_CLASS, NULL)) |
                 name_hint(skein__node_attr(n, SKEIN__A_ID, NULL));
    const char *v = skein__node_attr(n, SKEIN__A_ROLE, NULL);
    if (v && IN(v, junk_roles)) h |= SKEIN__HINT_JUNK;
    if (v && (strcmp(v, "main") == 0 || strcmp(v, "article") == 0)) h |= SKEIN__HINT_POS;
    v = skein__node_attr(n, SKEIN__A_ITEMPROP, NULL);
    if (v && strstr(v, "articleBody")) h |= SKEIN__HINT_BODY;
    if (skein__node_attr(n, SKEIN__A_HIDDEN, NULL)) h |= SKEIN__HINT_HIDDEN;
    v = skein__node_attr(n, SKEIN__A_ARIA_HIDDEN, NULL);
    if (v && strcmp(v, "true") == 0) h |= SKEIN__HINT_HIDDEN;
    v = skein__node_attr(n, SKEIN__A_STYLE, NULL);
    if (v && style_hides(v)) h |= SKEIN__HINT_HIDDEN;
    if (h & SKEIN__HINT_BODY) h &= ~(unsigned)(SKEIN__HINT_JUNK | SKEIN__HINT_NEG);
    return h;
}

unsigned skein__html_hint(const skein__node *n) {
    if (n->tag == SKEIN__T_TEXT) return 0;
    unsigned h = tag_hint((skein__tag)n->tag);
    if (h & SKEIN__HINT_DROP) return h;
    return h | (n->nattrs ? attr_hint(n) : 0);
}

/* Labels, lower-cased where ASCII; other scripts as written and in capitals. */
static const char *const labels[] = {
    "ad", "ads", "advert", "advertisement", "advertisements", "anzeige",
    "article continues below", "continue reading", "continue reading below",
    "content continues below", "pubblicità", "publicidad", "publicité",
    "scroll to continue with content", "sponsored", "sponsored content", "story continues below",
    "story continues below advertisement", "this slideshow requires javascript", "werbung",
    "реклама", "Реклама", "РЕКЛАМА", "إعلان", "广告", "廣告",
};

int skein__html_label(const char *s, size_t len) {
    char low[64];
    while (len && (s[len - 1] == '.' || s[len - 1] == ':' || s[len - 1] == ' ')) len--;
    while (len && (*s == ' ' || *s == '-')) s++, len--;
    if (!len || len >= sizeof(low)) return 0;
    for (size_t i = 0; i < len; i++) low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    low[len] = 0;
    for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
        if (strcmp(low, labels[k]) == 0) return 1;
    return 0;
}
