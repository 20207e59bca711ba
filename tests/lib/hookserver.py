#!/usr/bin/env python3
"""hookserver.py -- a webhook receiver for tests/cli/serve_webhook.sh, on a
loopback port.

Each POST is checked against KEY: X-Skein-Signature must be
"sha256=" + the hex HMAC-SHA256 of the body under KEY.  The first request
of each event (its "event" and story id) is answered 500, to make the sender
try again; later ones 200.  Each request is a JSON line of LOG: the
event, the story, whether the signature held, the status answered, the
body as sent.  The port is written to PORTFILE once listening.

usage: hookserver.py KEY LOG PORTFILE
"""
import hashlib
import hmac
import http.server
import json
import os
import sys

KEY, LOG, PORTFILE = sys.argv[1].encode(), sys.argv[2], sys.argv[3]
seen = set()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        want = "sha256=" + hmac.new(KEY, body, hashlib.sha256).hexdigest()
        got = self.headers.get("X-Skein-Signature", "")
        try:
            doc = json.loads(body)
            key = (doc.get("event"), doc.get("story", {}).get("id"))
        except ValueError:
            doc, key = None, None
        status = 200 if key in seen else 500
        seen.add(key)
        with open(LOG, "a") as f:
            f.write(json.dumps({"event": key[0] if key else None, "story": key[1] if key else None,
                                "valid": hmac.compare_digest(want, got),
                                "header_event": self.headers.get("X-Skein-Event"),
                                "type": self.headers.get("Content-Type"),
                                "status": status, "body": doc}) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
