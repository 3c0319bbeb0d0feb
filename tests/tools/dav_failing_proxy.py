#!/usr/bin/env python3
"""A proxy in front of the test DAV server that can be told to fail, for the
sync failure tests; on 127.0.0.1 only.

usage: dav_failing_proxy.py UPSTREAM_PORT [--lifetime SECONDS]

Prints its own port (a random free one) as its first line, then forwards
every request to http://127.0.0.1:UPSTREAM_PORT unchanged (method, path,
headers, body) and gives back the answer, until told otherwise:

  GET /.fail?status=N&method=M&path=P&after=K
      from now on, requests with method M (any when empty) whose path starts
      with P (any when empty) get status N with a WebDAV error body, once K
      of them have been forwarded (0: at once). status=0 forwards all again.
  GET /.stats     JSON: how many requests were forwarded and how many failed

Ends itself after --lifetime seconds (default 120), so a crashed test never
leaves it behind.
"""
import http.client
import http.server
import json
import os
import sys
import threading
import urllib.parse

args = sys.argv[1:]
upstream = int(args[0])
lifetime = 120.0
if args[1:2] == ["--lifetime"]:
    lifetime = float(args[2])

lock = threading.Lock()
rule = {"status": 0, "method": "", "path": "", "after": 0, "seen": 0}
stats = {"forwarded": 0, "failed": 0}

REASONS = {403: "Forbidden", 507: "Insufficient Storage"}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, code, body, content_type="application/xml; charset=utf-8", extra=()):
        self.send_response(code, REASONS.get(code))
        self.send_header("Content-Type", content_type)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def control(self, url):
        if url.path == "/.fail":
            q = urllib.parse.parse_qs(url.query)
            with lock:
                rule.update(status=int(q.get("status", ["0"])[0]), method=q.get("method", [""])[0],
                            path=q.get("path", [""])[0], after=int(q.get("after", ["0"])[0]), seen=0)
            self.answer(200, b"ok", "text/plain")
        else:
            with lock:
                body = json.dumps(stats).encode()
            self.answer(200, body, "application/json")

    def fails(self, method, path):
        with lock:
            if not rule["status"] or (rule["method"] and rule["method"] != method):
                return 0
            if not path.startswith(rule["path"]):
                return 0
            rule["seen"] += 1
            if rule["seen"] <= rule["after"]:
                return 0
            stats["failed"] += 1
            return rule["status"]

    def handle_any(self):
        url = urllib.parse.urlparse(self.path)
        if url.path in ("/.fail", "/.stats"):
            return self.control(url)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status = self.fails(self.command, url.path)
        if status:
            # What a server says: RFC 4918's error element (a quota one for 507).
            inner = "<d:quota-not-exceeded/>" if status == 507 else "<d:need-privileges/>"
            error = '<?xml version="1.0" encoding="utf-8"?><d:error xmlns:d="DAV:">%s</d:error>' % inner
            return self.answer(status, error.encode())
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
        conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
        try:
            conn.request(self.command, self.path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            extra = [(k, v) for k, v in r.getheaders()
                     if k.lower() not in HOP_BY_HOP and k.lower() not in ("content-length", "content-type")]
            with lock:
                stats["forwarded"] += 1
            self.answer(r.status, data, r.getheader("Content-Type", "text/plain"), extra)
        finally:
            conn.close()

    do_GET = do_PUT = do_DELETE = do_PROPFIND = do_PROPPATCH = do_REPORT = handle_any
    do_MKCOL = do_MKCALENDAR = do_OPTIONS = do_POST = do_MOVE = do_COPY = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Timer(lifetime, lambda: os._exit(0)).start()
server.serve_forever()
