#!/usr/bin/python3
"""CPU time per REST request of two or more predictor builds, interleaved: a measure that does not depend on load.

  bench/cpu_per_request.py [--runs N] [--duration 5s] [--warmup 8s] [--connections "1 8"] [--pin] [--jfr DIR] \\
      NAME=JAR[::JAVA[::JVM OPTIONS]] NAME=JAR ...
  e.g. bench/cpu_per_request.py --runs 3 base=/work/bench-base/predictor/quarkus-run.jar \\
      after=predictor/target/quarkus-app/quarkus-run.jar

A variant may name its own java and JVM options after `::` (a setting against the same jar: `ship=JAR::/jdk25/bin/java::
@APP/jvm.options -XX:AOTCache=APP/app.aot`); without them it uses --java and --java-opts.
Starts each build in turn (A B A B ..., so a drift in the machine hits every build alike) the way bench/run.sh does
(`java -jar`, loopback, the repo's models), warms it up, then for each endpoint (GET /v2/health/live, V2 infer, V1
predict) and connection count runs wrk for a fixed time and reads the process's utime + stime before and after
(/proc/PID/task/*/stat: event loops, workers, GC and the rest, but not the JIT compiler threads, whose late
compilations are reported apart): CPU microseconds per request = CPU time / requests served.
Unlike req/s on a shared 2-core machine, this hardly moves when other processes take the cores. The table: per row,
each build's median over its runs, and each later build's median divided by the first's.

--jfr DIR also records each measured window with JFR (settings=profile, started and stopped with jcmd) into DIR,
one file per build, run, endpoint and load; the CPU figures of such a run include JFR's own cost. Summarize a
recording with bench/jfr_top.py.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
TICK = os.sysconf("SC_CLK_TCK")
V2_BODY = b'{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}'
V1_BODY = b'{"instances":[[6.8,2.8,4.8,1.4]]}'


def cpu_ticks(pid):
    """(ticks of the threads serving requests, ticks of the JIT compiler threads) of process pid, so far."""
    serving = jit = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                head, _, rest = f.read().rpartition(")")
        except FileNotFoundError:
            continue  # a thread that just ended; its time is in neither count, before or after
        fields = rest.split()
        # After "tid (comm)": state is field 3, utime 14 and stime 15 (1-based), so 11 and 12 here.
        ticks = int(fields[11]) + int(fields[12])
        if head.split("(", 1)[1].startswith(("C1 Compiler", "C2 Compiler")):
            jit += ticks
        else:
            serving += ticks
    return serving, jit


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status
    except Exception:  # noqa: BLE001 - not up yet, or an error status: both mean "not ready"
        return None


def wrk(url, conns, duration, body_file=None, pin=()):
    cmd = list(pin) + ["wrk", "-t1", "-c%d" % conns, "-d" + duration, "--timeout", "5s", "-s",
           os.path.join(BENCH, "wrk-report.lua"), url]
    if body_file:
        cmd += ["--", body_file]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH_RESULT"))
    vals = dict(kv.split("=") for kv in line.split()[1:])
    errors = int(vals["socket_errors"]) + int(vals["status_errors"])
    if errors:
        sys.exit("cpu: wrk saw %d errors on %s" % (errors, url))
    return int(vals["requests"]), int(vals["duration_us"])


class Server:
    def __init__(self, jar, port, java, opts, log, pin):
        env = dict(os.environ, QUARKUS_HTTP_HOST="127.0.0.1", QUARKUS_HTTP_PORT=str(port),
                   AUGUR_MODEL_REPOSITORY=os.path.join(ROOT, "models"))
        self.log = open(log, "w")
        self.proc = subprocess.Popen(pin + [java] + opts + ["-jar", jar], env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.base = "http://127.0.0.1:%d" % port
        for _ in range(240):
            if self.proc.poll() is not None:
                sys.exit("cpu: %s exited during start-up, see %s" % (jar, log))
            if status(self.base + "/v2/health/ready") == 200:
                return
            time.sleep(0.5)
        self.stop()
        sys.exit("cpu: %s not ready after 120 s" % jar)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--duration", default="5s")
    p.add_argument("--warmup", default="8s")
    p.add_argument("--connections", default="1 8")
    p.add_argument("--endpoints", default="live v2 v1")
    p.add_argument("--port", type=int, default=18087)
    p.add_argument("--java", default="java")
    p.add_argument("--java-opts", default="", help="extra JVM flags, space-separated")
    p.add_argument("--pin", action="store_true", help="the server on the last CPU, wrk on the others (as BENCH_PIN=1)")
    p.add_argument("--jfr", metavar="DIR", help="record each measured window with JFR into DIR")
    p.add_argument("--jfr-settings", default="profile", help="JFR settings: profile, or a .jfc file")
    p.add_argument("variants", nargs="+", metavar="NAME=JAR")
    args = p.parse_args()
    variants, launch = [], {}
    for v in args.variants:
        name, _, spec = v.partition("=")
        jar, _, rest = spec.partition("::")
        java, _, opts = rest.partition("::")
        variants.append((name, jar))
        launch[name] = (java or args.java, opts.split() if java else args.java_opts.split())
    cpus = os.cpu_count()
    server_pin = ["taskset", "-c", str(cpus - 1)] if args.pin else []
    client_pin = ["taskset", "-c", "0-%d" % (cpus - 2)] if args.pin else []
    if status("http://127.0.0.1:%d/" % args.port) is not None:
        sys.exit("cpu: port %d is in use" % args.port)
    work = tempfile.mkdtemp(prefix="cpu-per-request-")
    bodies = {}
    for name, body in (("v2", V2_BODY), ("v1", V1_BODY)):
        bodies[name] = os.path.join(work, name + ".json")
        with open(bodies[name], "wb") as f:
            f.write(body)
    paths = {"live": "/v2/health/live", "v2": "/v2/models/iris-logreg/infer", "v1": "/v1/models/iris-logreg:predict"}
    endpoints = args.endpoints.split()
    conns = [int(c) for c in args.connections.split()]
    jcmd = os.path.join(os.path.dirname(os.path.realpath(subprocess.run(
        ["sh", "-c", "command -v " + args.java], capture_output=True, text=True).stdout.strip())), "jcmd")
    if args.jfr:
        os.makedirs(args.jfr, exist_ok=True)

    cpu = {}  # (endpoint, conns) -> name -> [µs per request]
    rps = {}
    jit = {}
    for run in range(1, args.runs + 1):
        for name, jar in variants:
            print("cpu: run %d/%d of %s (%s)" % (run, args.runs, name, jar), file=sys.stderr, flush=True)
            server = Server(os.path.abspath(jar), args.port, launch[name][0], launch[name][1],
                            os.path.join(work, "%s-%d.log" % (name, run)), server_pin)
            try:
                warm = [subprocess.Popen(client_pin + ["wrk", "-t1", "-c4", "-d" + args.warmup, "-s",
                                          os.path.join(BENCH, "wrk-report.lua"), server.base + paths[e]]
                                         + (["--", bodies[e]] if e in bodies else []), stdout=subprocess.DEVNULL)
                        for e in endpoints]
                for w in warm:
                    w.wait()
                for c in conns:
                    for e in endpoints:
                        jfr = None
                        if args.jfr:
                            jfr = os.path.join(args.jfr, "%s-%d-%s-%d.jfr" % (name, run, e, c))
                            subprocess.run([jcmd, str(server.proc.pid), "JFR.start", "name=cpu",
                                            "settings=" + args.jfr_settings, "filename=" + jfr], check=True,
                                           capture_output=True)
                        before = cpu_ticks(server.proc.pid)
                        n, dur_us = wrk(server.base + paths[e], c, args.duration, bodies.get(e), client_pin)
                        after = cpu_ticks(server.proc.pid)
                        used, jit_used = after[0] - before[0], after[1] - before[1]
                        if jfr:
                            subprocess.run([jcmd, str(server.proc.pid), "JFR.stop", "name=cpu"], check=True,
                                           capture_output=True)
                        us = used * 1e6 / TICK / n
                        cpu.setdefault((e, c), {}).setdefault(name, []).append(us)
                        rps.setdefault((e, c), {}).setdefault(name, []).append(n / (dur_us / 1e6))
                        jit_us = jit_used * 1e6 / TICK / n
                        jit.setdefault((e, c), {}).setdefault(name, []).append(jit_us)
                        print("cpu:   %-4s %3d conn: %8.1f CPU-µs/req (JIT %5.1f more)  %8.0f req/s" % (
                            e, c, us, jit_us, n / (dur_us / 1e6)), file=sys.stderr, flush=True)
            finally:
                server.stop()

    names = [n for n, _ in variants]
    head = ["endpoint", "conns"] + ["%s CPU-µs/req" % n for n in names] + ["%s/%s" % (n, names[0]) for n in names[1:]] \
        + ["%s runs" % n for n in names] + ["%s JIT µs/req" % n for n in names] + ["%s req/s" % n for n in names]
    lines = ["# CPU per request, %d interleaved runs per build, wrk -t1 for %s each (%s)" % (
        args.runs, args.duration, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())), ""]
    lines += ["- %s: `%s`%s" % (n, j, " with `%s %s`" % (launch[n][0], " ".join(launch[n][1])) if launch[n][1] or
                                  launch[n][0] != "java" else "") for n, j in variants]
    lines += ["- pinned: server on CPU %d, wrk on the others" % (cpus - 1)] if args.pin else []
    lines += ["- machine: %d cores; load average at the end: %.1f %.1f %.1f%s" % (
        (os.cpu_count(),) + os.getloadavg() + (" (JFR on)" if args.jfr else "",)), ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key in cpu:
        med = [statistics.median(cpu[key][n]) for n in names]
        cells = [key[0], str(key[1])] + ["%.1f" % m for m in med] + ["%.3f" % (m / med[0]) for m in med[1:]] \
            + [" ".join("%.1f" % v for v in cpu[key][n]) for n in names] \
            + ["%.1f" % statistics.median(jit[key][n]) for n in names] \
            + ["%.0f" % statistics.median(rps[key][n]) for n in names]
        lines.append("| " + " | ".join(cells) + " |")
    text = "\n".join(lines) + "\n"
    out = os.path.join(BENCH, "results", "cpu-%s.md" % time.strftime("%Y-%m-%d-%H%M%S"))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write(text)
    print(text)
    print("cpu: saved %s (server logs in %s)" % (out, work), file=sys.stderr)


if __name__ == "__main__":
    main()
