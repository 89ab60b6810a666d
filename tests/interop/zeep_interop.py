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
import sys

# The shared module beside this script, imported without leaving compiled
# files in the source tree.
sys.dont_write_bytecode = True
from mktows_zeep import Session, fail, fault_code
from zeep.exceptions import Fault


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: zeep_interop.py <endpoint> <user id> <email>\n")
        return 2
    endpoint, user, email = argv[1:]
    # The seed's PHP sample signs a W3C timestamp in America/Los_Angeles;
    # any zone is valid, this one has an offset that is not Z. Both headers,
    # as the sample sends them.
    session = Session(endpoint, user, zone=datetime.timezone(datetime.timedelta(hours=-7)), context=True)

    lead = {
        "Email": email,
        "leadAttributeList": {"attribute": [
            {"attrName": "FirstName", "attrValue": "George"},
            {"attrName": "LastName", "attrValue": "of the Jungle"},
        ]},
    }
    ids = []
    for expected in ("CREATED", "UPDATED"):
        result = session.call("syncLead", leadRecord=lead, returnLead=False)
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
        session.raw("syncLead", key=session.key + "x", leadRecord=lead, returnLead=False)
        fail("a wrong key was accepted")
    except Fault as fault:
        code = fault_code(fault)
        print("fault %s %s" % (fault.message, code))
        if fault.message != "20014 - Authentication failed" or code != "20014":
            fail("unexpected fault %s / %s" % (fault.message, code))
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
