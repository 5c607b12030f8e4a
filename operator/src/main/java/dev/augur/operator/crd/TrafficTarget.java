package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Objects;

/** One entry of a component's traffic split, as Knative's Service status reports it (KServe copies it as is). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrafficTarget {
    private final String tag;
    private final String revisionName;
    private final Boolean latestRevision;
    private final Long percent;
    private final String url;

    /** Read from Knative's status (and back from the API server by Jackson); never changed afterwards. */
    @JsonCreator
    public TrafficTarget(@JsonProperty("tag") String tag, @JsonProperty("revisionName") String revisionName,
            @JsonProperty("latestRevision") Boolean latestRevision, @JsonProperty("percent") Long percent,
            @JsonProperty("url") String url) {
        this.tag = tag;
        this.revisionName = revisionName;
        this.latestRevision = latestRevision;
        this.percent = percent;
        this.url = url;
    }

    public String getTag() {
        return tag;
    }

    public String getRevisionName() {
        return revisionName;
    }

    public Boolean getLatestRevision() {
        return latestRevision;
    }

    public Long getPercent() {
        return percent;
    }

    public String getUrl() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficTarget t && Objects.equals(tag, t.tag)
                && Objects.equals(revisionName, t.revisionName) && Objects.equals(latestRevision, t.latestRevision)
                && Objects.equals(percent, t.percent) && Objects.equals(url, t.url);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, revisionName, latestRevision, percent, url);
    }
}
