#!/usr/bin/env python3
# parse_metrics.py: reads a Prometheus text exposition (the file named, or stdin) with the
# Prometheus Python client's own parser and prints one line per sample,
# "name{label="value",...} value" with the labels sorted, for the C++ test
# to compare. Strict beyond the parser: every family must have a TYPE and a
# HELP, counters end in _total, and a histogram's buckets must be
# cumulative, end with +Inf and match its _count. Exit 1 with the reason
# on anything else.
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def fail(why):
    print("parse_metrics: " + why, file=sys.stderr)
    sys.exit(1)


text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
types = {}
helps = set()
for line in text.splitlines():
    if line.startswith("# TYPE "):
        parts = line.split(" ")
        if len(parts) != 4:
            fail("bad TYPE line: " + line)
        types[parts[2]] = parts[3]
    elif line.startswith("# HELP "):
        helps.add(line.split(" ")[2])
    elif line.startswith("#") or not line:
        fail("unexpected line: %r" % line)
try:
    families = list(text_string_to_metric_families(text))
except Exception as e:  # the parser's own refusal
    fail("the parser refused it: %s" % e)
out = []
for f in families:
    if f.type == "unknown":
        fail("no TYPE for " + f.name)
    declared = f.name + ("_total" if f.type == "counter" else "")
    if declared not in types and f.name not in types:
        fail("no TYPE line for " + f.name)
    if declared not in helps and f.name not in helps:
        fail("no HELP for " + f.name)
    if f.type == "histogram":
        series = {}
        for s in f.samples:
            key = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
            series.setdefault(key, {"buckets": [], "count": None})
            if s.name.endswith("_bucket"):
                series[key]["buckets"].append((float(s.labels["le"]), s.value))
            elif s.name.endswith("_count"):
                series[key]["count"] = s.value
        for key, h in series.items():
            b = h["buckets"]
            if not b or not math.isinf(b[-1][0]):
                fail("histogram %s%s has no +Inf bucket" % (f.name, key))
            if any(b[i][0] >= b[i + 1][0] or b[i][1] > b[i + 1][1] for i in range(len(b) - 1)):
                fail("histogram %s%s: buckets not cumulative" % (f.name, key))
            if h["count"] != b[-1][1]:
                fail("histogram %s%s: _count is not the +Inf bucket" % (f.name, key))
    for s in f.samples:
        labels = ",".join('%s="%s"' % (k, v) for k, v in sorted(s.labels.items()))
        value = s.value
        if value == int(value):
            value = int(value)
        out.append("%s{%s} %s" % (s.name, labels, value))
print("\n".join(out))
