"""zeep_custom_tags_interop.py: Python's zeep (a stock SOAP client) against a
mktows endpoint's custom object and tag calls, from <endpoint>?WSDL: syncLead
for a new lead, syncCustomObjects for a Car of it (CREATED, then UPDATED),
getCustomObjects by its VIN, getChannels and getTags.
Prints one line per step; exits non-zero on any surprise.
  python3 zeep_custom_tags_interop.py <endpoint> <user id> <email> <vin>
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
    if len(argv) != 5:
        sys.stderr.write("usage: zeep_custom_tags_interop.py <endpoint> <user id> <email> <vin>\n")
        return 2
    endpoint, user, email, vin = argv[1:]
    key = os.environ.get("MKTOWS_ENCRYPTION_KEY")
    if not key:
        fail("MKTOWS_ENCRYPTION_KEY is not set")
    # Every wait bounded: loading the WSDL and each call.
    client = zeep.Client(endpoint + "?WSDL",
                         transport=Transport(session=requests.Session(), timeout=20, operation_timeout=20))
    auth_element = client.get_element("{%s}AuthenticationHeader" % NS)

    def headers():
        stamp = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        signature = hmac.new(key.encode(), (stamp + user).encode(), hashlib.sha1).hexdigest()
        return [auth_element(mktowsUserId=user, requestSignature=signature, requestTimestamp=stamp)]

    def unwrap(result, member):
        # zeep hands back a result of one member as that member.
        return getattr(result, member) if member in dir(result) else result

    def call(name, **params):
        try:
            return getattr(client.service, name)(_soapheaders=headers(), **params)
        except Fault as fault:
            fail("%s: %s" % (name, fault.message))

    lead = call("syncLead", leadRecord={"Email": email}, returnLead=False)
    lead_id = lead.leadId
    print("syncLead %s %d" % (lead.syncStatus.status, lead_id))

    def car(model):
        return {"customObjKeyList": {"attribute": [{"attrName": "MKTOID", "attrValue": str(lead_id)},
                                                   {"attrName": "VIN", "attrValue": vin}]},
                "customObjAttributeList": {"attribute": [{"attrName": "Model", "attrValue": model}]}}

    for expected, model in (("CREATED", "Beetle"), ("UPDATED", "Golf")):
        result = call("syncCustomObjects", objTypeName="Car", customObjList={"customObj": [car(model)]},
                      operation="UPSERT")
        status = unwrap(result, "syncCustomObjStatusList").syncCustomObjStatus[0].status
        print("syncCustomObjects %s" % status)
        if status != expected:
            fail("expected %s, got %s" % (expected, status))

    got = call("getCustomObjects", objTypeName="Car",
               customObjKeyList={"attribute": [{"attrName": "VIN", "attrValue": vin}]},
               includeAttributes={"stringItem": []})
    if got.returnCount != 1:
        fail("getCustomObjects returnCount %s" % got.returnCount)
    obj = got.customObjList.customObj[0]
    keys = {a.attrName: a.attrValue for a in obj.customObjKeyList.attribute}
    values = {a.attrName: a.attrValue for a in obj.customObjAttributeList.attribute}
    print("getCustomObjects %s %s %s" % (keys.get("MKTOID"), keys.get("VIN"), values.get("Model")))
    if keys.get("MKTOID") != str(lead_id) or keys.get("VIN") != vin or values.get("Model") != "Golf":
        fail("getCustomObjects answered %s %s" % (keys, values))

    channels = call("getChannels", tag={"values": {"stringItem": ["Webinar"]}})
    channel = unwrap(channels, "tags").tagStatus[0]
    statuses = [{a.name: a.value for a in s.progressionStatus.attrib} for s in channel.statusList.progressionStatusItem]
    print("getChannels %s %s" % (channel.tagValue, ",".join(s["Status"] for s in statuses)))
    if channel.tagValue != "Webinar" or {"Status": "Attended", "Step": "30", "Success": "true"} not in statuses:
        fail("getChannels answered %s" % statuses)

    tags = call("getTags")
    pairs = [(t.type, list(t.values.stringItem)) for t in unwrap(tags, "tagList").tag]
    print("getTags %s" % pairs)
    if ("Region", ["EMEA", "Americas", "APAC"]) not in pairs:
        fail("getTags answered %s" % pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
