package dev.augur.operator.render;

import dev.augur.operator.plan.ComponentPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and owner references on everything the operator makes. */
public final class Labels {
    /** The owning InferenceService's name (KServe uses {@code serving.kserve.io/inferenceservice}). */
    public static final String ISVC = "serving.augur.dev/inferenceservice";
    /** {@code predictor}, {@code transformer} or {@code explainer}, KServe's label key. */
    public static final String COMPONENT = "component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "augur-operator";
    /** Selects what this operator made, for its informers. */
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;
    /** A hash of what the operator last wrote into an object; equal hash = nothing to update. */
    public static final String SPEC_HASH = "serving.augur.dev/spec-hash";

    private Labels() {
    }

    /** Pod selector labels: stable for the component's whole life (a Deployment's selector cannot change). */
    public static Map<String, String> selector(ComponentPlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ISVC, plan.isvc());
        out.put(COMPONENT, plan.kind().field());
        return out;
    }

    public static Map<String, String> of(ComponentPlan plan) {
        Map<String, String> out = selector(plan);
        out.put(MANAGED_BY, OPERATOR);
        return out;
    }

    /** The InferenceService as controller: garbage collection deletes the object with it. */
    public static OwnerReference owner(HasMetadata isvc) {
        return new OwnerReferenceBuilder().withApiVersion(isvc.getApiVersion()).withKind(isvc.getKind())
                .withName(isvc.getMetadata().getName()).withUid(isvc.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }
}
