#!/usr/bin/python3
"""Turn bench/batching.sh's raw measurements into its Markdown tables.

  batching_report.py RAW_TSV

RAW_TSV has one line per measured run:
  model  connections  repeat  req_per_s  p50_us  p99_us  errors  calls  call_seconds  batches  batch_rows
  server_cpu  wrk_cpu  other_cpu  steal_cpu
where calls..batch_rows are deltas of the predictor's counters over the run:
request_predict_seconds (count, sum: runtime calls and seconds spent in them)
and augur_batch_size (count, sum: batches dispatched and rows in them), and
the *_cpu columns are cores used over the run by the predictor, by wrk, by
every other process, and stolen by the hypervisor.

req/s, p50 and p99 are medians over repeats, per metric. Rows per call and ms
per call are totals over all repeats (rows ÷ calls, seconds ÷ calls). The
ratios pair the two models' runs of the same pass and connection count, and
report the median of those per-pass ratios with their range.
"""
import csv
import statistics
import sys
from collections import OrderedDict

UNBATCHED, BATCHED = "mlp", "mlp-batched"
# A run during which other processes (or the hypervisor) took this much of the
# machine is flagged under the table: its numbers are not clean.
DISTURBED_CORES = 0.2


def fmt_ratio(values):
    med = statistics.median(values)
    if len(values) == 1:
        return "%.2f×" % med
    return "%.2f× (%.2f–%.2f)" % (med, min(values), max(values))


def main(path):
    runs = OrderedDict()   # (model, connections) -> rows
    with open(path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            runs.setdefault((row["model"], int(row["connections"])), []).append(row)
    conns = sorted({c for (_, c) in runs})

    out = ["| connections | model | batching | req/s | p50 ms | p99 ms | rows per runtime call | ms per runtime call "
           "| server cores | errors |",
           "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for c in conns:
        for model in (UNBATCHED, BATCHED):
            rows = runs.get((model, c))
            if not rows:
                continue
            calls = sum(int(r["calls"]) for r in rows)
            seconds = sum(float(r["call_seconds"]) for r in rows)
            batches = sum(int(r["batches"]) for r in rows)
            batch_rows = sum(int(r["batch_rows"]) for r in rows)
            per_call = "%.1f" % (batch_rows / batches) if batches else "1"
            ms_call = "%.3f" % (1000 * seconds / calls) if calls else "–"
            out.append("| %d | `%s` | %s | %s | %.2f | %.2f | %s | %s | %.2f | %d |" % (
                c, model, "on" if model == BATCHED else "off",
                "{:,.0f}".format(statistics.median(float(r["req_per_s"]) for r in rows)),
                statistics.median(float(r["p50_us"]) for r in rows) / 1000,
                statistics.median(float(r["p99_us"]) for r in rows) / 1000,
                per_call, ms_call, statistics.median(float(r["server_cpu"]) for r in rows),
                sum(int(r["errors"]) for r in rows)))

    out += ["", "| connections | req/s batched ÷ unbatched | p50 batched ÷ unbatched | p99 batched ÷ unbatched |",
            "|---:|---:|---:|---:|"]
    for c in conns:
        un = {r["repeat"]: r for r in runs.get((UNBATCHED, c), [])}
        ba = {r["repeat"]: r for r in runs.get((BATCHED, c), [])}
        passes = sorted(set(un) & set(ba), key=int)
        if not passes:
            continue
        ratios = {k: [float(ba[p][k]) / float(un[p][k]) for p in passes if float(un[p][k]) > 0]
                  for k in ("req_per_s", "p50_us", "p99_us")}
        out.append("| %d | %s | %s | %s |" % (c, fmt_ratio(ratios["req_per_s"]), fmt_ratio(ratios["p50_us"]),
                                              fmt_ratio(ratios["p99_us"])))
    out += ["", "Medians over passes; ratios are per pass (the two models' runs at the same load in the same pass), "
            "median and (min–max). Rows per call: `augur_batch_size` sum ÷ count over the runs (1 without batching). "
            "ms per call: `request_predict_seconds` sum ÷ count, the time inside ONNX Runtime per call. "
            "Server cores: CPU seconds the predictor used per second of the run, median (wrk's and other "
            "processes' shares are in the raw .tsv). Errors: wrk socket errors, timeouts and non-2xx (429 when a queue overflows)."]
    disturbed = [r for rows in runs.values() for r in rows
                 if float(r["other_cpu"]) + float(r["steal_cpu"]) > DISTURBED_CORES]
    if disturbed:
        out += ["", "**Not clean:** other processes or the hypervisor took more than %.1f cores during %s; "
                "rerun on a quiet machine before trusting these rows." % (DISTURBED_CORES, ", ".join(
                    "%s at %s (pass %s: %.2f other, %.2f steal)" % (r["model"], r["connections"], r["repeat"],
                    float(r["other_cpu"]), float(r["steal_cpu"])) for r in disturbed))]
    else:
        out += ["", "Clean: in every run, other processes and steal together took under %.1f cores." % DISTURBED_CORES]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
