#!/usr/bin/env python3
"""bridge_calls.py: the SOAP calls tools/bench/run sends through mktows-bridge,
one row per operation (and per parameter shape worth its own count), and
what each costs in REST calls.

  bridge_calls.py seed --sandbox URL
      writes the bench's leads into the sandbox (through its SOAP face)
  bridge_calls.py costs --sandbox URL --bridge BIN --config FILE --work DIR
      for each row: a fresh bridge (empty look-up caches) started with
      --verbose in front of the sandbox's REST face, the row's call twice
      (first, then warm: the look-ups cached); prints one line a row,
      LABEL<TAB>OPERATION<TAB>FIRST<TAB>WARM<TAB>IDENTITY, the REST calls of
      each call and the identity calls of the first
  bridge_calls.py request --sandbox URL --label LABEL --out FILE
      seeds, runs the row's setup, writes its signed request to FILE and
      prints its operation (for wrk's SOAPAction)
  bridge_calls.py latency-labels
      the rows whose latency the bench compares (bridge vs SOAP face)

The REST count of a call is read three ways and they must agree, or the
row fails: the bridge's own line "mktows-bridge: OP: N REST calls" (its
RestCost, API calls only), the call's summary line ("call OP: success, ...,
N REST calls", HTTP calls with identity calls) and the difference of the
rest_calls_total counters on /metrics before and after the call (identity
calls are those whose endpoint is under /identity/).

User id and key: --user and the variable named by --key-env (the key never
on a command line). The bridge's REST side comes from the environment the
caller gives (MKTOWS_REST_ENDPOINT, ...).
"""
import argparse
import datetime
import hashlib
import hmac
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse

# --- the rows ---------------------------------------------------------------------
# label, operation, the body inside soap Body ({seq}: a number new to each
# call; {hour_ago}: an xs:dateTime an hour back), optional setup (an
# operation and body sent to the sandbox's SOAP face directly before each
# call, not counted), and
# latency=True for the rows the bench times against the SOAP face. To
# measure another operation the bridge carries, add its row here; rows run
# in this order (getImportToListStatus reads the batch importToList left).
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
LIST = "<listKey><keyType>MKTOLISTNAME</keyType><keyValue>Demo Program.Newsletter</keyValue></listKey>"
SEED_LEADS = 10


def seed_email(i):
    return "bench-op-%d@bench.example" % i


def email_keys(element, n):
    return "".join("<%s><keyType>EMAIL</keyType><keyValue>%s</keyValue></%s>" % (element, seed_email(i), element)
                   for i in range(n))


def lead_record(email, first):
    return ("<leadRecord><Email>%s</Email><leadAttributeList><attribute><attrName>FirstName</attrName>"
            "<attrValue>%s</attrValue></attribute></leadAttributeList></leadRecord>" % (email, first))


def key_list(element, email):
    return "<%s><attribute><attrName>EMAIL</attrName><attrValue>%s</attrValue></attribute></%s>" % (element, email, element)


ROWS = [
    dict(label="syncLead", op="syncLead",
         body="<ns1:paramsSyncLead>" + lead_record("bench-sync@bench.example", "Sync") +
              "<returnLead>false</returnLead></ns1:paramsSyncLead>"),
    dict(label="syncMultipleLeads, 3 records", op="syncMultipleLeads",
         body="<ns1:paramsSyncMultipleLeads><leadRecordList>" +
              "".join(lead_record("bench-multi-%d@bench.example" % i, "Multi") for i in range(3)) +
              "</leadRecordList><dedupEnabled>true</dedupEnabled></ns1:paramsSyncMultipleLeads>"),
    dict(label="getLead, EMAIL", op="getLead",
         body="<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType><keyValue>" + seed_email(0) +
              "</keyValue></leadKey></ns1:paramsGetLead>"),
    dict(label="getMultipleLeads, LeadKeySelector (10 EMAIL keys)", op="getMultipleLeads", latency=True,
         body="<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\" " + XSI +
              "><keyType>EMAIL</keyType><keyValues>" +
              "".join("<stringItem>%s</stringItem>" % seed_email(i) for i in range(SEED_LEADS)) +
              "</keyValues></leadSelector><batchSize>100</batchSize></ns1:paramsGetMultipleLeads>"),
    dict(label="listOperation ADDTOLIST, 5 EMAIL keys", op="listOperation", latency=True,
         body="<ns1:paramsListOperation><listOperation>ADDTOLIST</listOperation>" + LIST +
              "<listMemberList>" + email_keys("leadKey", 5) + "</listMemberList><strict>false</strict>"
              "</ns1:paramsListOperation>"),
    dict(label="getMultipleLeads, StaticListSelector (name)", op="getMultipleLeads",
         body="<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:StaticListSelector\" " + XSI +
              "><staticListName>Demo Program.Newsletter</staticListName></leadSelector><batchSize>100</batchSize>"
              "</ns1:paramsGetMultipleLeads>"),
    dict(label="getMultipleLeads, LastUpdateAtSelector (last hour)", op="getMultipleLeads",
         body="<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LastUpdateAtSelector\" " + XSI +
              "><oldestUpdatedAt>{hour_ago}</oldestUpdatedAt></leadSelector><batchSize>100</batchSize>"
              "</ns1:paramsGetMultipleLeads>"),
    dict(label="mergeLeads, 1 loser (EMAIL keys)", op="mergeLeads",
         setup=("syncMultipleLeads", "<ns1:paramsSyncMultipleLeads><leadRecordList>" +
                lead_record("bench-win-{seq}@bench.example", "W") + lead_record("bench-lose-{seq}@bench.example", "L") +
                "</leadRecordList></ns1:paramsSyncMultipleLeads>"),
         body="<ns1:paramsMergeLeads>" + key_list("winningLeadKeyList", "bench-win-{seq}@bench.example") +
              "<losingLeadKeyLists>" + key_list("keyList", "bench-lose-{seq}@bench.example") +
              "</losingLeadKeyLists></ns1:paramsMergeLeads>"),
    dict(label="getLeadActivity, EMAIL, no filter", op="getLeadActivity",
         body="<ns1:paramsGetLeadActivity><leadKey><keyType>EMAIL</keyType><keyValue>" + seed_email(0) +
              "</keyValue></leadKey><batchSize>100</batchSize></ns1:paramsGetLeadActivity>"),
    dict(label="getLeadActivity, EMAIL, includeTypes NewLead", op="getLeadActivity",
         body="<ns1:paramsGetLeadActivity><leadKey><keyType>EMAIL</keyType><keyValue>" + seed_email(0) +
              "</keyValue></leadKey><activityFilter><includeTypes><activityType>NewLead</activityType>"
              "</includeTypes></activityFilter><batchSize>100</batchSize></ns1:paramsGetLeadActivity>"),
    dict(label="getLeadChanges, since 2000, no filter", op="getLeadChanges",
         body="<ns1:paramsGetLeadChanges><startPosition><oldestCreatedAt>2000-01-01T00:00:00Z</oldestCreatedAt>"
              "</startPosition><batchSize>100</batchSize></ns1:paramsGetLeadChanges>"),
    dict(label="importToList UPSERTLEADS, 1 row", op="importToList",
         body="<ns1:paramsImportToList><programName>Demo Program</programName>"
              "<importFileHeader>Email,FirstName</importFileHeader><importFileRows>"
              "<stringItem>bench-import-{seq}@bench.example,Imported</stringItem></importFileRows>"
              "<importListMode>UPSERTLEADS</importListMode><listName>Newsletter</listName><clearList>false</clearList>"
              "<campaignName xsi:nil=\"true\" " + XSI + "/></ns1:paramsImportToList>"),
    dict(label="getImportToListStatus", op="getImportToListStatus",
         body="<ns1:paramsGetImportToListStatus><programName>Demo Program</programName><listName>Newsletter</listName>"
              "</ns1:paramsGetImportToListStatus>"),
    dict(label="requestCampaign, name pair, 1 EMAIL key", op="requestCampaign", latency=True,
         body="<ns1:paramsRequestCampaign><source>MKTOWS</source><leadList>" + email_keys("leadKey", 1) +
              "</leadList><programName>Demo Program</programName><campaignName>Welcome</campaignName>"
              "</ns1:paramsRequestCampaign>"),
    dict(label="scheduleCampaign, name pair", op="scheduleCampaign",
         body="<ns1:paramsScheduleCampaign><programName>Demo Program</programName>"
              "<campaignName>Weekly Digest</campaignName></ns1:paramsScheduleCampaign>"),
    dict(label="getCampaignsForSource, MKTOWS", op="getCampaignsForSource",
         body="<ns1:paramsGetCampaignsForSource><source>MKTOWS</source></ns1:paramsGetCampaignsForSource>"),
    # The objects, custom objects and tags domains, on the sandbox's world
    # (docs/SANDBOX.md: programs 1001.., the Car type keyed by VIN).
    dict(label="listMObjects", op="listMObjects", body="<ns1:paramsListMObjects/>"),
    dict(label="describeMObject, Opportunity", op="describeMObject",
         body="<ns1:paramsDescribeMObject><objectName>Opportunity</objectName></ns1:paramsDescribeMObject>"),
    dict(label="syncMObjects, Opportunity INSERT", op="syncMObjects",
         body="<ns1:paramsSyncMObjects><mObjectList><mObject><type>Opportunity</type><attribList><attrib>"
              "<name>Name</name><value>Bench deal {seq}</value></attrib></attribList></mObject></mObjectList>"
              "<operation>INSERT</operation></ns1:paramsSyncMObjects>"),
    dict(label="getMObjects, Program by id", op="getMObjects",
         body="<ns1:paramsGetMObjects><type>Program</type><id>1001</id></ns1:paramsGetMObjects>"),
    dict(label="deleteMObjects, Opportunity by id", op="deleteMObjects",
         body="<ns1:paramsDeleteMObjects><mObjectList><mObject><type>Opportunity</type><id>1</id></mObject>"
              "</mObjectList></ns1:paramsDeleteMObjects>"),
    dict(label="syncCustomObjects, Car UPSERT by VIN", op="syncCustomObjects",
         body="<ns1:paramsSyncCustomObjects><objTypeName>Car</objTypeName><customObjList><customObj>"
              "<customObjKeyList><attribute><attrName>VIN</attrName><attrValue>BENCHVIN{seq}</attrValue></attribute>"
              "</customObjKeyList><customObjAttributeList><attribute><attrName>Model</attrName>"
              "<attrValue>Golf</attrValue></attribute></customObjAttributeList></customObj></customObjList>"
              "<operation>UPSERT</operation></ns1:paramsSyncCustomObjects>"),
    dict(label="getCustomObjects, Car by VIN", op="getCustomObjects",
         body="<ns1:paramsGetCustomObjects><objTypeName>Car</objTypeName><customObjKeyList><attribute>"
              "<attrName>VIN</attrName><attrValue>BENCH0000000000001</attrValue></attribute></customObjKeyList>"
              "<includeAttributes/></ns1:paramsGetCustomObjects>"),
    dict(label="deleteCustomObjects, Car by VIN", op="deleteCustomObjects",
         body="<ns1:paramsDeleteCustomObjects><objTypeName>Car</objTypeName><customObjKeyLists><keyList><attribute>"
              "<attrName>VIN</attrName><attrValue>BENCH0000000000002</attrValue></attribute></keyList>"
              "</customObjKeyLists></ns1:paramsDeleteCustomObjects>"),
    dict(label="getChannels, all", op="getChannels", body="<ns1:paramsGetChannels/>"),
    dict(label="getTags, all", op="getTags", body="<ns1:paramsGetTags/>"),
]

# --- SOAP over HTTP -----------------------------------------------------------------
TIMEOUT = 30  # seconds, every socket wait


def envelope(user, key, body):
    ts = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    sig = hmac.new(key.encode(), (ts + user).encode(), hashlib.sha1).hexdigest()
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Header><ns1:AuthenticationHeader>'
            '<mktowsUserId>%s</mktowsUserId><requestSignature>%s</requestSignature>'
            '<requestTimestamp>%s</requestTimestamp></ns1:AuthenticationHeader></SOAP-ENV:Header>'
            '<SOAP-ENV:Body>%s</SOAP-ENV:Body></SOAP-ENV:Envelope>' % (user, sig, ts, body))


def http_call(url, method, path=None, body=None, headers=None):
    u = urllib.parse.urlsplit(url)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=TIMEOUT)
    try:
        c.request(method, path or u.path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    finally:
        c.close()


def soap(url, op, xml, what):
    status, text = http_call(url, "POST", body=xml.encode(),
                             headers={"Content-Type": "text/xml; charset=utf-8",
                                      "SOAPAction": '"http://www.marketo.com/mktows/%s"' % op})
    if status != 200 or "Fault>" in text:
        m = re.search(r"<faultstring>([^<]*)<", text)
        sys.exit("bridge_calls: %s (%s): HTTP %d, %s" % (what, op, status, m.group(1) if m else text[:300]))
    return text


def fill(template, seq):
    hour_ago = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return template.replace("{seq}", str(seq)).replace("{hour_ago}", hour_ago)


def seed(args):
    body = ("<ns1:paramsSyncMultipleLeads><leadRecordList>" +
            "".join(lead_record(seed_email(i), "Seed%d" % i) for i in range(SEED_LEADS)) +
            "</leadRecordList></ns1:paramsSyncMultipleLeads>")
    soap(args.sandbox, "syncMultipleLeads", envelope(args.user, args.key, body), "seeding the sandbox")


def run_setup(args, row, seq):
    if row.get("setup"):
        op, body = row["setup"]
        soap(args.sandbox, op, envelope(args.user, args.key, fill(body, seq)), row["label"] + " (setup)")


def find_row(label):
    for r in ROWS:
        if r["label"] == label:
            return r
    sys.exit("bridge_calls: no row %r" % label)


# --- one fresh bridge per row -------------------------------------------------------
class Bridge:
    def __init__(self, binary, config, work, n):
        self.log = os.path.join(work, "bridge-costs-%d.err" % n)
        self.err = open(self.log, "w")
        self.p = subprocess.Popen([binary, "--port", "0", "--config", config, "--verbose"],
                                  stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.p.stdout.readline()  # the bridge prints it first, or exits
        if not line.startswith("listening on "):
            self.stop()
            sys.exit("bridge_calls: the bridge did not start: %s" % open(self.log).read()[-2000:])
        self.url = line[len("listening on "):].strip()
        self.base = self.url.split("/soap/")[0]
        self.offset = 0

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.p.stdout.close()
        self.err.close()

    def rest_counters(self):
        status, text = http_call(self.base, "GET", "/metrics")
        if status != 200:
            sys.exit("bridge_calls: /metrics answered HTTP %d" % status)
        total = identity = 0
        for m in re.finditer(r'^mktows_bridge_rest_calls_total\{endpoint="([^"]*)",status="[^"]*"\} (\d+)$', text, re.M):
            total += int(m.group(2))
            if m.group(1).startswith("/identity/"):
                identity += int(m.group(2))
        return total, identity

    def new_log_lines(self):
        with open(self.log) as f:
            f.seek(self.offset)
            text = f.read()
            self.offset = f.tell()
        return text.splitlines()

    def call(self, op, xml, what):
        """The REST (API) calls and identity calls one SOAP call made."""
        total0, ident0 = self.rest_counters()
        soap(self.url, op, xml, what)
        total1, ident1 = self.rest_counters()
        http_calls, identity = total1 - total0, ident1 - ident0
        cost = summary = None
        for line in self.new_log_lines():
            m = re.match(r"^mktows-bridge: (\w+): (\d+) REST calls?(?: \(request [^)]*\))?$", line)
            if m and m.group(1) == op:
                cost = int(m.group(2))
            m = re.match(r"^mktows-bridge: call (\w+): success, user [^,]*, (\d+) REST calls?, ", line)
            if m and m.group(1) == op:
                summary = int(m.group(2))
        if summary is None:
            sys.exit("bridge_calls: %s: no summary line for %s in the bridge's log" % (what, op))
        if summary != http_calls:
            sys.exit("bridge_calls: %s: the summary says %d HTTP calls, /metrics counted %d" % (what, summary, http_calls))
        api = http_calls - identity
        if cost is not None and cost != api:
            sys.exit("bridge_calls: %s: the bridge's cost line says %d REST calls, /metrics counted %d (+%d identity)"
                     % (what, cost, api, identity))
        return api, identity


def costs(args):
    seed(args)
    seq = 0
    for n, row in enumerate(ROWS):
        if args.only and row["label"] not in args.only:
            continue
        bridge = Bridge(args.bridge, args.config, args.work, n)
        try:
            counts = []
            for which in ("first", "warm"):
                seq += 1
                run_setup(args, row, seq)
                counts.append(bridge.call(row["op"], envelope(args.user, args.key, fill(row["body"], seq)),
                                          "%s, %s call" % (row["label"], which)))
        finally:
            bridge.stop()
        print("%s\t%s\t%d\t%d\t%d" % (row["label"], row["op"], counts[0][0], counts[1][0], counts[0][1]), flush=True)


def request(args):
    seed(args)
    row = find_row(args.label)
    seq = int(time.time())
    run_setup(args, row, seq)
    with open(args.out, "w") as f:
        f.write(envelope(args.user, args.key, fill(row["body"], seq)))
    print(row["op"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["seed", "costs", "request", "latency-labels"])
    ap.add_argument("--sandbox")
    ap.add_argument("--bridge")
    ap.add_argument("--config")
    ap.add_argument("--work")
    ap.add_argument("--label")
    ap.add_argument("--out")
    ap.add_argument("--only", action="append")
    ap.add_argument("--user", default="bench_user_0001")
    ap.add_argument("--key-env", default="MKTOWS_BENCH_KEY")
    args = ap.parse_args()
    if args.mode == "latency-labels":
        for r in ROWS:
            if r.get("latency"):
                print(r["label"])
        return
    args.key = os.environ.get(args.key_env)
    if not args.key:
        sys.exit("bridge_calls: %s is not set" % args.key_env)
    if not args.sandbox:
        sys.exit("bridge_calls: --sandbox URL is needed")
    if args.mode == "seed":
        seed(args)
    elif args.mode == "costs":
        if not (args.bridge and args.config and args.work):
            sys.exit("bridge_calls: costs needs --bridge, --config and --work")
        costs(args)
    else:
        if not (args.label and args.out):
            sys.exit("bridge_calls: request needs --label and --out")
        request(args)


if __name__ == "__main__":
    main()
