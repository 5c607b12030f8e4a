#!/usr/bin/env bash
# Cold start of the services, local scale from zero, crash recovery and memory, against the build before the
# cold-start work in the same run. One command, from the repo root, after `mvn package -DskipTests` (which makes the
# AOT caches when a JDK 25 is installed):
#
#   bench/startup.sh
#
# Prints Markdown tables (medians of STARTUP_RUNS interleaved starts) for BENCHMARKS.md:
#   - process start -> first correct answer (predictor: iris V2 infer, class 1; transformer: iris-explained V2 with
#     named fields, species "versicolor"; explainer: KernelSHAP V1 explain) and RSS after STARTUP_IDLE_SECONDS idle,
#     for: today-jdk17 (the old jars with the old supervisor options), new-jdk17 (jvm.options, no AOT cache) and
#     new-jdk25-aot (jvm.options + app.aot);
#   - peak RSS under load (4 clients for 10 s);
#   - the gateway's local supervisor: a request to a predictor scaled to zero, and a predictor killed with SIGKILL
#     until requests succeed again (old gateway, new without and with a warm standby).
#
# Settings: STARTUP_BASELINE (folder with the old build's quarkus-app folders: predictor/ gateway/ transformer/
#           explainer/; made from STARTUP_BASELINE_REF [aefdaf8, the commit before the cold-start work] in a temporary
#           git worktree when unset), STARTUP_RUNS [10], STARTUP_IDLE_SECONDS [6], STARTUP_PARTS [start,rss,gateway],
#           STARTUP_VARIANTS of the start part [today-jdk17,new-jdk17,new-jdk25-aot; also base-jdk25-aot: the
#           baseline folders run with their own jvm.options and app.aot, to compare a build with another one; a
#           suffix @name appends the options STARTUP_EXTRA_OPTS="name=-XX:... -Dprop=v;name2=..." gives name, e.g.
#           new-jdk25-aot,new-jdk25-aot@fg with STARTUP_EXTRA_OPTS="fg=-Daugur.models.load-in-background=false"],
#           JAVA17 [java], JAVA25 [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java].
set -euo pipefail
cd "$(dirname "$0")/.."
for m in predictor transformer explainer gateway; do
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || { echo "startup: build first: mvn -B package -DskipTests" >&2; exit 1; }
done
if [[ -z "${STARTUP_BASELINE:-}" ]]; then
  ref=${STARTUP_BASELINE_REF:-aefdaf8}
  STARTUP_BASELINE=$(mktemp -d /tmp/augur-baseline.XXXXXX)
  echo "startup: building the baseline ($ref) in a temporary worktree (a few minutes)" >&2
  git worktree add -q --detach "$STARTUP_BASELINE/src" "$ref"
  (cd "$STARTUP_BASELINE/src" && mvn -B -q package -DskipTests -pl predictor,transformer,explainer,gateway -am) >&2
  for m in predictor transformer explainer gateway; do cp -rp "$STARTUP_BASELINE/src/$m/target/quarkus-app" "$STARTUP_BASELINE/$m"; done
  git worktree remove --force "$STARTUP_BASELINE/src"
fi
export STARTUP_BASELINE STARTUP_IDLE_SECONDS=${STARTUP_IDLE_SECONDS:-6}
exec python3 bench/startup.py
