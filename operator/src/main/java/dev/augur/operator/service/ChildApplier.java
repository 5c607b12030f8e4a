package dev.augur.operator.service;

import dev.augur.operator.render.KnativeRenderer;
import dev.augur.operator.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates or updates the objects an InferenceService needs, and deletes those it no longer needs. An object is
 * written only when what the operator wants in it changed (a hash of it is kept in an annotation), and an update
 * changes only the spec, labels and annotations the operator owns: Knative refuses updates that drop its own
 * annotations ({@code serving.knative.dev/creator}), and a Deployment's replica count belongs to its HPA.
 */
final class ChildApplier {
    /** Knative Services by explicit plural: no API discovery needed (the mock server in the tests has none). */
    static final ResourceDefinitionContext KSVC = new ResourceDefinitionContext.Builder()
            .withGroup("serving.knative.dev").withVersion("v1").withKind(KnativeRenderer.KIND).withPlural("services")
            .withNamespaced(true).build();

    private final KubernetesClient client;

    ChildApplier(KubernetesClient client) {
        this.client = client;
    }

    /** The live object of that name, or null. */
    GenericKubernetesResource getKnativeService(String namespace, String name) {
        return client.genericKubernetesResources(KSVC).inNamespace(namespace).withName(name).get();
    }

    /** Creates or updates {@code desired}; returns the live object. */
    HasMetadata apply(HasMetadata desired) {
        String hash = hash(desired);
        annotations(desired.getMetadata()).put(Labels.SPEC_HASH, hash);
        Resource<? extends HasMetadata> op = op(desired);
        HasMetadata live = op.get();
        if (live == null) {
            return op.create();
        }
        if (hash.equals(annotations(live.getMetadata()).get(Labels.SPEC_HASH)) || desired instanceof ConfigMap) {
            return live; // model ConfigMaps are immutable: their name is the hash of their content
        }
        mergeSpec(live, desired);
        ObjectMeta m = live.getMetadata();
        m.setLabels(merged(m.getLabels(), desired.getMetadata().getLabels()));
        m.setAnnotations(merged(m.getAnnotations(), desired.getMetadata().getAnnotations()));
        m.setOwnerReferences(desired.getMetadata().getOwnerReferences());
        return op(live).update();
    }

    /**
     * Deletes the objects of this InferenceService (by label, and only those it owns) that are not wanted: Knative
     * Services not in {@code keepKnative}, Deployments, Services and HPAs not in {@code keepStandard} (both modes
     * use the same names, so a mode switch is told apart by kind). Model ConfigMaps are left: an older revision
     * still taking traffic may mount one; they go with the InferenceService.
     */
    void deleteOthers(String namespace, String isvc, String uid, Set<String> keepKnative, Set<String> keepStandard,
            boolean knative) {
        if (knative) {
            delete(client.genericKubernetesResources(KSVC).inNamespace(namespace).withLabel(Labels.ISVC, isvc)
                    .list().getItems(), KnativeRenderer.API_VERSION, uid, keepKnative);
        }
        delete(client.apps().deployments().inNamespace(namespace).withLabel(Labels.ISVC, isvc).list().getItems(),
                "apps/v1", uid, keepStandard);
        delete(client.services().inNamespace(namespace).withLabel(Labels.ISVC, isvc).list().getItems(), "v1", uid,
                keepStandard);
        delete(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace)
                .withLabel(Labels.ISVC, isvc).list().getItems(), "autoscaling/v2", uid, keepStandard);
    }

    /** Deletes this InferenceService's NetworkPolicies (by label, owned by it) not named in {@code keep}. */
    void deleteOtherPolicies(String namespace, String isvc, String uid, Set<String> keep) {
        delete(client.network().v1().networkPolicies().inNamespace(namespace).withLabel(Labels.ISVC, isvc).list()
                .getItems(), "networking.k8s.io/v1", uid, keep);
    }

    /**
     * Deletes the listed objects of {@code apiVersion} owned by {@code uid} and not kept. The apiVersion check keeps
     * a core Service and a Knative Service of the same name apart even where a server mixes them up by plural
     * (fabric8's mock server does).
     */
    private void delete(List<? extends HasMetadata> items, String apiVersion, String uid, Set<String> keep) {
        for (HasMetadata h : unwanted(items, apiVersion, uid, keep)) {
            op(h).delete();
        }
    }

    /** The listed objects to delete: of {@code apiVersion}, owned by {@code uid}, not in {@code keep}. */
    static List<HasMetadata> unwanted(List<? extends HasMetadata> items, String apiVersion, String uid,
            Set<String> keep) {
        List<HasMetadata> out = new ArrayList<>();
        for (HasMetadata h : items) {
            boolean owned = h.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
            boolean sameKind = h.getApiVersion() == null || apiVersion.equals(h.getApiVersion());
            if (owned && sameKind && !keep.contains(h.getMetadata().getName())) {
                out.add(h);
            }
        }
        return out;
    }

    private Resource<? extends HasMetadata> op(HasMetadata h) {
        if (h instanceof GenericKubernetesResource g && KnativeRenderer.API_VERSION.equals(g.getApiVersion())) {
            return client.genericKubernetesResources(KSVC).inNamespace(g.getMetadata().getNamespace()).resource(g);
        }
        return client.resource(h);
    }

    /** Replaces what the operator owns in the spec and keeps what others own in it. */
    private static void mergeSpec(HasMetadata live, HasMetadata desired) {
        if (live instanceof GenericKubernetesResource l && desired instanceof GenericKubernetesResource d) {
            l.setAdditionalProperty("spec", d.getAdditionalProperties().get("spec"));
        } else if (live instanceof Deployment l && desired instanceof Deployment d) {
            Integer replicas = l.getSpec() == null ? null : l.getSpec().getReplicas();
            l.setSpec(d.getSpec());
            l.getSpec().setReplicas(replicas);
        } else if (live instanceof Service l && desired instanceof Service d) {
            // clusterIP and friends are assigned by the API server and immutable.
            l.getSpec().setType(d.getSpec().getType());
            l.getSpec().setSelector(d.getSpec().getSelector());
            l.getSpec().setPorts(d.getSpec().getPorts());
        } else if (live instanceof HorizontalPodAutoscaler l && desired instanceof HorizontalPodAutoscaler d) {
            l.setSpec(d.getSpec());
        } else if (live instanceof NetworkPolicy l && desired instanceof NetworkPolicy d) {
            l.setSpec(d.getSpec());
        } else {
            throw new IllegalArgumentException("no update rule for " + desired.getKind());
        }
    }

    private static Map<String, String> annotations(ObjectMeta m) {
        if (m.getAnnotations() == null) {
            m.setAnnotations(new LinkedHashMap<>());
        }
        return m.getAnnotations();
    }

    private static Map<String, String> merged(Map<String, String> live, Map<String, String> desired) {
        Map<String, String> out = new LinkedHashMap<>();
        if (live != null) {
            out.putAll(live);
        }
        if (desired != null) {
            out.putAll(desired);
        }
        return out;
    }

    /** A hash of the desired object as JSON (maps are kept in insertion order by the renderers, so it is stable). */
    private String hash(HasMetadata desired) {
        String json = client.getKubernetesSerialization().asJson(desired);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
