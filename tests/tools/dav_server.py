#!/usr/bin/env python3
"""Starts a real CardDAV/CalDAV server for the sync tests, on 127.0.0.1 only.

usage: dav_server.py radicale|xandikos STORAGE_DIR [--lifetime SECONDS] [--tls CERT KEY]

Picks a random free port, starts the server with its storage in STORAGE_DIR,
waits until it accepts connections and prints "PORT\\n". Radicale checks
passwords against an htpasswd file (user "ana", password "s3cret", plain
entries as Radicale reads them); xandikos has no authentication of its own.
Signals: SIGUSR2 kills the server (as a crash would), SIGUSR1 starts it again
on the same port and storage and prints "PORT\\n" once it answers. Ends the
server and itself after --lifetime seconds (default 120) or on SIGTERM, so a
crashed test never leaves one behind.
"""
import os
import signal
import socket
import subprocess
import sys
import time

USER, PASSWORD = "ana", "s3cret"

args = sys.argv[1:]
kind, storage = args[0], os.path.abspath(args[1])
args = args[2:]
lifetime = 120.0
tls = None
while args:
    if args[0] == "--lifetime":
        lifetime = float(args[1])
        args = args[2:]
    elif args[0] == "--tls":
        tls = (args[1], args[2])
        args = args[3:]
    else:
        sys.exit("unknown option " + args[0])

os.makedirs(storage, exist_ok=True)
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]


def command():
    if kind == "radicale":
        with open(os.path.join(storage, "users"), "w") as f:
            f.write("%s:%s\n" % (USER, PASSWORD))
        config = os.path.join(storage, "config")
        with open(config, "w") as f:
            f.write("[server]\nhosts = 127.0.0.1:%d\n" % port)
            if tls:
                f.write("ssl = True\ncertificate = %s\nkey = %s\n" % tls)
            f.write("[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\ndelay = 0\n"
                    % os.path.join(storage, "users"))
            f.write("[storage]\nfilesystem_folder = %s\n" % os.path.join(storage, "collections"))
            f.write("[rights]\ntype = owner_only\n[logging]\nlevel = warning\n")
        return ["/usr/bin/python3", "-m", "radicale", "--config", config]
    if kind == "xandikos":
        return ["/usr/bin/python3", "-m", "xandikos.web", "-d", os.path.join(storage, "x"), "--defaults",
                "-l", "127.0.0.1", "-p", str(port)]
    sys.exit("unknown server " + kind)


child = None
# Signals only queue what to do; the main loop does it. Doing it in the
# handler deadlocked: a test sees the port close while the SIGUSR2 handler
# still waits for the killed server, sends SIGUSR1, and the second handler,
# run on top of the first in the same thread, waited for the first's lock.
requests = []


def start():
    global child
    log = open(os.path.join(storage, "server.log"), "ab")
    child = subprocess.Popen(command(), stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    deadline = time.time() + 20
    while time.time() < deadline:
        if child.poll() is not None:
            sys.exit("%s exited at start; see %s" % (kind, os.path.join(storage, "server.log")))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    else:
        stop()
        sys.exit("%s did not answer within 20 s" % kind)
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()


def stop():
    global child
    if child is not None and child.poll() is None:
        child.kill()
        child.wait()
    child = None


def on_signal(signum, frame):
    requests.append(signum)


for sig in (signal.SIGUSR1, signal.SIGUSR2, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, on_signal)

start()
end = time.time() + lifetime
while time.time() < end:
    while requests:
        signum = requests.pop(0)
        if signum == signal.SIGUSR2:
            stop()
        elif signum == signal.SIGUSR1:
            stop()
            start()
        else:
            stop()
            os._exit(0)
    time.sleep(0.02)
stop()
