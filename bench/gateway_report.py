#!/usr/bin/python3
"""Turn bench/gateway.sh's raw measurements into the Markdown results tables.

  gateway_report.py RAW_TSV

RAW_TSV has one line per measured run:
  protocol endpoint load target repeat req_per_s p50_us p99_us errors requests
  seconds predictor_cpu_us gateway_cpu_us predictor_jit_us gateway_jit_us
target is 'direct' (the predictor itself), 'gateway' (access log on, as
shipped) or 'gateway-nolog' (augur.gateway.access-log=false). A run repeated
BENCH_REPEATS times gives several lines with the same endpoint/load/target.

Req/s, p50 and p99 are medians over repeats, per metric and target. The
comparisons are paired: ratio and added p50 are computed within each repeat
(the gateway run and the direct run right before it) and then the median of
those is taken, so drift between passes cancels out. CPU per request is the
server process's user+system time during the run divided by the requests
it completed; the JIT columns are the part of it spent by the JIT compiler
threads, which must be near zero for a run to measure the serving path.
"""
import csv
import statistics
import sys
from collections import OrderedDict

from report import load_desc, load_key, load_label

ENDPOINTS = OrderedDict([
    ("v2",         ("REST", "V2 infer")),
    ("v1",         ("REST", "V1 predict")),
    ("grpc-infer", ("gRPC", "ModelInfer")),
])
PROTO_NAME = {"REST": "REST (HTTP/1.1)", "gRPC": "gRPC (h2c)"}

# Targets, see bench/README.md ("Gateway overhead").
TARGET_ADDED_P50_MS = 0.5      # at 1 connection
TARGET_MIN_RATIO = 0.5         # gateway req/s / direct req/s
JIT_BUSY_PCT = 10              # a run with JIT threads above this % of a core is flagged


def fmt_rps(v):
    return format(round(v), ",")


def main(path):
    runs = {}   # (endpoint, load, target, repeat) -> row
    with open(path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs[(row["endpoint"], row["load"], row["target"], row["repeat"])] = row
    keys = OrderedDict()   # (endpoint, load) -> None, in run order
    targets = []
    for ep, load, t, _ in runs:
        keys[(ep, load)] = None
        if t not in targets:
            targets.append(t)
    gateways = [t for t in ("gateway", "gateway-nolog") if t in targets]

    def rows(ep, load, t):
        return [r for (e, l, tt, _), r in runs.items() if (e, l, tt) == (ep, load, t)]

    def med(ep, load, t, field, scale=1.0):
        vals = [float(r[field]) / scale for r in rows(ep, load, t)]
        return statistics.median(vals) if vals else None

    def errors(ep, load, t):
        return sum(int(r["errors"]) for r in rows(ep, load, t))

    def paired(ep, load, t, f):
        """Median over repeats of f(gateway_row, direct_row) within the same repeat."""
        vals = []
        for (e, l, tt, rep), r in runs.items():
            d = runs.get((e, l, "direct", rep))
            if (e, l, tt) == (ep, load, t) and d is not None:
                vals.append(f(r, d))
        return statistics.median(vals) if vals else None

    def ratio(ep, load, t):
        return paired(ep, load, t, lambda g, d: float(g["req_per_s"]) / float(d["req_per_s"])
                      if float(d["req_per_s"]) else 0.0)

    def added_p50(ep, load, t):
        return paired(ep, load, t, lambda g, d: (float(g["p50_us"]) - float(d["p50_us"])) / 1000)

    def cpu_per_req(ep, load, t, field):
        vals = [float(r[field]) / int(r["requests"]) for r in rows(ep, load, t)
                if r[field] not in ("", "-") and int(r["requests"])]
        return statistics.median(vals) if vals else None

    order = []
    for proto in ("REST", "gRPC"):
        for ep, (p, _) in ENDPOINTS.items():
            if p != proto:
                continue
            loads = sorted({l for (e, l) in keys if e == ep}, key=load_key)
            order += [(ep, l) for l in loads]

    # ---- main table: the gateway as shipped (access log on) ----
    print("| protocol | endpoint | connections | direct req/s | gateway req/s | gateway / direct "
          "| direct p50 ms | gateway p50 ms | added p50 ms | direct p99 ms | gateway p99 ms | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ep, load in order:
        if "gateway" not in targets:
            break
        proto, name = ENDPOINTS[ep]
        print("| %s | %s | %s | %s | %s | %.2f | %.3f | %.3f | %+.3f | %.3f | %.3f | %d |" % (
            PROTO_NAME[proto], name, load_label(load),
            fmt_rps(med(ep, load, "direct", "req_per_s")), fmt_rps(med(ep, load, "gateway", "req_per_s")),
            ratio(ep, load, "gateway"),
            med(ep, load, "direct", "p50_us", 1000), med(ep, load, "gateway", "p50_us", 1000),
            added_p50(ep, load, "gateway"),
            med(ep, load, "direct", "p99_us", 1000), med(ep, load, "gateway", "p99_us", 1000),
            errors(ep, load, "direct") + errors(ep, load, "gateway")))

    # ---- the access log's cost: same passes, a second gateway with it off ----
    if "gateway-nolog" in targets:
        print("\n### Access log on vs off\n")
        print("| protocol | endpoint | connections | gateway req/s, log on | log off | gateway / direct, on "
              "| off | added p50 ms, on | off | p50 cost of the log ms | errors (off) |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for ep, load in order:
            proto, name = ENDPOINTS[ep]
            on_p50, off_p50 = med(ep, load, "gateway", "p50_us", 1000), med(ep, load, "gateway-nolog", "p50_us", 1000)
            print("| %s | %s | %s | %s | %s | %.2f | %.2f | %+.3f | %+.3f | %+.3f | %d |" % (
                PROTO_NAME[proto], name, load_label(load),
                fmt_rps(med(ep, load, "gateway", "req_per_s")), fmt_rps(med(ep, load, "gateway-nolog", "req_per_s")),
                ratio(ep, load, "gateway"), ratio(ep, load, "gateway-nolog"),
                added_p50(ep, load, "gateway"), added_p50(ep, load, "gateway-nolog"),
                on_p50 - off_p50, errors(ep, load, "gateway-nolog")))

    # ---- where the CPU goes: server CPU time per request ----
    print("\n### CPU time per request (µs, user + system, whole process)\n")
    head = "| protocol | endpoint | connections | predictor, direct | predictor, via gateway | gateway"
    sep = "|---|---|---:|---:|---:|---:"
    if "gateway-nolog" in gateways:
        head += " | gateway, log off"
        sep += "|---:"
    print(head + " | via gateway / direct |")
    print(sep + "|---:|")
    for ep, load in order:
        proto, name = ENDPOINTS[ep]
        direct = cpu_per_req(ep, load, "direct", "predictor_cpu_us")
        behind = cpu_per_req(ep, load, "gateway", "predictor_cpu_us")
        gw = cpu_per_req(ep, load, "gateway", "gateway_cpu_us")
        cells = [PROTO_NAME[proto], name, load_label(load)] + ["%.0f" % v if v is not None else "n/a"
                                                              for v in (direct, behind, gw)]
        if "gateway-nolog" in gateways:
            v = cpu_per_req(ep, load, "gateway-nolog", "gateway_cpu_us")
            cells.append("%.0f" % v if v is not None else "n/a")
        total = (behind + gw) / direct if None not in (direct, behind, gw) and direct else None
        cells.append("%.2f" % total if total is not None else "n/a")
        print("| " + " | ".join(cells) + " |")

    # ---- targets ----
    print("\n### Targets\n")
    print("| target | measured | verdict |")
    print("|---|---|---|")

    def verdict(ok):
        return "PASS" if ok else "**MISS**"

    for t in gateways:
        suffix = "" if t == "gateway" else " (access log off)"
        for ep, one in (("v2", "1"), ("v1", "1"), ("grpc-infer", "1x1")):
            if (ep, one) in keys:
                a = added_p50(ep, one, t)
                print("| %s added p50 < %.1f ms at 1 connection%s | %+.3f ms | %s |" % (
                    ENDPOINTS[ep][1], TARGET_ADDED_P50_MS, suffix, a, verdict(a < TARGET_ADDED_P50_MS)))
        for ep in ENDPOINTS:
            loads = [l for (e, l) in keys if e == ep]
            if loads:
                d_best, d_at = max((med(ep, l, "direct", "req_per_s"), l) for l in loads)
                g_best, g_at = max((med(ep, l, t, "req_per_s"), l) for l in loads)
                print("| %s peak gateway req/s ≥ %.1f × peak direct%s | %s (%s) vs %s (%s): %.2f | %s |" % (
                    ENDPOINTS[ep][1], TARGET_MIN_RATIO, suffix, fmt_rps(g_best), load_desc(g_at),
                    fmt_rps(d_best), load_desc(d_at), g_best / d_best, verdict(g_best / d_best >= TARGET_MIN_RATIO)))
        for ep in ENDPOINTS:
            ratios = [(ratio(e, l, t), l) for (e, l) in keys if e == ep]
            if ratios:
                worst, at = min(ratios)
                print("| %s gateway req/s ≥ %.1f × direct at every load%s | worst %.2f at %s | %s |" % (
                    ENDPOINTS[ep][1], TARGET_MIN_RATIO, suffix, worst, load_desc(at),
                    verdict(worst >= TARGET_MIN_RATIO)))

    # ---- the JIT must be quiet while we measure ----
    busy = []
    worst = (0.0, None)
    for (ep, load, t, rep), r in runs.items():
        for who, field in (("predictor", "predictor_jit_us"), ("gateway", "gateway_jit_us")):
            if r[field] in ("", "-") or not float(r["seconds"]):
                continue
            pct = float(r[field]) / (float(r["seconds"]) * 1e6) * 100
            if worst[1] is None or pct > worst[0]:
                worst = (pct, "%s, %s %s on %s" % (who, ENDPOINTS[ep][1], load_desc(load), t))
            if pct > JIT_BUSY_PCT:
                busy.append(((ep, load, t, rep), "%s %s on %s (%s JIT %.0f%%)" % (
                    ENDPOINTS[ep][1], load_desc(load), t, who, pct)))
    if worst[1]:
        print("\nJIT compiler threads during the measured runs: at most %.0f%% of a core (%s)." % worst)
    if busy:
        print("\n**The JIT was busy (> %d%% of a core) in %d of %d runs**, so they measure compilation too "
              "(raise BENCH_WARMUP_MAX): %s." % (JIT_BUSY_PCT, len({b[0] for b in busy}), len(runs),
                                                  "; ".join(b[1] for b in busy)))

    if any(int(r["errors"]) for r in runs.values()):
        print("\n**Some runs had errors** (socket errors, timeouts, non-2xx responses or gRPC "
              "errors): their numbers do not measure successful requests.")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
