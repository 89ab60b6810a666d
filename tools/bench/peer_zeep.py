"""peer_zeep.py: Python's zeep making the seed's syncLead calls in a loop,
with a new timestamp, HMAC-SHA1 signature and AuthenticationHeader per call
and one keep-alive HTTP session for all.
  /usr/bin/python3 peer_zeep.py <wsdl file> <endpoint url> <calls> <user id>
The encryption key comes from the environment (MKTOWS_BENCH_KEY), never argv.
Prints the line tools/bench/run parses (same fields as mktows-bench-client).
"""
import datetime
import hashlib
import hmac
import os
import sys
import time

import requests
import zeep
from zeep.transports import Transport

NS = "http://www.marketo.com/mktows/"


def rss_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def main(argv):
    if len(argv) != 5:
        sys.stderr.write("usage: peer_zeep.py <wsdl> <url> <calls> <user>\n")
        return 2
    wsdl, url, calls, user = argv[1], argv[2], int(argv[3]), argv[4]
    key = os.environ.get("MKTOWS_BENCH_KEY")
    if key is None or calls < 1:
        sys.stderr.write("peer_zeep: MKTOWS_BENCH_KEY unset or bad call count\n")
        return 2
    key = key.encode()
    client = zeep.Client(wsdl, transport=Transport(session=requests.Session(), timeout=30, operation_timeout=30))
    service = client.create_service("{%s}MktowsApiSoapBinding" % NS, url)
    auth_header = client.get_element("{%s}AuthenticationHeader" % NS)
    lead = {
        "Email": "t@t.com",
        "leadAttributeList": {"attribute": [
            {"attrName": "FirstName", "attrValue": "George"},
            {"attrName": "LastName", "attrValue": "of the Jungle"},
        ]},
    }
    errors = 0
    probe = -1
    start = time.perf_counter()
    for i in range(calls):
        stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        signature = hmac.new(key, (stamp + user).encode(), hashlib.sha1).hexdigest()
        header = auth_header(mktowsUserId=user, requestSignature=signature, requestTimestamp=stamp)
        try:
            result = service.syncLead(leadRecord=lead, returnLead=False, _soapheaders=[header])
            if result.leadId <= 0 or result.syncStatus.status == "FAILED":
                errors += 1
        except Exception as failure:  # a fault or a transport error counts as a failed call
            errors += 1
            if errors <= 3:
                sys.stderr.write("call %d failed: %s\n" % (i, failure))
        if i + 1 == 10000:
            probe = rss_kb()
    seconds = time.perf_counter() - start
    print("calls=%d errors=%d seconds=%.6f calls_per_s=%.1f rss_kb_probe=%d rss_kb_end=%d"
          % (calls, errors, seconds, calls / seconds if seconds > 0 else 0, probe, rss_kb()))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
