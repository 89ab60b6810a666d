<?php
// mktows_soapclient.php: what the SoapClient programs that sign their own
// calls share (php_lead_calls.php, php_objects_interop.php), so each says its
// calls and checks and nothing else: the client built from the served
// <endpoint>?WSDL with every wait bounded, the AuthenticationHeader signed
// for every call (HMAC-SHA1 of requestTimestamp + userId, lower-case hex, as
// the seed's PHP sample signs, the key from MKTOWS_ENCRYPTION_KEY, never the
// command line), a call that fails the program on a fault, and the code read
// from a fault's detail. php_interop.php stays the seed's sample, whole.
if (!class_exists('SoapClient')) { fwrite(STDERR, "php-soap is not installed\n"); exit(2); }
ini_set('soap.wsdl_cache_enabled', '0');
ini_set('default_socket_timeout', '20');  // every wait bounded
const MKTOWS_NS = "http://www.marketo.com/mktows/";

function fail($msg) { fwrite(STDERR, "FAIL: $msg\n"); exit(1); }

// The endpoint's client, for `userId`; the key from the environment.
function mktows_connect($endpoint, $userId) {
  global $mktows_client, $mktows_user, $mktows_key;
  $mktows_key = getenv('MKTOWS_ENCRYPTION_KEY');
  if ($mktows_key === false || $mktows_key === '') fail("MKTOWS_ENCRYPTION_KEY is not set");
  $mktows_user = $userId;
  $mktows_client = new SoapClient($endpoint . "?WSDL", array("cache_wsdl" => WSDL_CACHE_NONE, "connection_timeout" => 20,
                                                             "exceptions" => true));
}

function auth_header() {
  global $mktows_user, $mktows_key;
  $dt = new DateTime('now', new DateTimeZone("America/Los_Angeles"));
  $ts = $dt->format(DATE_W3C);
  $h = new stdClass();
  $h->mktowsUserId = $mktows_user;
  $h->requestSignature = hash_hmac('sha1', $ts . $mktows_user, $mktows_key);
  $h->requestTimestamp = $ts;
  return new SoapHeader(MKTOWS_NS, 'AuthenticationHeader', $h);
}

// SoapClient gives one element of a list as an object, several as an array.
function items($list, $name) {
  if ($list === null || !isset($list->$name)) return array();
  return is_array($list->$name) ? $list->$name : array($list->$name);
}

// The call as SoapClient answers it; a fault raises SoapFault.
function raw_call($name, $params) {
  global $mktows_client;
  return $mktows_client->__soapCall($name, array("params" . ucfirst($name) => $params), null, auth_header());
}

// The call's result; a fault fails the program.
function call($name, $params) {
  try {
    $r = raw_call($name, $params);
  } catch (SoapFault $f) {
    fail("$name: " . $f->faultstring);
  }
  // (getLeadActivity answers its list under another name than result.)
  return isset($r->result) ? $r->result : $r;
}

// The Marketo code of the fault the call must get; an answer fails the program.
function fault_code($name, $params) {
  try {
    raw_call($name, $params);
  } catch (SoapFault $f) {
    return isset($f->detail->serviceException->code) ? (string)$f->detail->serviceException->code : "none";
  }
  fail("$name was accepted, a fault was expected");
}
