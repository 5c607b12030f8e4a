package dev.augur.operator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.operator.Specs;
import dev.augur.operator.crd.InferenceServiceResource;
import dev.augur.operator.crd.InferenceServiceStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new InferenceService becomes Knative Services and reports their state. Each test has its own namespace. */
@QuarkusTest
@WithKubernetesTestServer(setup = MockCluster.class)
class CreateTest {
    static final String MODEL = "    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://models/iris/v1/\n";

    private final Cluster cluster;

    CreateTest(KubernetesClient client) {
        this.cluster = new Cluster(client);
    }

    static String iris(String ns, String predictorFields) {
        return Specs.isvc(ns, "iris", "", "  predictor:\n" + predictorFields + MODEL);
    }

    @Test
    void predictorBecomesKnativeServiceWithH2cPort() {
        cluster.apply(iris("create-1", "    minReplicas: 0\n"));
        GenericKubernetesResource k = cluster.awaitKsvc("create-1", "iris-predictor", x -> true);
        Map<String, Object> container = ((List<Map<String, Object>>) (List<?>) Cluster.map(k.getAdditionalProperties(),
                "spec", "template", "spec").get("containers")).get(0);
        assertEquals("augur/predictor-jvm:latest", container.get("image"));
        assertEquals(List.of(Map.of("name", "h2c", "containerPort", 8080, "protocol", "TCP")), container.get("ports"));
        assertEquals("0", Cluster.templateAnnotations(k).get("autoscaling.knative.dev/min-scale"));
    }

    @Test
    void childIsControlledByTheInferenceService() {
        InferenceServiceResource isvc = cluster.apply(iris("create-2", ""));
        GenericKubernetesResource k = cluster.awaitKsvc("create-2", "iris-predictor", x -> true);
        OwnerReference owner = k.getMetadata().getOwnerReferences().get(0);
        assertEquals(isvc.getMetadata().getUid(), owner.getUid());
        assertEquals("InferenceService", owner.getKind());
        assertEquals("serving.augur.dev/v1beta1", owner.getApiVersion());
        assertEquals(Boolean.TRUE, owner.getController());
    }

    @Test
    void modelSettingsAreMountedFromConfigMap() {
        cluster.apply(iris("create-3", ""));
        cluster.awaitKsvc("create-3", "iris-predictor", x -> true);
        List<ConfigMap> maps = cluster.client().configMaps().inNamespace("create-3").list().getItems();
        assertEquals(1, maps.size());
        assertEquals("format: \"onnx\"\nstorage_uri: \"s3://models/iris/v1/\"\n",
                maps.get(0).getData().get("config.yaml"));
        assertTrue(maps.get(0).getImmutable());
    }

    @Test
    void statusIsUnknownUntilKnativeReportsReady() {
        cluster.apply(iris("create-4", ""));
        InferenceServiceStatus s = cluster.awaitStatus("create-4", "iris", Cluster.condition("Ready", "Unknown"));
        assertEquals("Unknown", s.condition("PredictorReady").getStatus());
        assertEquals("http://iris.create-4.example.com", s.getUrl());
    }

    @Test
    void readyRevisionMakesTheServiceReady() {
        cluster.apply(iris("create-5", ""));
        cluster.awaitKsvc("create-5", "iris-predictor", x -> true);
        cluster.knativeReports("create-5", "iris-predictor", "iris-predictor-00001", "iris-predictor-00001", 100,
                true);
        InferenceServiceStatus s = cluster.awaitStatus("create-5", "iris", Cluster.condition("Ready", "True"));
        assertEquals("True", s.condition("PredictorReady").getStatus());
        assertEquals("iris-predictor-00001", s.getComponents().get("predictor").getLatestReadyRevision());
        assertEquals("iris-predictor-00001", s.getComponents().get("predictor").getLatestRolledoutRevision());
        assertEquals("http://iris-predictor.create-5.svc.cluster.local", s.getAddress().url());
    }

    @Test
    void transformerGetsItsOwnServiceAndTheAddress() {
        cluster.apply(Specs.isvc("create-6", "iris", "", "  predictor:\n" + MODEL + "  transformer:\n"
                + "    containers:\n      - image: augur/transformer-jvm:latest\n"));
        GenericKubernetesResource t = cluster.awaitKsvc("create-6", "iris-transformer", x -> true);
        assertTrue(t.toString().contains("iris-predictor.create-6.svc.cluster.local:80"), t.toString());
        InferenceServiceStatus s = cluster.awaitStatus("create-6", "iris",
                x -> x.condition("TransformerReady") != null);
        assertEquals("http://iris-transformer.create-6.svc.cluster.local", s.getAddress().url());
    }
}
