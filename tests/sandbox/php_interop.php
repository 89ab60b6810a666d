<?php
// A stock SOAP client (PHP's SoapClient) against the sandbox, written the way
// the seed's PHP sample is: load <endpoint>?WSDL, sign a W3C timestamp in
// America/Los_Angeles, call syncLead twice for one Email, then once with a
// wrong key. Prints one line per step; exits non-zero on any surprise.
//   php php_interop.php <endpoint> <user id> <encryption key>
if ($argc != 4) { fwrite(STDERR, "usage: php_interop.php endpoint user key\n"); exit(2); }
if (!class_exists('SoapClient')) { fwrite(STDERR, "php-soap is not installed\n"); exit(2); }
list(, $endpoint, $userId, $key) = $argv;
ini_set('soap.wsdl_cache_enabled', '0');
$ns = "http://www.marketo.com/mktows/";

function auth_header($ns, $userId, $key) {
  $dt = new DateTime('now', new DateTimeZone("America/Los_Angeles"));
  $ts = $dt->format(DATE_W3C);
  $h = new stdClass();
  $h->mktowsUserId = $userId;
  $h->requestSignature = hash_hmac('sha1', $ts . $userId, $key);
  $h->requestTimestamp = $ts;
  return new SoapHeader($ns, 'AuthenticationHeader', $h);
}

function fail($msg) { fwrite(STDERR, "FAIL: $msg\n"); exit(1); }

// The WSDL's own address must be the sandbox's: no "location" option given.
$client = new SoapClient($endpoint . "?WSDL", array("cache_wsdl" => WSDL_CACHE_NONE, "trace" => true,
                                                     "connection_timeout" => 20));
$email = "george-" . getmypid() . "@jungle.com";
$ids = array();
foreach (array("CREATED", "UPDATED") as $expected) {
  $lead = new stdClass();
  $lead->Email = $email;
  $a1 = new stdClass(); $a1->attrName = "FirstName"; $a1->attrValue = "George";
  $a2 = new stdClass(); $a2->attrName = "LastName"; $a2->attrValue = "of the Jungle";
  $list = new stdClass(); $list->attribute = array($a1, $a2);
  $lead->leadAttributeList = $list;
  $params = new stdClass();
  $params->leadRecord = $lead;
  $params->returnLead = false;
  try {
    $r = $client->__soapCall('syncLead', array("paramsSyncLead" => $params), null, auth_header($ns, $userId, $key));
  } catch (SoapFault $f) {
    fail("syncLead: " . $f->faultstring);
  }
  $status = $r->result->syncStatus->status;
  print "syncLead $status " . $r->result->leadId . "\n";
  if ($status !== $expected) fail("expected $expected, got $status");
  if ($r->result->leadId !== $r->result->syncStatus->leadId) fail("leadId differs from syncStatus/leadId");
  $ids[] = $r->result->leadId;
}
if ($ids[0] !== $ids[1]) fail("UPDATED a different lead");

try {
  $client->__soapCall('syncLead', array("paramsSyncLead" => $params), null, auth_header($ns, $userId, $key . "x"));
  fail("a wrong key was accepted");
} catch (SoapFault $f) {
  print "fault " . $f->faultcode . " " . $f->faultstring . " " . $f->detail->serviceException->code . "\n";
  if ($f->faultstring !== "20014 - Authentication failed") fail("faultstring " . $f->faultstring);
  if ((string)$f->detail->serviceException->code !== "20014") fail("detail code");
}
print "OK\n";
