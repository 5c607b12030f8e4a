package dev.augur.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One entry of a component's traffic split, as Knative's Service status reports it (KServe copies it as is): read
 * from Knative's status (and back from the API server by Jackson, through the record's constructor), never changed
 * afterwards.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficTarget(String tag, String revisionName, Boolean latestRevision, Long percent, String url) {
}
