package dev.augur.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample platform in local mode's container runtime ({@code AUGUR_LOCAL_RUNTIME=containers}, {@code ./augur up
 * --containers}): the packaged gateway (a process) runs every component of examples/' iris, iris-forest, iris-pmml and
 * iris-explained as Augur's images with podman (the store {@link ImageStore} shares with ImagesIT). The README's curls
 * get the answers the process mode gives, checked against scikit-learn's and the models' reference files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalImagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SAMPLES = List.of("iris.yaml", "iris-forest.yaml", "iris-pmml.yaml",
            "iris-explained.yaml", "pipelines/iris.yaml", "pipelines/iris-labels.txt");
    private static final String ABSENT = "augur/transformer-jvm:absent";
    private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};
    /** The README's rows. */
    private static final List<Double> ROW_76 = List.of(6.8, 2.8, 4.8, 1.4);
    private static final List<Double> ROW_0 = List.of(5.1, 3.5, 1.4, 0.2);
    private Podman podman;
    private Gateway gateway;
    private Path run;

    @BeforeAll
    void start() throws Exception {
        ImageStore store = ImageStore.shared();
        podman = store.podman;
        store.build("predictor", "transformer", "explainer");
        Path dir = Path.of("target/local-images-" + System.currentTimeMillis()).toAbsolutePath();
        // The sample files themselves, in a folder beside a link to models/: their relative paths
        // (storageUri ../models/..., the explainer's background) mean what they mean in examples/.
        Path services = Files.createDirectories(dir.resolve("services"));
        Files.createSymbolicLink(dir.resolve("models"), Podman.ROOT.resolve("models"));
        for (String f : SAMPLES) {
            Files.createDirectories(services.resolve(f).getParent());
            Files.copy(Podman.ROOT.resolve("examples").resolve(f), services.resolve(f));
        }
        // Its predictor runs elsewhere (never started: the request stops at the transformer, whose image is absent).
        Files.writeString(services.resolve("absent.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: absent
                  annotations:
                    local.augur.dev/predictor-address: 127.0.0.1:9
                spec:
                  predictor:
                    model: {modelFormat: {name: onnx}, storageUri: ../models/iris-logreg}
                  transformer:
                    containers:
                      - {name: kserve-container, image: %s}
                """.formatted(ABSENT));
        run = dir.resolve("run");
        gateway = Gateway.start(services, run, Map.of(
                "AUGUR_LOCAL_RUNTIME", "containers",
                "AUGUR_LOCAL_CONTAINERS_PODMAN_OPTIONS", podman.options(),
                "AUGUR_LOCAL_CONTAINERS_CONF", Podman.ROOT.resolve("src/main/containers/containers.conf").toString(),
                // Six JVMs start at once on a small CI machine.
                "AUGUR_LOCAL_STARTUP_TIMEOUT", "240s", "AUGUR_ACTIVATOR_TIMEOUT", "240s",
                "AUGUR_SCALE_TO_ZERO_IDLE", "5s"));
        gateway.awaitReady();
    }

    @AfterAll
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void irisV1PredictAnswersScikitLearnsLabels() throws Exception {
        JsonNode reference = reference("iris-logreg");
        HttpResponse<String> r = gateway.post("/v1/models/iris:predict",
                "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(List.of(label(reference, ROW_76), label(reference, List.of(6.0, 3.4, 4.5, 1.6))),
                JSON.convertValue(JSON.readTree(r.body()).get("predictions"), List.class));
    }

    @Test
    @Order(2)
    void everyComponentOfTheSamplesRunsAsAnAugurImage() throws Exception {
        String label = "label=dev.augur.run-dir=" + run.toAbsolutePath().normalize();
        Map<String, String> running = new TreeMap<>();
        for (String line : podman.run("ps", "--filter", label, "--format",
                "{{index .Labels \"dev.augur.revision\"}} {{.Image}}").lines().toList()) {
            running.put(line.split(" ")[0], line.split(" ")[1]);
        }
        Map<String, String> expected = Map.of("iris-predictor-00001", "augur/predictor-jvm:latest",
                "iris-forest-predictor-00001", "augur/predictor-jvm:latest",
                "iris-explained-predictor-00001", "augur/predictor-jvm:latest",
                "iris-explained-transformer-00001", "augur/transformer-jvm:latest",
                "iris-explained-explainer-00001", "augur/explainer-jvm:latest");
        expected.forEach((revision, image) -> assertTrue(running.getOrDefault(revision, "").endsWith(image),
                () -> revision + " should run " + image + ": " + running));
    }

    @Test
    @Order(3)
    void irisForestV2InferAnswersScikitLearnsLabel() throws Exception {
        HttpResponse<String> r = gateway.post("/v2/models/iris-forest/infer", "{\"inputs\":[{\"name\":"
                + "\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[6.8,2.8,4.8,1.4]}]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(List.of(label(reference("iris-forest"), ROW_76)),
                JSON.convertValue(output(JSON.readTree(r.body()), "label"), List.class));
    }

    @Test
    @Order(4)
    void irisPmmlAnswersTheReadmesRowOfObjects() throws Exception {
        // The README's answer, which is models/iris-pmml/reference.json's row 0: setosa, certain, leaf 1.
        JsonNode reference = reference("iris-pmml");
        HttpResponse<String> r = gateway.post("/v1/models/iris-pmml:predict",
                "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        JsonNode p = JSON.readTree(r.body()).get("predictions").get(0);
        assertEquals(reference.get("labels").get(0).asText(), p.get("Species").asText());
        for (int c = 0; c < 3; c++) {
            assertEquals(reference.get("probabilities").get(0).get(c).asDouble(),
                    p.get("Probability_" + reference.get("classes").get(c).asText()).asDouble(), 1e-9);
        }
        assertEquals(reference.get("node_ids").get(0).asText(), p.get("Node_Id").asText());
    }

    @Test
    @Order(5)
    void irisExplainedTakesNamedFieldsAndAnswersTheSpecies() throws Exception {
        HttpResponse<String> r = gateway.post("/v2/models/iris-explained/infer", "{\"inputs\":["
                + "{\"name\":\"sepal_length\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[6.8]},"
                + "{\"name\":\"sepal_width\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[2.8]},"
                + "{\"name\":\"petal_length\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[4.8]},"
                + "{\"name\":\"petal_width\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1.4]}],"
                + "\"outputs\":[{\"name\":\"species\"}]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(List.of(SPECIES[label(reference("iris-logreg"), ROW_76)]),
                JSON.convertValue(output(JSON.readTree(r.body()), "species"), List.class));
    }

    /** KernelSHAP with every coalition: attributions add up to f(x) - E[f(background)], from sklearn's numbers. */
    @Test
    @Order(6)
    void irisExplainedExplainIsKernelShapWithSklearnAdditivity() throws Exception {
        JsonNode reference = reference("iris-logreg");
        HttpResponse<String> r = gateway.post("/v1/models/iris-explained:explain",
                "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        JsonNode e = JSON.readTree(r.body()).get("explanations");
        assertEquals("kernel-shap", e.get("method").asText());
        JsonNode data = e.get("data").get(0);
        int cls = data.get("prediction").get("class").asInt();
        assertEquals(label(reference, ROW_0), cls);
        double sum = 0;
        for (JsonNode v : data.get("shap_values")) {
            sum += v.asDouble();
        }
        JsonNode probabilities = reference.get("probabilities");
        double mean = 0;
        for (JsonNode p : probabilities) {
            mean += p.get(cls).asDouble() / probabilities.size();
        }
        assertEquals(probabilities.get(0).get(cls).asDouble() - mean, sum, 1e-4);
    }

    @Test
    @Order(7)
    void aPredictorScaledToZeroStartsAgainAsAContainerAndAnswers() throws Exception {
        // iris-pmml has minReplicas 0; this gateway scales it down after 5 s without requests.
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!"STOPPED".equals(state("iris-pmml")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("STOPPED", state("iris-pmml"), logs());
        // Stopped at once; its container is gone once the JVM has drained and podman removed it.
        String filter = "label=dev.augur.revision=iris-pmml-predictor-00001";
        while (!podman.run("ps", "-aq", "--filter", filter).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("", podman.run("ps", "-aq", "--filter", filter), "its container is gone");
        HttpResponse<String> r = gateway.post("/v1/models/iris-pmml:predict",
                "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");
        assertEquals(200, r.statusCode(), () -> r.body() + logs());
        assertEquals(reference("iris-pmml").get("labels").get(0).asText(),
                JSON.readTree(r.body()).get("predictions").get(0).get("Species").asText());
    }

    @Test
    @Order(8)
    void aMissingAugurImageAnswers503NamingItAndHowToBuildIt() throws Exception {
        HttpResponse<String> r = gateway.post("/v1/models/absent:predict", "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}");
        assertEquals(503, r.statusCode(), r.body());
        String error = JSON.readTree(r.body()).path("error").asText();
        assertTrue(error.contains(ABSENT) && error.contains("not in podman's local store")
                && error.contains("mvn -B package -DskipTests -Pimages -pl transformer -am"), r.body());
    }

    @Test
    @Order(9)
    void stoppingTheGatewayStopsAndRemovesItsContainers() throws Exception {
        String label = "label=dev.augur.run-dir=" + run.toAbsolutePath().normalize();
        gateway.stop();
        assertEquals("", podman.run("ps", "-aq", "--filter", label));
    }

    private static JsonNode reference(String model) throws java.io.IOException {
        return JSON.readTree(Podman.ROOT.resolve("models").resolve(model).resolve("reference.json").toFile());
    }

    /** The reference label of ROW, found among the reference file's inputs. */
    private static int label(JsonNode reference, List<Double> row) {
        JsonNode inputs = reference.get("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            if (JSON.convertValue(inputs.get(i), List.class).equals(row)) {
                return reference.get("labels").get(i).asInt();
            }
        }
        throw new AssertionError(row + " is not among the reference inputs");
    }

    private String state(String service) throws Exception {
        for (JsonNode s : JSON.readTree(gateway.get("/augur/services").body()).get("services")) {
            if (service.equals(s.get("name").asText())) {
                JsonNode revisions = s.get("revisions");
                return revisions.isEmpty() ? "none" : revisions.get(revisions.size() - 1).get("state").asText();
            }
        }
        return "unknown";
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
