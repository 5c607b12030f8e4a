package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code status.components.<component>}, KServe's ComponentStatusSpec: the component's own URL, its Knative
 * revisions and the traffic split. {@code latestRolledoutRevision} is the last revision that took all traffic; a
 * canary splits between the latest revision and it, and when a new revision takes all traffic the old one becomes
 * {@code previousRolledoutRevision}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {
    private String url;
    private String latestReadyRevision;
    private String latestCreatedRevision;
    private String previousRolledoutRevision;
    private String latestRolledoutRevision;
    private List<TrafficTarget> traffic = new ArrayList<>();

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getLatestReadyRevision() {
        return latestReadyRevision;
    }

    public void setLatestReadyRevision(String latestReadyRevision) {
        this.latestReadyRevision = latestReadyRevision;
    }

    public String getLatestCreatedRevision() {
        return latestCreatedRevision;
    }

    public void setLatestCreatedRevision(String latestCreatedRevision) {
        this.latestCreatedRevision = latestCreatedRevision;
    }

    public String getPreviousRolledoutRevision() {
        return previousRolledoutRevision;
    }

    public void setPreviousRolledoutRevision(String previousRolledoutRevision) {
        this.previousRolledoutRevision = previousRolledoutRevision;
    }

    public String getLatestRolledoutRevision() {
        return latestRolledoutRevision;
    }

    public void setLatestRolledoutRevision(String latestRolledoutRevision) {
        this.latestRolledoutRevision = latestRolledoutRevision;
    }

    public List<TrafficTarget> getTraffic() {
        return traffic;
    }

    public void setTraffic(List<TrafficTarget> traffic) {
        this.traffic = traffic == null ? new ArrayList<>() : traffic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentStatus c && Objects.equals(url, c.url)
                && Objects.equals(latestReadyRevision, c.latestReadyRevision)
                && Objects.equals(latestCreatedRevision, c.latestCreatedRevision)
                && Objects.equals(previousRolledoutRevision, c.previousRolledoutRevision)
                && Objects.equals(latestRolledoutRevision, c.latestRolledoutRevision)
                && Objects.equals(traffic, c.traffic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, latestReadyRevision, latestCreatedRevision, previousRolledoutRevision,
                latestRolledoutRevision, traffic);
    }
}
