package dev.augur.gateway.e2e;

import dev.augur.supervisor.LocalCatalog;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Points the gateway at a temporary services folder with real predictor processes (the reactor builds the
 * predictor jar before the gateway) and two stand-ins that run in this JVM: a component that accepts connections
 * and never answers (a hung predictor), and a gRPC server that records the metadata it receives.
 *
 * <p>Services: {@code iris} (for equality with the predictor's direct answer), {@code canary} (updated by the
 * canary test), {@code sleepy} ({@code minReplicas: 0}), {@code fragile} (killed by the down test), {@code hung}
 * and {@code echo} (the stand-ins).
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {
    static final Path MODELS = Path.of("../models").toAbsolutePath().normalize();
    static final Path PREDICTOR_JAR = Path.of("../predictor/target/quarkus-app/quarkus-run.jar").toAbsolutePath()
            .normalize();
    static final Path TRANSFORMER_JAR = Path.of("../transformer/target/quarkus-app/quarkus-run.jar")
            .toAbsolutePath().normalize();
    static final Path EXPLAINER_JAR = Path.of("../explainer/target/quarkus-app/quarkus-run.jar").toAbsolutePath()
            .normalize();
    static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
    static final int HUNG_TIMEOUT_SECONDS = 1;
    static final int CANARY_PERCENT = 25;
    static final String IDLE = "2s";

    /** Where the canary test writes its update; set at start. */
    static volatile Path servicesDir;

    private Path root;
    private ServerSocket silent;
    private final List<Socket> held = new ArrayList<>();
    private EchoComponent echo;

    @Override
    public Map<String, String> start() {
        for (Path jar : List.of(PREDICTOR_JAR, TRANSFORMER_JAR, EXPLAINER_JAR)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build through the reactor (mvn verify), which "
                        + "packages the components before the gateway");
            }
        }
        try {
            root = Files.createTempDirectory("augur-gateway-test");
            servicesDir = Files.createDirectories(root.resolve("services"));
            silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptAndStaySilent, "hung-component");
            acceptor.setDaemon(true);
            acceptor.start();
            echo = EchoComponent.start();

            write("iris", predictor("iris", "", "iris-logreg"));
            write("canary", predictor("canary", "", "iris-logreg"));
            write("sleepy", predictor("sleepy", "    minReplicas: 0\n", "iris-logreg"));
            write("fragile", predictor("fragile", "", "iris-logreg"));
            write("hung", external("hung", silent.getLocalPort(), HUNG_TIMEOUT_SECONDS));
            write("echo", external("echo", echo.port(), 10));
            write("pipeline", pipeline());
            GraphFixtures.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        // Tracing on for the suite, into the in-process OTLP receiver; only traces a client started (a sampled
        // traceparent) are kept, so the suite's other thousands of requests make no spans (sampler ratio 0).
        String otlp = OtlpReceiver.shared().endpoint();
        Map<String, String> tracing = Map.of("quarkus.otel.exporter.otlp.traces.endpoint", otlp,
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                "quarkus.otel.traces.sampler.arg", "0");
        StringBuilder childTracing = new StringBuilder();
        tracing.forEach((k, v) -> childTracing.append(" -D").append(k).append('=').append(v));
        Map<String, String> config = new java.util.HashMap<>(tracing);
        config.putAll(Map.ofEntries(
                Map.entry("quarkus.http.test-port", Integer.toString(port)),
                Map.entry("augur.local.gateway-address", "127.0.0.1:" + port),
                Map.entry("augur.local.transformer-jar", TRANSFORMER_JAR.toString()),
                Map.entry("augur.local.explainer-jar", EXPLAINER_JAR.toString()),
                Map.entry("augur.services-dir", servicesDir.toString()),
                Map.entry("augur.local.run-dir", root.resolve("run").toString()),
                Map.entry("augur.local.predictor-jar", PREDICTOR_JAR.toString()),
                // C1 only and a small heap: several predictor JVMs start at once on 2 cores.
                Map.entry("augur.local.jvm-options", "-Xmx128m -XX:TieredStopAtLevel=1"
                        + childTracing),
                // The console's charts sample often, so a test sees a burst within a second.
                Map.entry("augur.console.sample-interval", "500ms"),
                Map.entry("augur.local.poll-interval", "200ms"),
                // A dozen JVMs start at once here on 2 cores, often shared: 60 s is not always enough.
                Map.entry("augur.local.startup-timeout", "150s"),
                Map.entry("augur.scale-to-zero.idle", IDLE),
                // Long enough that a killed component stays down while the test looks at it.
                Map.entry("augur.local.restart-delay", "5m"),
                Map.entry("augur.activator.timeout", "60s"),
                Map.entry("quarkus.http.limits.max-body-size", "256K"),
                Map.entry("quarkus.grpc.server.max-inbound-message-size", Integer.toString(256 * 1024))));
        return config;
    }

    @Override
    public void stop() {
        OtlpReceiver.shared().close();
        try {
            if (silent != null) {
                silent.close();
            }
            for (Socket s : held) {
                s.close();
            }
            if (echo != null) {
                echo.close();
            }
            GraphFixtures.stop();
            if (root != null) {
                try (Stream<Path> all = Files.walk(root)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hung component: the TCP connection succeeds, then nothing, not even HTTP/2 settings. */
    private void acceptAndStaySilent() {
        while (!silent.isClosed()) {
            try {
                held.add(silent.accept());
            } catch (IOException e) {
                return;
            }
        }
    }

    static void write(String name, String yaml) throws IOException {
        Path tmp = servicesDir.resolve("." + name + ".tmp");
        Files.writeString(tmp, yaml);
        // Renamed into place, so the folder poll never reads half a file.
        Files.move(tmp, servicesDir.resolve(name + ".yaml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String predictor(String name, String componentFields, String model) {
        return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: " + name
                + "\nspec:\n  predictor:\n" + componentFields
                + "    model:\n      modelFormat:\n        name: onnx\n      storageUri: file://"
                + MODELS.resolve(model) + "\n";
    }

    /** Iris behind Augur's transformer (the shipped example pipeline) and with Augur's explainer (KernelSHAP). */
    private static String pipeline() {
        return predictor("pipeline", "", "iris-logreg")
                + "  transformer:\n    containers:\n      - name: kserve-container\n"
                + "        image: ghcr.io/augur-dev/augur-transformer:0.1.0\n"
                + "        env:\n          - name: AUGUR_TRANSFORMER_PIPELINE\n            value: "
                + EXAMPLES.resolve("pipelines/iris.yaml") + "\n"
                + "  explainer:\n    containers:\n      - name: kserve-container\n"
                + "        image: augur-explainer\n"
                + "        env:\n          - name: AUGUR_EXPLAINER_BACKGROUND\n            value: "
                + MODELS.resolve("iris-logreg/reference.json") + "\n"
                + "          - name: AUGUR_EXPLAINER_FEATURE_NAMES\n"
                + "            value: sepal_length,sepal_width,petal_length,petal_width\n";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String external(String name, int port, int timeout) {
        return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: " + name
                + "\n  annotations:\n    " + LocalCatalog.PREDICTOR_ADDRESS + ": 127.0.0.1:" + port
                + "\nspec:\n  predictor:\n    timeout: " + timeout
                + "\n    model:\n      modelFormat:\n        name: onnx\n      storageUri: file://"
                + MODELS.resolve("iris-logreg") + "\n";
    }
}
