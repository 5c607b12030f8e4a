package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.operator.Specs;
import dev.augur.operator.crd.InferenceServiceResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each component of an InferenceService gets a NetworkPolicy named as it, owned by the InferenceService, and it
 * goes when the component goes. What the policy lets in is {@code render/NetworkPoliciesTest}'s subject.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class NetworkPolicyTest {
    private static final String PREDICTOR = "  predictor:\n" + CreateTest.MODEL;
    private static final String TRANSFORMER = "  transformer:\n    containers:\n"
            + "      - image: augur/transformer-jvm:latest\n";

    private final Cluster cluster;

    NetworkPolicyTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    private NetworkPolicy policy(String ns, String name) {
        return cluster.client().network().v1().networkPolicies().inNamespace(ns).withName(name).get();
    }

    @Test
    void everyComponentGetsAPolicyOwnedByTheInferenceService() {
        InferenceServiceResource isvc = cluster.apply(Specs.isvc("netpol-1", "iris", "", PREDICTOR + TRANSFORMER));
        NetworkPolicy predictor = Cluster.await("predictor policy", () -> policy("netpol-1", "iris-predictor"));
        NetworkPolicy transformer = Cluster.await("transformer policy", () -> policy("netpol-1", "iris-transformer"));
        for (NetworkPolicy p : List.of(predictor, transformer)) {
            assertEquals(isvc.getMetadata().getUid(), p.getMetadata().getOwnerReferences().get(0).getUid());
        }
        assertEquals(Map.of("serving.augur.dev/inferenceservice", "iris", "component", "predictor"),
                predictor.getSpec().getPodSelector().getMatchLabels());
    }

    @Test
    void aRemovedComponentsPolicyIsDeleted() {
        cluster.apply(Specs.isvc("netpol-2", "iris", "", PREDICTOR + TRANSFORMER));
        Cluster.await("transformer policy", () -> policy("netpol-2", "iris-transformer"));
        cluster.apply(Specs.isvc("netpol-2", "iris", "", PREDICTOR));
        Cluster.await("transformer policy deleted", () -> policy("netpol-2", "iris-transformer") == null
                ? Boolean.TRUE : null);
        assertTrue(policy("netpol-2", "iris-predictor") != null, "the predictor's policy stays");
    }
}
