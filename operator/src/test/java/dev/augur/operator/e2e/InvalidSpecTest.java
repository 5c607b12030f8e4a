package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.operator.Specs;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/** A spec that cannot run gets a Ready=False condition with the reason, and nothing is created for it. */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class InvalidSpecTest {
    private final Cluster cluster;

    InvalidSpecTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    private Condition ready(String ns) {
        return cluster.awaitStatus(ns, "iris", Cluster.condition("Ready", "False")).condition("Ready");
    }

    private void assertNoChildren(String ns) {
        assertTrue(cluster.ksvcs(ns).isEmpty());
        assertTrue(cluster.client().configMaps().inNamespace(ns).list().getItems().isEmpty());
        assertTrue(cluster.client().apps().deployments().inNamespace(ns).list().getItems().isEmpty());
    }

    @Test
    void maxReplicasBelowMinReplicasIsNamed() {
        cluster.apply(CreateTest.iris("invalid-1", "    minReplicas: 3\n    maxReplicas: 1\n"));
        Condition c = ready("invalid-1");
        assertEquals("InvalidSpec", c.getReason());
        assertEquals("invalid-1/iris: spec.predictor.maxReplicas (1) must not be less than minReplicas (3)",
                c.getMessage());
        assertNoChildren("invalid-1");
    }

    @Test
    void misspeltFieldIsNamed() {
        cluster.apply(CreateTest.iris("invalid-2", "    minReplica: 0\n"));
        Condition c = ready("invalid-2");
        assertEquals("InvalidSpec", c.getReason());
        assertTrue(c.getMessage().startsWith("invalid-2/iris: spec.predictor.minReplica is not a known field"),
                c.getMessage());
        assertNoChildren("invalid-2");
    }

    @Test
    void formatThePredictorCannotServe() {
        cluster.apply(Specs.isvc("invalid-3", "iris", "", "  predictor:\n    sklearn:\n"
                + "      storageUri: s3://models/iris/\n"));
        assertEquals("UnsupportedModelFormat", ready("invalid-3").getReason());
        assertNoChildren("invalid-3");
    }

    @Test
    void unknownDeploymentMode() {
        cluster.apply(Specs.isvc("invalid-4", "iris", "    serving.kserve.io/deploymentMode: Sometimes\n",
                "  predictor:\n" + CreateTest.MODEL));
        Condition c = ready("invalid-4");
        assertEquals("InvalidSpec", c.getReason());
        assertTrue(c.getMessage().contains("Sometimes"), c.getMessage());
        assertNoChildren("invalid-4");
    }
}
