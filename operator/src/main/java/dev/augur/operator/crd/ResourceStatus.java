package dev.augur.operator.crd;

import io.fabric8.kubernetes.api.model.Condition;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code status} fields KServe gives every kind it serves: the generation they describe, the external
 * {@code url} and the conditions. Subclasses add their own fields and fix the JSON property order.
 */
@RegisterForReflection
public abstract class ResourceStatus {
    private Long observedGeneration;
    private String url;
    private List<Condition> conditions = new ArrayList<>();

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

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    /** The condition of that type, or null. */
    public Condition condition(String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** Equality of the shared fields, for the subclasses' {@code equals}. */
    protected boolean sameBase(ResourceStatus s) {
        return Objects.equals(observedGeneration, s.observedGeneration) && Objects.equals(url, s.url)
                && Objects.equals(conditions, s.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, url, conditions);
    }

    @Override
    public abstract boolean equals(Object o);
}
