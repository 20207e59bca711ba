/* date.c -- lenient date reading.  See date.h.
 *
 * ISO forms are read field by field; other forms are cut into tokens
 * (numbers, words) and the fields picked out: a four-digit year, a month
 * by name, a day, "HH:MM[:SS]", AM/PM, a zone.  The fields are then
 * written as ISO 8601 and handed to skein_parse_time, which checks them. */
#include "date.h"

#include "skein.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct when {
    int y, mo, d, h, mi, s;
    int off; /* minutes east of UTC */
    int have_time;
} when;

static int digit(char c) { return c >= '0' && c <= '9'; }

/* Reads n digits at s[*i]; -1 when they are not there. */
static int num(const char *s, size_t len, size_t *i, int n) {
    int v = 0;
    for (int k = 0; k < n; k++, (*i)++) {
        if (*i >= len || !digit(s[*i])) return -1;
        v = v * 10 + (s[*i] - '0');
    }
    return v;
}

/* Zone names pages use, minutes east of UTC. */
static int zone_offset(const char *z, size_t n, int *off) {
    /* clang-format off */
    static const struct { const char *name; int off; } zones[] = {
        {"UTC", 0}, {"GMT", 0}, {"UT", 0}, {"Z", 0}, {"EST", -300}, {"EDT", -240},
        {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480},
        {"PDT", -420}, {"BST", 60}, {"CET", 60}, {"CEST", 120}, {"EET", 120}, {"EEST", 180},
        {"MSK", 180}, {"IST", 330}, {"JST", 540}, {"KST", 540}, {"AEST", 600}, {"AEDT", 660},
    };
    /* clang-format on */
    for (size_t k = 0; k < sizeof(zones) / sizeof(zones[0]); k++) {
        if (strlen(zones[k].name) == n && strncasecmp(z, zones[k].name, n) == 0) {
            *off = zones[k].off;
            return 0;
        }
    }
    return -1;
}

/* "+HH[:MM]", "+HHMM", "Z" or a zone name at s[*i] into w->off. */
static int read_zone(const char *s, size_t len, size_t *i, when *w) {
    while (*i < len && s[*i] == ' ') (*i)++;
    if (*i >= len) return 0;
    if (s[*i] == '+' || s[*i] == '-') {
        int sign = s[(*i)++] == '-' ? -1 : 1, hh = num(s, len, i, 2), mm = 0;
        if (hh < 0) return -1;
        if (*i < len && s[*i] == ':') (*i)++;
        if (*i < len && digit(s[*i]) && (mm = num(s, len, i, 2)) < 0) return -1;
        w->off = sign * (hh * 60 + mm);
        return hh <= 14 && mm <= 59 ? 0 : -1;
    }
    size_t k = *i;
    while (k < len && ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z')) k++;
    if (k == *i || zone_offset(s + *i, k - *i, &w->off)) return -1;
    *i = k;
    return 0;
}

/* "HH:MM[:SS][.fff]" at s[*i]. */
static int read_clock(const char *s, size_t len, size_t *i, when *w) {
    size_t k = *i;
    int h = num(s, len, &k, 2);
    if (h < 0) {
        k = *i;
        h = num(s, len, &k, 1);
    }
    if (h < 0 || k >= len || s[k] != ':') return -1;
    k++;
    if ((w->mi = num(s, len, &k, 2)) < 0) return -1;
    w->s = 0;
    if (k < len && s[k] == ':' && (k++, (w->s = num(s, len, &k, 2)) < 0)) return -1;
    if (k < len && (s[k] == '.' || s[k] == ','))
        for (k++; k < len && digit(s[k]); k++) {
        }
    w->h = h, w->have_time = 1;
    *i = k;
    return 0;
}

/* ISO 8601: "YYYY-MM-DD" (or with '/'), then optionally the clock and zone. */
static int read_iso(const char *s, size_t len, when *w) {
    size_t i = 0;
    if ((w->y = num(s, len, &i, 4)) < 0 || i >= len || (s[i] != '-' && s[i] != '/')) return -1;
    char sep = s[i++];
    if ((w->mo = num(s, len, &i, 2)) < 0 || i >= len || s[i++] != sep) return -1;
    if ((w->d = num(s, len, &i, 2)) < 0) return -1;
    if (i < len && (s[i] == 'T' || s[i] == ' ') && i + 1 < len && digit(s[i + 1])) {
        i++;
        if (read_clock(s, len, &i, w)) return -1;
        if (read_zone(s, len, &i, w)) return -1;
    }
    while (i < len && s[i] == ' ') i++;
    return i == len ? 0 : -1;
}

static int month_of(const char *s, size_t n) {
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(s, months[m], 3) == 0) return m + 1;
    return 0;
}

/* One word token of free-form text: a month, AM/PM, a zone or noise. */
static void read_word(const char *s, size_t n, when *w, int *pm) {
    int m = month_of(s, n);
    if (m && !w->mo)
        w->mo = m;
    else if (n == 2 && strncasecmp(s, "pm", 2) == 0)
        *pm = 1;
    else if (n == 2 && strncasecmp(s, "am", 2) == 0)
        *pm = 0;
    else
        zone_offset(s, n, &w->off);
}

/* Free form: RFC 822, English; fields picked from tokens. */
static int read_free(const char *s, size_t len, when *w) {
    int pm = -1;
    for (size_t i = 0; i < len;) {
        size_t k = i;
        if (digit(s[i]) && read_clock(s, len, &k, w) == 0) {
            i = k;
        } else if (digit(s[i])) {
            int v = 0;
            for (; k < len && digit(s[k]) && v < 100000; k++) v = v * 10 + (s[k] - '0');
            if (k - i == 4 && !w->y)
                w->y = v;
            else if (k - i <= 2 && !w->d)
                w->d = v;
            i = k;
        } else if ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') {
            while (k < len && ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z')) k++;
            read_word(s + i, k - i, w, &pm);
            i = k;
        } else if ((s[i] == '+' || s[i] == '-') && w->have_time && read_zone(s, len, &k, w) == 0) {
            i = k;
        } else {
            i++;
        }
    }
    if (pm == 1 && w->h < 12) w->h += 12;
    if (pm == 0 && w->h == 12) w->h = 0;
    return w->y && w->mo && w->d ? 0 : -1;
}

/* Unix seconds or milliseconds, all digits. */
static int read_epoch(const char *s, size_t len, int64_t *out) {
    if (len != 10 && len != 13) return -1;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!digit(s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = len == 13 ? v / 1000 : v;
    return 0;
}

int skein__date_parse(const char *s, size_t len, int64_t *out) {
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++, len--;
    while (len &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    if (!len || len > 200) return -1;
    int64_t t;
    if (read_epoch(s, len, &t) == 0) {
        if (t < 631152000 || t > 4102444800) return -1; /* 1990 .. 2100 */
        *out = t;
        return 0;
    }
    when w = {0};
    if (read_iso(s, len, &w) && (memset(&w, 0, sizeof(w)), read_free(s, len, &w))) return -1;
    if (w.y < 1990 || w.y > 2100) return -1;
    char iso[64];
    snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", w.y, w.mo, w.d, w.h,
             w.mi, w.s, w.off < 0 ? '-' : '+', (w.off < 0 ? -w.off : w.off) / 60,
             (w.off < 0 ? -w.off : w.off) % 60);
    return skein_parse_time(iso, out) == SKEIN_OK ? 0 : -1;
}
