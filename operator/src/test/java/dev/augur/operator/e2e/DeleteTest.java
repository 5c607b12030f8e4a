package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.operator.Specs;
import dev.augur.operator.crd.InferenceServiceResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/**
 * Deleting an InferenceService removes what it made. The mock server has no garbage collector, so the tests check
 * the owner references it would follow, play its part, and check that the operator does not bring anything back.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class DeleteTest {
    private final Cluster cluster;

    DeleteTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    @Test
    void everyChildIsOwnedByTheInferenceService() {
        InferenceServiceResource isvc = cluster.apply(CreateTest.iris("delete-1", ""));
        cluster.awaitKsvc("delete-1", "iris-predictor", x -> true);
        String uid = isvc.getMetadata().getUid();
        assertTrue(cluster.ksvc("delete-1", "iris-predictor").getMetadata().getOwnerReferences().stream()
                .allMatch(o -> uid.equals(o.getUid()) && o.getBlockOwnerDeletion()));
        assertTrue(cluster.client().configMaps().inNamespace("delete-1").list().getItems().stream()
                .allMatch(c -> uid.equals(c.getMetadata().getOwnerReferences().get(0).getUid())));
    }

    @Test
    void deletedServiceLeavesNothingBehind() throws InterruptedException {
        InferenceServiceResource isvc = cluster.apply(CreateTest.iris("delete-2", ""));
        cluster.awaitKsvc("delete-2", "iris-predictor", x -> true);
        // The reconcile that made the child must be over (its status written) before the delete: one still running
        // when the mock server, which has no garbage collector, deletes the child would create it again, and on a
        // real cluster that orphan is the garbage collector's to remove, not the operator's.
        cluster.awaitStatus("delete-2", "iris", s -> s.getComponents().get("predictor") != null);
        // The children's own creation events trigger one more reconcile each; let those end too (the last child
        // written is the NetworkPolicy).
        Cluster.await("policy", () -> cluster.client().network().v1().networkPolicies().inNamespace("delete-2")
                .withName("iris-predictor").get());
        Thread.sleep(1000);
        cluster.client().resource(isvc).delete();
        cluster.collectGarbage("delete-2", isvc.getMetadata().getUid());
        Thread.sleep(1000); // time for a wrong reconcile to bring something back
        assertNull(cluster.ksvc("delete-2", "iris-predictor"));
        assertEquals(0, cluster.client().configMaps().inNamespace("delete-2").list().getItems().size());
        assertEquals(0, cluster.client().network().v1().networkPolicies().inNamespace("delete-2").list().getItems()
                .size());
    }

    @Test
    void removedTransformerIsDeleted() {
        String predictor = "  predictor:\n" + CreateTest.MODEL;
        cluster.apply(Specs.isvc("delete-3", "iris", "", predictor + "  transformer:\n    containers:\n"
                + "      - image: augur/transformer-jvm:latest\n"));
        cluster.awaitKsvc("delete-3", "iris-transformer", x -> true);
        cluster.apply(Specs.isvc("delete-3", "iris", "", predictor));
        Cluster.await("iris-transformer deleted", () -> cluster.ksvc("delete-3", "iris-transformer") == null
                ? Boolean.TRUE : null);
        assertEquals(1, cluster.ksvcs("delete-3").size());
    }
}
