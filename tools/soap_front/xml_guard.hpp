// xml_guard.hpp: what a strict XML 1.0 parser (and SOAP 1.1) refuses that
// gSOAP's own parser lets through or handles too expensively. Checked on
// the whole request body before gSOAP reads it; a refusal is fault 20012.
#pragma once

#include <string>

namespace mktows_front {

// Most attributes one start tag may carry. gSOAP looks each new attribute
// up in the element's list so far: quadratic in the count (100,000
// attributes would take minutes of a worker's time).
const int kMaxAttributesPerElement = 256;

// Deepest element nesting accepted (gSOAP's maxlevel is set to it too).
// A lead is 6 levels below the envelope; deeper XML is hostile. gSOAP
// skips unknown header elements without counting their depth.
const int kMaxXmlDepth = 64;

// Null when the body may go to gSOAP; otherwise why it may not:
//  - not starting with '<' (after an optional UTF-8 BOM and blanks): gSOAP
//    would take 0x1F as gzip, "--" as MIME, letters as an HTTP head;
//  - a declared encoding other than UTF-8 (or its subset US-ASCII);
//  - bytes that are not UTF-8 (overlong forms, surrogates, FF, FE, ...);
//  - characters XML 1.0 cannot carry (NUL and the other C0 controls but
//    tab, LF and CR; U+FFFE, U+FFFF), as bytes or as character references;
//  - a document type declaration (SOAP 1.1 forbids one; gSOAP skips it
//    without expanding its entities) or any other "<!" markup but
//    comments and CDATA sections;
//  - a reference to an entity other than the five predefined ones;
//  - a start tag with more than kMaxAttributesPerElement attributes;
//  - elements nested deeper than kMaxXmlDepth.
const char *xml_refusal(const std::string &body);

}  // namespace mktows_front
