// The Prometheus Operator's ServiceMonitor and PodMonitor (monitoring.coreos.com/v1), checked by structure (no
// schema package exists for them): the fields k8s/monitoring uses, with the operator's rules for them. The Grafana
// dashboard a ConfigMap carries must be JSON with panels whose targets have a PromQL expression.

function endpoints(list, where, out) {
  if (!Array.isArray(list) || !list.length) out.push(`${where} must list at least one endpoint`);
  for (const [i, e] of (list ?? []).entries()) {
    if (typeof e.port !== "string" || !e.port) out.push(`${where}[${i}].port must name a port`);
    if (e.path !== undefined && !String(e.path).startsWith("/")) out.push(`${where}[${i}].path must start with /`);
    if (e.interval !== undefined && !/^[0-9]+(ms|s|m|h)$/.test(e.interval)) {
      out.push(`${where}[${i}].interval must be a duration such as 15s`);
    }
  }
}

function selector(s, out) {
  if (!s || (!s.matchLabels && !s.matchExpressions)) out.push("spec.selector needs matchLabels or matchExpressions");
  for (const e of s?.matchExpressions ?? []) {
    if (!["In", "NotIn", "Exists", "DoesNotExist"].includes(e.operator)) out.push(`unknown operator ${e.operator}`);
  }
}

export function monitoring(o) {
  const out = [];
  if (o.apiVersion !== "monitoring.coreos.com/v1") out.push("apiVersion must be monitoring.coreos.com/v1");
  switch (o.kind) {
    case "ServiceMonitor":
      selector(o.spec?.selector, out);
      endpoints(o.spec?.endpoints, "spec.endpoints", out);
      break;
    case "PodMonitor":
      selector(o.spec?.selector, out);
      endpoints(o.spec?.podMetricsEndpoints, "spec.podMetricsEndpoints", out);
      break;
    default:
      out.push(`no check for ${o.kind}`);
  }
  return out;
}

/** A ConfigMap labelled for Grafana's dashboard sidecar: each data value is a dashboard. */
export function grafanaDashboards(o) {
  const out = [];
  if (o.kind !== "ConfigMap" || o.metadata?.labels?.grafana_dashboard === undefined) return out;
  for (const [key, text] of Object.entries(o.data ?? {})) {
    let d;
    try {
      d = JSON.parse(text);
    } catch (e) {
      out.push(`${key} is not JSON: ${e.message}`);
      continue;
    }
    if (!d.title || !Array.isArray(d.panels)) out.push(`${key} has no title or panels`);
    for (const p of (d.panels ?? []).filter((p) => p.type !== "row")) {
      if (!p.targets?.length || p.targets.some((t) => !t.expr)) out.push(`${key}: panel "${p.title}" has no expr`);
    }
  }
  return out;
}
