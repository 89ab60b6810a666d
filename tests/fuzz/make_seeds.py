#!/usr/bin/env python3
"""make_seeds.py: writes the seed corpora of tests/fuzz/corpus/ (committed;
run again only to change them). Each seed is one selector byte (see the
target's source) followed by what the target parses.

  client_answer/  HTTP answers: the seed's syncLead response
                  (tests/fixtures/seed-synclead-response.xml), getLead and
                  syncMultipleLeads answers, Marketo faults with and without
                  detail, a proxy's HTML 502, chunked and connection-framed
                  answers, a truncated one, a 100 Continue before the answer
  csv_journal/    CSV files (tools/samples/leads.csv and the awkward cases of
                  tests/cli), and journals as sync-leads writes them (intact,
                  torn, damaged, finished)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def write(target, name, selector, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(bytes([selector]) + data)


def http(body, status=b"200 OK", ctype=b"text/xml; charset=utf-8", extra=b""):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\nContent-Length: " +
            str(len(body)).encode() + b"\r\n" + extra + b"\r\n" + body)


def envelope(body):
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope '
            b'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
            b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            b'xmlns:ns1="http://www.marketo.com/mktows/"><SOAP-ENV:Body>' + body +
            b"</SOAP-ENV:Body></SOAP-ENV:Envelope>")


def fault(code, message, detail=True):
    c = str(code).encode()
    d = (b"<detail><ns1:serviceException><name>mktServiceException</name><message>" + message +
         b" (" + c + b")</message><code>" + c + b"</code></ns1:serviceException></detail>") if detail else b""
    return envelope(b"<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>" + c + b" - " +
                    message + b"</faultstring>" + d + b"</SOAP-ENV:Fault>")


LEAD = (b"<leadRecord><Id>1089965</Id><Email>t@t.com</Email><ForeignSysPersonId xsi:nil=\"true\"/>"
        b"<ForeignSysType xsi:nil=\"true\"/><leadAttributeList><attribute><attrName>FirstName</attrName>"
        b"<attrType>string</attrType><attrValue>George</attrValue></attribute><attribute><attrName>LastName"
        b"</attrName><attrType>string</attrType><attrValue>of the Jungle</attrValue></attribute>"
        b"</leadAttributeList></leadRecord>")


def client_answer():
    seed = read("tests/fixtures/seed-synclead-response.xml")
    write("client_answer", "seed_synclead", 0, http(seed))
    write("client_answer", "seed_synclead_traced", 8, http(seed))
    write("client_answer", "synclead_with_lead", 4, http(envelope(
        b"<ns1:successSyncLead><result><leadId>1089965</leadId><syncStatus><leadId>1089965</leadId>"
        b"<status>CREATED</status><error xsi:nil=\"true\"/></syncStatus>" + LEAD +
        b"</result></ns1:successSyncLead>")))
    write("client_answer", "synclead_failed", 0, http(envelope(
        b"<ns1:successSyncLead><result><leadId>0</leadId><syncStatus><leadId>0</leadId><status>FAILED"
        b"</status><error>20103 - Lead Not Found</error></syncStatus></result></ns1:successSyncLead>")))
    write("client_answer", "multiple", 1, http(envelope(
        b"<ns1:successSyncMultipleLeads><result><syncStatusList><syncStatus><leadId>1</leadId><status>CREATED"
        b"</status><error xsi:nil=\"true\"/></syncStatus><syncStatus><leadId>7</leadId><status>UPDATED</status>"
        b"</syncStatus></syncStatusList></result></ns1:successSyncMultipleLeads>")))
    write("client_answer", "getlead_two", 2, http(envelope(
        b"<ns1:successGetLead><result><count>2</count><leadRecordList>" + LEAD + LEAD.replace(b"1089965", b"5") +
        b"</leadRecordList></result></ns1:successGetLead>")))
    write("client_answer", "getlead_none", 2, http(envelope(
        b"<ns1:successGetLead><result><count>0</count></result></ns1:successGetLead>")))
    write("client_answer", "fault_20014", 0, http(fault(20014, b"Authentication failed"),
                                                 b"500 Internal Server Error"))
    write("client_answer", "fault_20103_bare", 2, http(fault(20103, b"Lead Not Found", detail=False),
                                                      b"500 Internal Server Error"))
    write("client_answer", "proxy_502", 0, http(
        b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
        b"502 Bad Gateway", b"text/html"))
    body = envelope(b"<ns1:successSyncLead><result><leadId>5</leadId><syncStatus><leadId>5</leadId><status>"
                    b"UPDATED</status></syncStatus></result></ns1:successSyncLead>")
    chunks = b"".join(b"%x\r\n" % len(body[i:i + 100]) + body[i:i + 100] + b"\r\n" for i in range(0, len(body), 100))
    write("client_answer", "chunked", 0, b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked"
          b"\r\n\r\n" + chunks + b"0\r\n\r\n")
    write("client_answer", "connection_framed", 0, b"HTTP/1.0 200 OK\r\nContent-Type: text/xml\r\n"
          b"Connection: close\r\n\r\n" + body)
    write("client_answer", "truncated", 0, http(body[:len(body) // 2]))
    write("client_answer", "continue_first", 16, b"HTTP/1.1 100 Continue\r\n\r\n" + http(body))
    write("client_answer", "json_200", 1, http(b'{"success":true}', ctype=b"application/json"))


def journal_line(body):
    h = 2166136261
    for c in body:
        h ^= c
        h = (h * 16777619) & 0xFFFFFFFF
    return body + b" #%08x\n" % h


def csv_journal():
    write("csv_journal", "sample_leads", 0, read("tools/samples/leads.csv"))
    write("csv_journal", "bom_quotes_crlf", 0, b"\xef\xbb\xbfEmail,FirstName,Company\r\n"
          b"a@x.test,\"Ann \"\"The Hammer\"\"\",\"Acme, Inc.\"\r\n\r\nb@x.test,Bo,\"Two\nLines\"\r\n")
    write("csv_journal", "keys_and_bad_rows", 0, b"Id,Email,ForeignSysPersonId,ForeignSysType,City\n"
          b"12,,,,Oslo\n,,F-1,SFDC,Rome\n,,F-2,,Nowhere\nx,a@b.c,,,\n,c@d.e,,OTHER,\n,,,,\n1,2\n")
    write("csv_journal", "not_utf8_row", 0, b"Email,FirstName\r\nutf8a@x.test,J\xc3\xbcrgen\r\nutf8b@x.test,"
          b"\xff\xfe\r\n")
    write("csv_journal", "unclosed_quote", 0, b"Email,FirstName\na@b.c,\"unclosed\n")
    fp = b"0123456789abcdef"  # the fingerprint csv_journal_fuzz.cpp replays against
    head = journal_line(b"mktows-journal 1 " + fp)
    b1 = journal_line(b"B 0 16 20")
    a1 = journal_line(b"A 20 812 22 18 2 0 0")
    b2 = journal_line(b"B 20 812 20")
    a2 = journal_line(b"A 40 1630 42 30 8 2 311")
    done = journal_line(b"D")
    write("csv_journal", "journal_intact", 1, head + b1 + a1 + b2 + a2)
    write("csv_journal", "journal_unacknowledged", 1, head + b1 + a1 + b2)
    write("csv_journal", "journal_torn", 1, head + b1 + a1 + b2[:5])
    write("csv_journal", "journal_bad_sum_last", 1, head + b1 + a1.replace(b"#", b"#0")[:-2] + b"\n")
    write("csv_journal", "journal_damaged_middle", 1, head + b1.replace(b"B 0", b"B 9") + a1)
    write("csv_journal", "journal_finished", 1, head + b1 + a1 + done)
    write("csv_journal", "journal_other_file", 1, journal_line(b"mktows-journal 1 fedcba9876543210") + b1)
    write("csv_journal", "journal_empty", 1, b"")


if __name__ == "__main__":
    client_answer()
    csv_journal()
    sys.exit(0)
