<?php
// PHP's SoapClient (a stock client) against a mktows endpoint's own ?WSDL
// (the sandbox, or the bridge in front of its REST face): the lead, list,
// campaign and activity calls a legacy application makes, each signed by the
// script (mktows_soapclient.php), in groups:
//   campaigns  getCampaignsForSource(MKTOWS), requestCampaign for one lead
//   leads      getMultipleLeads with a LastUpdateAtSelector walked page by
//              page with streamPosition until remainingCount is 0 (every
//              lead once, the total), and a forged streamPosition (20122)
//   lists      listOperation ADDTOLIST and ISMEMBEROFLIST, the
//              StaticListSelector walk of that list
//   activity   getLeadActivity of a lead the script creates and changes,
//              walked one record a page
// Prints the lines tests/interop/lead_calls_flow.hpp checks; exits non-zero
// on any surprise.
//   php php_lead_calls.php <endpoint> <user id> <leads> <list members> [groups]
// [groups]: comma-separated, of the above (all when not given). The key
// comes from MKTOWS_ENCRYPTION_KEY, never the command line.
require __DIR__ . '/mktows_soapclient.php';
if ($argc != 5 && $argc != 6) { fwrite(STDERR, "usage: php_lead_calls.php endpoint user leads members [groups]\n"); exit(2); }
list(, $endpoint, $userId, $total, $members) = $argv;
$total = (int)$total;
$members = (int)$members;
$groups = explode(",", $argc == 6 ? $argv[5] : "campaigns,leads,lists,activity");
foreach ($groups as $g)
  if (!in_array($g, array("campaigns", "leads", "lists", "activity"), true)) fail("unknown group $g");
const MAX_PAGES = 1000;  // a walk that does not end is a failure, not a hang
mktows_connect($endpoint, $userId);
$ns = MKTOWS_NS;

// Every page of a getMultipleLeads walk; the lead ids in order.
function walk($selector, $batch, &$pages) {
  $ids = array();
  $seen = array();
  $pages = 0;
  $position = null;
  $announced = null;
  while (true) {
    $p = new stdClass();
    $p->leadSelector = $selector;
    $p->batchSize = $batch;
    if ($position !== null) $p->streamPosition = $position;
    $page = call('getMultipleLeads', $p);
    $pages++;
    $records = items(isset($page->leadRecordList) ? $page->leadRecordList : null, 'leadRecord');
    if ($page->returnCount != count($records)) fail("returnCount {$page->returnCount} but " . count($records) . " records");
    if ($announced === null) $announced = $page->returnCount + $page->remainingCount;
    foreach ($records as $r) {
      if (isset($seen[$r->Id])) fail("lead {$r->Id} came back twice");
      $seen[$r->Id] = true;
      $ids[] = $r->Id;
    }
    if ($page->remainingCount == 0) break;
    if (!isset($page->newStreamPosition) || $page->newStreamPosition === '')
      fail("remainingCount {$page->remainingCount} without a newStreamPosition");
    if ($pages >= MAX_PAGES) fail("more than " . MAX_PAGES . " pages");
    $position = $page->newStreamPosition;
  }
  if ($announced != count($ids)) fail("the first page announced $announced leads, the walk gave " . count($ids));
  return $ids;
}

function lead_key($id, $type = "IDNUM") {
  $k = new stdClass();
  $k->keyType = $type;
  $k->keyValue = (string)$id;
  return $k;
}

// The walk of every lead updated in the last hour, 100 a page (the
// selector's subtype sent as its xsi:type): the leads group's check, and the
// leads the campaign and list calls use.
$since = new DateTime('-1 hour', new DateTimeZone("UTC"));
$s = new stdClass();
$s->oldestUpdatedAt = $since->format(DATE_W3C);
$selector = new SoapVar($s, SOAP_ENC_OBJECT, "LastUpdateAtSelector", $ns);
$ids = array();
$pages = 0;
if (array_intersect($groups, array("campaigns", "leads", "lists"))) {
  $ids = walk($selector, 100, $pages);
  if (count($ids) != $total) fail("the walk gave " . count($ids) . " leads, the endpoint holds $total");
}

if (in_array("campaigns", $groups)) {
  // getCampaignsForSource: the trigger campaigns the Web Service API may request.
  $q = new stdClass();
  $q->source = "MKTOWS";
  $campaigns = call('getCampaignsForSource', $q);
  $records = items(isset($campaigns->campaignRecordList) ? $campaigns->campaignRecordList : null, 'campaignRecord');
  if ($campaigns->returnCount != count($records) || count($records) == 0) fail("getCampaignsForSource: returnCount " . $campaigns->returnCount);
  print "campaigns {$campaigns->returnCount} {$records[0]->id} {$records[0]->name}\n";
}

if (in_array("leads", $groups)) print "lastUpdate leads " . count($ids) . " pages $pages\n";

if (in_array("campaigns", $groups)) {
  // requestCampaign for the first lead, by the listed campaign's id.
  $rc = new stdClass();
  $rc->source = "MKTOWS";
  $rc->campaignId = $records[0]->id;
  $rc->leadList = new stdClass();
  $rc->leadList->leadKey = array(lead_key($ids[0]));
  $requested = call('requestCampaign', $rc);
  print "requestCampaign " . ($requested->success === true ? "true" : "false") . "\n";
}

if (in_array("lists", $groups)) {
  // listOperation: the first `members` leads join the newsletter.
  $newsletter = new stdClass();
  $newsletter->keyType = "MKTOLISTNAME";
  $newsletter->keyValue = "Demo Program.Newsletter";
  $chosen = array_slice($ids, 0, $members);
  $op = new stdClass();
  $op->listOperation = "ADDTOLIST";
  $op->listKey = $newsletter;
  $op->listMemberList = new stdClass();
  $op->listMemberList->leadKey = array_map('lead_key', $chosen);
  $added = call('listOperation', $op);
  $true = 0;
  foreach (items(isset($added->statusList) ? $added->statusList : null, 'leadStatus') as $st) if ($st->status === true) $true++;
  print "ADDTOLIST $true of " . count($chosen) . " " . ($added->success === true ? "true" : "false") . "\n";
  $op->listOperation = "ISMEMBEROFLIST";
  $op->listMemberList->leadKey = array(lead_key($ids[0]), lead_key($ids[count($ids) - 1]));
  $asked = call('listOperation', $op);
  $words = array();
  foreach (items($asked->statusList, 'leadStatus') as $st) $words[] = $st->status === true ? "true" : "false";
  print "ISMEMBEROFLIST " . implode(" ", $words) . "\n";

  // The list's members, 40 a page, in the order they were added.
  $l = new stdClass();
  $l->staticListName = "Demo Program.Newsletter";
  $listed = walk(new SoapVar($l, SOAP_ENC_OBJECT, "StaticListSelector", $ns), 40, $pages);
  if ($listed != $chosen) fail("the list's walk gave other leads than were added, or in another order");
  print "staticList leads " . count($listed) . " pages $pages\n";
}

if (in_array("leads", $groups)) {
  // A position the endpoint did not hand out: the vendor's fault.
  $p = new stdClass();
  $p->leadSelector = $selector;
  $p->streamPosition = "w1:o0:forged";
  print "position fault " . fault_code('getMultipleLeads', $p) . "\n";
}

if (in_array("activity", $groups)) {
  // getLeadActivity of a lead the script writes (created, then one value
  // changed), one record a page until remainingCount is 0: the New Lead
  // record and the Change Data Value with the new value, each once, in
  // whichever order the endpoint streams them.
  $email = "activity-" . getmypid() . "-" . time() . "@php.example.com";
  foreach (array("Ada", "Grace") as $first) {
    $sl = new stdClass();
    $sl->returnLead = false;
    $sl->leadRecord = new stdClass();
    $sl->leadRecord->Email = $email;
    $a = new stdClass();
    $a->attrName = "FirstName";
    $a->attrValue = $first;
    $sl->leadRecord->leadAttributeList = new stdClass();
    $sl->leadRecord->leadAttributeList->attribute = array($a);
    call('syncLead', $sl);
  }
  $records = array();
  $position = null;
  for ($pages = 0;; $pages++) {
    if ($pages >= MAX_PAGES) fail("getLeadActivity: more than " . MAX_PAGES . " pages");
    $p = new stdClass();
    $p->leadKey = lead_key($email, "EMAIL");
    $p->batchSize = 1;
    if ($position !== null) $p->startPosition = $position;
    $page = call('getLeadActivity', $p)->leadActivityList;
    $got = items(isset($page->activityRecordList) ? $page->activityRecordList : null, 'activityRecord');
    if ($page->returnCount != count($got) || count($got) > 1) fail("getLeadActivity: returnCount {$page->returnCount}, batchSize 1");
    $records = array_merge($records, $got);
    if ($page->remainingCount == 0) break;
    $position = $page->newStartPosition;
  }
  $types = array();
  $new = array();
  $ids = array();
  foreach ($records as $r) {
    if (isset($ids[$r->id])) fail("getLeadActivity: record {$r->id} came back twice");
    $ids[$r->id] = true;
    $types[] = $r->activityType;
    if ($r->activityType == "Change Data Value")
      foreach (items($r->activityAttributes, 'attribute') as $a) if ($a->attrName == "New Value") $new[] = $a->attrValue;
  }
  sort($types);
  sort($new);
  print "getLeadActivity " . implode(",", $types) . " new " . implode(",", $new) . "\n";
}
print "OK\n";
