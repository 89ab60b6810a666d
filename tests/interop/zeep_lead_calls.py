"""zeep_lead_calls.py: Python's zeep (a stock SOAP client) against a mktows
endpoint, the lead, list and campaign calls a legacy application makes,
each signed by the client itself (AuthenticationHeader, HMAC-SHA1 of
requestTimestamp + userId) and built from the served <endpoint>?WSDL:
  getCampaignsForSource(MKTOWS), requestCampaign for one lead,
  getMultipleLeads with a LastUpdateAtSelector walked page by page with
  streamPosition until remainingCount is 0 (every lead once, the total),
  listOperation ADDTOLIST and ISMEMBEROFLIST, the StaticListSelector walk
  of that list, and a forged streamPosition (fault 20122).
Prints the lines tests/interop/lead_calls_flow.hpp checks; exits non-zero on
any surprise.
  python3 zeep_lead_calls.py <endpoint> <user id> <leads> <list members>
<leads> is how many leads the sandbox holds (all updated within the last
hour); the key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
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
MAX_PAGES = 1000  # a walk that does not end is a failure, not a hang


def fail(why):
    sys.stderr.write("FAIL: %s\n" % why)
    sys.exit(1)


def main(argv):
    if len(argv) != 5:
        sys.stderr.write("usage: zeep_lead_calls.py <endpoint> <user id> <leads> <list members>\n")
        return 2
    endpoint, user = argv[1], argv[2]
    total, members = int(argv[3]), int(argv[4])
    key = os.environ.get("MKTOWS_ENCRYPTION_KEY")
    if not key:
        fail("MKTOWS_ENCRYPTION_KEY is not set")
    client = zeep.Client(endpoint + "?WSDL",
                         transport=Transport(session=requests.Session(), timeout=20, operation_timeout=20))
    auth_element = client.get_element("{%s}AuthenticationHeader" % NS)

    def signed():
        stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        signature = hmac.new(key.encode(), (stamp + user).encode(), hashlib.sha1).hexdigest()
        return [auth_element(mktowsUserId=user, requestSignature=signature, requestTimestamp=stamp)]

    def call(name, **params):
        try:
            r = getattr(client.service, name)(_soapheaders=signed(), **params)
        except Fault as fault:
            fail("%s: %s" % (name, fault.message))
        # zeep hands back the one child of the answer's element (`result`)
        # or the element itself, depending on its shape.
        return getattr(r, "result", r)

    def walk(selector, batch):
        """Every page of a getMultipleLeads walk; the lead ids in order."""
        ids, pages, position, first = [], 0, None, None
        while True:
            params = {"leadSelector": selector, "batchSize": batch}
            if position:
                params["streamPosition"] = position
            page = call("getMultipleLeads", **params)
            pages += 1
            records = page.leadRecordList.leadRecord if page.leadRecordList is not None else []
            if page.returnCount != len(records):
                fail("returnCount %d but %d records" % (page.returnCount, len(records)))
            if first is None:
                first = page.returnCount + page.remainingCount
            ids.extend(r.Id for r in records)
            if page.remainingCount == 0:
                break
            if not page.newStreamPosition:
                fail("remainingCount %d without a newStreamPosition" % page.remainingCount)
            if pages >= MAX_PAGES:
                fail("more than %d pages" % MAX_PAGES)
            position = page.newStreamPosition
        if len(set(ids)) != len(ids):
            fail("a lead came back twice")
        if first != len(ids):
            fail("the first page announced %d leads, the walk gave %d" % (first, len(ids)))
        return ids, pages

    # getCampaignsForSource: the trigger campaigns the Web Service API may request.
    campaigns = call("getCampaignsForSource", source="MKTOWS")
    records = campaigns.campaignRecordList.campaignRecord if campaigns.campaignRecordList is not None else []
    if campaigns.returnCount != len(records) or not records:
        fail("getCampaignsForSource: returnCount %d, %d records" % (campaigns.returnCount, len(records)))
    print("campaigns %d %d %s" % (campaigns.returnCount, records[0].id, records[0].name))

    # getMultipleLeads over every lead updated in the last hour, 100 a page.
    oldest = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
    selector = client.get_type("{%s}LastUpdateAtSelector" % NS)(oldestUpdatedAt=oldest)
    ids, pages = walk(selector, 100)
    if len(ids) != total:
        fail("the walk gave %d leads, the sandbox holds %d" % (len(ids), total))
    print("lastUpdate leads %d pages %d" % (len(ids), pages))

    # requestCampaign for the first lead, by the listed campaign's id.
    lead_key = client.get_type("{%s}LeadKey" % NS)
    requested = call("requestCampaign", source="MKTOWS", campaignId=records[0].id,
                     leadList={"leadKey": [lead_key(keyType="IDNUM", keyValue=str(ids[0]))]})
    # (ResultRequestCampaign has one member, so zeep unwraps it to the bool.)
    success = requested if isinstance(requested, bool) else requested.success
    print("requestCampaign %s" % ("true" if success is True else "false"))

    # listOperation: the first `members` leads join the newsletter.
    newsletter = {"keyType": "MKTOLISTNAME", "keyValue": "Demo Program.Newsletter"}
    chosen = ids[:members]
    added = call("listOperation", listOperation="ADDTOLIST", listKey=newsletter,
                 listMemberList={"leadKey": [lead_key(keyType="IDNUM", keyValue=str(i)) for i in chosen]})
    statuses = added.statusList.leadStatus if added.statusList is not None else []
    print("ADDTOLIST %d of %d %s" % (sum(1 for s in statuses if s.status), len(chosen),
                                     "true" if added.success else "false"))
    asked = call("listOperation", listOperation="ISMEMBEROFLIST", listKey=newsletter,
                 listMemberList={"leadKey": [lead_key(keyType="IDNUM", keyValue=str(ids[0])),
                                             lead_key(keyType="IDNUM", keyValue=str(ids[-1]))]})
    print("ISMEMBEROFLIST %s" % " ".join("true" if s.status else "false" for s in asked.statusList.leadStatus))

    # The list's members, 40 a page, in the order they were added.
    by_list = client.get_type("{%s}StaticListSelector" % NS)(staticListName="Demo Program.Newsletter")
    listed, pages = walk(by_list, 40)
    if listed != chosen:
        fail("the list's walk gave other leads than were added, or in another order")
    print("staticList leads %d pages %d" % (len(listed), pages))

    # A position the sandbox did not hand out: the vendor's fault, read
    # through the WSDL's fault detail.
    try:
        client.service.getMultipleLeads(leadSelector=selector, streamPosition="w1:o0:forged", _soapheaders=signed())
        fail("a forged streamPosition was accepted")
    except Fault as fault:
        code = fault.detail.findtext("{%s}serviceException/code" % NS) if fault.detail is not None else None
        print("position fault %s" % code)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
