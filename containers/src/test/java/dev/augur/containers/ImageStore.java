package dev.augur.containers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The podman store of Augur's images for this test run, shared by the test classes of one Failsafe JVM
 * ({@code ImagesIT}, {@code LocalImagesIT}): made once under target/ with the base the images use (bin/base-images:
 * the JDK 25 one with the AOT cache; JDK 17 where there is no JDK 25), each service's image built (bin/image-build)
 * when a test first asks for it, and the whole store reset when the JVM exits. One base bootstrap and one build per
 * image however many classes use them.
 */
final class ImageStore {
    private static ImageStore shared;
    private static String unavailable;

    final Podman podman;
    final String base;
    private final Set<String> built = new HashSet<>();

    private ImageStore(Podman podman, String base) {
        this.podman = podman;
        this.base = base;
    }

    /** The store, made on first use; the calling test class is skipped with the reason where podman cannot run. */
    static synchronized ImageStore shared() throws IOException, InterruptedException {
        assumeTrue(unavailable == null, () -> unavailable);
        if (shared == null) {
            Podman podman = new Podman(Path.of("target/podman-" + System.currentTimeMillis()));
            unavailable = podman.unavailable();
            assumeTrue(unavailable == null, () -> "containers cannot run here: " + unavailable);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    podman.tryRun("system", "reset", "--force");
                } catch (IOException | InterruptedException e) {
                    // target/ holds what is left; mvn clean removes it.
                }
            }));
            podman.script("bin/base-images", "25");
            String base = podman.tryRun("image", "exists", "localhost/augur/base-jdk:25").code() == 0
                    ? "localhost/augur/base-jdk:25" : "localhost/augur/base-jre:17";
            Podman.Result hello = podman.tryRun("run", "--rm", "--network", "none", base, "true");
            if (hello.code() != 0) {
                unavailable = "podman cannot run containers here: " + hello.out();
            }
            assumeTrue(unavailable == null, () -> unavailable);
            shared = new ImageStore(podman, base);
        }
        return shared;
    }

    /** Builds {@code augur/<service>-jvm:latest} from the packaged service, unless this run already did. */
    synchronized void build(String... services) throws IOException, InterruptedException {
        for (String service : services) {
            if (!built.contains(service)) {
                podman.script("bin/image-build", Podman.ROOT.resolve(service).toString(),
                        System.getProperty("augur.version", "test"));
                built.add(service);
            }
        }
    }
}
