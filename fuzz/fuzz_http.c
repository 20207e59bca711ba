/* fuzz_http.c -- HTTP requests as a client sends them, to the server of
 * `skein serve` running in this process (libmicrohttpd, a store in a
 * temporary folder, writes on with a known token).  Each input is written
 * as is to a new connection; the answer is read to the end.  The fuzzer
 * finds what our handler does with any method, path, query, header and body
 * the HTTP parser lets through. */
#include "fuzz.h"
#include "serve_http.h"

#include <arpa/inet.h>
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

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    signal(SIGPIPE, SIG_IGN);
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/skein-fuzz-http-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) return 1;
    snprintf(db, sizeof(db), "%s/store.db", dir);
    snprintf(token, sizeof(token), "%s/token", dir);
    FILE *f = fopen(token, "w");
    if (!f) return 1;
    fputs(TOKEN "\n", f);
    fclose(f);
    serve_config cfg = {db, "127.0.0.1:0", token, 1u << 20, 64, 30};
    if (!(srv = serve_start(&cfg))) return 1;
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
    struct timeval tv = {10, 0};
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
        while (recv(fd, buf, sizeof(buf), 0) > 0) {
        }
    }
    close(fd);
    return 0;
}
