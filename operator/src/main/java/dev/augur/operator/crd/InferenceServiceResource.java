package dev.augur.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code serving.augur.dev/v1beta1} InferenceService object. The spec stays a JSON tree on purpose: it is read
 * by {@code augur-isvc}'s parser, the same one the gateway uses for files, so the operator and local mode can never
 * disagree on a field. Named {@code ...Resource} so it is not confused with the parser's
 * {@link dev.augur.isvc.InferenceService} record. The CRD itself is {@code k8s/base/crd/inferenceservices.yaml}.
 */
@Group(InferenceServiceResource.GROUP)
@Version(InferenceServiceResource.VERSION)
@Kind("InferenceService")
@Plural("inferenceservices")
@Singular("inferenceservice")
@ShortNames("isvc")
@RegisterForReflection
public class InferenceServiceResource extends CustomResource<JsonNode, InferenceServiceStatus> implements Namespaced {
    public static final String GROUP = "serving.augur.dev";
    public static final String VERSION = "v1beta1";

    /** No empty spec is made up: a JsonNode cannot be instantiated, and an object without one is invalid anyway. */
    @Override
    protected JsonNode initSpec() {
        return null;
    }

    @Override
    protected InferenceServiceStatus initStatus() {
        return null;
    }
}
