"""capture_request.py: checks that a client sends the seed's syncLead call.

  /usr/bin/python3 capture_request.py [--calls N] [--chunked] <seed-request.xml> <seed-response.xml> -- CMD ...

Listens on a free 127.0.0.1 port, runs CMD with {URL} replaced by the
endpoint, answers its one request with the seed's response, and compares the
request's XML (element names with namespace URIs, and text) to the seed
request's. With --calls N it answers N requests on the same keep-alive
connection (each checked); --chunked sends the answers in two chunks, the
framing a client must finish reading before its next call. With --silent it
reads the request and never answers: the client must give up with an error
within 15 s (its own timeout), and the check passes only then. The user id, timestamp and signature values are compared by form
only: they differ on every call; with MKTOWS_BENCH_KEY set, the signature
must also be HMAC-SHA1(key, timestamp + user id). Exits 0 when all holds,
1 with the differing lines otherwise.
"""
import difflib
import hashlib
import hmac
import os
import re
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

VARYING = {"mktowsUserId", "requestSignature", "requestTimestamp"}


def shape(xml_bytes):
    """The element tree as lines: path, then text (varying values checked by form)."""
    lines = []

    def walk(e, path):
        path = path + "/" + e.tag
        text = (e.text or "").strip()
        local = e.tag.rsplit("}", 1)[-1]
        if local == "requestSignature":
            text = "<40 hex>" if re.fullmatch(r"[0-9a-f]{40}", text) else "BAD SIGNATURE " + text
        elif local == "requestTimestamp":
            ok = re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", text)
            text = "<W3C timestamp>" if ok else "BAD TIMESTAMP " + text
        elif local in VARYING:
            text = "<user id>" if text else "EMPTY"
        lines.append(path + " = " + text)
        for child in e:
            walk(child, path)

    walk(ET.fromstring(xml_bytes), "")
    return lines


def read_request(conn, pending):
    """One request's body; bytes read beyond it stay in pending[0]."""
    data = pending[0]
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            raise EOFError("connection closed before the request header ended")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if length:
        n = int(length.group(1))
        while len(body) < n:
            body += conn.recv(65536)
        pending[0] = body[n:]
        return body[:n]
    if re.search(rb"(?im)^transfer-encoding:\s*chunked", head):
        out = b""
        while True:
            while b"\r\n" not in body:
                body += conn.recv(65536)
            size_line, _, body = body.partition(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            while len(body) < size + 2:
                body += conn.recv(65536)
            if size == 0:
                pending[0] = body[2:]  # past the empty trailer's CRLF
                return out
            out += body[:size]
            body = body[size + 2:]
    raise ValueError("request has neither Content-Length nor chunked body")


def answer(response, chunked):
    if not chunked:
        return (b"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(response) + response)
    half = len(response) // 2
    return (b"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
            + b"%x\r\n" % half + response[:half] + b"\r\n"
            + b"%x\r\n" % (len(response) - half) + response[half:] + b"\r\n0\r\n\r\n")


def main(argv):
    calls, chunked, silent = 1, False, False
    while len(argv) > 1 and argv[1].startswith("--") and argv[1] != "--":
        if argv[1] == "--calls":
            calls = int(argv[2])
            del argv[1:3]
        elif argv[1] == "--chunked":
            chunked = True
            del argv[1]
        elif argv[1] == "--silent":
            silent = True
            del argv[1]
        else:
            sys.stderr.write(__doc__)
            return 2
    if len(argv) < 5 or argv[3] != "--" or calls < 1:
        sys.stderr.write(__doc__)
        return 2
    seed = open(argv[1], "rb").read()
    response = open(argv[2], "rb").read()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(60)
    url = "http://127.0.0.1:%d/soap/mktows/2_2" % server.getsockname()[1]
    captured = {}
    release = threading.Event()

    def serve():
        try:
            conn, _ = server.accept()
            conn.settimeout(30)
            captured["bodies"] = []
            pending = [b""]
            for _ in range(calls):
                captured["bodies"].append(read_request(conn, pending))
                if silent:
                    release.wait(30)  # hold the connection open, say nothing
                    break
                conn.sendall(answer(response, chunked))
            conn.close()
        except Exception as failure:  # reported below as missing requests
            captured["error"] = str(failure)

    thread = threading.Thread(target=serve)
    thread.start()
    cmd = [a.replace("{URL}", url) for a in argv[4:]]
    started = time.monotonic()
    try:
        run = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60 if silent else 120)
    finally:
        release.set()
    waited = time.monotonic() - started
    thread.join(timeout=60)
    if silent:
        if run.returncode == 0 or waited > 15:
            sys.stderr.write("against a silent server the client %s after %.1f s\n"
                             % ("succeeded" if run.returncode == 0 else "gave up", waited))
            return 1
        return 0
    server.close()
    bodies = captured.get("bodies", [])
    if len(bodies) != calls:
        sys.stderr.write("%d of %d requests captured on one connection: %s\n%s"
                         % (len(bodies), calls, captured.get("error", "?"), run.stderr.decode()))
        return 1
    want = shape(seed)
    key = os.environ.get("MKTOWS_BENCH_KEY")
    for body in bodies:
        got = shape(body)
        if want != got:
            sys.stderr.write("request differs from the seed's:\n")
            sys.stderr.writelines(l + "\n" for l in difflib.unified_diff(want, got, "seed", "sent", n=0, lineterm=""))
            return 1
        if key is not None:
            ns = "{http://www.marketo.com/mktows/}"
            auth = ET.fromstring(body).find(".//" + ns + "AuthenticationHeader")
            user, sig, stamp = (auth.findtext(n) for n in ("mktowsUserId", "requestSignature", "requestTimestamp"))
            expected = hmac.new(key.encode(), (stamp + user).encode(), hashlib.sha1).hexdigest()
            if not hmac.compare_digest(expected, sig):
                sys.stderr.write("the request's signature is not HMAC-SHA1(key, timestamp + user id)\n")
                return 1
    if run.returncode != 0:
        sys.stderr.write("the client failed on the seed's response:\n" + run.stderr.decode())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
