package dev.augur.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.augur.isvc.InferenceGraph;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cluster mode's InferenceGraphs ({@link ClusterObjects#graphs}), against fabric8's mock API server: what the CRD holds is what the gateway routes. */
class ClusterGraphsTest {
    private static KubernetesMockServer server;
    private static KubernetesClient client;
    private ClusterObjects<InferenceGraph> graphs;

    @BeforeAll
    static void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.destroy();
    }

    @AfterEach
    void stopInformer() {
        if (graphs != null) {
            graphs.close();
        }
    }

    private static void create(String ns, String name, String steps) {
        String yaml = "apiVersion: serving.augur.dev/v1alpha1\nkind: InferenceGraph\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\nspec:\n  nodes:\n    root:\n      routerType: Sequence\n      steps:\n"
                + steps;
        GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        client.genericKubernetesResources(ClusterObjects.IG).inNamespace(ns).resource(r).create();
    }

    private ClusterObjects<InferenceGraph> watch(String ns) {
        graphs = ClusterObjects.graphs(client, ns);
        graphs.start();
        return graphs;
    }

    @Test
    void graphsOfTheNamespaceAreRouted() {
        create("graphs-1", "chain", "        - serviceName: iris\n");
        create("graphs-1-other", "elsewhere", "        - serviceName: iris\n");
        ClusterObjects<InferenceGraph> g = watch("graphs-1");
        await(() -> !g.values().isEmpty());
        assertEquals("chain", g.values().get(0).name());
        assertEquals(1, g.values().size());
    }

    @Test
    void anInvalidGraphIsNotRoutedAndItsProblemIsShown() {
        ClusterObjects<InferenceGraph> g = watch("graphs-2");
        create("graphs-2", "chain", "        - nodeName: nowhere\n");
        await(() -> !g.errors().isEmpty());
        assertEquals(List.of("graphs-2/chain: spec.nodes.root.steps[0].nodeName \"nowhere\" names no node of this "
                + "graph; nodes: root"), g.errors());
        assertEquals(List.of(), g.values());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("condition not met within 10 s");
    }
}
