package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import dev.augur.operator.crd.InferenceServiceResource;
import dev.augur.operator.crd.InferenceServiceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The tests' hands on the mock cluster: InferenceServices in, Knative Services out, and Knative's part played by
 * hand (the mock server runs no Knative controller): a revision becoming ready and the traffic it reports.
 */
final class Cluster {
    static final ResourceDefinitionContext KSVC = new ResourceDefinitionContext.Builder()
            .withGroup("serving.knative.dev").withVersion("v1").withKind("Service").withPlural("services")
            .withNamespaced(true).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final KubernetesClient client;

    Cluster(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        return client;
    }

    InferenceServiceResource apply(String yaml) {
        InferenceServiceResource r = client.getKubernetesSerialization().unmarshal(yaml,
                InferenceServiceResource.class);
        // The operator writes the status concurrently: an update may lose the race on resourceVersion (409), as a
        // `kubectl apply` can; read the latest and apply again, as kubectl's retry does.
        for (int attempt = 1; ; attempt++) {
            InferenceServiceResource live = isvc(r.getMetadata().getNamespace(), r.getMetadata().getName());
            if (live == null) {
                return client.resource(r).create();
            }
            live.setSpec(r.getSpec());
            live.getMetadata().setAnnotations(r.getMetadata().getAnnotations());
            try {
                return client.resource(live).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    InferenceServiceResource isvc(String ns, String name) {
        return client.resources(InferenceServiceResource.class).inNamespace(ns).withName(name).get();
    }

    GenericKubernetesResource ksvc(String ns, String name) {
        return client.genericKubernetesResources(KSVC).inNamespace(ns).withName(name).get();
    }

    List<GenericKubernetesResource> ksvcs(String ns) {
        return client.genericKubernetesResources(KSVC).inNamespace(ns).list().getItems();
    }

    /** The Knative Service once it exists and satisfies {@code test}. */
    GenericKubernetesResource awaitKsvc(String ns, String name, Predicate<GenericKubernetesResource> test) {
        return await("Knative Service " + ns + "/" + name, () -> {
            GenericKubernetesResource k = ksvc(ns, name);
            return k != null && test.test(k) ? k : null;
        });
    }

    /** The InferenceService's status once it satisfies {@code test}. */
    InferenceServiceStatus awaitStatus(String ns, String name, Predicate<InferenceServiceStatus> test) {
        return await("status of " + ns + "/" + name, () -> {
            InferenceServiceResource r = isvc(ns, name);
            return r != null && r.getStatus() != null && test.test(r.getStatus()) ? r.getStatus() : null;
        });
    }

    static Predicate<InferenceServiceStatus> condition(String type, String status) {
        return s -> {
            Condition c = s.condition(type);
            return c != null && status.equals(c.getStatus());
        };
    }

    /**
     * Plays Knative: {@code revision} is the latest, ready, and the traffic is as given (revision, percent,
     * latestRevision) triples.
     */
    void knativeReports(String ns, String name, String revision, Object... traffic) {
        GenericKubernetesResource k = ksvc(ns, name);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (int i = 0; i < traffic.length; i += 3) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("revisionName", traffic[i]);
            t.put("percent", traffic[i + 1]);
            t.put("latestRevision", traffic[i + 2]);
            targets.add(t);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", k.getMetadata().getGeneration());
        status.put("url", "http://" + name + "." + ns + ".svc.cluster.local");
        status.put("latestCreatedRevisionName", revision);
        status.put("latestReadyRevisionName", revision);
        status.put("traffic", targets);
        status.put("conditions", List.of(Map.of("type", "Ready", "status", "True")));
        k.setAdditionalProperty("status", status);
        client.genericKubernetesResources(KSVC).inNamespace(ns).resource(k).updateStatus();
    }

    /** What Kubernetes' garbage collector does when an owner is deleted: its dependents are deleted too. */
    void collectGarbage(String ns, String ownerUid) {
        List<HasMetadata> all = new ArrayList<>(ksvcs(ns));
        all.addAll(client.configMaps().inNamespace(ns).list().getItems());
        all.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
        all.addAll(client.services().inNamespace(ns).list().getItems());
        all.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems());
        all.addAll(client.network().v1().networkPolicies().inNamespace(ns).list().getItems());
        for (HasMetadata h : all) {
            if (h.getMetadata().getOwnerReferences().stream().anyMatch(o -> ownerUid.equals(o.getUid()))) {
                if (h instanceof GenericKubernetesResource g) {
                    client.genericKubernetesResources(KSVC).inNamespace(ns).resource(g).delete();
                } else {
                    client.resource(h).delete();
                }
            }
        }
    }

    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            cur = ((Map<String, Object>) cur).get(p);
        }
        return (Map<String, Object>) cur;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> templateAnnotations(GenericKubernetesResource k) {
        return (Map<String, String>) (Map<?, ?>) map(k.getAdditionalProperties(), "spec", "template", "metadata",
                "annotations");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> traffic(GenericKubernetesResource k) {
        return (List<Map<String, Object>>) map(k.getAdditionalProperties(), "spec").get("traffic");
    }
}
