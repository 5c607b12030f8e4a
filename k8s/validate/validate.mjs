// Validates Kubernetes manifests offline: every object against its schema (kubernetes-models for Kubernetes,
// @kubernetes-models/knative for Knative), InferenceServices against Augur's own CRD schema, Strimzi objects by
// their structure, plus Augur's rules (one container port named h2c, probes with real ports, min-scale on
// components). Usage: node validate.mjs --crd CRD.yaml [--crd CRD.yaml] [--component] FILE... ; exits 1 on any problem.
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { checkSchema, crdSchema } from "./schema.mjs";
import { strimzi } from "./strimzi.mjs";
import { grafanaDashboards, monitoring } from "./monitoring.mjs";

const args = process.argv.slice(2);
const crds = [];
let components = false; // the files that follow are per-service Knative manifests of components
const problems = [];
let objects = 0;

const KNATIVE_GROUPS = ["serving.knative.dev", "eventing.knative.dev", "autoscaling.internal.knative.dev"];

async function modelClass(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const pkg = KNATIVE_GROUPS.includes(group) ? "@kubernetes-models/knative" : "kubernetes-models";
  try {
    return (await import(`${pkg}/${apiVersion}`))[kind];
  } catch {
    return undefined;
  }
}

function where(file, o) {
  return `${file}: ${o?.kind ?? "?"} ${o?.metadata?.namespace ? o.metadata.namespace + "/" : ""}${o?.metadata?.name ?? "?"}`;
}

/** Augur's rules for the containers of Knative Services and Deployments. */
function augurRules(file, o) {
  const isKsvc = o.apiVersion === "serving.knative.dev/v1" && o.kind === "Service";
  const podSpec = isKsvc ? o.spec?.template?.spec : o.kind === "Deployment" ? o.spec?.template?.spec : null;
  if (!podSpec) return;
  for (const c of podSpec.containers ?? []) {
    if (isKsvc) {
      const ports = c.ports ?? [];
      if (ports.length !== 1 || ports[0].name !== "h2c") {
        problems.push(`${where(file, o)}: container ${c.name}: Knative routes gRPC only to one port named h2c, got ${JSON.stringify(ports)}`);
      }
    }
    for (const p of ["readinessProbe", "livenessProbe"]) {
      const get = c[p]?.httpGet;
      if (c[p] && get && (get.port === null || get.port === undefined || get.port === "")) {
        problems.push(`${where(file, o)}: container ${c.name}: ${p}.httpGet.port is empty`);
      }
      if (!c[p]) problems.push(`${where(file, o)}: container ${c.name}: no ${p}`);
    }
    if (!c.resources?.requests) problems.push(`${where(file, o)}: container ${c.name}: no resource requests`);
  }
  if (isKsvc && components) {
    const minScale = o.spec?.template?.metadata?.annotations?.["autoscaling.knative.dev/min-scale"];
    if (minScale !== "0") {
      problems.push(`${where(file, o)}: a component must scale to zero: autoscaling.knative.dev/min-scale "0", got ${JSON.stringify(minScale)}`);
    }
  }
}

async function validate(file, o) {
  objects++;
  if (!o || typeof o !== "object" || !o.apiVersion || !o.kind || !o.metadata?.name) {
    problems.push(`${file}: an object without apiVersion, kind or metadata.name`);
    return;
  }
  const group = o.apiVersion.includes("/") ? o.apiVersion.split("/")[0] : "";
  if (group === "serving.augur.dev") {
    const crd = crds.find((c) => o.apiVersion === `${c.group}/${c.version}` && o.kind === c.kind);
    if (!crd) {
      problems.push(`${where(file, o)}: no --crd given serves ${o.apiVersion} ${o.kind}`);
    } else {
      for (const p of checkSchema(crd.schema, o, "")) problems.push(`${where(file, o)}: ${p}`);
    }
    return;
  }
  if (group === "kafka.strimzi.io") {
    for (const p of strimzi(o)) problems.push(`${where(file, o)}: ${p}`);
    return;
  }
  if (group === "monitoring.coreos.com") {
    for (const p of monitoring(o)) problems.push(`${where(file, o)}: ${p}`);
    return;
  }
  for (const p of grafanaDashboards(o)) problems.push(`${where(file, o)}: ${p}`);
  const Model = await modelClass(o.apiVersion, o.kind);
  if (!Model) {
    problems.push(`${where(file, o)}: no schema for ${o.apiVersion} ${o.kind}`);
    return;
  }
  try {
    new Model(o).validate();
  } catch (e) {
    problems.push(`${where(file, o)}: ${e.message.split("\n").slice(0, 6).join(" | ")}`);
  }
  if (o.kind === "CustomResourceDefinition") {
    try {
      crdSchema(o);
    } catch (e) {
      problems.push(`${where(file, o)}: ${e.message}`);
    }
  }
  augurRules(file, o);
}

function documents(file) {
  const text = readFileSync(file, "utf8");
  const out = [];
  for (const d of parseAllDocuments(text)) {
    if (d.errors.length) {
      problems.push(`${file}: YAML error: ${d.errors[0].message}`);
      continue;
    }
    const o = d.toJS();
    if (o !== null && o !== undefined) out.push(o);
  }
  return out;
}

const counts = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--crd") {
    const doc = documents(args[++i]).find((o) => o.kind === "CustomResourceDefinition");
    crds.push(crdSchema(doc));
    continue;
  }
  if (a === "--component") {
    components = true;
    continue;
  }
  const before = objects;
  for (const o of documents(a)) {
    await validate(a, o);
  }
  const shown = a.startsWith(tmpdir()) ? `(built) ${basename(a)}` : relative(process.cwd(), a);
  counts.push(`${shown}: ${objects - before} objects`);
}
for (const c of counts) console.log(c);
if (problems.length) {
  for (const p of problems) console.error(`INVALID ${p}`);
  console.error(`${problems.length} problems in ${objects} objects`);
  process.exit(1);
}
console.log(`${objects} objects valid`);
