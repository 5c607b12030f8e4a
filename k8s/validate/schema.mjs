// Augur's CRD: its schema must be structural (what the API server requires), and InferenceServices are checked
// against it the way the API server would (types, required fields, enums, bounds, unknown fields pruned = errors).

const STRUCTURAL = ["type", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields"];

/** Checks the CRD and returns {group, version, kind, schema} of its storage version. */
export function crdSchema(crd) {
  if (!crd || crd.kind !== "CustomResourceDefinition") throw new Error("not a CustomResourceDefinition");
  const { group, names, versions } = crd.spec ?? {};
  if (crd.metadata.name !== `${names?.plural}.${group}`) {
    throw new Error(`metadata.name must be <plural>.<group> (${names?.plural}.${group})`);
  }
  const storage = (versions ?? []).filter((v) => v.storage);
  if (storage.length !== 1) throw new Error("exactly one version must be the storage version");
  const v = storage[0];
  structural(v.schema?.openAPIV3Schema, "openAPIV3Schema");
  for (const c of v.additionalPrinterColumns ?? []) {
    if (!c.jsonPath?.startsWith(".")) throw new Error(`printer column ${c.name}: jsonPath must start with "."`);
  }
  return { group, version: v.name, kind: names.kind, schema: v.schema.openAPIV3Schema };
}

function structural(s, path) {
  if (!s || typeof s !== "object") throw new Error(`${path}: no schema`);
  if (s.$ref) throw new Error(`${path}: $ref is not allowed in a CRD`);
  if (!STRUCTURAL.some((k) => k in s) && !(s.anyOf && s["x-kubernetes-int-or-string"])) {
    throw new Error(`${path}: a structural schema needs a type`);
  }
  for (const [k, sub] of Object.entries(s.properties ?? {})) structural(sub, `${path}.${k}`);
  if (s.items) structural(s.items, `${path}[]`);
  if (s.additionalProperties && typeof s.additionalProperties === "object") {
    structural(s.additionalProperties, `${path}.*`);
  }
}

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (Number.isInteger(v)) return "integer";
  return typeof v;
}

/** Problems of value v against schema s (a subset of OpenAPI v3 as CRDs use it). */
export function checkSchema(s, v, path) {
  const out = [];
  const at = path || "<root>";
  if (s["x-kubernetes-int-or-string"]) {
    if (!["integer", "string"].includes(typeOf(v))) out.push(`${at}: must be an integer or a string`);
    else if (typeof v === "string" && s.pattern && !new RegExp(s.pattern).test(v)) {
      out.push(`${at}: "${v}" does not match ${s.pattern}`);
    }
    return out;
  }
  const t = typeOf(v);
  if (s.type === "number" ? !["integer", "number"].includes(t) : s.type && s.type !== t) {
    out.push(`${at}: must be ${s.type}, got ${t}`);
    return out;
  }
  if (s.enum && !s.enum.includes(v)) out.push(`${at}: must be one of ${s.enum.join(", ")}, got ${JSON.stringify(v)}`);
  if (s.minimum !== undefined && v < s.minimum) out.push(`${at}: must be at least ${s.minimum}`);
  if (s.maximum !== undefined && v > s.maximum) out.push(`${at}: must be at most ${s.maximum}`);
  if (t === "array" && s.items) v.forEach((x, i) => out.push(...checkSchema(s.items, x, `${path}[${i}]`)));
  if (t === "object") {
    for (const r of s.required ?? []) if (!(r in v)) out.push(`${path ? path + "." : ""}${r}: is required`);
    if (s["x-kubernetes-preserve-unknown-fields"] || path === "metadata") return out;
    for (const [k, x] of Object.entries(v)) {
      const sub = s.properties?.[k] ?? (typeof s.additionalProperties === "object" ? s.additionalProperties : null);
      if (sub) out.push(...checkSchema(sub, x, path ? `${path}.${k}` : k));
      else out.push(`${path ? path + "." : ""}${k}: unknown field (the API server would drop it)`);
    }
  }
  return out;
}
