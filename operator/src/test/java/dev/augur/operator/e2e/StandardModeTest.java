package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.operator.Specs;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/**
 * KServe's {@code serving.kserve.io/deploymentMode: Standard}: Deployment, Service and HPA, no Knative. Switching
 * an existing service between modes is checked in {@code ChildApplierTest}: the mock server files a core Service and
 * a Knative Service of the same name under one key.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class StandardModeTest {
    private static final String STANDARD = "    serving.kserve.io/deploymentMode: Standard\n";

    private final Cluster cluster;

    StandardModeTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    private Deployment awaitDeployment(String ns) {
        return Cluster.await("deployment", () -> cluster.client().apps().deployments().inNamespace(ns)
                .withName("iris-predictor").get());
    }

    @Test
    void standardModeMakesDeploymentServiceAndHpa() {
        cluster.apply(Specs.isvc("standard-1", "iris", STANDARD, "  predictor:\n" + CreateTest.MODEL));
        awaitDeployment("standard-1");
        // The reconciler creates the three objects one after the other: wait for each, do not sample once.
        assertNotNull(Cluster.await("service", () -> cluster.client().services().inNamespace("standard-1")
                .withName("iris-predictor").get()));
        assertNotNull(Cluster.await("hpa", () -> cluster.client().autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace("standard-1").withName("iris-predictor").get()));
        assertTrue(cluster.ksvcs("standard-1").isEmpty());
    }

    @Test
    void availableDeploymentMakesTheServiceReady() {
        cluster.apply(Specs.isvc("standard-2", "iris", STANDARD, "  predictor:\n" + CreateTest.MODEL));
        Deployment d = awaitDeployment("standard-2");
        d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withAvailableReplicas(1)
                .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
                        .withReason("MinimumReplicasAvailable").build()).build());
        cluster.client().resource(d).updateStatus();
        assertEquals("True", cluster.awaitStatus("standard-2", "iris", Cluster.condition("Ready", "True"))
                .condition("PredictorReady").getStatus());
    }
}
