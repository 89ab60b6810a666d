// node_soap_interop.js: node-soap (the npm `soap` package, a stock SOAP
// client) against a mktows endpoint, the seed's sample flow: a client made
// from <endpoint>?WSDL (calls go to the address that document names), the
// AuthenticationHeader and MktowsContextHeader added with addSoapHeader,
// syncLead twice for one new Email (CREATED, then UPDATED, same leadId), then
// once with a wrong key (fault 20014). Prints one line per step; exits
// non-zero on any surprise.
//   NODE_PATH=<folder holding soap> node node_soap_interop.js <endpoint> <user id> <email>
// The encryption key comes from MKTOWS_ENCRYPTION_KEY, never the command line.
'use strict';
const crypto = require('crypto');
const soap = require('soap');

const NS = 'http://www.marketo.com/mktows/';

function fail(why) {
  process.stderr.write('FAIL: ' + why + '\n');
  process.exit(1);
}

// A W3C timestamp in UTC with an explicit +00:00 zone, no fraction.
function timestamp() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function setHeaders(client, userId, key) {
  const stamp = timestamp();
  const signature = crypto.createHmac('sha1', key).update(stamp + userId).digest('hex');
  client.clearSoapHeaders();
  client.addSoapHeader({AuthenticationHeader: {mktowsUserId: userId, requestSignature: signature,
                                               requestTimestamp: stamp}}, '', 'ns1', NS);
  client.addSoapHeader({MktowsContextHeader: {targetWorkspace: 'Default'}}, '', 'ns1', NS);
}

async function main(argv) {
  if (argv.length !== 3) fail('usage: node_soap_interop.js <endpoint> <user id> <email>');
  const [endpoint, userId, email] = argv;
  const key = process.env.MKTOWS_ENCRYPTION_KEY;
  if (!key) fail('MKTOWS_ENCRYPTION_KEY is not set');
  // Every wait bounded: the WSDL request and each call.
  const client = await soap.createClientAsync(endpoint + '?WSDL', {wsdl_options: {timeout: 20000}});
  const lead = {
    Email: email,
    leadAttributeList: {attribute: [{attrName: 'FirstName', attrValue: 'George'},
                                    {attrName: 'LastName', attrValue: 'of the Jungle'}]},
  };
  const ids = [];
  for (const expected of ['CREATED', 'UPDATED']) {
    setHeaders(client, userId, key);
    let result;
    try {
      [result] = await client.syncLeadAsync({leadRecord: lead, returnLead: false}, {timeout: 20000});
    } catch (e) {
      fail('syncLead: ' + (e.root ? JSON.stringify(e.root.Envelope.Body.Fault) : e.message));
    }
    const r = result.result;
    const status = r.syncStatus.status;
    console.log('syncLead ' + status + ' ' + r.leadId);
    if (status !== expected) fail('expected ' + expected + ', got ' + status);
    if (r.leadId !== r.syncStatus.leadId) fail('leadId differs from syncStatus/leadId');
    ids.push(r.leadId);
  }
  if (ids[0] !== ids[1]) fail('UPDATED a different lead');

  setHeaders(client, userId, key + 'x');
  try {
    await client.syncLeadAsync({leadRecord: lead, returnLead: false}, {timeout: 20000});
    fail('a wrong key was accepted');
  } catch (e) {
    if (!e.root) fail('not a SOAP fault: ' + e.message);
    const f = e.root.Envelope.Body.Fault;
    const code = f.detail && f.detail.serviceException ? String(f.detail.serviceException.code) : '';
    console.log('fault ' + f.faultstring + ' ' + code);
    if (f.faultstring !== '20014 - Authentication failed' || code !== '20014') fail('unexpected fault');
  }
  console.log('OK');
}

main(process.argv.slice(2)).catch((e) => fail(e && e.stack ? e.stack : String(e)));
