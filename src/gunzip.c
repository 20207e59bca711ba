/* gunzip.c -- zlib's inflate behind a cap.  See gunzip.h.
 *
 * The output buffer grows in steps (doubling, up to the cap) and inflate
 * writes straight into it, so no byte is copied twice and none past the
 * cap is ever produced. */
#include "gunzip.h"

#include "skein.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

int skein__is_gzip(const char *s, size_t len) {
    return len >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b;
}

/* Makes room in `out` for the next stretch of output, at most up to the
 * cap; points z's output at it.  0, or -1 on ENOMEM. */
static int room(sbuf *out, size_t cap, z_stream *z) {
    size_t want = out->len < 65536 ? 65536 : out->len;
    if (out->len >= cap)
        want = 0;
    else if (want > cap - out->len)
        want = cap - out->len;
    if (want > UINT_MAX) want = UINT_MAX;
    if (out->cap - out->len < want + 1 && skein__sbuf_grow(out, want)) return -1;
    z->next_out = (Bytef *)out->buf + out->len;
    z->avail_out = (uInt)want;
    return 0;
}

/* Runs inflate until it can go no further: the stream ended, the data is
 * bad, or it needs input or output room it cannot have (Z_BUF_ERROR: the
 * input is used up or the cap reached).  Returns zlib's last code, or
 * Z_MEM_ERROR. */
static int pump(z_stream *z, sbuf *out, size_t cap) {
    for (;;) {
        if (room(out, cap, z)) return Z_MEM_ERROR;
        uInt before = z->avail_out;
        int zrc = inflate(z, Z_NO_FLUSH);
        out->len += before - z->avail_out;
        out->buf[out->len] = 0;
        if (zrc == Z_STREAM_END && z->avail_in >= 2 &&
            skein__is_gzip((const char *)z->next_in, z->avail_in)) {
            if (inflateReset(z) != Z_OK) return Z_DATA_ERROR;
            continue; /* the next member */
        }
        if (zrc != Z_OK) return zrc;
    }
}

int skein__gunzip(const char *in, size_t len, size_t cap, sbuf *out) {
    skein__sbuf_reset(out);
    if (skein__sbuf_grow(out, 0)) return SKEIN_ENOMEM;
    out->buf[0] = 0;
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return SKEIN_ENOMEM;
    int zrc = Z_BUF_ERROR;
    while (zrc == Z_BUF_ERROR && len > 0 && out->len < cap) {
        uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
        z.next_in = (Bytef *)(uintptr_t)in, z.avail_in = n;
        zrc = pump(&z, out, cap);
        in += n - z.avail_in, len -= n - z.avail_in;
        if (zrc == Z_BUF_ERROR && z.avail_in > 0) break; /* no room: the cap */
    }
    inflateEnd(&z);
    if (zrc == Z_MEM_ERROR) return SKEIN_ENOMEM;
    if (zrc == Z_STREAM_END) return SKEIN_OK;
    if (zrc == Z_BUF_ERROR && out->len >= cap) return SKEIN_ETOOBIG;
    return SKEIN_EPARSE;
}
