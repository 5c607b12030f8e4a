#!/usr/bin/python3
"""Top frames of a JFR recording, from `jfr print`: where the CPU samples (or the sampled allocations) are.

  bench/jfr_top.py [--events jdk.ExecutionSample] [--top 25] [--match REGEX] [--thread REGEX] FILE.jfr [...]

For jdk.ExecutionSample: the share of samples per leaf method ("self") and per method anywhere on the stack
("total", each method counted once per sample). For jdk.ObjectAllocationSample the same, weighted by the sampled
bytes, plus the top allocated classes. --own REGEX: the share of samples spent in frames matching REGEX
themselves, i.e. not in what they call through a --boundary frame (a filter's own cost, without the rest of the
chain it passes the request on to with RoutingContext.next). --match keeps only the "total" rows whose method matches REGEX (e.g.
'dev\\.augur|vertx\\.ext\\.web|resteasy'); --thread keeps only samples of threads whose name matches. Several files
are summed (e.g. the runs of one build from bench/cpu_per_request.py --jfr).
"""
import argparse
import collections
import re
import subprocess
import sys

UNITS = {"bytes": 1, "byte": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9}


def events(path, kind, jfr):
    out = subprocess.run([jfr, "print", "--events", kind, "--stack-depth", "96", path], check=True,
                         capture_output=True, text=True).stdout
    ev = None
    in_stack = False
    for line in out.splitlines():
        s = line.strip()
        if s.endswith("{") and s.startswith("jdk."):
            ev = {"frames": [], "weight": 1.0, "thread": "", "class": ""}
            in_stack = False
        elif ev is None:
            continue
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
        elif in_stack:
            if s != "...":
                ev["frames"].append(re.sub(r"\s+line:.*$", "", s))
        elif s.startswith("sampledThread =") or s.startswith("eventThread ="):
            ev["thread"] = s.split('"')[1] if '"' in s else s
        elif s.startswith("objectClass ="):
            ev["class"] = s.split("=", 1)[1].split("(")[0].strip()
        elif s.startswith("weight ="):
            num, _, unit = s.split("=", 1)[1].strip().partition(" ")
            ev["weight"] = float(num.replace(",", "")) * UNITS.get(unit.strip(), 1)
        elif s == "}":
            yield ev
            ev = None


def method(frame):
    return re.sub(r"\(.*$", "", frame)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", default="jdk.ExecutionSample")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--match")
    p.add_argument("--thread")
    p.add_argument("--own", help="attribute each sample to the first frame from the leaf matching this REGEX ...")
    p.add_argument("--boundary", default=r"\.fireChannelRead\(|RoutingContextImpl\.next\(",
                   help="... unless a frame matching this REGEX comes first (the work a filter passes on)")
    p.add_argument("--jfr", default="jfr")
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    self_w = collections.Counter()
    total_w = collections.Counter()
    classes = collections.Counter()
    threads = collections.Counter()
    own_w = collections.Counter()
    all_w = 0.0
    for path in args.files:
        for ev in events(path, args.events, args.jfr):
            if args.thread and not re.search(args.thread, ev["thread"]):
                continue
            w = ev["weight"]
            all_w += w
            threads[re.sub(r"\d+$", "N", ev["thread"])] += w
            if ev["class"]:
                classes[ev["class"]] += w
            if ev["frames"]:
                self_w[method(ev["frames"][0])] += w
                for m in set(method(f) for f in ev["frames"]):
                    total_w[m] += w
                if args.own:
                    for f in ev["frames"]:
                        if re.search(args.boundary, f):
                            break
                        if re.search(args.own, f):
                            own_w[method(f)] += w
                            break
    if not all_w:
        sys.exit("jfr_top: no %s events" % args.events)
    unit = "samples" if args.events == "jdk.ExecutionSample" else "bytes"
    print("%s: %.0f %s in %d file(s)" % (args.events, all_w, unit, len(args.files)))

    def table(title, counter, keep=None):
        print("\n%s" % title)
        rows = [(m, w) for m, w in counter.most_common() if keep is None or re.search(keep, m)]
        for m, w in rows[:args.top]:
            print("  %5.1f%%  %s" % (100 * w / all_w, m))

    table("threads", threads)
    table("self (leaf frame)", self_w)
    table("total (anywhere on the stack)" + (" matching " + args.match if args.match else ""), total_w, args.match)
    if args.own:
        print("\nown (first frame from the leaf matching %s, before %s): %.1f%% in all" % (
            args.own, args.boundary, 100 * sum(own_w.values()) / all_w))
        table("", own_w)
    if classes:
        table("allocated classes", classes)


if __name__ == "__main__":
    main()
