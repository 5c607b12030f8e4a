package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code status} as KServe reports it: conditions ({@code PredictorReady}, {@code TransformerReady},
 * {@code ExplainerReady}, {@code Ready}), the external {@code url}, the in-cluster {@code address}, and per component
 * the revisions and the traffic split. Jackson maps it (fields are registered for native images).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceServiceStatus {
    private Long observedGeneration;
    private String url;
    private Address address;
    private List<Condition> conditions = new ArrayList<>();
    private Map<String, ComponentStatus> components = new LinkedHashMap<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Address getAddress() {
        return address;
    }

    public void setAddress(Address address) {
        this.address = address;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    public Map<String, ComponentStatus> getComponents() {
        return components;
    }

    public void setComponents(Map<String, ComponentStatus> components) {
        this.components = components == null ? new LinkedHashMap<>() : components;
    }

    /** The condition of that type, or null. */
    public Condition condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceServiceStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(url, s.url) && Objects.equals(address, s.address)
                && Objects.equals(conditions, s.conditions) && Objects.equals(components, s.components);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, url, address, conditions, components);
    }

    /** KServe's {@code status.address}: where other workloads in the cluster reach the service. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Address {
        private String url;

        public Address() {
        }

        public Address(String url) {
            this.url = url;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && Objects.equals(url, a.url);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(url);
        }
    }
}
