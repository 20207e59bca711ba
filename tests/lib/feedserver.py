#!/usr/bin/env python3
"""feedserver.py -- the outlets a feed test talks to, on a loopback port.

Serves the files under ROOT (tests/fixtures), /robots.txt from
ROOT/feeds/robots.txt (asked as host "localhost", a 301 to
/feeds/robots-moved.txt): in feeds and pages "{{BASE}}"
becomes this server's address.  Every answer carries an ETag and a
Last-Modified, and a request that sends either back gets 304.  Paths that
start with a word below are served with a twist:
  /gz/P         P compressed with gzip (Content-Encoding: gzip)
  /slow/P       P after SLOW seconds (a slow host)
  /redirect/P   302 to /P
  /to-metadata  302 to http://169.254.169.254/latest/meta-data/
  /to-file      302 to file:///etc/passwd
  /bomb.html    20 MB of blanks in 20 KB of gzip (a gzip bomb)
  /bomb.xml     the same as a feed
  /loop         302 to itself
  /status/N     answers status N (429 and 503 with Retry-After: 7200)
Each request is a line of LOG: the method, the path, the headers a polite
fetcher sends (User-Agent, If-None-Match, If-Modified-Since,
Accept-Encoding) and when it came (at: seconds, monotonic).  The port is written to PORTFILE once listening.

usage: feedserver.py ROOT LOG PORTFILE [SLOW]
"""
import gzip
import hashlib
import http.server
import os
import sys
import time

ROOT, LOG, PORTFILE = sys.argv[1], sys.argv[2], sys.argv[3]
SLOW = float(sys.argv[4]) if len(sys.argv) > 4 else 3.0
LAST_MODIFIED = "Wed, 02 Dec 2026 06:00:00 GMT"
# made once: compressing 20 MB takes a while
BOMBS = {"/bomb.html": gzip.compress(b"<html><body><p>" + b" " * (20 << 20) + b"</p></body></html>", 1),
         "/bomb.xml": gzip.compress(b"<rss><channel><title>" + b" " * (20 << 20) + b"</title></channel></rss>", 1)}
TYPES = {".xml": "application/xml", ".json": "application/feed+json",
         ".html": "text/html", ".txt": "text/plain"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def log_request_line(self):
        h = self.headers
        fields = [self.command, self.path]
        for name in ("User-Agent", "If-None-Match", "If-Modified-Since", "Accept-Encoding"):
            if h.get(name) is not None:
                fields.append("%s: %s" % (name, h.get(name)))
        fields.append("at: %.3f" % time.monotonic())
        with open(LOG, "a") as f:
            f.write(" | ".join(fields) + "\n")

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        self.log_request_line()
        path = self.path.split("?")[0]
        base = "http://127.0.0.1:%d" % self.server.server_port
        if path.startswith("/status/"):
            code = int(path[8:])
            return self.answer(code, b"no\n", [("Retry-After", "7200")] if code in (429, 503) else [])
        if path == "/to-metadata":
            return self.answer(302, headers=[("Location", "http://169.254.169.254/latest/meta-data/")])
        if path == "/to-file":
            return self.answer(302, headers=[("Location", "file:///etc/passwd")])
        if path.startswith("/redirect/"):
            return self.answer(302, headers=[("Location", base + path[9:])])
        if path == "/loop":
            return self.answer(302, headers=[("Location", base + "/loop")])
        if path in BOMBS:
            return self.answer(200, BOMBS[path], [("Content-Type", "text/html"),
                                                  ("Content-Encoding", "gzip")])
        if path == "/robots.txt" and self.headers.get("Host", "").startswith("localhost:"):
            return self.answer(301, headers=[("Location", base + "/feeds/robots-moved.txt")])
        if path == "/robots.txt":
            path = "/feeds/robots.txt"
        zipped = path.startswith("/gz/")
        if zipped:
            path = path[3:]
        if path.startswith("/slow/"):
            time.sleep(SLOW)
            path = path[5:]
        file = os.path.normpath(os.path.join(ROOT, path.lstrip("/")))
        if not file.startswith(os.path.abspath(ROOT)) or not os.path.isfile(file):
            return self.answer(404, b"not found\n", [("Content-Type", "text/plain")])
        with open(file, "rb") as f:
            body = f.read().replace(b"{{BASE}}", base.encode())
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        if (self.headers.get("If-None-Match") == etag
                or self.headers.get("If-Modified-Since") == LAST_MODIFIED):
            return self.answer(304, headers=[("ETag", etag)])
        headers = [("Content-Type", TYPES.get(os.path.splitext(file)[1], "application/octet-stream")),
                   ("ETag", etag), ("Last-Modified", LAST_MODIFIED)]
        if zipped:
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        return self.answer(200, body, headers)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that stops reading (a body over its cap) is expected


def main():
    server = Server(("127.0.0.1", 0), Handler)
    with open(PORTFILE + ".tmp", "w") as f:
        f.write(str(server.server_port))
    os.rename(PORTFILE + ".tmp", PORTFILE)
    server.serve_forever()


if __name__ == "__main__":
    main()
