package dev.augur.operator.render;

import dev.augur.isvc.Component;
import dev.augur.operator.plan.ComponentPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component as a Knative Service ({@code serving.knative.dev/v1}), with KServe's autoscaling annotations on the
 * revision template and KServe's traffic rules. Built as a generic resource: no Knative model classes, nothing to
 * register for native images.
 */
public final class KnativeRenderer {
    public static final String API_VERSION = "serving.knative.dev/v1";
    public static final String KIND = "Service";
    public static final String CLASS = "autoscaling.knative.dev/class";
    public static final String METRIC = "autoscaling.knative.dev/metric";
    public static final String TARGET = "autoscaling.knative.dev/target";
    public static final String MIN_SCALE = "autoscaling.knative.dev/min-scale";
    public static final String MAX_SCALE = "autoscaling.knative.dev/max-scale";
    public static final String KPA = "kpa.autoscaling.knative.dev";
    public static final String HPA = "hpa.autoscaling.knative.dev";
    /** Components are reached through the gateway, never from outside the cluster directly. */
    public static final String VISIBILITY = "networking.knative.dev/visibility";
    /** KServe's annotation that names the canary's traffic targets {@code latest} and {@code prev}. */
    public static final String TAG_ROUTING = "serving.kserve.io/enable-tag-routing";
    /** InferenceService annotations with these prefixes are passed on to the revision template, as KServe does. */
    private static final List<String> PASSED_ON = List.of("autoscaling.knative.dev/", "serving.knative.dev/",
            "features.knative.dev/");

    private KnativeRenderer() {
    }

    /**
     * @param isvcAnnotations         the InferenceService's annotations
     * @param latestRolledoutRevision the revision that last took all traffic ({@code status.components.*}), or null
     */
    public static GenericKubernetesResource render(ComponentPlan plan, Map<String, String> isvcAnnotations,
            String latestRolledoutRevision, OwnerReference owner) {
        Component c = plan.component();
        Map<String, String> labels = Labels.of(plan);
        Map<String, String> serviceLabels = new LinkedHashMap<>(labels);
        serviceLabels.put(VISIBILITY, "cluster-local");

        Map<String, Object> podSpec = new LinkedHashMap<>();
        if (c.containerConcurrency() > 0) {
            podSpec.put("containerConcurrency", (long) c.containerConcurrency());
        }
        if (c.timeout() != null) {
            podSpec.put("timeoutSeconds", (long) c.timeout());
        }
        if (c.serviceAccountName() != null) {
            podSpec.put("serviceAccountName", c.serviceAccountName());
        }
        podSpec.put("containers", List.of(Containers.container(plan)));
        List<Volume> volumes = Containers.volumes(plan);
        if (!volumes.isEmpty()) {
            podSpec.put("volumes", volumes);
        }

        Map<String, Object> templateMeta = new LinkedHashMap<>();
        templateMeta.put("labels", labels);
        templateMeta.put("annotations", autoscaling(c, isvcAnnotations));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", templateMeta);
        template.put("spec", podSpec);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("template", template);
        spec.put("traffic", traffic(c.canaryTrafficPercent(), latestRolledoutRevision,
                "true".equals(isvcAnnotations.get(TAG_ROUTING))));

        GenericKubernetesResource ksvc = new GenericKubernetesResource();
        ksvc.setApiVersion(API_VERSION);
        ksvc.setKind(KIND);
        ksvc.setMetadata(new ObjectMetaBuilder().withName(plan.name()).withNamespace(plan.namespace())
                .withLabels(serviceLabels).withOwnerReferences(owner).build());
        ksvc.setAdditionalProperty("spec", spec);
        return ksvc;
    }

    /**
     * KServe's annotations: the class (Knative's KPA, or its HPA class for cpu and memory, which KPA cannot scale
     * on), {@code metric} and {@code target} when set, {@code min-scale} always (0 allows scale to zero) and
     * {@code max-scale} when bounded.
     */
    static Map<String, String> autoscaling(Component c, Map<String, String> isvcAnnotations) {
        Map<String, String> out = new LinkedHashMap<>();
        isvcAnnotations.forEach((k, v) -> {
            if (PASSED_ON.stream().anyMatch(k::startsWith)) {
                out.put(k, v);
            }
        });
        boolean resourceMetric = c.scaleMetric() == Component.ScaleMetric.CPU
                || c.scaleMetric() == Component.ScaleMetric.MEMORY;
        out.putIfAbsent(CLASS, resourceMetric ? HPA : KPA);
        if (c.scaleMetric() != null) {
            out.put(METRIC, c.scaleMetric().value());
        }
        if (c.scaleTarget() != null) {
            out.put(TARGET, Integer.toString(c.scaleTarget()));
        }
        out.put(MIN_SCALE, Integer.toString(c.minReplicas()));
        if (c.maxReplicas() > 0) {
            out.put(MAX_SCALE, Integer.toString(c.maxReplicas()));
        } else {
            out.remove(MAX_SCALE);
        }
        return out;
    }

    /**
     * KServe's rule: with {@code canaryTrafficPercent} and a revision that took all traffic before, the latest
     * revision gets X% and that one (100-X)%; otherwise the latest revision gets everything (a promotion).
     */
    static List<Map<String, Object>> traffic(Integer canaryPercent, String rolledOut, boolean tags) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (canaryPercent != null && rolledOut != null && canaryPercent < 100) {
            out.add(target(tags ? "latest" : null, null, true, canaryPercent));
            out.add(target(tags ? "prev" : null, rolledOut, false, 100 - canaryPercent));
        } else {
            out.add(target(tags ? "latest" : null, null, true, 100));
        }
        return out;
    }

    private static Map<String, Object> target(String tag, String revision, boolean latest, int percent) {
        Map<String, Object> t = new LinkedHashMap<>();
        if (tag != null) {
            t.put("tag", tag);
        }
        if (revision != null) {
            t.put("revisionName", revision);
        }
        t.put("latestRevision", latest);
        t.put("percent", (long) percent);
        return t;
    }
}
