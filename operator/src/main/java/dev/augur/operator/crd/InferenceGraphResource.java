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
 * The {@code serving.augur.dev/v1alpha1} InferenceGraph object; the spec stays a JSON tree, read by
 * {@code augur-isvc}'s graph parser (the one local mode uses). The CRD is
 * {@code k8s/base/crd/inferencegraphs.serving.augur.dev.yaml}.
 */
@Group(InferenceServiceResource.GROUP)
@Version(InferenceGraphResource.VERSION)
@Kind("InferenceGraph")
@Plural("inferencegraphs")
@Singular("inferencegraph")
@ShortNames("ig")
@RegisterForReflection
public class InferenceGraphResource extends CustomResource<JsonNode, InferenceGraphStatus> implements Namespaced {
    public static final String VERSION = "v1alpha1";

    @Override
    protected JsonNode initSpec() {
        return null;
    }

    @Override
    protected InferenceGraphStatus initStatus() {
        return null;
    }
}
