package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Objects;

/** One entry of a component's traffic split, as Knative's Service status reports it (KServe copies it as is). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrafficTarget {
    private String tag;
    private String revisionName;
    private Boolean latestRevision;
    private Long percent;
    private String url;

    public TrafficTarget() {
    }

    public TrafficTarget(String tag, String revisionName, Boolean latestRevision, Long percent, String url) {
        this.tag = tag;
        this.revisionName = revisionName;
        this.latestRevision = latestRevision;
        this.percent = percent;
        this.url = url;
    }

    public String getTag() {
        return tag;
    }

    public void setTag(String tag) {
        this.tag = tag;
    }

    public String getRevisionName() {
        return revisionName;
    }

    public void setRevisionName(String revisionName) {
        this.revisionName = revisionName;
    }

    public Boolean getLatestRevision() {
        return latestRevision;
    }

    public void setLatestRevision(Boolean latestRevision) {
        this.latestRevision = latestRevision;
    }

    public Long getPercent() {
        return percent;
    }

    public void setPercent(Long percent) {
        this.percent = percent;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
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
