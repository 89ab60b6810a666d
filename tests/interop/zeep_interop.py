"""zeep_interop.py: Python's zeep (a stock SOAP client) against a mktows
endpoint, the seed's sample flow: load <endpoint>?WSDL (the service address is
the one that document names), build the AuthenticationHeader and the
MktowsContextHeader, call syncLead twice for one new Email (CREATED, then
UPDATED, same leadId), then once with a wrong key (fault 20014).
Prints one line per step; exits non-zero on any surprise.
  python3 zeep_interop.py <endpoint> <user id> <email>
The encryption key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
"""
import datetime
import hashlib
import hmac
import os
import sys

import requests
import zeep
from zeep.exceptions import Fault
from zeep.transports import Transport

NS = "http://www.marketo.com/mktows/"


def fail(why):
    sys.stderr.write("FAIL: %s\n" % why)
    sys.exit(1)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: zeep_interop.py <endpoint> <user id> <email>\n")
        return 2
    endpoint, user, email = argv[1:]
    key = os.environ.get("MKTOWS_ENCRYPTION_KEY")
    if not key:
        fail("MKTOWS_ENCRYPTION_KEY is not set")
    # Every wait bounded: loading the WSDL and each call.
    client = zeep.Client(endpoint + "?WSDL",
                         transport=Transport(session=requests.Session(), timeout=20, operation_timeout=20))
    auth_element = client.get_element("{%s}AuthenticationHeader" % NS)
    context_element = client.get_element("{%s}MktowsContextHeader" % NS)

    def headers(secret):
        # The seed's PHP sample signs a W3C timestamp in America/Los_Angeles;
        # any zone is valid, this one has an offset that is not Z.
        stamp = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=-7))).isoformat(timespec="seconds")
        signature = hmac.new(secret.encode(), (stamp + user).encode(), hashlib.sha1).hexdigest()
        return [auth_element(mktowsUserId=user, requestSignature=signature, requestTimestamp=stamp),
                context_element(targetWorkspace="Default")]

    lead = {
        "Email": email,
        "leadAttributeList": {"attribute": [
            {"attrName": "FirstName", "attrValue": "George"},
            {"attrName": "LastName", "attrValue": "of the Jungle"},
        ]},
    }
    ids = []
    for expected in ("CREATED", "UPDATED"):
        try:
            result = client.service.syncLead(leadRecord=lead, returnLead=False, _soapheaders=headers(key))
        except Fault as fault:
            fail("syncLead: %s" % fault.message)
        status = result.syncStatus.status
        print("syncLead %s %d" % (status, result.leadId))
        if status != expected:
            fail("expected %s, got %s" % (expected, status))
        if result.leadId != result.syncStatus.leadId:
            fail("leadId differs from syncStatus/leadId")
        ids.append(result.leadId)
    if ids[0] != ids[1]:
        fail("UPDATED a different lead")

    try:
        client.service.syncLead(leadRecord=lead, returnLead=False, _soapheaders=headers(key + "x"))
        fail("a wrong key was accepted")
    except Fault as fault:
        code = fault.detail.findtext("{%s}serviceException/code" % NS) if fault.detail is not None else None
        print("fault %s %s" % (fault.message, code))
        if fault.message != "20014 - Authentication failed" or code != "20014":
            fail("unexpected fault %s / %s" % (fault.message, code))
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
