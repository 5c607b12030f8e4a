package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code status} as KServe reports it: conditions ({@code PredictorReady}, {@code TransformerReady},
 * {@code ExplainerReady}, {@code Ready}), the external {@code url}, the in-cluster {@code address}, and per component
 * the revisions and the traffic split. Jackson maps it (fields are registered for native images).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "url", "address", "conditions", "components"})
public class InferenceServiceStatus extends ResourceStatus {
    private Address address;
    private Map<String, ComponentStatus> components = new LinkedHashMap<>();

    public Address getAddress() {
        return address;
    }

    public void setAddress(Address address) {
        this.address = address;
    }

    public Map<String, ComponentStatus> getComponents() {
        return components;
    }

    public void setComponents(Map<String, ComponentStatus> components) {
        this.components = components == null ? new LinkedHashMap<>() : components;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceServiceStatus s && sameBase(s) && Objects.equals(address, s.address)
                && Objects.equals(components, s.components);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hash(address, components);
    }

    /** KServe's {@code status.address}: where other workloads in the cluster reach the service. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String url) {
    }
}
