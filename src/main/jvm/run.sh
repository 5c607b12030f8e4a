#!/bin/sh
# Starts the Augur service packaged in this folder (a copy of src/main/jvm/run.sh, put here by bin/aot-cache): the
# shared JVM settings (jvm.options) and, when this java is a JDK 25+, the AOT cache the build trained (app.aot).
# The JVM Dockerfiles use it as their entry point. JAVA picks the java (default: java on PATH); JAVA_OPTS_APPEND
# adds options after the shared ones (later options win).
dir=$(cd "$(dirname "$0")" && pwd)
java=${JAVA:-java}
aot=
if [ -f "$dir/app.aot" ]; then
  # A JDK before 25 refuses the option (and a cache from another JDK build is only warned about, then ignored).
  # The JDK's `release` file says its version without starting a JVM (the probe below costs ~0.2 s of every start).
  release=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/release
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null)
  if [ -n "$version" ] && [ "$version" -ge 25 ] || { [ -z "$version" ] && "$java" -XX:AOTMode=off -version >/dev/null 2>&1; }; then
    aot="-XX:AOTCache=$dir/app.aot"
  else
    echo "run.sh: $java is older than JDK 25: starting without the AOT cache (about 3x slower)" >&2
  fi
fi
# shellcheck disable=SC2086 # JAVA_OPTS_APPEND is a list of options
exec "$java" "@$dir/jvm.options" $aot $JAVA_OPTS_APPEND -jar "$dir/quarkus-run.jar" "$@"
