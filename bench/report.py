#!/usr/bin/python3
"""Turn bench/run.sh's raw measurements into the Markdown results table.

  report.py RAW_TSV

RAW_TSV has one line per measured run (a run repeated BENCH_REPEATS times
gives several lines with the same protocol/endpoint/load):
  protocol  endpoint  load  repeat  req_per_s  p50_us  p99_us  errors
Each metric is reported as the median over repeats (taken per metric, so a
single noisy repeat cannot drag a row), errors are summed. The ratio divides
an endpoint's median req/s by its protocol's baseline at the same load.
"""
import csv
import statistics
import sys
from collections import OrderedDict

# Display names; the order here is the row order within one load.
ENDPOINTS = OrderedDict([
    ("live",       ("REST", "GET /v2/health/live (baseline)")),
    ("v2",         ("REST", "V2 POST /v2/models/iris-logreg/infer")),
    ("v1",         ("REST", "V1 POST /v1/models/iris-logreg:predict")),
    ("grpc-live",  ("gRPC", "ServerLive (baseline)")),
    ("grpc-infer", ("gRPC", "ModelInfer iris-logreg")),
])
BASELINE = {"REST": "live", "gRPC": "grpc-live"}

# Targets, see bench/README.md. KServe's Python sklearn server reaches about
# 1,200-1,500 V1 and 850-1,400 V2 req/s on this machine kind; we hold
# ourselves to 10x the top of each range.
TARGET_RPS = {"v1": 10 * 1500, "v2": 10 * 1400}
TARGET_P50_MS_AT_1 = 0.3
TARGET_MIN_RATIO = 0.5


def load_label(load):
    """'8' -> '8'; '1x32' -> '1 × 32 streams' (h2load connections x streams)."""
    if "x" in load:
        conns, streams = load.split("x")
        return conns if streams == "1" else "%s × %s streams" % (conns, streams)
    return load


def load_desc(load):
    """For prose: 'at 8 connections', 'at 1 connection × 32 streams'."""
    conns, _, streams = load.partition("x")
    text = "%s connection%s" % (conns, "" if conns == "1" else "s")
    return text if streams in ("", "1") else "%s × %s streams" % (text, streams)


def load_key(load):
    conns, _, streams = load.partition("x")
    return (int(streams or 1) > 1, int(conns) * int(streams or 1))


def main(path):
    runs = OrderedDict()   # (endpoint, load) -> list of rows
    with open(path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs.setdefault((row["endpoint"], row["load"]), []).append(row)

    med = {}
    for key, rows in runs.items():
        med[key] = {
            "rps": statistics.median(float(r["req_per_s"]) for r in rows),
            "p50": statistics.median(float(r["p50_us"]) for r in rows) / 1000,
            "p99": statistics.median(float(r["p99_us"]) for r in rows) / 1000,
            "errors": sum(int(r["errors"]) for r in rows),
            "n": len(rows),
        }

    def ratio(ep, load):
        base = med.get((BASELINE[ENDPOINTS[ep][0]], load))
        return med[(ep, load)]["rps"] / base["rps"] if base and base["rps"] else None

    out = ["| protocol | endpoint | connections | req/s | p50 ms | p99 ms | ratio to baseline | errors |",
           "|---|---|---:|---:|---:|---:|---:|---:|"]
    for proto in ("REST", "gRPC"):
        loads = sorted({l for (ep, l) in med if ENDPOINTS[ep][0] == proto}, key=load_key)
        for load in loads:
            for ep, (p, name) in ENDPOINTS.items():
                if p != proto or (ep, load) not in med:
                    continue
                m, r = med[(ep, load)], ratio(ep, load)
                out.append("| %s | %s | %s | %s | %.3f | %.3f | %s | %s |" % (
                    "gRPC (h2c)" if proto == "gRPC" else "REST (HTTP/1.1)", name,
                    load_label(load), format(round(m["rps"]), ","), m["p50"], m["p99"],
                    "%.2f" % r if r is not None else "n/a",
                    m["errors"] or "0"))
    print("\n".join(out))

    # ---- targets: computed from the same medians ----
    print("\n### Targets\n")
    print("| target | measured | verdict |")
    print("|---|---|---|")

    def verdict(ok):
        return "PASS" if ok else "**MISS**"

    for ep in ("v1", "v2"):
        rows = [(m["rps"], l) for (e, l), m in med.items() if e == ep]
        if rows:
            best, at = max(rows)
            print("| %s peak req/s ≥ %s (10× KServe sklearn) | %s at %s | %s |" % (
                ep.upper(), format(TARGET_RPS[ep], ","), format(round(best), ","),
                load_desc(at), verdict(best >= TARGET_RPS[ep])))
    for ep, one in (("v1", "1"), ("v2", "1"), ("grpc-infer", "1x1")):
        if (ep, one) in med:
            p50 = med[(ep, one)]["p50"]
            print("| %s p50 < %.1f ms at 1 connection | %.3f ms | %s |" % (
                ENDPOINTS[ep][1].split(" ")[0], TARGET_P50_MS_AT_1, p50,
                verdict(p50 < TARGET_P50_MS_AT_1)))
    for ep in ("v1", "v2", "grpc-infer"):
        ratios = [(ratio(e, l), l) for (e, l) in med if e == ep and ratio(e, l) is not None]
        if ratios:
            worst, at = min(ratios)
            print("| %s req/s ≥ %.1f × its baseline at every load | worst %.2f at %s | %s |" % (
                ENDPOINTS[ep][1].split(" ")[0], TARGET_MIN_RATIO, worst, load_desc(at),
                verdict(worst >= TARGET_MIN_RATIO)))

    if any(m["errors"] for m in med.values()):
        print("\n**Some runs had errors** (socket errors, timeouts, or non-2xx "
              "responses): their numbers do not measure successful requests.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
