#!/usr/bin/env python3
"""Writes the seed corpus of mktows-fuzz-sandbox-request
(tests/fuzz/corpus/sandbox_request/) from the seed's syncLead request
(tests/fixtures/seed-synclead-request.xml), re-signed with the sandbox's
demo key at the seed's own timestamp, and variants: each operation, HTTP
framings (Content-Length, chunked, pipelined, GET ?WSDL) and hostile bodies.
The first byte of each file picks the harness's mode (see the harness).
Run from anywhere: python3 tests/fuzz/sandbox_corpus.py"""
import hashlib
import hmac
import os
import re

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
out = os.path.join(here, "corpus", "sandbox_request")
USER = "bigcorp1_461839624B16E06BA2D663"
KEY = b"mktows-sandbox-demo-key"  # the documented demo key (docs/SANDBOX.md)

seed = open(os.path.join(root, "tests", "fixtures", "seed-synclead-request.xml"), "rb").read().decode()
ts = re.search(r"<requestTimestamp>([^<]*)<", seed).group(1)
sig = hmac.new(KEY, (ts + USER).encode(), hashlib.sha1).hexdigest()
seed = re.sub(r"<requestSignature>[^<]*<", "<requestSignature>" + sig + "<", seed)
head, body = seed.split("<SOAP-ENV:Body>")
body_end = "</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n"


def envelope(inner, extra_header=""):
    h = head.replace("</SOAP-ENV:Header>", extra_header + "</SOAP-ENV:Header>") if extra_header else head
    return h + "<SOAP-ENV:Body>\n" + inner + body_end


get_lead = envelope("<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType><keyValue>t@t.com</keyValue></leadKey>"
                    "</ns1:paramsGetLead>\n")
multiple = envelope("<ns1:paramsSyncMultipleLeads><leadRecordList>"
                    + "".join("<leadRecord><Email>m%d@x.com</Email></leadRecord>" % i for i in range(3))
                    + "<leadRecord><Id>1000001</Id><ForeignSysPersonId>f1</ForeignSysPersonId>"
                      "<ForeignSysType>SFDC</ForeignSysType></leadRecord>"
                    + "</leadRecordList><dedupEnabled>false</dedupEnabled></ns1:paramsSyncMultipleLeads>\n")
returning = seed.replace("<returnLead>false</returnLead>", "<returnLead>true</returnLead>"
                         "<marketoCookie>id:561-HYG-937&amp;token:_mch-x</marketoCookie>")
workspace = envelope(body.split(body_end)[0],
                     "<ns1:MktowsContextHeader><targetWorkspace>Default</targetWorkspace></ns1:MktowsContextHeader>\n")


def post(b, extra=""):
    return ("POST /soap/mktows/2_2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n"
            "SOAPAction: \"http://www.marketo.com/mktows/syncLead\"\r\n" + extra
            + "Content-Length: %d\r\n\r\n" % len(b.encode()) + b)


def chunked(b):
    raw = b.encode()
    parts = b"".join(b"%x\r\n" % len(raw[i:i + 200]) + raw[i:i + 200] + b"\r\n" for i in range(0, len(raw), 200))
    return (b"POST /soap/mktows/2_2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + parts
            + b"0\r\nX-Trailer: t\r\n\r\n")


seeds = {
    "body-synclead": b"\x03" + seed.encode(),
    "body-synclead-no-action": b"\x01" + seed.encode(),
    "body-getlead": b"\x05" + get_lead.encode(),
    "body-syncmultiple": b"\x07" + multiple.encode(),
    "body-returnlead-cookie": b"\x03" + returning.encode(),
    "body-workspace": b"\x03" + workspace.encode(),
    "body-truncated": b"\x03" + seed.encode()[:len(seed) // 2],
    "body-invalid-utf8": b"\x03" + seed.encode().replace(b"George", b"Geo\xff\xferge"),
    "body-dtd": b"\x03" + seed.encode().replace(b"?>", b"?><!DOCTYPE x [<!ENTITY e \"e\">]>", 1)
                .replace(b"George", b"&e;"),
    "http-post-bytewise": b"\x00" + post(seed).encode(),
    "http-post": b"\x7e" + post(seed).encode(),
    "http-chunked": b"\x20" + chunked(seed),
    "http-pipelined": b"\xfe" + (post(seed) + post(get_lead).replace("syncLead", "getLead", 1)).encode(),
    "http-wsdl-then-post": b"\xfe" + b"GET /soap/mktows/2_3?WSDL HTTP/1.1\r\nHost: x\r\n\r\n" + post(seed).encode(),
    "http-expect-continue": b"\xfe" + post(seed, "Expect: 100-continue\r\n").encode(),
    "http-bad-length": b"\xfe" + post(seed).replace("Content-Length: ", "Content-Length: -").encode(),
    "http-http10-keepalive": b"\xfe" + post(seed, "Connection: keep-alive\r\n").replace("HTTP/1.1", "HTTP/1.0").encode(),
}
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print("wrote %d seeds to %s" % (len(seeds), os.path.relpath(out, root)))
