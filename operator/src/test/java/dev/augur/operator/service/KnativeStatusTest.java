package dev.augur.operator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.augur.operator.crd.ComponentStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe's bookkeeping of rolled-out revisions from a Knative Service's status. */
class KnativeStatusTest {

    @Test
    void revisionWithAllTrafficIsRolledOut() {
        ComponentState s = KnativeStatus.of(ksvc("iris-predictor-00001", traffic("iris-predictor-00001", 100)), null);
        assertEquals("iris-predictor-00001", s.status().getLatestRolledoutRevision());
        assertNull(s.status().getPreviousRolledoutRevision());
        assertEquals("True", s.ready());
    }

    @Test
    void canaryRevisionIsNotRolledOut() {
        ComponentStatus before = new ComponentStatus();
        before.setLatestRolledoutRevision("iris-predictor-00001");
        ComponentState s = KnativeStatus.of(ksvc("iris-predictor-00002", traffic("iris-predictor-00002", 10),
                Map.of("revisionName", "iris-predictor-00001", "latestRevision", false, "percent", 90)), before);
        assertEquals("iris-predictor-00001", s.status().getLatestRolledoutRevision());
        assertEquals(2, s.status().getTraffic().size());
    }

    @Test
    void promotedRevisionPushesThePreviousOne() {
        ComponentStatus before = new ComponentStatus();
        before.setLatestRolledoutRevision("iris-predictor-00001");
        ComponentState s = KnativeStatus.of(ksvc("iris-predictor-00002", traffic("iris-predictor-00002", 100)),
                before);
        assertEquals("iris-predictor-00002", s.status().getLatestRolledoutRevision());
        assertEquals("iris-predictor-00001", s.status().getPreviousRolledoutRevision());
    }

    @Test
    void noStatusYetIsUnknown() {
        GenericKubernetesResource k = new GenericKubernetesResource();
        k.setMetadata(new ObjectMetaBuilder().withName("iris-predictor").build());
        assertEquals("Unknown", KnativeStatus.of(k, null).ready());
    }

    @Test
    void staleGenerationIsNotReadyYet() {
        GenericKubernetesResource k = ksvc("iris-predictor-00001", traffic("iris-predictor-00001", 100));
        k.getMetadata().setGeneration(2L);
        assertEquals("Reconciling", KnativeStatus.of(k, null).reason());
    }

    private static Map<String, Object> traffic(String revision, int percent) {
        return Map.of("revisionName", revision, "latestRevision", true, "percent", percent);
    }

    @SafeVarargs
    private static GenericKubernetesResource ksvc(String ready, Map<String, Object>... traffic) {
        GenericKubernetesResource k = new GenericKubernetesResource();
        k.setMetadata(new ObjectMetaBuilder().withName("iris-predictor").withGeneration(1L).build());
        k.setAdditionalProperty("status", Map.of("observedGeneration", 1, "latestReadyRevisionName", ready,
                "latestCreatedRevisionName", ready, "url", "http://iris-predictor.models.svc.cluster.local",
                "traffic", List.of(traffic), "conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        return k;
    }
}
