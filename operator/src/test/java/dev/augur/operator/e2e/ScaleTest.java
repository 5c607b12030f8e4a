package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changed scale settings reach the revision template's annotations and the Knative fields. */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class ScaleTest {
    private final Cluster cluster;

    ScaleTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    @Test
    void updatedScaleSettingsBecomeAnnotations() {
        cluster.apply(CreateTest.iris("scale-1", ""));
        cluster.awaitKsvc("scale-1", "iris-predictor", x -> true);
        cluster.apply(CreateTest.iris("scale-1", "    minReplicas: 0\n    maxReplicas: 5\n    scaleMetric: rps\n"
                + "    scaleTarget: 7\n"));
        Map<String, String> a = Cluster.templateAnnotations(cluster.awaitKsvc("scale-1", "iris-predictor",
                k -> "rps".equals(Cluster.templateAnnotations(k).get("autoscaling.knative.dev/metric"))));
        assertEquals("0", a.get("autoscaling.knative.dev/min-scale"));
        assertEquals("5", a.get("autoscaling.knative.dev/max-scale"));
        assertEquals("7", a.get("autoscaling.knative.dev/target"));
        assertEquals("kpa.autoscaling.knative.dev", a.get("autoscaling.knative.dev/class"));
    }

    @Test
    void removedMaxReplicasRemovesMaxScale() {
        cluster.apply(CreateTest.iris("scale-2", "    maxReplicas: 5\n"));
        cluster.awaitKsvc("scale-2", "iris-predictor",
                k -> "5".equals(Cluster.templateAnnotations(k).get("autoscaling.knative.dev/max-scale")));
        cluster.apply(CreateTest.iris("scale-2", "    minReplicas: 2\n"));
        Map<String, String> a = Cluster.templateAnnotations(cluster.awaitKsvc("scale-2", "iris-predictor",
                k -> "2".equals(Cluster.templateAnnotations(k).get("autoscaling.knative.dev/min-scale"))));
        assertFalse(a.containsKey("autoscaling.knative.dev/max-scale"));
    }

    @Test
    void concurrencyAndTimeoutReachTheRevision() {
        cluster.apply(CreateTest.iris("scale-3", "    containerConcurrency: 8\n    timeout: 45\n"));
        Map<String, Object> spec = Cluster.map(cluster.awaitKsvc("scale-3", "iris-predictor", x -> true)
                .getAdditionalProperties(), "spec", "template", "spec");
        assertEquals(8, spec.get("containerConcurrency"));
        assertEquals(45, spec.get("timeoutSeconds"));
    }
}
