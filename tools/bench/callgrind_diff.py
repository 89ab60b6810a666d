#!/usr/bin/env python3
"""callgrind_diff.py: instructions per call, per function, from two callgrind
runs of a server that served SMALL and LARGE calls (tools/bench/run's
served_ir method): each function's cost in the large run minus the small
one, divided by the calls between them, so start-up, configuration and
shutdown drop out.

  callgrind_diff.py SMALL_FILE LARGE_FILE CALLS [--top N]
                    [--objects] [--inclusive NAME=REGEX ...] [--once NAME=REGEX:COUNT ...]

prints, one a line, tab-separated:
  total   IR                    the whole per-call cost
  top     IR  PERCENT  FUNCTION the N functions of highest self cost per call
  object  IR  PERCENT  OBJECT   self cost per call by binary or library
                                (with --objects)
  incl    NAME  IR  PERCENT     inclusive cost per call of the functions
                                whose name matches REGEX, summed (give
                                functions that do not call one another)
  once    NAME  IR              inclusive cost in the LARGE run alone of the
                                matching functions, divided by COUNT (a
                                cost per event the small run did not have,
                                such as a scrape)
"""
import argparse
import re
import subprocess
import sys

LINE = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(.+?)\s*$")


def costs(path, inclusive):
    out = subprocess.run(["callgrind_annotate", "--inclusive=" + ("yes" if inclusive else "no"), "--threshold=100",
                          "--auto=no", path], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        sys.exit("callgrind_diff: callgrind_annotate %s: %s" % (path, out.stderr.strip()))
    total, funcs, in_funcs = None, {}, False
    for line in out.stdout.splitlines():
        m = LINE.match(line)
        if not m:
            if line.startswith("Ir") and "file:function" in line:
                in_funcs = True
            continue
        n, name = int(m.group(1).replace(",", "")), m.group(2)
        if name == "PROGRAM TOTALS":
            total = n
        elif in_funcs:
            funcs[name] = funcs.get(name, 0) + n
    if total is None:
        sys.exit("callgrind_diff: no totals in %s" % path)
    return total, funcs


def short(name):
    """'file:function [object]' -> 'function (object's base name)'."""
    m = re.match(r"^(.*?) \[([^\]]*)\]$", name)
    obj = ""
    if m:
        name, obj = m.group(1), m.group(2).rsplit("/", 1)[-1]
    i = name.find(":")
    while i >= 0 and name[i:i + 2] == "::":
        i = name.find(":", i + 2)
    fn = name[i + 1:] if i >= 0 and not name.startswith("0x") else name
    fn = re.sub(r"\(.*\)( const)?$", "", fn) if len(fn) > 60 else fn
    return fn + (" (%s)" % obj if obj else "")


def matching(funcs, regex, label):
    """The functions whose name matches: none is an error (a renamed
    function must not read as a cost of 0)."""
    found = [(k, n) for k, n in funcs.items() if regex.search(k)]
    if not found:
        sys.exit("callgrind_diff: %s: no function matches %s" % (label, regex.pattern))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("small")
    ap.add_argument("large")
    ap.add_argument("calls", type=int)
    ap.add_argument("--top", type=int, default=0)
    ap.add_argument("--objects", action="store_true")
    ap.add_argument("--inclusive", action="append", default=[])
    ap.add_argument("--once", action="append", default=[])
    a = ap.parse_args()
    if a.calls <= 0:
        sys.exit("callgrind_diff: CALLS must be positive")
    t_small, self_small = costs(a.small, False)
    t_large, self_large = costs(a.large, False)
    per_call = (t_large - t_small) / a.calls
    if per_call <= 0:
        sys.exit("callgrind_diff: the large run cost no more than the small one")
    print("total\t%d" % per_call)
    diff = {k: (v - self_small.get(k, 0)) / a.calls for k, v in self_large.items()}
    for name, v in sorted(diff.items(), key=lambda kv: -kv[1])[:a.top]:
        print("top\t%d\t%.1f\t%s" % (v, 100.0 * v / per_call, short(name)))
    if a.objects:
        by = {}
        for name, v in diff.items():
            m = re.search(r"\[([^\]]*)\]$", name)
            obj = m.group(1).rsplit("/", 1)[-1] if m else "?"
            by[obj] = by.get(obj, 0) + v
        for obj, v in sorted(by.items(), key=lambda kv: -kv[1]):
            if v >= per_call / 200:  # half a per cent and more
                print("object\t%d\t%.1f\t%s" % (v, 100.0 * v / per_call, obj))
    if a.inclusive or a.once:
        _, inc_small = costs(a.small, True)
        _, inc_large = costs(a.large, True)
        for spec in a.inclusive:
            label, regex = spec.split("=", 1)
            r = re.compile(regex)
            v = sum(n - inc_small.get(k, 0) for k, n in matching(inc_large, r, label)) / a.calls
            print("incl\t%s\t%d\t%.1f" % (label, v, 100.0 * v / per_call))
        for spec in a.once:
            label, rest = spec.split("=", 1)
            regex, count = rest.rsplit(":", 1)
            r = re.compile(regex)
            v = sum(n for k, n in matching(inc_large, r, label)) / max(1, int(count))
            print("once\t%s\t%d" % (label, v))


if __name__ == "__main__":
    main()
