package dev.augur.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * k8s/'s Deployments and the operator's generated Knative Services (its golden files, which the operator's tests
 * compare its output with) against what the images do (their Dockerfile.jvm: the port they expose, the user they
 * run as; ImagesIT runs them read-only): image names, ports, probes, user and security context.
 */
class ManifestsTest {
    private static final Path ROOT = Podman.ROOT;
    /** The health paths every Augur service answers (Quarkus' and KServe's V2). */
    private static final Set<String> PROBE_PATHS = Set.of("/q/health/ready", "/q/health/live", "/v2/health/ready",
            "/v2/health/live");

    record Manifest(Path file, Map<String, Object> container, Map<String, Object> pod) {
        @Override
        public String toString() {
            return ROOT.relativize(file).toString();
        }
    }

    static Stream<Manifest> manifests() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> k8s = Files.walk(ROOT.resolve("k8s/base"));
                Stream<Path> golden = Files.list(ROOT.resolve("operator/src/test/resources/golden"))) {
            k8s.filter(p -> p.getFileName().toString().equals("deployment.yaml")).forEach(files::add);
            golden.filter(p -> p.getFileName().toString().endsWith(".ksvc.yaml")).forEach(files::add);
        }
        List<Manifest> all = new ArrayList<>();
        for (Path f : files) {
            Map<String, Object> doc = new Yaml().load(Files.readString(f));
            Map<String, Object> pod = map(map(map(doc, "spec"), "template"), "spec");
            for (Object c : (List<?>) pod.get("containers")) {
                all.add(new Manifest(f, cast(c), pod));
            }
        }
        assertTrue(all.size() >= 5, "k8s/base and the operator's golden files name containers");
        return all.stream();
    }

    /** The module whose image the container names, e.g. "predictor" for augur/predictor-jvm:latest. */
    private static String service(Manifest m) {
        String image = (String) m.container.get("image");
        assertTrue(image.matches("augur/[a-z]+-jvm[:@].+"), m + " names " + image + ", not an image bin/image-build makes");
        return image.substring("augur/".length(), image.indexOf("-jvm"));
    }

    private static String dockerfile(String service, String instruction) throws IOException {
        Path f = ROOT.resolve(service + "/src/main/docker/Dockerfile.jvm");
        try (Stream<String> lines = Files.lines(f)) {
            return lines.filter(l -> l.startsWith(instruction + " ")).reduce((a, b) -> b)
                    .map(l -> l.substring(instruction.length() + 1).trim())
                    .orElseThrow(() -> new AssertionError(f + " has no " + instruction));
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void containerPortIsTheOnePortTheImageExposes(Manifest m) throws IOException {
        List<?> ports = (List<?>) m.container.get("ports");
        assertEquals(1, ports.size(), m + ": one port (REST and gRPC share it)");
        assertEquals(dockerfile(service(m), "EXPOSE"), String.valueOf(cast(ports.get(0)).get("containerPort")),
                m.toString());
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void probesAskAHealthPathOnThatPort(Manifest m) throws IOException {
        String port = dockerfile(service(m), "EXPOSE");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> get = map(map(m.container, probe), "httpGet");
            assertEquals(port, String.valueOf(get.get("port")), m + " " + probe);
            assertTrue(PROBE_PATHS.contains((String) get.get("path")), m + " " + probe + " asks " + get.get("path"));
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void userIsTheImagesNonRootUserWhenTheManifestSetsOne(Manifest m) throws IOException {
        String user = dockerfile(service(m), "USER");
        assertTrue(!user.equals("0") && !user.equals("root"), service(m) + "'s image runs as root");
        Object context = m.container.get("securityContext");
        if (context != null) {
            Map<String, Object> sc = cast(context);
            assertEquals(user, String.valueOf(sc.getOrDefault("runAsUser", user)), m.toString());
            assertEquals(true, sc.getOrDefault("runAsNonRoot", true), m.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void readOnlyRootFilesystemComesWithAWritableTmp(Manifest m) {
        Object context = m.container.get("securityContext");
        if (context != null && Boolean.TRUE.equals(cast(context).get("readOnlyRootFilesystem"))) {
            List<?> mounts = (List<?>) m.container.getOrDefault("volumeMounts", List.of());
            assertTrue(mounts.stream().anyMatch(v -> "/tmp".equals(cast(v).get("mountPath"))),
                    m + ": the JVM writes /tmp (ImagesIT runs the images with a tmpfs there)");
        }
    }

    static Stream<Manifest> k8sDeployments() throws IOException {
        return manifests().filter(m -> m.file.startsWith(ROOT.resolve("k8s")));
    }

    @ParameterizedTest
    @MethodSource("k8sDeployments")
    void k8sDeploymentsRunAsTheImagesUser(Manifest m) throws IOException {
        assertEquals(dockerfile(service(m), "USER"), String.valueOf(map(m.container, "securityContext")
                .get("runAsUser")), m.toString());
    }

    @ParameterizedTest
    @MethodSource("k8sDeployments")
    void k8sDeploymentsHaveAReadOnlyRootFilesystem(Manifest m) {
        assertEquals(true, map(m.container, "securityContext").get("readOnlyRootFilesystem"), m.toString());
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object v = parent.get(key);
        assertTrue(v instanceof Map, key + " is missing");
        return cast(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
