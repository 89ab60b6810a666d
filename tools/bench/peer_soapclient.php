<?php
// peer_soapclient.php: PHP's SoapClient making the seed's syncLead calls, as
// the seed's PHP sample does, in a loop: a new timestamp, HMAC-SHA1
// signature and SoapHeader per call, one SoapClient (keep-alive) for all.
//   php peer_soapclient.php <wsdl file> <endpoint url> <calls> <user id>
// The encryption key comes from the environment (MKTOWS_BENCH_KEY), never argv.
// Prints the line tools/bench/run parses (same fields as mktows-bench-client).

function rss_kb() {
    foreach (@file('/proc/self/status') ?: [] as $line) {
        if (strncmp($line, 'VmRSS:', 6) === 0) return (int)trim(substr($line, 6));
    }
    return -1;
}

if ($argc != 5) {
    fwrite(STDERR, "usage: php peer_soapclient.php <wsdl> <url> <calls> <user>\n");
    exit(2);
}
[$self, $wsdl, $url, $calls, $userId] = $argv;
$calls = (int)$calls;
$key = getenv('MKTOWS_BENCH_KEY');
if ($key === false || $calls < 1) {
    fwrite(STDERR, "peer_soapclient: MKTOWS_BENCH_KEY unset or bad call count\n");
    exit(2);
}
$ns = "http://www.marketo.com/mktows/";

$attr1 = new stdClass();
$attr1->attrName = "FirstName";
$attr1->attrValue = "George";
$attr2 = new stdClass();
$attr2->attrName = "LastName";
$attr2->attrValue = "of the Jungle";
$lead = new stdClass();
$lead->Email = "t@t.com";
$lead->leadAttributeList = new stdClass();
$lead->leadAttributeList->attribute = [$attr1, $attr2];
$params = new stdClass();
$params->leadRecord = $lead;
$params->returnLead = false;

ini_set('default_socket_timeout', '30');  // a stuck server fails the run instead of hanging it
$client = new SoapClient($wsdl, ["location" => $url, "connection_timeout" => 20, "keep_alive" => true]);
$tz = new DateTimeZone("UTC");
$errors = 0;
$probe = -1;
$start = hrtime(true);
for ($i = 0; $i < $calls; $i++) {
    $timestamp = (new DateTime('now', $tz))->format(DATE_W3C);
    $auth = new stdClass();
    $auth->mktowsUserId = $userId;
    $auth->requestSignature = hash_hmac('sha1', $timestamp . $userId, $key);
    $auth->requestTimestamp = $timestamp;
    $header = new SoapHeader($ns, 'AuthenticationHeader', $auth);
    try {
        $result = $client->__soapCall('syncLead', [$params], null, $header);
        if (!isset($result->result->leadId) || $result->result->leadId <= 0
            || $result->result->syncStatus->status === 'FAILED') {
            $errors++;
        }
    } catch (SoapFault $f) {
        if (++$errors <= 3) fwrite(STDERR, "call $i failed: " . $f->getMessage() . "\n");
    }
    if ($i + 1 == 10000) $probe = rss_kb();
}
$seconds = (hrtime(true) - $start) / 1e9;
printf("calls=%d errors=%d seconds=%.6f calls_per_s=%.1f rss_kb_probe=%d rss_kb_end=%d\n",
       $calls, $errors, $seconds, $seconds > 0 ? $calls / $seconds : 0, $probe, rss_kb());
exit($errors == 0 ? 0 : 1);
