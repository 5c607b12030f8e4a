package dev.augur.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Endpoint;
import dev.augur.isvc.InferenceService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode's view of InferenceServices, against fabric8's mock API server in CRUD mode (no Quarkus needed):
 * what the operator's CRD holds is what the gateway routes to.
 */
class ClusterServicesTest {
    private static KubernetesMockServer server;
    private static KubernetesClient client;
    private ClusterServices services;

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
        if (services != null) {
            services.close();
        }
    }

    private ClusterServices watch(String ns) {
        services = new ClusterServices(client, ns);
        services.start();
        await(services::synced);
        return services;
    }

    private static void create(String ns, String name, String predictorFields) {
        String yaml = "apiVersion: serving.augur.dev/v1beta1\nkind: InferenceService\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\nspec:\n  predictor:\n" + predictorFields
                + "    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://models/iris/\n";
        GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        client.genericKubernetesResources(ClusterServices.ISVC).inNamespace(ns).resource(r).create();
    }

    @Test
    void servicesOfTheNamespaceAreRoutable() {
        create("cluster-1", "iris", "    minReplicas: 0\n");
        ClusterServices s = watch("cluster-1");
        await(() -> s.find("iris").isPresent());
        assertEquals(0, s.find("iris").get().predictor().minReplicas());
        assertEquals("cluster-1", s.find("iris").get().namespace());
    }

    @Test
    void servicesCreatedLaterArePickedUp() {
        ClusterServices s = watch("cluster-2");
        create("cluster-2", "iris", "");
        await(() -> s.find("iris").isPresent());
    }

    @Test
    void otherNamespacesAreNotRouted() {
        create("cluster-3-other", "iris", "");
        ClusterServices s = watch("cluster-3");
        create("cluster-3", "forest", "");
        await(() -> s.find("forest").isPresent());
        assertFalse(s.find("iris").isPresent());
    }

    @Test
    void invalidSpecIsNotRoutedAndItsProblemIsShown() {
        ClusterServices s = watch("cluster-4");
        create("cluster-4", "iris", "    minReplicas: 3\n    maxReplicas: 1\n");
        await(() -> !s.errors().isEmpty());
        assertFalse(s.find("iris").isPresent());
        assertEquals(List.of("cluster-4/iris: spec.predictor.maxReplicas (1) must not be less than minReplicas (3)"),
                s.errors());
    }

    @Test
    void deletedServiceIsForgotten() {
        create("cluster-5", "iris", "");
        ClusterServices s = watch("cluster-5");
        await(() -> s.find("iris").isPresent());
        client.genericKubernetesResources(ClusterServices.ISVC).inNamespace("cluster-5").withName("iris").delete();
        await(() -> s.find("iris").isEmpty());
    }

    @Test
    void revisionsAndReadinessComeFromTheOperatorsStatus() {
        create("cluster-6", "iris", "");
        GenericKubernetesResource r = client.genericKubernetesResources(ClusterServices.ISVC)
                .inNamespace("cluster-6").withName("iris").get();
        r.setAdditionalProperty("status", client.getKubernetesSerialization().unmarshal("""
                conditions: [{type: Ready, status: "True"}]
                components:
                  predictor:
                    traffic:
                      - {revisionName: iris-predictor-00002, latestRevision: true, percent: 10}
                      - {revisionName: iris-predictor-00001, latestRevision: false, percent: 90}
                """, java.util.Map.class));
        client.genericKubernetesResources(ClusterServices.ISVC).inNamespace("cluster-6").resource(r).update();
        ClusterServices s = watch("cluster-6");
        await(() -> s.ready("iris"));
        List<CatalogStatus.Revision> revisions = s.revisions("iris");
        assertEquals(2, revisions.size());
        assertEquals("iris-predictor-00001", revisions.get(1).name());
        assertEquals(90, revisions.get(1).percent());
    }

    @Test
    void componentIsReachedAtItsServiceOnPortEighty() {
        create("cluster-7", "iris", "    timeout: 30\n");
        ClusterServices s = watch("cluster-7");
        await(() -> s.find("iris").isPresent());
        InferenceService isvc = s.find("iris").get();
        Endpoint e = ClusterCatalog.endpoint(isvc, isvc.predictor(), Duration.ofSeconds(60));
        assertEquals("iris-predictor.cluster-7.svc.cluster.local:80", e.address());
        assertEquals(Duration.ofSeconds(30), e.timeout());
        assertTrue(e.component().equals("iris-predictor"));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("condition not met within 10 s");
    }
}
