#!/usr/bin/env bash
# Offline check of every Kubernetes manifest in the repository, run by the operator module's `verify` (so by
# `mvn -B verify` and CI); skip with -Dk8s.validate.skip. No cluster is needed:
#   1. `kubectl kustomize` builds each overlay (knative, standard), the default (k8s/) and k8s/monitoring;
#   2. node validates every object: Kubernetes kinds against kubernetes-models' schemas, Knative Services against
#      @kubernetes-models/knative, InferenceServices against Augur's CRD schema, Strimzi objects by structure,
#      plus Augur's rules (one container port named h2c, probes with ports, resource requests);
#   3. the same for the samples, the operator's golden Knative Services and, when their modules were packaged,
#      each service's Knative manifest: what the Quarkus Kubernetes extension generates, fixed by
#      k8s/services/<service> (components must also scale to zero).
# Needs kubectl and node (>= 18) with npm; the npm packages are installed into k8s/validate/node_modules from
# the committed package-lock.json (npm ci) the first time and whenever the lock file changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

missing=()
command -v kubectl >/dev/null 2>&1 || missing+=("kubectl (builds the kustomize overlays)")
command -v node >/dev/null 2>&1 || missing+=("node >= 18 (runs the validator)")
command -v npm >/dev/null 2>&1 || missing+=("npm (installs the schemas: kubernetes-models, @kubernetes-models/knative)")
if ((${#missing[@]})); then
    printf 'k8s/validate.sh: cannot validate the manifests, missing: %s\n' "${missing[@]}" >&2
    echo "Install them (Debian: apt-get install kubectl nodejs npm) or skip with -Dk8s.validate.skip" >&2
    exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 18)); then
    echo "k8s/validate.sh: node >= 18 is needed, found $(node -v)" >&2
    exit 2
fi

# Install the schemas once per lock file (npm ci is reproducible; --prefer-offline reuses npm's cache).
stamp="$here/validate/node_modules/.augur-lock.sha256"
lock_sum="$(sha256sum "$here/validate/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
    (cd "$here/validate" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
    echo "$lock_sum" > "$stamp"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for overlay in knative standard; do
    kubectl kustomize "$here/overlays/$overlay" > "$out/overlay-$overlay.yaml"
done
kubectl kustomize "$here" > "$out/default.yaml"
kubectl kustomize "$here/monitoring" > "$out/monitoring.yaml"

files=("$out"/overlay-*.yaml "$out/default.yaml" "$out/monitoring.yaml" "$here"/samples/*.yaml "$root"/operator/src/test/resources/golden/*.yaml)
services=()
for service in predictor transformer explainer; do
    if [[ -f "$root/$service/target/kubernetes/knative.yml" ]]; then
        kubectl kustomize --load-restrictor LoadRestrictionsNone "$here/services/$service" > "$out/service-$service.yaml"
        services+=("$out/service-$service.yaml")
    else
        echo "not built, not checked: $service/target/kubernetes/knative.yml (mvn package -pl $service -am)"
    fi
done

node "$here/validate/validate.mjs" --crd "$here/base/crd/inferenceservices.serving.augur.dev.yaml" \
    --crd "$here/base/crd/inferencegraphs.serving.augur.dev.yaml" "${files[@]}" \
    ${services[@]+--component "${services[@]}"}
