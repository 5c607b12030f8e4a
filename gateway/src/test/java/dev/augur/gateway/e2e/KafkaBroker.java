package dev.augur.gateway.e2e;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, Kafka's own jars from Maven Central) started with {@code bin/kafka-broker}
 * on free ports for the suite, and the gateway's Kafka path turned on against it.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {
    static final Path SCRIPT = Path.of("../bin/kafka-broker").toAbsolutePath().normalize();
    static volatile String bootstrap;
    /** Extra environment of {@code bin/kafka-broker}, e.g. {@code KAFKA_SCRAM_USERS}. */
    private final Map<String, String> env;
    private Path dir;
    private int port;
    private int controllerPort;

    public KafkaBroker() {
        this(Map.of());
    }

    KafkaBroker(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Map<String, String> start() {
        try {
            port = freePort();
            controllerPort = freePort();
            dir = Files.createTempDirectory("augur-kafka-test");
            run("start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bootstrap = "127.0.0.1:" + port;
        return Map.of("augur.kafka.enabled", "true", "augur.kafka.bootstrap-servers", bootstrap,
                // Fast retries keep the retry paths of the tests short.
                "augur.kafka.retry-backoff", "50ms");
    }

    private void run(String action) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), action).redirectErrorStream(true)
                .redirectOutput(dir.resolve(action + ".out").toFile());
        pb.environment().put("KAFKA_PORT", Integer.toString(port));
        pb.environment().put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        pb.environment().put("KAFKA_DIR", dir.toString());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bin/kafka-broker " + action + " failed: "
                        + Files.readString(dir.resolve(action + ".out")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void stop() {
        try {
            run("stop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
