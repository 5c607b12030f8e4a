package dev.augur.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images of every service, built by this run (bin/base-images, then bin/image-build per service) into a fresh
 * podman store ({@link ImageStore}, shared with LocalImagesIT), run as Kubernetes runs them: read-only root file
 * system, the image's own user, port 8080.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IRIS = Podman.ROOT.resolve("models/iris-forest");
    private static final List<String> SERVICES = List.of("predictor", "transformer", "explainer", "gateway",
            "operator");
    private Podman podman;

    @BeforeAll
    void buildImages() throws Exception {
        ImageStore store = ImageStore.shared();
        podman = store.podman;
        store.build(SERVICES.toArray(String[]::new));
    }

    /** The predictor with models/iris-forest mounted read-only as model "iris" where KServe mounts models. */
    private Container predictor(String... env) throws Exception {
        List<String> options = new ArrayList<>(List.of("-v", IRIS + ":/mnt/models/iris:ro"));
        for (String e : env) {
            options.add("-e");
            options.add(e);
        }
        return Container.start(podman, "augur/predictor-jvm:latest", options.toArray(String[]::new));
    }

    @Test
    void transformerImageStartsWithAPipelineAndAnswersReady() throws Exception {
        // Inline pipeline YAML (augur.transformer.pipeline accepts a file or the YAML itself).
        String pipeline = "name: iris\npredictor: {address: \"127.0.0.1:9\", model: iris}\npreprocess:\n"
                + "  - tabular: {output: float_input, features: [a, b, c, d]}\noutputs: [label]\n";
        try (Container c = Container.start(podman, "augur/transformer-jvm:latest",
                "-e", "AUGUR_TRANSFORMER_PIPELINE=" + pipeline)) {
            c.awaitOk("/v2/health/ready");
        }
    }

    @ParameterizedTest
    @CsvSource({"predictor, /v2/health/ready", "gateway, /v2/health/ready",
        // The explainer is ready once its predictor is (none here): it must start and be live.
        "explainer, /q/health/live"})
    void imageStartsAndAnswersOnPort8080(String service, String path) throws Exception {
        // The gateway refuses to start open on a non-loopback address unless told to (no keys file here).
        String[] options = service.equals("gateway") ? new String[] {"-e", "AUGUR_GATEWAY_SECURITY_ENABLED=false"}
                : new String[0];
        try (Container c = Container.start(podman, "augur/" + service + "-jvm:latest", options)) {
            c.awaitOk(path);
        }
    }

    @Test
    void operatorImageStartsItsApplicationUntilItNeedsTheApiServer() throws Exception {
        // No Kubernetes API server here: the operator's start fails when its client first calls it, which it
        // only reaches after the JVM, run.sh and Quarkus started in the image.
        try (Container c = Container.start(podman, "augur/operator-jvm:latest",
                "-e", "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL=http://127.0.0.1:9")) {
            podman.run("wait", c.name);
            String logs = c.logs();
            assertTrue(logs.contains("Failed to start application") && logs.contains("KubernetesClientException")
                    && logs.contains("127.0.0.1:9"), logs);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"predictor", "transformer", "explainer", "gateway", "operator"})
    void imageRunsAsNonRootUser185(String service) throws Exception {
        assertEquals("185", podman.run("image", "inspect", "--format", "{{.Config.User}}",
                "augur/" + service + "-jvm:latest"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"predictor", "transformer", "explainer", "gateway", "operator"})
    void imageIsLabelledWithVersionAndSourceRevision(String service) throws Exception {
        String labels = podman.run("image", "inspect", "--format",
                "{{index .Labels \"org.opencontainers.image.version\"}} "
                        + "{{index .Labels \"org.opencontainers.image.revision\"}}",
                "augur/" + service + "-jvm:latest");
        assertTrue(labels.matches(System.getProperty("augur.version", "test").replace(".", "\\.")
                + " [0-9a-f]{40}(-dirty)?"), labels);
    }

    @Test
    void predictorServesIrisWithScikitLearnsLabels() throws Exception {
        JsonNode reference = JSON.readTree(IRIS.resolve("reference.json").toFile());
        try (Container c = predictor()) {
            c.awaitOk("/v2/health/ready");
            HttpResponse<String> r = Container.HTTP.send(HttpRequest.newBuilder(c.uri("/v2/models/iris/infer"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(infer(reference.get("inputs")))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(reference.get("labels"), label(JSON.readTree(r.body())));
        }
    }

    @Test
    void predictorStartsFromTheAotCacheOfTheJdk25Image() throws Exception {
        // AOTMode=on: the JVM exits instead of starting when the cache in the image cannot be used.
        try (Container c = predictor("JAVA_OPTS_APPEND=-XX:AOTMode=on")) {
            c.awaitOk("/v2/health/ready");
            assertTrue(c.logs().lines().noneMatch(l -> l.contains("starting without the AOT cache")));
        }
    }

    @Test
    void sigtermFinishesTheInFlightRequestBeforeTheContainerStops() throws Exception {
        JsonNode reference = JSON.readTree(IRIS.resolve("reference.json").toFile());
        byte[] body = infer(reference.get("inputs")).getBytes(StandardCharsets.UTF_8);
        try (Container c = predictor()) {
            c.awaitOk("/v2/health/ready");
            try (Socket s = new Socket("127.0.0.1", c.port)) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /v2/models/iris/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                // The request is in flight (half its body arrived) when SIGTERM comes; podman stop waits 30 s
                // (Kubernetes' default grace period) before SIGKILL.
                Thread.sleep(500);
                Thread stop = new Thread(() -> {
                    try {
                        podman.run("stop", "-t", "30", c.name);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                stop.start();
                Thread.sleep(1000);
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                String response = read(s.getInputStream());
                assertTrue(response.startsWith("HTTP/1.1 200"), response);
                String json = body(response);
                assertEquals(reference.get("labels"), label(JSON.readTree(json)));
                stop.join();
            }
            // 137: SIGKILL after the grace period; a JVM that ended on SIGTERM exits 143.
            assertNotEquals("137", podman.run("inspect", "--format", "{{.State.ExitCode}}", c.name), c.logs());
        }
    }

    private static String infer(JsonNode rows) {
        List<String> flat = new ArrayList<>();
        rows.forEach(row -> row.forEach(v -> flat.add(v.asText())));
        return "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[" + rows.size() + ",4],\"datatype\":\"FP32\","
                + "\"data\":[" + String.join(",", flat) + "]}]}";
    }

    private static JsonNode label(JsonNode response) {
        for (JsonNode output : response.get("outputs")) {
            if ("label".equals(output.get("name").asText())) {
                return output.get("data");
            }
        }
        throw new AssertionError("no label output: " + response);
    }

    /** The body of a raw HTTP/1.1 response, de-chunked when the server chunked it. */
    private static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        String rest = response.substring(end + 4);
        if (!response.substring(0, end).toLowerCase().contains("transfer-encoding: chunked")) {
            return rest;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = rest.indexOf("\r\n", i);
            int size = Integer.parseInt(rest.substring(i, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(rest, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }

    private static String read(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
