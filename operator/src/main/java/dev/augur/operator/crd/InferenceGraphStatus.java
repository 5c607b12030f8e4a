package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** KServe's InferenceGraph {@code status}: the {@code Ready} condition (with its reason) and the graph's {@code url}. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceGraphStatus {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof InferenceGraphStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(url, s.url) && Objects.equals(conditions, s.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, url, conditions);
    }
}
