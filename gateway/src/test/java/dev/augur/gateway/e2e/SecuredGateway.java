package dev.augur.gateway.e2e;

import dev.augur.gateway.security.Authenticator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * A gateway with security on (the profile of the {@code Security*Test} classes): one real iris predictor, a keys file
 * and a JWKS this resource writes, with RSA keys it generates. Keys: {@link #IRIS_KEY} (infer on iris),
 * {@link #ADMIN_KEY} (admin), {@link #LIMITED_KEYS} (infer on iris, one request every 5 s), {@link #SERIAL_KEY}
 * (infer on iris, one at a time), {@link #FRAUD_KEY} (infer by label {@code team: fraud}). Tokens: issuer
 * {@link #ISSUER}, audience {@link #AUDIENCE}, role {@code iris-users} (infer on iris) or {@code fraud-users} (infer
 * by label {@code team: fraud}). Services: {@code iris}, labelled {@code team: fraud}; {@code ledger}, labelled
 * {@code team: risk}, whose predictor address nothing listens on (it is only ever refused or listed).
 */
public class SecuredGateway implements QuarkusTestResourceLifecycleManager {
    static final String IRIS_KEY = "augur_test_iris_6f1c2a";
    static final String ADMIN_KEY = "augur_test_admin_93be07";
    /** Three keys of one request every 5 s (burst 1), one per quota test, so they do not share a bucket. */
    static final String[] LIMITED_KEYS = {"augur_test_limited_51d0e4", "augur_test_limited_7a2b90",
        "augur_test_limited_c3e815"};
    /** Infer on iris, one request in flight at a time. */
    static final String SERIAL_KEY = "augur_test_serial_e4a912";
    /** Infer on the services labelled {@code team: fraud} (iris), named nowhere. */
    static final String FRAUD_KEY = "augur_test_fraud_2d7c41";
    /** Batch jobs on the services labelled {@code team: fraud}. */
    static final String FRAUD_JOBS_KEY = "augur_test_fraud_jobs_88a3f0";
    static final String ISSUER = "https://issuer.augur.test";
    static final String AUDIENCE = "augur-gateway";

    static volatile Path keysFile;
    private static volatile RsaJsonWebKey trusted;
    private static volatile RsaJsonWebKey stranger;
    private Path root;

    /** The profile with a Kafka broker of its own (batch jobs run on the Kafka path): {@code SecurityJobsTest}. */
    public static class WithKafka implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecuredGateway.class), new TestResourceEntry(KafkaBroker.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** The profile: this resource only, not the suite's shared services and broker. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecuredGateway.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            trusted = RsaJwkGenerator.generateJwk(2048);
            trusted.setKeyId("k1");
            // The same key id with another key: what a forged token would carry.
            stranger = RsaJwkGenerator.generateJwk(2048);
            stranger.setKeyId("k1");
            root = Files.createTempDirectory("augur-secured-gateway");
            Path services = Files.createDirectories(root.resolve("services"));
            Files.writeString(services.resolve("iris.yaml"), LocalServices.predictor("iris", "", "iris-logreg")
                    .replace("  name: iris\n", "  name: iris\n  labels:\n    team: fraud\n"));
            // Never called: only refused or listed, so its predictor is an address nothing listens on.
            Files.writeString(services.resolve("ledger.yaml"), LocalServices.predictor("ledger", "", "iris-logreg")
                    .replace("  name: ledger\n", "  name: ledger\n  labels:\n    team: risk\n  annotations:\n    "
                            + "local.augur.dev/predictor-address: 127.0.0.1:" + freePort() + "\n"));
            Path jwks = root.resolve("jwks.json");
            Files.writeString(jwks, new JsonWebKeySet(trusted).toJson());
            keysFile = root.resolve("keys.yaml");
            writeKeys(keys(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        int port = freePort();
        return Map.ofEntries(
                Map.entry("quarkus.http.test-port", Integer.toString(port)),
                Map.entry("augur.local.gateway-address", "127.0.0.1:" + port),
                Map.entry("augur.services-dir", root.resolve("services").toString()),
                Map.entry("augur.local.run-dir", root.resolve("run").toString()),
                Map.entry("augur.local.predictor-jar", LocalServices.PREDICTOR_JAR.toString()),
                Map.entry("augur.local.jvm-options", "-Xmx128m -XX:TieredStopAtLevel=1"),
                Map.entry("augur.local.startup-timeout", "150s"),
                Map.entry("augur.activator.timeout", "60s"),
                Map.entry("augur.gateway.security.keys-file", keysFile.toString()),
                Map.entry("augur.gateway.security.reload-interval", "100ms"),
                Map.entry("augur.gateway.security.jwt.jwks", root.resolve("jwks.json").toString()),
                Map.entry("augur.gateway.security.jwt.issuer", ISSUER),
                Map.entry("augur.gateway.security.jwt.audience", AUDIENCE));
    }

    /** The keys file: the three fixed keys, the {@code iris-users} role, and any extra entries a test adds. */
    static String keys(String extra) {
        return "keys:\n"
                + "  - id: iris-client\n    sha256: " + Authenticator.sha256(IRIS_KEY) + "\n"
                + "    verbs: [infer]\n    services: [iris]\n"
                + "  - id: operator\n    sha256: " + Authenticator.sha256(ADMIN_KEY) + "\n    verbs: [admin]\n"
                + limited(0) + limited(1) + limited(2)
                + "  - id: serial\n    sha256: " + Authenticator.sha256(SERIAL_KEY) + "\n"
                + "    verbs: [infer]\n    services: [iris]\n    concurrency: 1\n"
                + "  - id: fraud-team\n    sha256: " + Authenticator.sha256(FRAUD_KEY) + "\n"
                + "    verbs: [infer]\n    labels: {team: fraud}\n"
                + "  - id: fraud-jobs\n    sha256: " + Authenticator.sha256(FRAUD_JOBS_KEY) + "\n"
                + "    verbs: [jobs]\n    labels: {team: fraud}\n"
                + extra
                + "roles:\n  iris-users:\n    verbs: [infer]\n    services: [iris]\n"
                + "  fraud-users:\n    verbs: [infer]\n    labels: {team: fraud}\n";
    }

    private static String limited(int i) {
        return "  - id: limited-" + i + "\n    sha256: " + Authenticator.sha256(LIMITED_KEYS[i]) + "\n"
                + "    verbs: [infer]\n    services: [iris]\n    rate: 0.2\n    burst: 1\n";
    }

    /** Replaces the keys file as a Secret update does: a whole new file renamed into place. */
    static void writeKeys(String content) throws IOException {
        Path tmp = keysFile.resolveSibling(".keys.tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, keysFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A token of the trusted issuer for the {@code iris-users} role, valid for five minutes. */
    static String token() {
        return token("iris-users");
    }

    /** A token of the trusted issuer for one role of the keys file, valid for five minutes. */
    static String token(String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("alice").groups(role).expiresIn(300)
                .jws().keyId("k1").sign(trusted.getRsaPrivateKey());
    }

    static String expiredToken() {
        long now = System.currentTimeMillis() / 1000;
        // Expired ten minutes ago: well past the 30 s clock skew.
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("alice").groups("iris-users").issuedAt(now - 1200)
                .expiresAt(now - 600).jws().keyId("k1").sign(trusted.getRsaPrivateKey());
    }

    static String wrongAudienceToken() {
        return Jwt.issuer(ISSUER).audience("another-service").subject("alice").groups("iris-users")
                .expiresIn(300).jws().keyId("k1").sign(trusted.getRsaPrivateKey());
    }

    static String wrongSignatureToken() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("alice").groups("iris-users").expiresIn(300)
                .jws().keyId("k1").sign(stranger.getRsaPrivateKey());
    }

    @Override
    public void stop() {
        if (root == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
