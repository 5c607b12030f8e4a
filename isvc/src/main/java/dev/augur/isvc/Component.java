package dev.augur.isvc;

import java.util.List;

/**
 * One component of an InferenceService ({@code spec.predictor}, {@code spec.transformer} or {@code spec.explainer})
 * with KServe's component-level fields. Optional fields are {@code null} when the file does not set them, so a
 * consumer can tell "unset" from a value (the operator only writes annotations for fields that are set).
 *
 * @param kind                 which component this is
 * @param model                the model to serve ({@code model:} or a framework shorthand such as {@code sklearn:});
 *                             null for a component made of custom containers
 * @param containers           custom containers (KServe's {@code containers:}); empty when {@code model} is set
 * @param minReplicas          {@code minReplicas}; KServe's default is {@value #DEFAULT_MIN_REPLICAS}, 0 allows
 *                             scale to zero
 * @param maxReplicas          {@code maxReplicas}; 0 (the default) means no upper bound, as in Knative
 * @param scaleTarget          {@code scaleTarget}, the autoscaler's target for {@code scaleMetric}; null = platform
 *                             default
 * @param scaleMetric          {@code scaleMetric}; null = platform default (concurrency)
 * @param containerConcurrency {@code containerConcurrency}: requests one replica takes at once; 0 = unlimited
 * @param timeout              {@code timeout} in seconds for one request; null = platform default
 * @param canaryTrafficPercent {@code canaryTrafficPercent} (0..100); null means no canary: a new spec rolls out fully
 * @param batcher              {@code batcher}, or null
 * @param logger               {@code logger}, or null
 * @param serviceAccountName   {@code serviceAccountName}, or null
 */
public record Component(ComponentKind kind, ModelSpec model, List<Container> containers, int minReplicas,
        int maxReplicas, Integer scaleTarget, ScaleMetric scaleMetric, int containerConcurrency, Integer timeout,
        Integer canaryTrafficPercent, Batcher batcher, PayloadLogger logger, String serviceAccountName) {

    public static final int DEFAULT_MIN_REPLICAS = 1;

    public Component {
        containers = List.copyOf(containers);
    }

    /**
     * The revision template: everything but the traffic split. Two specs with equal templates are the same
     * revision (changing only {@code canaryTrafficPercent} moves traffic, it does not deploy anything), as in KServe.
     */
    public Component template() {
        return canaryTrafficPercent == null ? this
                : new Component(kind, model, containers, minReplicas, maxReplicas, scaleTarget, scaleMetric,
                        containerConcurrency, timeout, null, batcher, logger, serviceAccountName);
    }

    /** {@code <isvc>-<component>}, the name KServe gives the component's Knative service. */
    public String qualifiedName(String isvc) {
        return isvc + "-" + kind.field();
    }

    /** The autoscaler metrics KServe accepts. */
    public enum ScaleMetric {
        CPU("cpu"), MEMORY("memory"), CONCURRENCY("concurrency"), RPS("rps");

        private final String value;

        ScaleMetric(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
