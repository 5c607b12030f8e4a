package dev.augur.operator.service;

import dev.augur.operator.crd.ComponentStatus;
import dev.augur.operator.crd.TrafficTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a Knative Service's status into KServe's component status, tracking rolled-out revisions as KServe does. */
final class KnativeStatus {

    private KnativeStatus() {
    }

    /**
     * @param ksvc     the live Knative Service, or null when it does not exist yet
     * @param previous the component's entry in the InferenceService's status so far, or null
     */
    static ComponentState of(GenericKubernetesResource ksvc, ComponentStatus previous) {
        ComponentStatus out = new ComponentStatus();
        if (previous != null) {
            out.setLatestRolledoutRevision(previous.getLatestRolledoutRevision());
            out.setPreviousRolledoutRevision(previous.getPreviousRolledoutRevision());
        }
        Map<String, Object> status = ksvc == null ? null : map(ksvc.getAdditionalProperties().get("status"));
        if (status == null) {
            return new ComponentState(out, "Unknown", "Creating", "the Knative Service has no status yet");
        }
        out.setUrl(string(status.get("url")));
        out.setLatestReadyRevision(string(status.get("latestReadyRevisionName")));
        out.setLatestCreatedRevision(string(status.get("latestCreatedRevisionName")));
        List<TrafficTarget> traffic = new ArrayList<>();
        Map<String, Long> byRevision = new HashMap<>();
        for (Object o : list(status.get("traffic"))) {
            Map<String, Object> t = map(o);
            if (t == null) {
                continue;
            }
            Long percent = t.get("percent") instanceof Number n ? n.longValue() : null;
            String revision = string(t.get("revisionName"));
            traffic.add(new TrafficTarget(string(t.get("tag")), revision,
                    t.get("latestRevision") instanceof Boolean b ? b : null, percent, string(t.get("url"))));
            if (revision != null && percent != null) {
                byRevision.merge(revision, percent, Long::sum);
            }
        }
        out.setTraffic(traffic);
        // KServe: a ready revision that takes all traffic is rolled out; the one it replaces becomes "previous".
        String ready = out.getLatestReadyRevision();
        if (ready != null && byRevision.getOrDefault(ready, 0L) == 100L
                && !ready.equals(out.getLatestRolledoutRevision())) {
            out.setPreviousRolledoutRevision(out.getLatestRolledoutRevision());
            out.setLatestRolledoutRevision(ready);
        }
        return readiness(ksvc, status, out);
    }

    private static ComponentState readiness(GenericKubernetesResource ksvc, Map<String, Object> status,
            ComponentStatus out) {
        Object observed = status.get("observedGeneration");
        Long generation = ksvc.getMetadata().getGeneration();
        if (observed instanceof Number n && generation != null && n.longValue() < generation) {
            return new ComponentState(out, "Unknown", "Reconciling", "Knative has not yet seen generation "
                    + generation);
        }
        for (Object o : list(status.get("conditions"))) {
            Map<String, Object> c = map(o);
            if (c != null && "Ready".equals(c.get("type"))) {
                String s = Objects.requireNonNullElse(string(c.get("status")), "Unknown");
                return new ComponentState(out, s, string(c.get("reason")), string(c.get("message")));
            }
        }
        return new ComponentState(out, "Unknown", "Creating", "the Knative Service reports no Ready condition yet");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
