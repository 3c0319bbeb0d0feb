#!/usr/bin/env python3
"""A small HTTP server for the agenda-by-URL tests, on 127.0.0.1 only.

usage: agenda_server.py VERSION_FILE... ; prints the port it listens on (a
random free one) as its first line, then serves until killed, or for at most
--lifetime seconds (default 120) so a crashed test never leaves it behind.

  /schedule.xml    the current version, with an ETag and Last-Modified;
                   304 when If-None-Match names the current ETag; gzip when asked
  /plain.xml       the current version with neither (always the whole body)
  /set?v=N         makes version N (1-based) current
  /stats           JSON: how many 200 and 304 answers /schedule.xml gave
  /missing.xml     404
  /truncated.xml   Content-Length larger than the body, then the connection closes
  /moved.xml       302 to /schedule.xml
  /loop.xml        302 to itself
  /huge.xml        announces 80 MiB
  /stream.xml      2 MiB of XML without a Content-Length (close-delimited)
  /not-agenda.xml  an HTML page
"""
import gzip
import http.server
import json
import os
import sys
import threading
import urllib.parse

args = sys.argv[1:]
lifetime = 120.0
if args[:1] == ["--lifetime"]:
    lifetime = float(args[1])
    args = args[2:]
versions = [open(path, "rb").read() for path in args]
state = {"current": 0, "full": 0, "not_modified": 0}
# One fixed date per version: Last-Modified must not change between requests.
dates = ["Sat, 01 Feb 2025 0%d:00:00 GMT" % i for i in range(len(versions))]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: a short body is plainly truncated

    def log_message(self, *a):
        pass

    def send_body(self, code, body, content_type="application/xml", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        path = url.path
        if path == "/schedule.xml":
            n = state["current"]
            etag = '"v%d"' % (n + 1)
            if self.headers.get("If-None-Match") == etag:
                state["not_modified"] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            state["full"] += 1
            self.send_body(200, versions[n], extra={"ETag": etag, "Last-Modified": dates[n]})
        elif path == "/plain.xml":
            state["full"] += 1
            self.send_body(200, versions[state["current"]])
        elif path == "/set":
            state["current"] = int(urllib.parse.parse_qs(url.query)["v"][0]) - 1
            self.send_body(200, b"ok", "text/plain")
        elif path == "/stats":
            body = json.dumps({"full": state["full"], "not_modified": state["not_modified"]}).encode()
            self.send_body(200, body, "application/json")
        elif path == "/truncated.xml":
            body = versions[0]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
        elif path == "/moved.xml":
            self.send_response(302)
            self.send_header("Location", "/schedule.xml")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop.xml":
            self.send_response(302)
            self.send_header("Location", "/loop.xml")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/huge.xml":
            self.send_response(200)
            self.send_header("Content-Length", str(80 << 20))
            self.end_headers()
            try:
                self.wfile.write(b" " * (1 << 20))
            except OSError:
                pass
        elif path == "/stream.xml":
            self.send_response(200)
            self.end_headers()
            try:
                self.wfile.write(b"<?xml version='1.0'?><schedule>")
                for _ in range(32):
                    self.wfile.write(b"<!--" + b"x" * 65536 + b"-->")
            except OSError:
                pass
        elif path == "/not-agenda.xml":
            self.send_body(200, b"<html><body>Moved to our new site</body></html>", "text/html")
        else:
            self.send_body(404, b"not found", "text/plain")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
threading.Timer(lifetime, lambda: os._exit(0)).start()
server.serve_forever()
