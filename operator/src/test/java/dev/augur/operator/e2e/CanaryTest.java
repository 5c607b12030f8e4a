package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.operator.crd.ComponentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe's canary rollout: X% to the latest revision, the rest to the one rolled out before; promote = 100%. */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class CanaryTest {
    private final Cluster cluster;

    CanaryTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    /** v1 rolled out (00001 at 100%), then a new model with canaryTrafficPercent 10. */
    private void rollOutThenCanary(String ns) {
        cluster.apply(CreateTest.iris(ns, ""));
        cluster.awaitKsvc(ns, "iris-predictor", x -> true);
        cluster.knativeReports(ns, "iris-predictor", "iris-predictor-00001", "iris-predictor-00001", 100, true);
        cluster.awaitStatus(ns, "iris", s -> s.getComponents().get("predictor") != null
                && "iris-predictor-00001".equals(s.getComponents().get("predictor").getLatestRolledoutRevision()));
        cluster.apply(CreateTest.iris(ns, "    canaryTrafficPercent: 10\n").replace("iris/v1/", "iris/v2/"));
    }

    @Test
    void canaryTenSendsNinetyToThePreviousRevision() {
        rollOutThenCanary("canary-1");
        List<Map<String, Object>> traffic = Cluster.traffic(cluster.awaitKsvc("canary-1", "iris-predictor",
                k -> Cluster.traffic(k).size() == 2));
        assertEquals(List.of(Map.of("latestRevision", true, "percent", 10),
                Map.of("revisionName", "iris-predictor-00001", "latestRevision", false, "percent", 90)), traffic);
    }

    @Test
    void statusShowsTheSplitKnativeReports() {
        rollOutThenCanary("canary-2");
        cluster.awaitKsvc("canary-2", "iris-predictor", k -> Cluster.traffic(k).size() == 2);
        cluster.knativeReports("canary-2", "iris-predictor", "iris-predictor-00002", "iris-predictor-00002", 10,
                true, "iris-predictor-00001", 90, false);
        ComponentStatus p = cluster.awaitStatus("canary-2", "iris", s -> s.getComponents().get("predictor")
                .getTraffic().size() == 2).getComponents().get("predictor");
        assertEquals("iris-predictor-00002", p.getLatestReadyRevision());
        assertEquals("iris-predictor-00001", p.getLatestRolledoutRevision());
        assertEquals(90L, p.getTraffic().get(1).percent());
    }

    @Test
    void promoteSendsEverythingToLatest() {
        rollOutThenCanary("canary-3");
        cluster.awaitKsvc("canary-3", "iris-predictor", k -> Cluster.traffic(k).size() == 2);
        cluster.knativeReports("canary-3", "iris-predictor", "iris-predictor-00002", "iris-predictor-00002", 10,
                true, "iris-predictor-00001", 90, false);
        cluster.apply(CreateTest.iris("canary-3", "").replace("iris/v1/", "iris/v2/"));
        List<Map<String, Object>> traffic = Cluster.traffic(cluster.awaitKsvc("canary-3", "iris-predictor",
                k -> Cluster.traffic(k).size() == 1));
        assertEquals(List.of(Map.of("latestRevision", true, "percent", 100)), traffic);
    }

    @Test
    void promotedRevisionBecomesRolledOutAndTheOldOnePrevious() {
        rollOutThenCanary("canary-4");
        cluster.awaitKsvc("canary-4", "iris-predictor", k -> Cluster.traffic(k).size() == 2);
        cluster.apply(CreateTest.iris("canary-4", "").replace("iris/v1/", "iris/v2/"));
        cluster.awaitKsvc("canary-4", "iris-predictor", k -> Cluster.traffic(k).size() == 1);
        cluster.knativeReports("canary-4", "iris-predictor", "iris-predictor-00002", "iris-predictor-00002", 100,
                true);
        ComponentStatus p = cluster.awaitStatus("canary-4", "iris", s -> "iris-predictor-00002".equals(
                s.getComponents().get("predictor").getLatestRolledoutRevision())).getComponents().get("predictor");
        assertEquals("iris-predictor-00001", p.getPreviousRolledoutRevision());
    }
}
