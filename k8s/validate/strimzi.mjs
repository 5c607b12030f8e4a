// Strimzi's objects, checked by structure (no schema package exists for them): the fields Augur's manifests and
// samples use, with Strimzi's rules for them.

const TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

function positiveInt(v) {
  return Number.isInteger(v) && v > 0;
}

export function strimzi(o) {
  const out = [];
  if (o.apiVersion !== "kafka.strimzi.io/v1beta2") out.push(`apiVersion must be kafka.strimzi.io/v1beta2`);
  const cluster = o.metadata?.labels?.["strimzi.io/cluster"];
  switch (o.kind) {
    case "KafkaTopic": {
      if (!cluster) out.push("label strimzi.io/cluster names no Kafka cluster");
      const name = o.spec?.topicName ?? o.metadata.name;
      if (!TOPIC.test(name)) out.push(`topic name ${name} is not a valid Kafka topic name`);
      if (!positiveInt(o.spec?.partitions)) out.push("spec.partitions must be a positive integer");
      if (!positiveInt(o.spec?.replicas)) out.push("spec.replicas must be a positive integer");
      for (const [k, v] of Object.entries(o.spec?.config ?? {})) {
        if (!["string", "number", "boolean"].includes(typeof v)) out.push(`spec.config.${k} must be a scalar`);
      }
      break;
    }
    case "KafkaNodePool": {
      if (!cluster) out.push("label strimzi.io/cluster names no Kafka cluster");
      if (!positiveInt(o.spec?.replicas)) out.push("spec.replicas must be a positive integer");
      const roles = o.spec?.roles ?? [];
      if (!roles.length || roles.some((r) => !["controller", "broker"].includes(r))) {
        out.push("spec.roles must be controller and/or broker");
      }
      if (!["ephemeral", "persistent-claim", "jbod"].includes(o.spec?.storage?.type)) {
        out.push("spec.storage.type must be ephemeral, persistent-claim or jbod");
      }
      break;
    }
    case "Kafka": {
      const listeners = o.spec?.kafka?.listeners ?? [];
      if (!listeners.length) out.push("spec.kafka.listeners is required");
      for (const l of listeners) {
        if (!/^[a-z0-9]{1,11}$/.test(l.name ?? "")) out.push(`listener name ${l.name} must be 1-11 lower-case letters or digits`);
        if (!Number.isInteger(l.port) || l.port < 9092) out.push(`listener ${l.name}: port must be 9092 or above`);
        if (!["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"].includes(l.type)) {
          out.push(`listener ${l.name}: unknown type ${l.type}`);
        }
        if (typeof l.tls !== "boolean") out.push(`listener ${l.name}: tls must be true or false`);
        const auth = l.authentication?.type;
        if (auth !== undefined && !["scram-sha-512", "tls", "oauth", "custom"].includes(auth)) {
          out.push(`listener ${l.name}: unknown authentication type ${auth}`);
        }
      }
      if (o.metadata?.annotations?.["strimzi.io/kraft"] === "enabled"
          && o.metadata?.annotations?.["strimzi.io/node-pools"] !== "enabled") {
        out.push("KRaft needs node pools (annotation strimzi.io/node-pools: enabled)");
      }
      break;
    }
    case "KafkaUser": {
      if (!cluster) out.push("label strimzi.io/cluster names no Kafka cluster");
      const auth = o.spec?.authentication?.type;
      if (!["scram-sha-512", "tls", "tls-external"].includes(auth)) {
        out.push("spec.authentication.type must be scram-sha-512, tls or tls-external");
      }
      const authz = o.spec?.authorization;
      if (authz !== undefined) {
        if (authz.type !== "simple") out.push("spec.authorization.type must be simple");
        for (const [i, acl] of (authz.acls ?? []).entries()) {
          const r = acl.resource ?? {};
          if (!["topic", "group", "cluster", "transactionalId"].includes(r.type)) out.push(`acls[${i}]: unknown resource type ${r.type}`);
          if (r.type !== "cluster" && !r.name) out.push(`acls[${i}]: resource.name is required`);
          if (r.patternType !== undefined && !["literal", "prefix"].includes(r.patternType)) {
            out.push(`acls[${i}]: patternType must be literal or prefix`);
          }
          const ops = ["Read", "Write", "Create", "Delete", "Alter", "Describe", "ClusterAction", "AlterConfigs",
            "DescribeConfigs", "IdempotentWrite", "All"];
          if (!(acl.operations ?? []).length || acl.operations.some((op) => !ops.includes(op))) {
            out.push(`acls[${i}]: operations must be some of ${ops.join(", ")}`);
          }
        }
      }
      break;
    }
    default:
      out.push(`no structural check for Strimzi kind ${o.kind}`);
  }
  return out;
}
