#!/usr/bin/env python3
"""Where an idle service's RSS is, mapping by mapping. One command, from the repo root, after `mvn package`:

  bench/rss_map.py              (starts an idle iris predictor as bench/idle_rss.py does, JDK 25 + AOT cache)
  bench/rss_map.py PID          (any running JVM of ours; it must run with -XX:NativeMemoryTracking=summary for the
                                 anonymous memory to be named)

Started here, the service runs with `@jvm.options`, RSS_MAP_OPTIONS (extra JVM options, after it) and
-XX:NativeMemoryTracking=summary (NMT costs ~1-2 MB of its own, shown as its own row), answers its first request,
idles RSS_MAP_IDLE seconds [10], and then /proc/PID/smaps is grouped by what each mapping holds: the JVM names its
own mappings (`jcmd PID System.map`: Java heap, metaspace, class space, code cache, Java thread stacks, GC data,
the AOT cache), files by their path (the AOT cache file, jars, libjvm.so, ONNX Runtime's library, ...), and what is
left is the C heap: glibc's main arena ([heap]), its per-thread arenas (64 MB-aligned anonymous mappings) and other
anonymous mappings (large mallocs, native libraries' own). `jcmd PID VM.native_memory summary` then splits the
JVM's own mallocs (direct ByteBuffers, which Netty's pooled allocator uses, are NMT's "Other"). Thread names and
counts come from /proc/PID/task. Raw outputs are kept in the printed folder.

Settings (environment): RSS_MAP_SERVICE [predictor] (predictor, transformer, explainer or gateway), RSS_MAP_OPTIONS,
RSS_MAP_IDLE, JAVA25 (as bench/idle_rss.py).
"""
import collections
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import idle_rss as I  # noqa: E402
import startup as S  # noqa: E402

MB = 1024.0 * 1024.0
ARENA_ALIGN = 64 * 1024 * 1024   # glibc's HEAP_MAX_SIZE on 64-bit: every non-main arena heap starts at a multiple


def smaps(pid):
    """[(start, end, path, rss bytes, private bytes, anonymous bytes)] from /proc/PID/smaps."""
    out, cur = [], None
    with open("/proc/%d/smaps" % pid) as f:
        for line in f:
            head = line.split()
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                start, end = (int(x, 16) for x in head[0].split("-"))
                cur = {"start": start, "end": end, "path": head[5] if len(head) > 5 else "", "Rss": 0,
                       "Private_Clean": 0, "Private_Dirty": 0, "Anonymous": 0, "prot": head[1]}
                out.append(cur)
            elif cur is not None and head and head[0].rstrip(":") in cur and len(head) >= 2:
                cur[head[0].rstrip(":")] = int(head[1]) * 1024
    return out


def jcmd(pid, *args):
    java_bin = os.path.dirname(S.JAVA25)
    r = subprocess.run([os.path.join(java_bin, "jcmd"), str(pid), *args], capture_output=True, text=True,
                       timeout=60)
    return r.stdout


def jvm_regions(system_map):
    """[(start, end, what)] the JVM annotates in `System.map` (JAVAHEAP, META, CLASS, CODE, STACK, GC, CDS, ...)."""
    regions = []
    for line in system_map.splitlines():
        m = re.match(r"^0x([0-9a-f]+)-0x([0-9a-f]+)\s+\d+\s+\S+\s+\d+\s+\d+\s+\S+\s+\S+\s+(\S+)", line)
        if m and m.group(3) != "-":
            regions.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    return regions


def category(m, regions):
    path = m["path"]
    if path and not path.startswith("["):
        name = os.path.basename(path)
        if name.endswith(".aot") or name.endswith(".jsa"):
            return "file: AOT cache (%s)" % name
        if name.endswith(".jar"):
            return "file: jars"
        if name == "libjvm.so":
            return "file: libjvm.so"
        if "onnxruntime" in name:
            return "file: ONNX Runtime (%s)" % name
        if name == "modules":
            return "file: JDK modules image"
        if ".so" in name:
            return "file: other native libraries"
        return "file: other (%s)" % name
    if path == "[heap]":
        return "C heap: glibc main arena ([heap])"
    if path == "[stack]":
        return "main thread stack"
    if path.startswith("["):
        return "kernel: " + path
    for start, end, what in regions:
        if start <= m["start"] < end:
            what = re.sub(r"^STACK.*", "STACK", what)
            return "JVM: " + {"JAVAHEAP": "Java heap", "META": "metaspace", "CLASS": "class space",
                              "CODE": "code cache", "STACK": "Java thread stacks", "GC": "GC data (card table...)",
                              "CDS": "AOT cache (mapped, relocated or copied)"}.get(what, what)
    if m["start"] % ARENA_ALIGN == 0:
        return "C heap: glibc thread arenas"
    return "anonymous, unnamed (large mallocs, native threads' stacks, libraries' mmaps)"


def threads(pid):
    names = collections.Counter()
    for tid in os.listdir("/proc/%d/task" % pid):
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                names[re.sub(r"[-#]?\d+$", "-N", f.read().strip())] += 1
        except OSError:
            pass
    return names


def report(pid, out_dir):
    maps = smaps(pid)
    system_map = jcmd(pid, "System.map")
    nmt = jcmd(pid, "VM.native_memory", "summary", "scale=KB")
    for name, text in (("system.map", system_map), ("nmt.txt", nmt)):
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(text)
    with open("/proc/%d/smaps" % pid) as src, open(os.path.join(out_dir, "smaps"), "w") as dst:
        dst.write(src.read())
    regions = jvm_regions(system_map)
    rows = collections.defaultdict(lambda: [0, 0, 0])
    for m in maps:
        r = rows[category(m, regions)]
        r[0] += m["Rss"]
        r[1] += m["Private_Clean"] + m["Private_Dirty"]
        r[2] += m["Anonymous"]
    total = sum(r[0] for r in rows.values())
    print("\n| what | RSS MB | of it private | of it anonymous (dirty copies included) |")
    print("|---|---:|---:|---:|")
    for what, r in sorted(rows.items(), key=lambda kv: -kv[1][0]):
        if r[0] >= 0.05 * MB:
            print("| %s | %.1f | %.1f | %.1f |" % (what, r[0] / MB, r[1] / MB, r[2] / MB))
    print("| **total (VmRSS)** | **%.1f** | | |" % (total / MB))
    malloc = re.findall(r"-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB\)\s*\n\s*\(malloc=(\d+)KB", nmt)
    if malloc:
        print("\nNMT, the JVM's own mallocs by category (KB; committed, of it malloc): " + ", ".join(
            "%s %s/%s" % (name.strip(), c, m) for name, c, m in malloc if int(c) >= 512))
    t = threads(pid)
    print("\nthreads: %d: %s" % (sum(t.values()), ", ".join("%s x%d" % (n, c) if c > 1 else n
                                                           for n, c in sorted(t.items(), key=lambda kv: -kv[1]))))


def main():
    if len(sys.argv) > 1:
        out = tempfile.mkdtemp(prefix="augur-rss-map-")
        report(int(sys.argv[1]), out)
        print("\nraw: %s" % out)
        return
    service = os.environ.get("RSS_MAP_SERVICE", "predictor")
    extra = os.environ.get("RSS_MAP_OPTIONS", "")
    idle = float(os.environ.get("RSS_MAP_IDLE", "10"))
    tmp = tempfile.mkdtemp(prefix="augur-rss-map-")
    upstream, up_port = None, 0
    if service != "predictor":
        up_port = S.free_port()
        upstream = S.spawn(I.command("predictor", ""), {"QUARKUS_HTTP_PORT": str(up_port),
                                                        "AUGUR_MODEL_REPOSITORY": S.repo(tmp, "iris-explained")},
                           tmp, open(os.path.join(tmp, "upstream.log"), "ab"))
        S.wait_for(lambda: S.get("http://127.0.0.1:%d/v2/health/ready" % up_port)[0] == 200, 120, "upstream")
    if service == "gateway":
        port, env, cwd, ok = I.gateway_setup(tmp, up_port)
    else:
        port, env, cwd, ok = S.service_setup(service, tmp, up_port)
    cmd = I.command(service, extra + " -XX:NativeMemoryTracking=summary")
    print("# %s, idle %.0f s after its first answer: %s" % (service, idle, " ".join(shlex.quote(c) for c in cmd)))
    with open(os.path.join(tmp, service + ".log"), "ab") as log:
        t0 = time.monotonic()
        p = S.spawn(cmd, env, cwd, log)
        try:
            while not ok(port):
                if p.poll() is not None or time.monotonic() - t0 > 120:
                    raise RuntimeError("%s did not answer (log %s)" % (service, log.name))
                time.sleep(0.005)
            print("first answer after %.0f ms, %.0f ms CPU" % ((time.monotonic() - t0) * 1000, S.cpu_ms(p.pid)))
            time.sleep(idle)
            report(p.pid, tmp)
        finally:
            S.stop(p)
            if upstream:
                S.stop(upstream)
    print("\nraw (smaps, System.map, NMT) and logs: %s" % tmp)


if __name__ == "__main__":
    main()
