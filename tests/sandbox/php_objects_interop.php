<?php
// PHP's SoapClient (a stock client) against a mktows endpoint's own ?WSDL
// (the sandbox, or the bridge in front of its REST face): the object, custom
// object, channel and tag calls, each signed by the script
// (mktows_soapclient.php), the same calls and output as
// tests/interop/zeep_objects_interop.py, whose header says what each group
// does and checks:
//   objects  listMObjects; syncMObjects + getMObjects of an Opportunity and
//            an OpportunityPersonRole; a 150-opportunity walk; fault 20122
//   custom   syncCustomObjects + getCustomObjects of a Car; a 121-car walk
//            50 a page; a wrong key set (fault 20110)
//   tags     getChannels by name and all; getTags
// Prints the lines tests/interop/objects_flow.hpp checks; exits non-zero on
// any surprise.
//   php php_objects_interop.php <endpoint> <user id> [groups]
// [groups]: comma-separated, of the above (all when not given). The key
// comes from MKTOWS_ENCRYPTION_KEY, never the command line.
require __DIR__ . '/mktows_soapclient.php';
if ($argc != 3 && $argc != 4) { fwrite(STDERR, "usage: php_objects_interop.php endpoint user [groups]\n"); exit(2); }
list(, $endpoint, $userId) = $argv;
$groups = explode(",", $argc == 4 ? $argv[3] : "objects,custom,tags");
foreach ($groups as $g)
  if (!in_array($g, array("objects", "custom", "tags"), true)) fail("unknown group $g");
const MAX_PAGES = 100;  // a walk that does not end is a failure, not a hang
const WALK = 150;       // opportunities in the walk: more than a page (100)
const CARS = 120;       // cars for the custom walk, besides the first
const CAR_PAGE = 50;
mktows_connect($endpoint, $userId);
// Keys, VINs and addresses of this run only.
$run = getmypid() . "-" . time();

function obj(array $fields) {
  $o = new stdClass();
  foreach ($fields as $k => $v) $o->$k = $v;
  return $o;
}

function attrib_list(array $pairs) {
  $list = array();
  foreach ($pairs as $k => $v) $list[] = obj(array("name" => $k, "value" => (string)$v));
  return obj(array("attrib" => $list));
}

function attrib_map($list) {
  $out = array();
  foreach (items($list, 'attrib') as $a) $out[$a->name] = $a->value;
  return $out;
}

function attribute_list(array $pairs) {
  $list = array();
  foreach ($pairs as $k => $v) $list[] = obj(array("attrName" => $k, "attrValue" => (string)$v));
  return obj(array("attribute" => $list));
}

function attribute_map($list) {
  $out = array();
  foreach (items($list, 'attribute') as $a) $out[$a->attrName] = $a->attrValue;
  return $out;
}

function new_lead($tag) {
  $r = call('syncLead', obj(array("leadRecord" => obj(array("Email" => "$tag@php.example.com")), "returnLead" => false)));
  if ($r->syncStatus->status != "CREATED") fail("syncLead of a new address: {$r->syncStatus->status}");
  return $r->leadId;
}

function sync_m(array $objs, $operation) {
  $r = call('syncMObjects', obj(array("mObjectList" => obj(array("mObject" => $objs)), "operation" => $operation)));
  $statuses = items($r->mObjStatusList, 'mObjStatus');
  if (count($statuses) != count($objs)) fail("syncMObjects: " . count($statuses) . " statuses for " . count($objs) . " objects");
  return $statuses;
}

function opportunity($key, array $values) {
  return obj(array("type" => "Opportunity", "externalKey" => obj(array("name" => "externalOpportunityId", "value" => $key)),
                   "attribList" => attrib_list($values)));
}

function found_m($page) {
  $out = items(isset($page->mObjectList) ? $page->mObjectList : null, 'mObject');
  if ($page->returnCount != count($out)) fail("getMObjects: returnCount {$page->returnCount}, " . count($out) . " objects");
  return $out;
}

function objects_group($run) {
  print "listMObjects " . implode(",", items(call('listMObjects', new stdClass()), 'objects')) . "\n";
  $key = "PHP-OPP-$run";
  $created = sync_m(array(opportunity($key, array("Name" => "Jungle deal", "Amount" => "1200", "Stage" => "Prospecting"))), "UPSERT")[0];
  $updated = sync_m(array(opportunity($key, array("Stage" => "Closed Won"))), "UPSERT")[0];
  if ($created->id != $updated->id || $created->id <= 0) fail("syncMObjects: ids {$created->id} then {$updated->id}");
  print "syncMObjects Opportunity {$created->status} {$updated->status}\n";
  $got = found_m(call('getMObjects', obj(array("type" => "Opportunity",
                                               "externalKey" => obj(array("name" => "externalOpportunityId", "value" => $key))))));
  if (count($got) != 1 || $got[0]->id != $created->id) fail("getMObjects by externalKey: " . count($got) . " objects");
  $v = attrib_map($got[0]->attribList);
  print "getMObjects Opportunity {$v['Name']}|{$v['Amount']}|{$v['Stage']}\n";

  $lead = new_lead("php-role-$run");
  $role = obj(array("type" => "OpportunityPersonRole",
                    "attribList" => attrib_list(array("OpportunityId" => $created->id, "PersonId" => $lead, "Role" => "Buyer",
                                                      "IsPrimary" => "true"))));
  $role_status = sync_m(array($role), "UPSERT")[0];
  print "syncMObjects OpportunityPersonRole {$role_status->status}\n";
  $of = obj(array("mObjAssociation" => array(obj(array("mObjType" => "Opportunity", "id" => $created->id)))));
  $roles = found_m(call('getMObjects', obj(array("type" => "OpportunityPersonRole", "mObjAssociationList" => $of))));
  if (count($roles) != 1 || $roles[0]->id != $role_status->id) fail("getMObjects of the opportunity's roles: " . count($roles));
  $v = attrib_map($roles[0]->attribList);
  if ($v['PersonId'] != (string)$lead || $v['OpportunityId'] != (string)$created->id) fail("the role reads back as " . json_encode($v));
  print "getMObjects OpportunityPersonRole {$v['Role']}|{$v['IsPrimary']}\n";

  // The walk: WALK opportunities of a Stage no other record has, 100 a
  // call (the limit), read back by that criterion.
  $stage = "walk-$run";
  $made = array();
  for ($start = 0; $start < WALK; $start += 100) {
    $batch = array();
    for ($i = $start; $i < min($start + 100, WALK); $i++) $batch[] = opportunity("PHP-WALK-$run-$i", array("Stage" => $stage));
    foreach (sync_m($batch, "INSERT") as $s) {
      if ($s->status != "CREATED") fail("syncMObjects INSERT of a new key: {$s->status}");
      $made[$s->id] = true;
    }
  }
  $criteria = obj(array("mObjCriteria" => array(obj(array("attrName" => "Stage", "comparison" => "EQ", "attrValue" => $stage)))));
  $seen = array();
  $sizes = array();
  $position = null;
  for ($pages = 0;; $pages++) {
    if ($pages >= MAX_PAGES) fail("getMObjects: more than " . MAX_PAGES . " pages");
    $q = obj(array("type" => "Opportunity", "mObjCriteriaList" => $criteria));
    if ($position !== null) $q->streamPosition = $position;
    $page = call('getMObjects', $q);
    $items = found_m($page);
    $sizes[] = count($items);
    foreach ($items as $o) {
      if (isset($seen[$o->id])) fail("opportunity {$o->id} came back twice");
      $seen[$o->id] = true;
    }
    if (!$page->hasMore) break;
    if (!isset($page->newStreamPosition) || $page->newStreamPosition === '') fail("hasMore without a newStreamPosition");
    $position = $page->newStreamPosition;
  }
  ksort($seen);
  ksort($made);
  if (array_keys($seen) != array_keys($made)) fail("the walk gave " . count($seen) . " objects, " . count($made) . " were written");
  print "getMObjects walk " . count($seen) . " pages " . implode(",", $sizes) . "\n";
  print "getMObjects position fault " .
        fault_code('getMObjects', obj(array("type" => "Opportunity", "mObjCriteriaList" => $criteria, "streamPosition" => "MO1:7:forged"))) .
        "\n";
}

function car($lead, $vin, array $values = array()) {
  return obj(array("customObjKeyList" => attribute_list(array("MKTOID" => $lead, "VIN" => $vin)),
                   "customObjAttributeList" => attribute_list($values)));
}

function sync_custom(array $cars, $operation = "UPSERT") {
  $r = call('syncCustomObjects', obj(array("objTypeName" => "Car", "customObjList" => obj(array("customObj" => $cars)),
                                           "operation" => $operation)));
  $statuses = items($r->syncCustomObjStatusList, 'syncCustomObjStatus');
  if (count($statuses) != count($cars)) fail("syncCustomObjects: " . count($statuses) . " statuses for " . count($cars) . " records");
  return $statuses;
}

function found_custom($page) {
  $out = items(isset($page->customObjList) ? $page->customObjList : null, 'customObj');
  if ($page->returnCount != count($out)) fail("getCustomObjects: returnCount {$page->returnCount}, " . count($out) . " records");
  return $out;
}

function custom_group($run) {
  $lead = new_lead("php-car-$run");
  $vin = "PHP-VIN-$run";
  $first = sync_custom(array(car($lead, $vin, array("Make" => "Volkswagen", "Model" => "Beetle", "Year" => "1968"))))[0]->status;
  $second = sync_custom(array(car($lead, $vin, array("Model" => "Golf"))))[0]->status;
  print "syncCustomObjects $first $second\n";
  $got = found_custom(call('getCustomObjects', obj(array("objTypeName" => "Car", "customObjKeyList" => attribute_list(array("VIN" => $vin)),
                                                         "includeAttributes" => new stdClass()))));
  if (count($got) != 1) fail("getCustomObjects by VIN: " . count($got) . " records");
  $keys = attribute_map($got[0]->customObjKeyList);
  $v = attribute_map($got[0]->customObjAttributeList);
  if ($keys['MKTOID'] != (string)$lead || $keys['VIN'] != $vin) fail("getCustomObjects keys " . json_encode($keys));
  print "getCustomObjects {$v['Make']}|{$v['Model']}|{$v['Year']}\n";

  // The walk: CARS more cars of the lead, 100 a call (the limit), read by
  // its MKTOID CAR_PAGE a page.
  $vins = array($vin => true);
  for ($start = 0; $start < CARS; $start += 100) {
    $batch = array();
    for ($i = $start; $i < min($start + 100, CARS); $i++) {
      $batch[] = car($lead, "$vin-$i");
      $vins["$vin-$i"] = true;
    }
    foreach (sync_custom($batch, "INSERT") as $s) if ($s->status != "CREATED") fail("syncCustomObjects INSERT of a new VIN: {$s->status}");
  }
  $seen = array();
  $sizes = array();
  $position = null;
  for ($pages = 0;; $pages++) {
    if ($pages >= MAX_PAGES) fail("getCustomObjects: more than " . MAX_PAGES . " pages");
    $q = obj(array("objTypeName" => "Car", "batchSize" => CAR_PAGE, "customObjKeyList" => attribute_list(array("MKTOID" => $lead)),
                   "includeAttributes" => new stdClass()));
    if ($position !== null) $q->streamPosition = $position;
    $page = call('getCustomObjects', $q);
    $items = found_custom($page);
    $sizes[] = count($items);
    foreach ($items as $c) {
      $k = attribute_map($c->customObjKeyList)['VIN'];
      if (isset($seen[$k])) fail("car $k came back twice");
      $seen[$k] = true;
    }
    if ($page->remainingCount != count($vins) - count($seen))
      fail("remainingCount {$page->remainingCount} after " . count($seen) . " of " . count($vins));
    if ($page->remainingCount == 0) break;
    if (!isset($page->newStreamPosition) || $page->newStreamPosition === '') fail("remainingCount without a newStreamPosition");
    $position = $page->newStreamPosition;
  }
  ksort($seen);
  ksort($vins);
  if (array_keys($seen) != array_keys($vins)) fail("the walk gave " . count($seen) . " cars, " . count($vins) . " were written");
  print "getCustomObjects walk " . count($seen) . " pages " . implode(",", $sizes) . "\n";
  // Make is a field of Car, not one of its keys: the key set is wrong.
  $wrong = car($lead, $vin);
  $wrong->customObjKeyList->attribute[] = obj(array("attrName" => "Make", "attrValue" => "Saab"));
  print "syncCustomObjects key fault " .
        fault_code('syncCustomObjects', obj(array("objTypeName" => "Car", "customObjList" => obj(array("customObj" => array($wrong)))))) . "\n";
}

function channels($params) {
  return items(call('getChannels', $params)->tags, 'tagStatus');
}

function tags_group() {
  $line = "getChannels";
  foreach (channels(obj(array("tag" => obj(array("values" => obj(array("stringItem" => array("Webinar")))))))) as $c) {
    $statuses = array();
    foreach (items($c->statusList, 'progressionStatusItem') as $s) {
      $a = attrib_map($s->progressionStatus);
      $statuses[] = "{$a['Status']}:{$a['Step']}:{$a['Success']}";
    }
    $line .= " {$c->tagValue}=" . implode(",", $statuses);
  }
  print "$line\n";
  $all = array();
  foreach (channels(new stdClass()) as $c) $all[] = $c->tagValue;
  print "getChannels all " . implode(",", $all) . "\n";
  $line = "getTags";
  foreach (items(call('getTags', new stdClass())->tagList, 'tag') as $t) $line .= " {$t->type}=" . implode(",", items($t->values, 'stringItem'));
  print "$line\n";
}

if (in_array("objects", $groups)) objects_group($run);
if (in_array("custom", $groups)) custom_group($run);
if (in_array("tags", $groups)) tags_group();
print "OK\n";
