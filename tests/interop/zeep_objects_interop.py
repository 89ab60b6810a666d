"""zeep_objects_interop.py: Python's zeep (a stock SOAP client) against a
mktows endpoint (the sandbox, or the bridge in front of its REST face), the
object, custom object, channel and tag calls, each signed by the program
itself (mktows_zeep.Session) and built from the served <endpoint>?WSDL, in
groups:
  objects  listMObjects; syncMObjects of an Opportunity (CREATED, then
           UPDATED, same id) and of an OpportunityPersonRole tying a new
           lead to it; getMObjects of each (the values written); a walk of
           150 opportunities by criteria, page by page with streamPosition
           while hasMore (every one once); a forged position (fault 20122)
  custom   syncCustomObjects of a Car of a new lead (CREATED, then UPDATED);
           getCustomObjects by its VIN (the values written); a walk of the
           lead's 121 cars 50 a page until remainingCount is 0; a key set
           that is not the type's (fault 20110)
  tags     getChannels by name and all; getTags
Prints the lines tests/interop/objects_flow.hpp checks (the program checks
what depends on its own writes; the test checks the rest); exits non-zero on
any surprise.
  python3 zeep_objects_interop.py <endpoint> <user id> [groups]
[groups] is a comma-separated list of the groups above (all when not given);
the key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
"""
import os
import sys
import time

# The shared module beside this script, imported without leaving compiled
# files in the source tree.
sys.dont_write_bytecode = True
from mktows_zeep import Session, fail, result_of

GROUPS = ("objects", "custom", "tags")
MAX_PAGES = 100  # a walk that does not end is a failure, not a hang
WALK = 150       # opportunities in the objects walk: more than a page (100)
CARS = 120       # cars written for the custom walk, besides the first one
CAR_PAGE = 50


def members(array, name):
    """The items of an ArrayOf... (none when it is absent or nil)."""
    return list(getattr(array, name) or []) if array is not None else []


def attribs(array):
    return {a.name: a.value for a in members(array, "attrib")}


def attributes(array):
    return {a.attrName: a.attrValue for a in members(array, "attribute")}


def new_lead(session, tag):
    lead = session.call("syncLead", leadRecord={"Email": "%s@zeep.example.com" % tag}, returnLead=False)
    if lead.syncStatus.status != "CREATED":
        fail("syncLead of a new address: %s" % lead.syncStatus.status)
    return lead.leadId


def objects(session, run):
    # (ResultListMObjects has one member, a list: zeep hands back the list.)
    names = session.call("listMObjects")
    if not isinstance(names, list):
        names = members(result_of(names), "objects")
    print("listMObjects %s" % ",".join(names))

    def sync(objs, operation):
        result = result_of(session.call("syncMObjects", mObjectList={"mObject": objs}, operation=operation))
        statuses = members(getattr(result, "mObjStatusList", result), "mObjStatus")
        if len(statuses) != len(objs):
            fail("syncMObjects: %d statuses for %d objects" % (len(statuses), len(objs)))
        return statuses

    def get(**query):
        return result_of(session.call("getMObjects", **query))

    key = "ZEEP-OPP-%s" % run
    opportunity = {"type": "Opportunity", "externalKey": {"name": "externalOpportunityId", "value": key},
                   "attribList": {"attrib": [{"name": "Name", "value": "Jungle deal"},
                                             {"name": "Amount", "value": "1200"},
                                             {"name": "Stage", "value": "Prospecting"}]}}
    created = sync([opportunity], "UPSERT")[0]
    opportunity["attribList"] = {"attrib": [{"name": "Stage", "value": "Closed Won"}]}
    updated = sync([opportunity], "UPSERT")[0]
    if created.id != updated.id or created.id <= 0:
        fail("syncMObjects: ids %s then %s" % (created.id, updated.id))
    print("syncMObjects Opportunity %s %s" % (created.status, updated.status))
    got = get(type="Opportunity", externalKey={"name": "externalOpportunityId", "value": key})
    found = members(got.mObjectList, "mObject")
    if got.returnCount != 1 or len(found) != 1 or found[0].id != created.id:
        fail("getMObjects by externalKey: returnCount %s, %d objects" % (got.returnCount, len(found)))
    values = attribs(found[0].attribList)
    print("getMObjects Opportunity %s|%s|%s" % (values.get("Name"), values.get("Amount"), values.get("Stage")))

    lead = new_lead(session, "zeep-role-%s" % run)
    role = {"type": "OpportunityPersonRole",
            "attribList": {"attrib": [{"name": "OpportunityId", "value": str(created.id)},
                                      {"name": "PersonId", "value": str(lead)},
                                      {"name": "Role", "value": "Buyer"},
                                      {"name": "IsPrimary", "value": "true"}]}}
    role_status = sync([role], "UPSERT")[0]
    print("syncMObjects OpportunityPersonRole %s" % role_status.status)
    got = get(type="OpportunityPersonRole",
              mObjAssociationList={"mObjAssociation": [{"mObjType": "Opportunity", "id": created.id}]})
    roles = members(got.mObjectList, "mObject")
    if len(roles) != 1 or roles[0].id != role_status.id:
        fail("getMObjects of the opportunity's roles: %d" % len(roles))
    values = attribs(roles[0].attribList)
    if values.get("PersonId") != str(lead) or values.get("OpportunityId") != str(created.id):
        fail("the role reads back as %s" % values)
    print("getMObjects OpportunityPersonRole %s|%s" % (values.get("Role"), values.get("IsPrimary")))

    # The walk: WALK opportunities of a Stage no other record has, written
    # 100 a call (the limit), read back by that criterion.
    stage = "walk-%s" % run
    made = set()
    for start in range(0, WALK, 100):
        batch = [{"type": "Opportunity",
                  "externalKey": {"name": "externalOpportunityId", "value": "ZEEP-WALK-%s-%d" % (run, i)},
                  "attribList": {"attrib": [{"name": "Stage", "value": stage}]}}
                 for i in range(start, min(start + 100, WALK))]
        for s in sync(batch, "INSERT"):
            if s.status != "CREATED":
                fail("syncMObjects INSERT of a new key: %s" % s.status)
            made.add(s.id)
    criteria = {"mObjCriteria": [{"attrName": "Stage", "comparison": "EQ", "attrValue": stage}]}
    seen, sizes, position = [], [], None
    for _ in range(MAX_PAGES):
        query = {"type": "Opportunity", "mObjCriteriaList": criteria}
        if position:
            query["streamPosition"] = position
        page = get(**query)
        found = members(page.mObjectList, "mObject")
        if page.returnCount != len(found):
            fail("getMObjects: returnCount %d, %d objects" % (page.returnCount, len(found)))
        sizes.append(len(found))
        seen.extend(o.id for o in found)
        if not page.hasMore:
            break
        if not page.newStreamPosition:
            fail("hasMore without a newStreamPosition")
        position = page.newStreamPosition
    else:
        fail("getMObjects: more than %d pages" % MAX_PAGES)
    if len(set(seen)) != len(seen) or set(seen) != made:
        fail("the walk gave %d objects (%d distinct), %d were written" % (len(seen), len(set(seen)), len(made)))
    print("getMObjects walk %d pages %s" % (len(seen), ",".join(str(n) for n in sizes)))
    # A position the endpoint did not hand out.
    print("getMObjects position fault %s" % session.fault("getMObjects", type="Opportunity",
                                                          mObjCriteriaList=criteria, streamPosition="MO1:7:forged"))


def custom(session, run):
    lead = new_lead(session, "zeep-car-%s" % run)
    vin = "ZEEP-VIN-%s" % run

    def car(vin, **values):
        return {"customObjKeyList": {"attribute": [{"attrName": "MKTOID", "attrValue": str(lead)},
                                                   {"attrName": "VIN", "attrValue": vin}]},
                "customObjAttributeList": {"attribute": [{"attrName": k, "attrValue": v}
                                                         for k, v in values.items()]}}

    def sync(cars, operation="UPSERT"):
        result = result_of(session.call("syncCustomObjects", objTypeName="Car", customObjList={"customObj": cars},
                                        operation=operation))
        statuses = members(getattr(result, "syncCustomObjStatusList", result), "syncCustomObjStatus")
        if len(statuses) != len(cars):
            fail("syncCustomObjects: %d statuses for %d records" % (len(statuses), len(cars)))
        return statuses

    first = sync([car(vin, Make="Volkswagen", Model="Beetle", Year="1968")])[0].status
    second = sync([car(vin, Model="Golf")])[0].status
    print("syncCustomObjects %s %s" % (first, second))
    got = result_of(session.call("getCustomObjects", objTypeName="Car",
                                 customObjKeyList={"attribute": [{"attrName": "VIN", "attrValue": vin}]},
                                 includeAttributes={"stringItem": []}))
    cars = members(got.customObjList, "customObj")
    if got.returnCount != 1 or len(cars) != 1:
        fail("getCustomObjects by VIN: returnCount %s, %d records" % (got.returnCount, len(cars)))
    keys, values = attributes(cars[0].customObjKeyList), attributes(cars[0].customObjAttributeList)
    if keys.get("MKTOID") != str(lead) or keys.get("VIN") != vin:
        fail("getCustomObjects keys %s" % keys)
    print("getCustomObjects %s|%s|%s" % (values.get("Make"), values.get("Model"), values.get("Year")))

    # The walk: CARS more cars of the lead, 100 a call (the limit), read by
    # its MKTOID CAR_PAGE a page.
    vins = {vin}
    for start in range(0, CARS, 100):
        batch = [car("%s-%d" % (vin, i)) for i in range(start, min(start + 100, CARS))]
        for s in sync(batch, "INSERT"):
            if s.status != "CREATED":
                fail("syncCustomObjects INSERT of a new VIN: %s" % s.status)
        vins.update("%s-%d" % (vin, i) for i in range(start, min(start + 100, CARS)))
    seen, sizes, position = [], [], None
    for _ in range(MAX_PAGES):
        query = {"objTypeName": "Car", "batchSize": CAR_PAGE, "includeAttributes": {"stringItem": []},
                 "customObjKeyList": {"attribute": [{"attrName": "MKTOID", "attrValue": str(lead)}]}}
        if position:
            query["streamPosition"] = position
        page = result_of(session.call("getCustomObjects", **query))
        found = members(page.customObjList, "customObj")
        if page.returnCount != len(found):
            fail("getCustomObjects: returnCount %d, %d records" % (page.returnCount, len(found)))
        sizes.append(len(found))
        seen.extend(attributes(c.customObjKeyList).get("VIN") for c in found)
        if page.remainingCount != len(vins) - len(seen):
            fail("remainingCount %d after %d of %d" % (page.remainingCount, len(seen), len(vins)))
        if page.remainingCount == 0:
            break
        if not page.newStreamPosition:
            fail("remainingCount %d without a newStreamPosition" % page.remainingCount)
        position = page.newStreamPosition
    else:
        fail("getCustomObjects: more than %d pages" % MAX_PAGES)
    if len(set(seen)) != len(seen) or set(seen) != vins:
        fail("the walk gave %d cars (%d distinct), %d were written" % (len(seen), len(set(seen)), len(vins)))
    print("getCustomObjects walk %d pages %s" % (len(seen), ",".join(str(n) for n in sizes)))
    # Make is a field of Car, not one of its keys: the key set is wrong.
    wrong = car(vin)
    wrong["customObjKeyList"]["attribute"].append({"attrName": "Make", "attrValue": "Saab"})
    print("syncCustomObjects key fault %s" % session.fault("syncCustomObjects", objTypeName="Car",
                                                           customObjList={"customObj": [wrong]}))


def tags(session):
    def channels(**params):
        result = result_of(session.call("getChannels", **params))
        return members(getattr(result, "tags", result), "tagStatus")

    def statuses(channel):
        out = []
        for item in members(channel.statusList, "progressionStatusItem"):
            a = attribs(item.progressionStatus)
            out.append("%s:%s:%s" % (a.get("Status"), a.get("Step"), a.get("Success")))
        return ",".join(out)

    named = channels(tag={"values": {"stringItem": ["Webinar"]}})
    print("getChannels %s" % " ".join("%s=%s" % (c.tagValue, statuses(c)) for c in named))
    print("getChannels all %s" % ",".join(c.tagValue for c in channels()))
    result = result_of(session.call("getTags"))
    found = members(getattr(result, "tagList", result), "tag")
    print("getTags %s" % " ".join("%s=%s" % (t.type, ",".join(members(t.values, "stringItem"))) for t in found))


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write("usage: zeep_objects_interop.py <endpoint> <user id> [groups]\n")
        return 2
    endpoint, user = argv[1], argv[2]
    groups = argv[3].split(",") if len(argv) == 4 else list(GROUPS)
    for g in groups:
        if g not in GROUPS:
            fail("unknown group %s (groups: %s)" % (g, ",".join(GROUPS)))
    session = Session(endpoint, user)
    # Keys, VINs and addresses of this run only: the endpoint may hold an
    # earlier run's.
    run = "%d-%d" % (os.getpid(), int(time.time()))
    if "objects" in groups:
        objects(session, run)
    if "custom" in groups:
        custom(session, run)
    if "tags" in groups:
        tags(session)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
