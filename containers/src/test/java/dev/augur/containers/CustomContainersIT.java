package dev.augur.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Local mode's container mode with an image that is not Augur's: Debian's python3 and a small V2 REST server
 * written for this test (custom-image/server.py), built by the test into its own podman store. The packaged gateway
 * runs it as podman containers beside Augur's predictor process, as an InferenceService's transformer (in front of
 * Augur's predictor) and as a predictor on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomContainersIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "localhost/augur-test/v2-python:1";
    private static final String ABSENT = "localhost/augur-test/absent:1";
    private Podman podman;
    private Gateway gateway;
    private Path run;

    @BeforeAll
    void start() throws Exception {
        Path dir = Path.of("target/custom-" + System.currentTimeMillis()).toAbsolutePath();
        podman = new Podman(dir.resolve("podman"));
        String unavailable = podman.unavailable();
        assumeTrue(unavailable == null, () -> "containers cannot run here: " + unavailable);
        podman.script("bin/base-images", "python");
        Podman.Result hello = podman.tryRun("run", "--rm", "--network", "none", "localhost/augur/base-python:3",
                "python3", "-c", "print('ok')");
        assumeTrue(hello.code() == 0, () -> "podman cannot run containers here: " + hello.out());
        Path context = Path.of("src/test/resources/custom-image").toAbsolutePath();
        podman.run("build", "-q", "-t", IMAGE, context.toString());

        Path services = Files.createDirectories(dir.resolve("services"));
        Files.writeString(services.resolve("iris-mm.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: iris-mm
                spec:
                  predictor:
                    model:
                      modelFormat: {name: onnx}
                      storageUri: %s
                  transformer:
                    containers:
                      - name: kserve-container
                        image: %s
                        env:
                          - {name: PROTOCOL, value: v2}
                        ports:
                          - {containerPort: 8080, protocol: TCP}
                        readinessProbe:
                          httpGet: {path: /v2/health/ready, port: 8080}
                """.formatted(Podman.ROOT.resolve("models/iris-forest"), IMAGE));
        Files.writeString(services.resolve("sums.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: sums
                spec:
                  predictor:
                    containers:
                      - name: kserve-container
                        image: %s
                        args: [--role, predictor, --model_name, sums]
                        env:
                          - {name: PROTOCOL, value: v2}
                """.formatted(IMAGE));
        // No PROTOCOL: V1, KServe's default for a custom container.
        Files.writeString(services.resolve("sums-v1.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: sums-v1
                spec:
                  predictor:
                    containers:
                      - name: kserve-container
                        image: %s
                        args: [--role, predictor, --model_name, sums-v1]
                """.formatted(IMAGE));
        // Fails at once, and stays down until asked (minReplicas 0): the image is not in the store.
        Files.writeString(services.resolve("absent.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: absent
                spec:
                  predictor:
                    minReplicas: 0
                    containers:
                      - name: kserve-container
                        image: %s
                        env:
                          - {name: PROTOCOL, value: v2}
                """.formatted(ABSENT));
        run = dir.resolve("run");
        gateway = Gateway.start(services, run, Map.of(
                "AUGUR_LOCAL_CONTAINERS_PODMAN_OPTIONS", podman.options(),
                "AUGUR_LOCAL_CONTAINERS_CONF", Podman.ROOT.resolve("src/main/containers/containers.conf").toString()));
        gateway.awaitReady();
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (podman != null) {
            podman.tryRun("system", "reset", "--force");
        }
    }

    @Test
    @Order(1)
    void transformerContainerInFrontOfAugursPredictorAnswersScikitLearnsLabels() throws Exception {
        JsonNode reference = JSON.readTree(Podman.ROOT.resolve("models/iris-forest/reference.json").toFile());
        // The container's preprocessing turns millimetres into the centimetres the model was trained on.
        List<String> mm = new ArrayList<>();
        reference.get("inputs").forEach(row -> row.forEach(v -> mm.add(new BigDecimal(v.asText())
                .movePointRight(1).toPlainString())));
        HttpResponse<String> r = gateway.post("/v2/models/iris-mm/infer", "{\"inputs\":[{\"name\":\"features_mm\","
                + "\"datatype\":\"FP32\",\"shape\":[" + reference.get("inputs").size() + ",4],\"data\":["
                + String.join(",", mm) + "]}]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(reference.get("labels"), output(JSON.readTree(r.body()), "label"));
    }

    @Test
    @Order(2)
    void predictorContainerAnswersTheHandComputedRowSums() throws Exception {
        // [1,2,3] and [4,5,6] cm are 10+20+30 = 60 and 40+50+60 = 150 mm.
        HttpResponse<String> r = gateway.post("/v2/models/sums/infer", "{\"inputs\":[{\"name\":\"x\","
                + "\"datatype\":\"INT64\",\"shape\":[2,3],\"data\":[1,2,3,4,5,6]}]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(JSON.readTree("[60.0,150.0]"), output(JSON.readTree(r.body()), "sum_mm"));
    }

    @Test
    @Order(3)
    void containersErrorComesBackInTheProtocolsForm() throws Exception {
        // A well-formed V2 request (the gateway passes it on) that the container refuses: it takes [N,K] only.
        HttpResponse<String> r = gateway.post("/v2/models/sums/infer", "{\"inputs\":[{\"name\":\"x\","
                + "\"datatype\":\"INT64\",\"shape\":[3],\"data\":[1,2,3]}]}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("input 'x' must have shape [N,K] and data", JSON.readTree(r.body()).path("error").asText());
    }

    @Test
    @Order(4)
    void anImageNotInTheLocalStoreAnswers503NamingIt() throws Exception {
        HttpResponse<String> r = gateway.post("/v2/models/absent/infer", "{\"inputs\":[{\"name\":\"x\","
                + "\"datatype\":\"INT64\",\"shape\":[1,1],\"data\":[1]}]}");
        assertEquals(503, r.statusCode(), r.body());
        String error = JSON.readTree(r.body()).path("error").asText();
        assertTrue(error.contains(ABSENT) && error.contains("not in podman's local store"), r.body());
    }

    @Test
    @Order(5)
    void aV1ContainerAnswersAV1RequestWithItsPredictions() throws Exception {
        HttpResponse<String> r = gateway.post("/v1/models/sums-v1:predict", "{\"instances\":[[1,2,3],[4,5,6]]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(JSON.readTree("{\"predictions\":[60.0,150.0]}"), JSON.readTree(r.body()));
    }

    @Test
    @Order(6)
    void aV1RequestToAV2ContainerAnswers501() throws Exception {
        // A V1 body carries no datatypes: the gateway does not guess them for a V2 container.
        HttpResponse<String> r = gateway.post("/v1/models/sums:predict", "{\"instances\":[[1,2,3]]}");
        assertEquals(501, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).path("error").asText().contains("send the V2 protocol"), r.body());
    }

    @Test
    @Order(7)
    void stoppingTheGatewayStopsAndRemovesItsContainers() throws Exception {
        String label = "label=dev.augur.run-dir=" + run.toAbsolutePath().normalize();
        assertEquals(3, podman.run("ps", "-aq", "--filter", label).lines().count(),
                "the transformer, sums and sums-v1");
        gateway.stop();
        assertEquals("", podman.run("ps", "-aq", "--filter", label));
    }

    private static JsonNode output(JsonNode response, String name) {
        for (JsonNode o : response.path("outputs")) {
            if (name.equals(o.path("name").asText())) {
                return o.get("data");
            }
        }
        throw new AssertionError("no output " + name + ": " + response);
    }

    private String logs() {
        try {
            return "\ngateway log:\n" + Files.readString(gateway.log);
        } catch (java.io.IOException e) {
            return "\n(no gateway log: " + e + ")";
        }
    }
}
