#!/usr/bin/python3
"""Before/after on a shared machine: runs one bench script for two builds in turn, A B A B ..., and compares medians.

  bench/ab.py [--runs N] SCRIPT 'A_ENV' 'B_ENV' ['C_ENV' ...]
  e.g. bench/ab.py --runs 3 bench/run.sh \\
         'AUGUR_PREDICTOR_JAR=/work/bench-base/predictor/quarkus-run.jar' \\
         'AUGUR_PREDICTOR_JAR=/tmp/after/predictor/quarkus-run.jar'

SCRIPT is bench/run.sh or bench/gateway.sh (any script that saves a raw .tsv with a `repeat` and a `req_per_s`
column and says "(raw: PATH" on stderr). Each ENV is a shell-quoted list of NAME=VALUE set for that variant's runs,
on top of the caller's environment (BENCH_DURATION etc.), e.g. "BENCH_JAVA_OPTS='@jvm.options -Xmn32m'". Alternating
whole runs spreads a drift in the machine (other builds starting and stopping) over every variant; one run each would
put it on one side. The table: per row (the columns before `repeat`), each variant's median req/s over its runs, and
each later variant's median divided by A's, plus each run's own value. Saved as bench/results/ab-<date>.md next to
the runs' own reports.
"""
import argparse
import csv
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections import OrderedDict


def run_once(script, env_text, label):
    env = dict(os.environ)
    for pair in shlex.split(env_text):
        name, _, value = pair.partition("=")
        env[name] = value
    print("ab: %s run of %s (%s)" % (label, script, env_text), file=sys.stderr, flush=True)
    proc = subprocess.run([script], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        sys.exit("ab: %s failed (exit %d)" % (script, proc.returncode))
    found = re.findall(r"\(raw: ([^,)]+)", proc.stderr)
    if not found:
        sys.exit("ab: %s did not say where its raw numbers are" % script)
    return found[-1]


def read(path):
    """(row key, req/s) per measured run; the key is every column before `repeat`."""
    rows = []
    with open(path) as f:
        reader = csv.DictReader(f, delimiter="\t")
        key_cols = reader.fieldnames[:reader.fieldnames.index("repeat")]
        for r in reader:
            rows.append((tuple(r[c] for c in key_cols), float(r["req_per_s"])))
    return key_cols, rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3, help="runs per variant (default 3)")
    p.add_argument("script")
    p.add_argument("envs", nargs="+", metavar="ENV", help="one per variant: A (the reference), B, ...")
    args = p.parse_args()
    if len(args.envs) < 2:
        sys.exit("ab: give at least two variants")
    labels = [chr(ord("A") + i) for i in range(len(args.envs))]

    values = {label: OrderedDict() for label in labels}
    raws = []
    key_cols = None
    for i in range(args.runs):
        for label, env_text in zip(labels, args.envs):
            raw = run_once(args.script, env_text, "%s %d/%d" % (label, i + 1, args.runs))
            raws.append((label, raw))
            key_cols, rows = read(raw)
            # Within one run (BENCH_REPEATS > 1) the run's own median is its value.
            per_run = OrderedDict()
            for key, rps in rows:
                per_run.setdefault(key, []).append(rps)
            for key, vals in per_run.items():
                values[label].setdefault(key, []).append(statistics.median(vals))

    stamp = time.strftime("%Y-%m-%d-%H%M%S")
    lines = ["# A/B %s, %d interleaved runs per variant (%s ...)" % (args.script, args.runs, " ".join(labels)), ""]
    lines += ["- %s: `%s`" % (label, env_text) for label, env_text in zip(labels, args.envs)]
    lines += ["- machine: %d cores; load average at the end: %.1f %.1f %.1f" % ((os.cpu_count(),) + os.getloadavg()),
              "- raw: " + ", ".join("%s %s" % (label, os.path.basename(r)) for label, r in raws), ""]
    head = key_cols + ["%s median req/s" % label for label in labels] + ["%s/A" % label for label in labels[1:]] \
        + ["%s runs" % label for label in labels]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, a_vals in values["A"].items():
        if any(key not in values[label] for label in labels):
            continue
        medians = [statistics.median(values[label][key]) for label in labels]
        cells = list(key) + ["%.0f" % m for m in medians] \
            + ["%.2f" % (m / medians[0]) if medians[0] else "nan" for m in medians[1:]] \
            + [" ".join("%.0f" % v for v in values[label][key]) for label in labels]
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results", "ab-%s.md" % stamp)
    with open(out, "w") as f:
        f.write(text)
    print(text)
    print("ab: saved %s" % out, file=sys.stderr)


if __name__ == "__main__":
    main()
