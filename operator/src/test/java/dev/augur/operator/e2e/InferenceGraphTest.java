package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.operator.crd.InferenceGraphResource;
import dev.augur.operator.crd.InferenceGraphStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * An InferenceGraph is Ready (with KServe's graph URL) once the InferenceServices it names are, Ready=False naming
 * them until then, and Ready=False with the parser's message when its spec is invalid. Each test has its own
 * namespace.
 */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class InferenceGraphTest {
    private final Cluster cluster;

    InferenceGraphTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    private static String graph(String ns, String steps) {
        return "apiVersion: serving.augur.dev/v1alpha1\nkind: InferenceGraph\nmetadata:\n  name: vote\n  namespace: "
                + ns + "\nspec:\n  nodes:\n    root:\n      routerType: Ensemble\n      steps:\n" + steps;
    }

    private void apply(String yaml) {
        cluster.client().resource(cluster.client().getKubernetesSerialization().unmarshal(yaml,
                InferenceGraphResource.class)).create();
    }

    private InferenceGraphStatus await(String ns, String status) {
        Predicate<InferenceGraphStatus> test = s -> s.condition("Ready") != null
                && status.equals(s.condition("Ready").getStatus());
        return Cluster.await("status of graph " + ns + "/vote", () -> {
            InferenceGraphResource r = cluster.client().resources(InferenceGraphResource.class).inNamespace(ns)
                    .withName("vote").get();
            return r != null && r.getStatus() != null && test.test(r.getStatus()) ? r.getStatus() : null;
        });
    }

    @Test
    void aGraphWaitsForTheServicesItNames() {
        apply(graph("graph-1", "        - serviceName: iris\n"));
        Condition c = await("graph-1", "False").condition("Ready");
        assertEquals("ServicesNotReady", c.getReason());
        assertEquals("InferenceServices not ready: iris (not found)", c.getMessage());
    }

    @Test
    void aGraphIsReadyOnceItsServicesAre() {
        cluster.apply(CreateTest.iris("graph-2", ""));
        apply(graph("graph-2", "        - serviceName: iris\n"));
        assertEquals("InferenceServices not ready: iris",
                await("graph-2", "False").condition("Ready").getMessage());
        cluster.awaitKsvc("graph-2", "iris-predictor", x -> true);
        cluster.knativeReports("graph-2", "iris-predictor", "iris-predictor-00001", "iris-predictor-00001", 100,
                true);
        InferenceGraphStatus s = await("graph-2", "True");
        assertEquals("http://vote.graph-2.example.com", s.getUrl());
    }

    @Test
    void anInvalidGraphSaysWhy() {
        apply(graph("graph-3", "        - {serviceName: iris, nodeName: root}\n"));
        Condition c = await("graph-3", "False").condition("Ready");
        assertEquals("InvalidSpec", c.getReason());
        assertEquals("graph-3/vote: spec.nodes.root.steps[0] has 2 targets (serviceName, nodeName): set exactly one "
                + "of serviceName, serviceUrl, nodeName", c.getMessage());
    }

    @Test
    void nothingIsCreatedForAGraph() {
        apply(graph("graph-4", "        - serviceUrl: http://example.org/v1/models/m:predict\n"));
        await("graph-4", "True");
        assertTrue(cluster.ksvcs("graph-4").isEmpty());
        assertTrue(cluster.client().apps().deployments().inNamespace("graph-4").list().getItems().isEmpty());
    }
}
