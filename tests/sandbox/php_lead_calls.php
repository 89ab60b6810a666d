<?php
// PHP's SoapClient (a stock client) against the sandbox's own ?WSDL: the
// lead, list and campaign calls a legacy application makes, each signed by
// the script (AuthenticationHeader, HMAC-SHA1 of requestTimestamp + userId,
// as the seed's PHP sample signs):
//   getCampaignsForSource(MKTOWS), requestCampaign for one lead,
//   getMultipleLeads with a LastUpdateAtSelector walked page by page with
//   streamPosition until remainingCount is 0 (every lead once, the total),
//   listOperation ADDTOLIST and ISMEMBEROFLIST, the StaticListSelector walk
//   of that list, and a forged streamPosition (fault 20122).
// Prints the lines tests/interop/lead_calls_flow.hpp checks; exits non-zero
// on any surprise.
//   php php_lead_calls.php <endpoint> <user id> <leads> <list members>
// The key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
if ($argc != 5) { fwrite(STDERR, "usage: php_lead_calls.php endpoint user leads members\n"); exit(2); }
if (!class_exists('SoapClient')) { fwrite(STDERR, "php-soap is not installed\n"); exit(2); }
list(, $endpoint, $userId, $total, $members) = $argv;
$total = (int)$total;
$members = (int)$members;
$key = getenv('MKTOWS_ENCRYPTION_KEY');
if ($key === false || $key === '') { fwrite(STDERR, "FAIL: MKTOWS_ENCRYPTION_KEY is not set\n"); exit(1); }
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('default_socket_timeout', '20');  // every wait bounded
$ns = "http://www.marketo.com/mktows/";
const MAX_PAGES = 1000;  // a walk that does not end is a failure, not a hang

function fail($msg) { fwrite(STDERR, "FAIL: $msg\n"); exit(1); }

function auth_header($ns, $userId, $key) {
  $dt = new DateTime('now', new DateTimeZone("America/Los_Angeles"));
  $ts = $dt->format(DATE_W3C);
  $h = new stdClass();
  $h->mktowsUserId = $userId;
  $h->requestSignature = hash_hmac('sha1', $ts . $userId, $key);
  $h->requestTimestamp = $ts;
  return new SoapHeader($ns, 'AuthenticationHeader', $h);
}

// SoapClient gives one element of a list as an object, several as an array.
function items($list, $name) {
  if ($list === null || !isset($list->$name)) return array();
  return is_array($list->$name) ? $list->$name : array($list->$name);
}

$client = new SoapClient($endpoint . "?WSDL", array("cache_wsdl" => WSDL_CACHE_NONE, "connection_timeout" => 20,
                                                     "exceptions" => true));

function call($name, $params) {
  global $client, $ns, $userId, $key;
  try {
    $r = $client->__soapCall($name, array("params" . ucfirst($name) => $params), null, auth_header($ns, $userId, $key));
  } catch (SoapFault $f) {
    fail("$name: " . $f->faultstring);
  }
  return $r->result;
}

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

function lead_key($id) {
  $k = new stdClass();
  $k->keyType = "IDNUM";
  $k->keyValue = (string)$id;
  return $k;
}

// getCampaignsForSource: the trigger campaigns the Web Service API may request.
$q = new stdClass();
$q->source = "MKTOWS";
$campaigns = call('getCampaignsForSource', $q);
$records = items(isset($campaigns->campaignRecordList) ? $campaigns->campaignRecordList : null, 'campaignRecord');
if ($campaigns->returnCount != count($records) || count($records) == 0) fail("getCampaignsForSource: returnCount " . $campaigns->returnCount);
print "campaigns {$campaigns->returnCount} {$records[0]->id} {$records[0]->name}\n";

// getMultipleLeads over every lead updated in the last hour, 100 a page;
// the selector's subtype is sent as its xsi:type.
$since = new DateTime('-1 hour', new DateTimeZone("UTC"));
$s = new stdClass();
$s->oldestUpdatedAt = $since->format(DATE_W3C);
$selector = new SoapVar($s, SOAP_ENC_OBJECT, "LastUpdateAtSelector", $ns);
$ids = walk($selector, 100, $pages);
if (count($ids) != $total) fail("the walk gave " . count($ids) . " leads, the sandbox holds $total");
print "lastUpdate leads " . count($ids) . " pages $pages\n";

// requestCampaign for the first lead, by the listed campaign's id.
$rc = new stdClass();
$rc->source = "MKTOWS";
$rc->campaignId = $records[0]->id;
$rc->leadList = new stdClass();
$rc->leadList->leadKey = array(lead_key($ids[0]));
$requested = call('requestCampaign', $rc);
print "requestCampaign " . ($requested->success === true ? "true" : "false") . "\n";

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

// A position the sandbox did not hand out: the vendor's fault.
$p = new stdClass();
$p->leadSelector = $selector;
$p->streamPosition = "w1:o0:forged";
try {
  $client->__soapCall('getMultipleLeads', array("paramsGetMultipleLeads" => $p), null, auth_header($ns, $userId, $key));
  fail("a forged streamPosition was accepted");
} catch (SoapFault $f) {
  print "position fault " . $f->detail->serviceException->code . "\n";
}
print "OK\n";
