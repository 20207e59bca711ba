/* fuzz_http.c -- HTTP requests as a client sends them, to the server of
 * `skein serve` running in this process (libmicrohttpd, a store in a
 * temporary folder, writes on with a known token).  Each input is written
 * as is to a new connection; the answer is read to the end.  The fuzzer
 * finds what our handler does with any method, path, query, header and body
 * the HTTP parser lets through.  Articles posted stay in the store for the
 * inputs after: a finding that needs them may need its predecessors to
 * replay (the corpus holds them). */
#include "fuzz.h"
#include "serve_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define TOKEN "fuzz-token-0123456789"

static serve_server *srv;
static unsigned port;
static char dir[256], db[300], token[300];

/* At exit: the server stopped, its temporary store removed. */
static void cleanup(void) {
    serve_stop(srv);
    static const char *const suffix[] = {"", "-wal", "-shm", "-writer"};
    char path[320];
    for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
        snprintf(path, sizeof(path), "%s%s", db, suffix[i]);
        unlink(path);
    }
    unlink(token);
    rmdir(dir);
}

/* The store starts with a few stories, so that the reading routes have
 * something to find (the seeds ask for story 1 and article dam-en-1). */
static void fill(const char *path) {
    static const skein_article a[] = {
        {"dam-en-1", "Dam breach floods Tyrol valley, 12 missing",
         "A dam above Kaunertal in Tyrol gave way on Monday. \"We are searching every house,\" "
         "said Maria Keller.",
         "en", "alpine-wire.example", "https://alpine-wire.example/dam", 1747029600},
        {"dam-de-1", "Dammbruch in Tirol: zwölf Vermisste",
         "Ein Damm oberhalb von Kaunertal in Tirol ist gebrochen.", "de", "tirol.example", NULL,
         1747033200},
        {"quake-en-1", "Magnitude 6.4 earthquake kills 23 in northern Peru",
         "A magnitude 6.4 earthquake struck the Piura region of northern Peru on Tuesday.", "en",
         "wire.example", NULL, 1747300000}};
    skein_store *s = skein_store_new(path, 0, NULL);
    fuzz_ready(s && skein_store_start(s, NULL, NULL) == SKEIN_OK, "the store");
    for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) skein_store_add(s, &a[i], NULL);
    fuzz_ready(skein_store_commit(s) == SKEIN_OK, "the store's first articles");
    skein_store_free(s);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    signal(SIGPIPE, SIG_IGN);
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/skein-fuzz-http-XXXXXX", tmp ? tmp : "/tmp");
    fuzz_ready(mkdtemp(dir) != NULL, "a temporary folder");
    snprintf(db, sizeof(db), "%s/store.db", dir);
    snprintf(token, sizeof(token), "%s/token", dir);
    FILE *f = fopen(token, "w");
    fuzz_ready(f != NULL, "the token file");
    fputs(TOKEN "\n", f);
    fclose(f);
    fill(db);
    serve_config cfg = {db, "127.0.0.1:0", token, 1u << 20, 64, 30, 0, NULL, 1};
    fuzz_ready((srv = serve_start(&cfg)) != NULL, "the server");
    port = serve_port(srv);
    atexit(cleanup);
    fprintf(stderr, "fuzz_http: server on 127.0.0.1:%u, store %s\n", port, db);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {25, 0}; /* under libFuzzer's -timeout=30: a hang is a finding */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0) {
        size_t off = 0;
        while (off < size) {
            ssize_t w = send(fd, data + off, size - off, MSG_NOSIGNAL);
            if (w <= 0) break;
            off += (size_t)w;
        }
        shutdown(fd, SHUT_WR); /* the request ends here */
        char buf[65536];
        ssize_t got;
        while ((got = recv(fd, buf, sizeof(buf), 0)) > 0) {
        }
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            fprintf(stderr, "fuzz_http: no answer and no close in 25 s\n");
            abort();
        }
    }
    close(fd);
    return 0;
}
