"""zeep_lead_calls.py: Python's zeep (a stock SOAP client) against a mktows
endpoint (the sandbox, or the bridge in front of its REST face), the lead,
list, campaign and activity calls a legacy application makes, each signed by
the program itself (mktows_zeep.Session) and built from the served
<endpoint>?WSDL, in groups:
  campaigns  getCampaignsForSource(MKTOWS), requestCampaign for one lead
  leads      getMultipleLeads with a LastUpdateAtSelector walked page by page
             with streamPosition until remainingCount is 0 (every lead once,
             the total), and a forged streamPosition (fault 20122)
  lists      listOperation ADDTOLIST and ISMEMBEROFLIST, the
             StaticListSelector walk of that list
  activity   getLeadActivity of a lead the program creates and changes,
             walked one record a page
Prints the lines tests/interop/lead_calls_flow.hpp checks; exits non-zero on
any surprise.
  python3 zeep_lead_calls.py <endpoint> <user id> <leads> <list members> [groups]
<leads> is how many leads the endpoint holds (all updated within the last
hour); [groups] is a comma-separated list of the groups above (all when not
given); the key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
"""
import datetime
import os
import sys
import time

# The shared module beside this script, imported without leaving compiled
# files in the source tree.
sys.dont_write_bytecode = True
from mktows_zeep import Session, fail, result_of

MAX_PAGES = 1000  # a walk that does not end is a failure, not a hang
GROUPS = ("campaigns", "leads", "lists", "activity")


def main(argv):
    if len(argv) not in (5, 6):
        sys.stderr.write("usage: zeep_lead_calls.py <endpoint> <user id> <leads> <list members> [groups]\n")
        return 2
    endpoint, user = argv[1], argv[2]
    total, members = int(argv[3]), int(argv[4])
    groups = argv[5].split(",") if len(argv) == 6 else list(GROUPS)
    for g in groups:
        if g not in GROUPS:
            fail("unknown group %s (groups: %s)" % (g, ",".join(GROUPS)))
    session = Session(endpoint, user)
    client = session.client

    def call(name, **params):
        return result_of(session.call(name, **params))

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

    # The walk of every lead updated in the last hour, 100 a page: the
    # leads group's check, and the leads the campaign and list calls use.
    oldest = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
    selector = session.type("LastUpdateAtSelector")(oldestUpdatedAt=oldest)
    lead_key = session.type("LeadKey")
    ids, pages = [], 0
    if set(groups) & {"campaigns", "leads", "lists"}:
        ids, pages = walk(selector, 100)
        if len(ids) != total:
            fail("the walk gave %d leads, the sandbox holds %d" % (len(ids), total))

    if "campaigns" in groups:
        # getCampaignsForSource: the trigger campaigns the Web Service API may request.
        campaigns = call("getCampaignsForSource", source="MKTOWS")
        records = campaigns.campaignRecordList.campaignRecord if campaigns.campaignRecordList is not None else []
        if campaigns.returnCount != len(records) or not records:
            fail("getCampaignsForSource: returnCount %d, %d records" % (campaigns.returnCount, len(records)))
        print("campaigns %d %d %s" % (campaigns.returnCount, records[0].id, records[0].name))

    if "leads" in groups:
        print("lastUpdate leads %d pages %d" % (len(ids), pages))

    if "campaigns" in groups:
        # requestCampaign for the first lead, by the listed campaign's id.
        requested = call("requestCampaign", source="MKTOWS", campaignId=records[0].id,
                         leadList={"leadKey": [lead_key(keyType="IDNUM", keyValue=str(ids[0]))]})
        # (ResultRequestCampaign has one member, so zeep unwraps it to the bool.)
        success = requested if isinstance(requested, bool) else requested.success
        print("requestCampaign %s" % ("true" if success is True else "false"))

    if "lists" in groups:
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
        by_list = session.type("StaticListSelector")(staticListName="Demo Program.Newsletter")
        listed, pages = walk(by_list, 40)
        if listed != chosen:
            fail("the list's walk gave other leads than were added, or in another order")
        print("staticList leads %d pages %d" % (len(listed), pages))

    if "leads" in groups:
        # A position the endpoint did not hand out: the vendor's fault, read
        # through the WSDL's fault detail.
        print("position fault %s" % session.fault("getMultipleLeads", leadSelector=selector,
                                                  streamPosition="w1:o0:forged"))

    if "activity" in groups:
        activity(session, lead_key)
    print("OK")
    return 0


def activity(session, lead_key):
    """getLeadActivity of a lead this program writes (created, then one
    value changed), one record a page until remainingCount is 0: the New
    Lead record and the Change Data Value with the new value, each once,
    in whichever order the endpoint streams them."""
    email = "activity-%d-%d@zeep.example.com" % (os.getpid(), int(time.time()))
    for first in ("Ada", "Grace"):
        session.call("syncLead", returnLead=False,
                     leadRecord={"Email": email,
                                 "leadAttributeList": {"attribute": [{"attrName": "FirstName", "attrValue": first}]}})
    key = lead_key(keyType="EMAIL", keyValue=email)
    records, position = [], None
    for _ in range(MAX_PAGES):
        params = {"leadKey": key, "batchSize": 1}
        if position is not None:
            params["startPosition"] = position
        page = session.call("getLeadActivity", **params)
        page = getattr(page, "leadActivityList", page)
        got = page.activityRecordList.activityRecord if page.activityRecordList is not None else []
        if page.returnCount != len(got) or len(got) > 1:
            fail("getLeadActivity: returnCount %d, %d records, batchSize 1" % (page.returnCount, len(got)))
        records.extend(got)
        if page.remainingCount == 0:
            break
        position = page.newStartPosition
    else:
        fail("getLeadActivity: more than %d pages" % MAX_PAGES)
    if len(set(r.id for r in records)) != len(records):
        fail("getLeadActivity: a record came back twice")
    types = sorted(r.activityType for r in records)
    changed = [{a.attrName: a.attrValue for a in r.activityAttributes.attribute}
               for r in records if r.activityType == "Change Data Value"]
    new_values = sorted(c.get("New Value") or "" for c in changed)
    print("getLeadActivity %s new %s" % (",".join(types), ",".join(new_values)))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
