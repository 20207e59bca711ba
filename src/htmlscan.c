/* htmlscan.c -- tags, the declared charset and pruning, from raw bytes.
 * See htmlscan.h.
 *
 * The scanner jumps from '<' to '<' with memchr and reads only markup, so a
 * pass over a page costs little next to the parse it saves.  Its rules are
 * the standard's where they matter here: "<!--" opens a comment that
 * "-->" closes ("<!-->" and "<!--->" close at once); "<!", "<?" and "</"
 * not followed by a letter open a bogus comment that the next '>' closes;
 * attribute values may be quoted with either quote and then hold '>'. */
#include "htmlscan.h"

#include <string.h>
#include <strings.h>

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Offset just past the next '>' at or after i, or len. */
static size_t past_gt(const char *s, size_t len, size_t i) {
    const char *g = i < len ? memchr(s + i, '>', len - i) : NULL;
    return g ? (size_t)(g - s) + 1 : len;
}

/* A comment starting at i ("<!--"): offset past its end. */
static size_t comment_end(const char *s, size_t len, size_t i) {
    size_t j = i + 4;
    if (j < len && s[j] == '>') return j + 1;                        /* <!--> */
    if (j + 1 < len && s[j] == '-' && s[j + 1] == '>') return j + 2; /* <!---> */
    for (; j + 2 < len; j++) {
        const char *d = memchr(s + j, '-', len - j - 2);
        if (!d) break;
        j = (size_t)(d - s);
        if (s[j + 1] == '-' && s[j + 2] == '>') return j + 3;
    }
    return len;
}

/* Reads one attribute at *i (blanks and '/' already skipped, s[*i] not
 * '>'), advancing *i past it; stores it in t when there is room. */
static void read_attr(const char *s, size_t len, size_t *i, skein__scan_token *t) {
    size_t n0 = *i, j = *i + 1; /* a first '=' belongs to the name */
    while (j < len && !is_blank(s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=') j++;
    size_t n1 = j, v0 = j, v1 = j;
    while (j < len && is_blank(s[j])) j++;
    if (j < len && s[j] == '=') {
        for (j++; j < len && is_blank(s[j]); j++) {
        }
        if (j < len && (s[j] == '"' || s[j] == '\'')) {
            const char *q = memchr(s + j + 1, s[j], len - j - 1);
            v0 = j + 1, v1 = q ? (size_t)(q - s) : len;
            j = q ? v1 + 1 : len;
        } else {
            for (v0 = j; j < len && !is_blank(s[j]) && s[j] != '>'; j++) {
            }
            v1 = j;
        }
    } else {
        j = n1; /* no value: the blanks may precede the next name */
    }
    *i = j;
    if (t->nattrs == SKEIN__SCAN_MAX_ATTRS) return;
    t->attrs[t->nattrs++] = (skein__scan_attr){s + n0, s + v0, n1 - n0, v1 - v0};
}

/* A start or end tag whose name starts at i; fills t, returns its end. */
static size_t read_tag(const char *s, size_t len, size_t i, skein__scan_token *t) {
    size_t j = i;
    while (j < len && !is_blank(s[j]) && s[j] != '/' && s[j] != '>') j++;
    t->name = s + i, t->name_len = j - i, t->nattrs = 0;
    for (;;) {
        while (j < len && (is_blank(s[j]) || s[j] == '/')) j++;
        if (j >= len) return len;
        if (s[j] == '>') return j + 1;
        read_attr(s, len, &j, t);
    }
}

/* The token that starts with the '<' at i; 0 when that '<' is text. */
static int token_at(const char *s, size_t len, size_t i, skein__scan_token *t) {
    char c = i + 1 < len ? s[i + 1] : 0;
    t->start = i, t->name = NULL, t->name_len = 0, t->nattrs = 0;
    if (c == '!' && i + 3 < len && s[i + 2] == '-' && s[i + 3] == '-') {
        t->kind = SKEIN__SCAN_COMMENT, t->end = comment_end(s, len, i);
    } else if (c == '/' && i + 2 < len && is_alpha(s[i + 2])) {
        t->kind = SKEIN__SCAN_END, t->end = read_tag(s, len, i + 2, t);
    } else if (c == '!' || c == '?' || c == '/') {
        t->kind = SKEIN__SCAN_OTHER, t->end = past_gt(s, len, i + 2);
    } else if (is_alpha(c)) {
        t->kind = SKEIN__SCAN_START, t->end = read_tag(s, len, i + 1, t);
    } else {
        return 0;
    }
    return 1;
}

int skein__scan_next(const char *s, size_t len, size_t *pos, skein__scan_token *t) {
    size_t i = *pos;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        if (token_at(s, len, i, t)) {
            *pos = t->end;
            return 1;
        }
        i++;
    }
    *pos = len;
    return 0;
}

size_t skein__scan_raw_end(const char *s, size_t len, size_t from, const char *name) {
    size_t n = strlen(name);
    for (size_t i = from; i + 2 + n <= len; i++) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        if (i + 2 + n > len) break;
        if (s[i + 1] != '/' || strncasecmp(s + i + 2, name, n) != 0) continue;
        if (i + 2 + n == len) return i;
        char c = s[i + 2 + n];
        if (is_blank(c) || c == '/' || c == '>') return i;
    }
    return len;
}

int skein__scan_is(const skein__scan_token *t, const char *name) {
    size_t n = strlen(name);
    return t->name && t->name_len == n && strncasecmp(t->name, name, n) == 0;
}

const char *skein__scan_attr_value(const skein__scan_token *t, const char *name, size_t *len) {
    size_t n = strlen(name);
    for (int k = 0; k < t->nattrs; k++) {
        const skein__scan_attr *a = &t->attrs[k];
        if (a->name_len == n && strncasecmp(a->name, name, n) == 0) {
            *len = a->value_len;
            return a->value;
        }
    }
    *len = 0;
    return NULL;
}

/* Copies v[0..n) without surrounding blanks and quotes into label. */
static int put_label(const char *v, size_t n, char *label, size_t cap) {
    while (n && (is_blank(*v) || *v == '"' || *v == '\'')) v++, n--;
    while (n && (is_blank(v[n - 1]) || v[n - 1] == '"' || v[n - 1] == '\'')) n--;
    if (!n || !cap) return 0;
    if (n >= cap) n = cap - 1;
    memcpy(label, v, n);
    label[n] = 0;
    return 1;
}

int skein__scan_content_type_charset(const char *v, size_t len, char *label, size_t cap) {
    for (size_t i = 0; i + 7 <= len; i++) {
        if (strncasecmp(v + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < len && is_blank(v[j])) j++;
        if (j >= len || v[j] != '=') continue;
        for (j++; j < len && is_blank(v[j]); j++) {
        }
        size_t k = j;
        if (k < len && (v[k] == '"' || v[k] == '\'')) k++;
        while (k < len && v[k] != ';' && !is_blank(v[k]) && v[k] != '"' && v[k] != '\'') k++;
        return put_label(v + j, k - j, label, cap);
    }
    return 0;
}

/* The charset one <meta> tag declares, if any. */
static int meta_label(const skein__scan_token *t, char *label, size_t cap) {
    size_t n;
    const char *v = skein__scan_attr_value(t, "charset", &n);
    if (v) return put_label(v, n, label, cap);
    v = skein__scan_attr_value(t, "http-equiv", &n);
    if (!v || n != 12 || strncasecmp(v, "content-type", 12) != 0) return 0;
    v = skein__scan_attr_value(t, "content", &n);
    return v && skein__scan_content_type_charset(v, n, label, cap);
}

int skein__scan_meta_charset(const char *s, size_t len, char *label, size_t cap) {
    size_t pos = 0;
    skein__scan_token t;
    if (len > 1024) len = 1024;
    while (skein__scan_next(s, len, &pos, &t)) {
        if (t.kind == SKEIN__SCAN_START && skein__scan_is(&t, "meta") && meta_label(&t, label, cap))
            return 1;
    }
    return 0;
}

/* 1 for a <script> whose type names JSON-LD. */
static int is_json_ld(const skein__scan_token *t) {
    size_t n;
    const char *v = skein__scan_attr_value(t, "type", &n);
    for (size_t i = 0; v && i + 7 <= n; i++)
        if (strncasecmp(v + i, "ld+json", 7) == 0) return 1;
    return 0;
}

int skein__scan_prune(const char *s, size_t len, sbuf *out) {
    size_t pos = 0, copied = 0;
    skein__scan_token t;
    while (skein__scan_next(s, len, &pos, &t)) {
        size_t drop_from = t.start, drop_to = t.end;
        if (t.kind == SKEIN__SCAN_START) {
            int script = skein__scan_is(&t, "script");
            if (!script && !skein__scan_is(&t, "style")) continue;
            pos = skein__scan_raw_end(s, len, t.end, script ? "script" : "style");
            if (script && is_json_ld(&t)) continue;
            drop_from = t.end, drop_to = pos;
        } else if (t.kind == SKEIN__SCAN_END) {
            continue;
        }
        if (skein__sbuf_add(out, s + copied, drop_from - copied)) return -1;
        copied = drop_to;
    }
    return skein__sbuf_add(out, s + copied, len - copied);
}
