/* htmlhint.c -- tag, role, class and id hints.  See htmlhint.h.
 *
 * Every word the hints know is in one sorted table with what it may mean,
 * so a class word costs one look-up.  A value's words are read left to
 * right with the words before and after each at hand, so that pairs
 * ("article body", "story text") and qualified words ("hidden-xs" is a
 * responsive class, not hidden text) can be told apart. */
#include "htmlhint.h"

#include "util.h"

#include <string.h>

#define WORD_MAX 32

/* What a word may mean. */
enum {
    W_JUNK = 1,      /* boilerplate by name */
    W_NEG = 2,       /* leans to boilerplate */
    W_POS = 4,       /* leans to content */
    W_EMBED = 8,     /* an embedded post: what the words before it in its class say of
                        boilerplate is void ("social-media-embed" is a tweet) */
    W_BODY1 = 16,    /* an article body's first word ("article" of "article-body") */
    W_BODY2 = 32,    /* and its second */
    W_SIZE = 64,     /* after "hidden": a responsive layout's class ("hidden-xs") */
    W_HPREFIX = 128, /* before "hidden": keeps its meaning ("visually-hidden"); after
                        any other word ("label-hidden") it hides something else */
    W_HIDES = 256    /* "hidden", "hide" */
};

typedef struct word {
    const char *name;
    unsigned flags;
} word;

/* Sorted by name (strcmp). */
/* clang-format off */
static const word words[] = {
    {"ad", W_JUNK}, {"ads", W_JUNK}, {"adsbygoogle", W_JUNK}, {"adslot", W_JUNK},
    {"adunit", W_JUNK}, {"advert", W_JUNK}, {"advertisement", W_JUNK}, {"advertising", W_JUNK},
    {"alert", W_NEG}, {"article", W_POS | W_BODY1}, {"author", W_JUNK}, {"badge", W_NEG},
    {"banner", W_NEG}, {"blog", W_POS | W_BODY1}, {"body", W_POS | W_BODY1 | W_BODY2},
    {"breadcrumb", W_JUNK}, {"breadcrumbs", W_JUNK}, {"btn", W_NEG}, {"button", W_NEG},
    {"byline", W_JUNK}, {"caption", W_JUNK}, {"carousel", W_NEG}, {"comment", W_JUNK},
    {"comments", W_JUNK}, {"consent", W_JUNK}, {"content", W_POS | W_BODY2}, {"cookie", W_JUNK},
    {"cookies", W_JUNK}, {"copy", W_BODY2}, {"copyright", W_JUNK}, {"credit", W_JUNK},
    {"credits", W_JUNK}, {"cta", W_NEG}, {"date", W_NEG}, {"dateline", W_JUNK}, {"desktop", W_SIZE},
    {"dfp", W_JUNK}, {"disclaimer", W_JUNK}, {"disqus", W_JUNK}, {"embed", W_EMBED},
    {"embedded", W_EMBED}, {"entry", W_POS | W_BODY1}, {"footer", W_JUNK}, {"gallery", W_NEG},
    {"gdpr", W_JUNK}, {"header", W_NEG}, {"hentry", W_POS}, {"hero", W_NEG},
    {"hidden", W_JUNK | W_HIDES}, {"hide", W_JUNK | W_HIDES}, {"icon", W_NEG}, {"is", W_HPREFIX},
    {"label", W_NEG}, {"lg", W_SIZE}, {"links", W_NEG}, {"login", W_JUNK}, {"logo", W_NEG},
    {"main", W_POS}, {"masthead", W_JUNK}, {"md", W_SIZE}, {"menu", W_JUNK}, {"meta", W_NEG},
    {"mobile", W_SIZE}, {"modal", W_JUNK}, {"more", W_NEG}, {"mostpopular", W_JUNK},
    {"mostread", W_JUNK}, {"name", W_BODY1}, {"nav", W_JUNK}, {"navbar", W_JUNK},
    {"navigation", W_JUNK}, {"news", W_BODY1}, {"newsletter", W_JUNK}, {"next", W_NEG},
    {"nocontent", W_JUNK}, {"noprint", W_JUNK}, {"noscript", W_JUNK}, {"outbrain", W_JUNK},
    {"pager", W_NEG}, {"pagination", W_NEG}, {"popular", W_JUNK}, {"popup", W_JUNK},
    {"post", W_POS | W_BODY1}, {"prev", W_NEG}, {"print", W_JUNK | W_SIZE}, {"promo", W_NEG},
    {"prose", W_POS}, {"pubdate", W_JUNK}, {"published", W_JUNK}, {"rail", W_NEG},
    {"readmore", W_JUNK}, {"recommendations", W_JUNK}, {"recommended", W_JUNK}, {"related", W_JUNK},
    {"rss", W_JUNK}, {"search", W_JUNK}, {"secondary", W_NEG}, {"share", W_JUNK},
    {"shares", W_JUNK}, {"sharing", W_JUNK}, {"sidebar", W_JUNK}, {"signin", W_JUNK},
    {"signup", W_JUNK}, {"skip", W_JUNK}, {"sm", W_SIZE}, {"social", W_JUNK}, {"sponsor", W_JUNK},
    {"sponsored", W_JUNK}, {"sr", W_HPREFIX}, {"story", W_POS | W_BODY1}, {"submenu", W_JUNK},
    {"subnav", W_JUNK}, {"subscribe", W_JUNK}, {"subscription", W_JUNK}, {"tablet", W_SIZE},
    {"taboola", W_JUNK}, {"tag", W_NEG}, {"tagcloud", W_JUNK}, {"tags", W_NEG}, {"teaser", W_NEG},
    {"text", W_POS | W_BODY2}, {"thumb", W_NEG}, {"thumbnail", W_NEG}, {"time", W_NEG},
    {"timestamp", W_JUNK}, {"toolbar", W_JUNK}, {"tools", W_NEG}, {"trending", W_JUNK},
    {"tweet", W_EMBED}, {"u", W_HPREFIX}, {"updated", W_JUNK}, {"video", W_NEG},
    {"visually", W_HPREFIX}, {"widget", W_JUNK}, {"widgets", W_JUNK}, {"xl", W_SIZE},
    {"xs", W_SIZE},
};
/* clang-format on */

/* Stems found inside a word that glues others ("sharebar", "commentlist"). */
static const char *const junk_stems[] = {
    "advert",      "breadcrumb", "commentlist", "comments", "cookie",  "disqus",
    "newsletter",  "outbrain",   "related",     "sharebar", "sharing", "sidebar",
    "socialshare", "sponsor",    "subscri",     "taboola",
};

/* Roles of landmarks and widgets that are not the article. */
static const char *const junk_roles[] = {
    "alertdialog", "banner",     "complementary", "contentinfo", "dialog",  "menu",
    "menubar",     "navigation", "search",        "tablist",     "toolbar",
};

/* What word w may mean (W_*), 0 when it is not known. */
static unsigned word_flags(const char *w) {
    long k =
        w[0] ? skein__table_find(words, sizeof(words) / sizeof(words[0]), sizeof(words[0]), w) : -1;
    return k < 0 ? 0 : words[k].flags;
}

static int is_junk_role(const char *r) {
    return skein__table_find(junk_roles, sizeof(junk_roles) / sizeof(junk_roles[0]),
                             sizeof(junk_roles[0]), r) >= 0;
}

/* clang-format off */
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
/* clang-format on */

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
        int upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z',
            digit = c >= '0' && c <= '9';
        if (!upper && !lower && !digit) break;
        if (upper && j > start && v[j - 1] >= 'a' && v[j - 1] <= 'z') break;
        if (k < WORD_MAX - 1) w[k++] = (char)(upper ? c + 32 : c);
    }
    w[k] = 0;
    *i = j;
    return 1;
}

/* 1 when word w, not a known word, glues a boilerplate word to others. */
static int glued_junk(const char *w) {
    if (strlen(w) < 7) return 0;
    for (size_t k = 0; k < sizeof(junk_stems) / sizeof(junk_stems[0]); k++)
        if (strstr(w, junk_stems[k])) return 1;
    return 0;
}

/* Hints of one word (flags f; text w), given what the words before and
 * after it in its class may mean (0 at either end of a class). */
static unsigned word_hint(const char *w, unsigned f, unsigned prev, unsigned next, int at_start) {
    unsigned h = (f & W_BODY1) && (next & W_BODY2) ? SKEIN__HINT_BODY : 0;
    if ((f & W_HIDES) && ((next & W_SIZE) || !(at_start || (prev & W_HPREFIX)))) return h;
    if (f & W_JUNK) return h | SKEIN__HINT_JUNK;
    if (f & W_NEG) return h | SKEIN__HINT_NEG;
    if (f & W_POS) return h | SKEIN__HINT_POS;
    return h | (!f && glued_junk(w) ? SKEIN__HINT_JUNK : 0);
}

/* Hints of a class or id value: each word with the words before and after
 * it in the same class.  An embed word voids what the words before it in
 * its class say ("social-media-embed" is an embedded post), not what the
 * words after it say ("embed-caption"). */
static unsigned name_hint(const char *v) {
    if (!v || !*v) return 0;
    char w[WORD_MAX], next[WORD_MAX];
    size_t i = 0;
    unsigned h = 0, hc = 0, prev = 0; /* all classes; the class being read; the word before */
    int fresh, next_fresh, at_start = 1;
    int have = next_word(v, &i, w, &fresh);
    unsigned f = have ? word_flags(w) : 0;
    while (have) {
        int more = next_word(v, &i, next, &next_fresh);
        int same_class = more && !next_fresh;
        unsigned nf = more ? word_flags(next) : 0;
        if (f & W_EMBED) hc &= ~(unsigned)(SKEIN__HINT_JUNK | SKEIN__HINT_NEG);
        hc |= word_hint(w, f, at_start ? 0 : prev, same_class ? nf : 0, at_start);
        if (!same_class) h |= hc, hc = 0;
        prev = f, at_start = !same_class;
        memcpy(w, next, sizeof(w));
        f = nf, have = more;
    }
    return h;
}

/* 1 when an inline style hides the element. */
static int style_hides(const char *style) {
    char low[512];
    size_t n = 0;
    for (size_t i = 0; style[i] && n < sizeof(low) - 1; i++)
        if (style[i] != ' ' && style[i] != '\t')
            low[n++] = (char)(style[i] >= 'A' && style[i] <= 'Z' ? style[i] + 32 : style[i]);
    low[n] = 0;
    return strstr(low, "display:none") || strstr(low, "visibility:hidden");
}

static unsigned attr_hint(const skein__node *n) {
    unsigned h = name_hint(skein__node_attr(n, SKEIN__A_CLASS, NULL)) |
                 name_hint(skein__node_attr(n, SKEIN__A_ID, NULL));
    const char *v = skein__node_attr(n, SKEIN__A_ROLE, NULL);
    if (v && is_junk_role(v)) h |= SKEIN__HINT_JUNK;
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
    "ad",
    "ads",
    "advert",
    "advertisement",
    "advertisements",
    "anzeige",
    "article continues below",
    "continue reading",
    "continue reading below",
    "content continues below",
    "pubblicità",
    "publicidad",
    "publicité",
    "scroll to continue with content",
    "sponsored",
    "sponsored content",
    "story continues below",
    "story continues below advertisement",
    "this slideshow requires javascript",
    "werbung",
    "реклама",
    "Реклама",
    "РЕКЛАМА",
    "إعلان",
    "广告",
    "廣告",
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
