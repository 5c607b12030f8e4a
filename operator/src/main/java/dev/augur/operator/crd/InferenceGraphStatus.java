package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** KServe's InferenceGraph {@code status}: the {@code Ready} condition (with its reason) and the graph's {@code url}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "url", "conditions"})
public class InferenceGraphStatus extends ResourceStatus {

    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceGraphStatus s && sameBase(s);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
