package dev.augur.supervisor;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import dev.augur.protocol.core.InternalToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a revision of Augur's own component as its image with podman ({@code augur.local.runtime=containers}), on
 * the same revisions, canary, scale to zero and restarts as the jars, run as Kubernetes runs the images: read-only
 * root file system, no capabilities, the image's user, port 8080 published on a free loopback port, readiness and
 * every call behind the run's internal token.
 *
 * <ul>
 *   <li>A predictor with a {@code model}: {@link ContainerConfig#predictorImage()}, the {@code storageUri} resolved
 *       as local mode does ({@link ModelStaging#resolve}) mounted read-only at {@code /mnt/models/<isvc>}, where
 *       KServe's storage initializer puts it and the image's {@code AUGUR_MODEL_REPOSITORY} points.</li>
 *   <li>A transformer or explainer: the image its spec names, with its {@code env}. The services folder is mounted
 *       read-only at its own path and is the working directory, as the process's, so relative paths in the settings
 *       mean the same; a setting naming an existing file or folder outside it is mounted read-only at its path too.
 *       It reaches its predictor back through the gateway at the host's loopback as the container sees it
 *       ({@link ContainerConfig#hostAddress()}: slirp4netns' {@code allow_host_loopback}).</li>
 * </ul>
 */
final class AugurImageLauncher implements Launcher {
    /** Where KServe (and Augur's predictor image) keeps the model repository. */
    static final String MODELS = "/mnt/models";
    /** The one port of Augur's images (REST and gRPC h2c). */
    static final int PORT = 8080;

    private final PodmanRun run;
    private final ComponentKind kind;
    private final Path servicesDir;
    private final String internalToken;
    private final String gatewayPort;
    private final String domain;

    AugurImageLauncher(PodmanRun run, ComponentKind kind, Path servicesDir, String internalToken,
            String gatewayAddress, String domain) {
        this.run = run;
        this.kind = kind;
        this.servicesDir = servicesDir.toAbsolutePath().normalize();
        this.internalToken = internalToken;
        this.gatewayPort = gatewayAddress.substring(gatewayAddress.lastIndexOf(':') + 1);
        this.domain = domain;
    }

    /** The image a component runs as: the configured predictor image, else the one its spec names. */
    static String image(Component spec, ContainerConfig config) {
        return spec.kind() == ComponentKind.PREDICTOR ? config.predictorImage()
                : AugurImages.container(spec).map(Container::image).orElse(null);
    }

    @Override
    public Launched launch(Revision revision) throws IOException {
        String image = image(revision.spec(), run.config());
        if (image == null) {
            throw new IOException(AugurImages.notRunnable(revision.service(), revision.spec()));
        }
        run.podman().requireImage(image, "build it with 'mvn -B package -DskipTests -Pimages -pl " + kind.field()
                + " -am' (bin/image-build tags augur/" + kind.field() + "-jvm:latest), or podman tag one as " + image);
        int port = LocalPorts.free();
        String name = run.name(revision);
        // The token goes by name only: podman reads its value from its own environment, never from a command line.
        return run.start(revision, name, arguments(revision, image, name, port), port,
                Map.of(InternalToken.ENV, internalToken), Readiness.AUGUR);
    }

    /** {@code run ...}: the podman arguments of the revision's container (package-private for its test). */
    List<String> arguments(Revision revision, String image, String name, int port) throws IOException {
        List<String> a = run.head(revision, name, port, PORT);
        // As k8s/ runs the images: Quarkus and ONNX Runtime write only /tmp, a tmpfs under --read-only.
        a.addAll(List.of("--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges"));
        Component spec = revision.spec();
        Map<String, String> env;
        if (kind == ComponentKind.PREDICTOR) {
            Path model = ModelStaging.resolve(spec.model().storageUri(), servicesDir);
            String target = MODELS + "/" + revision.service();
            mount(a, model, Files.isDirectory(model) ? target : target + "/" + model.getFileName());
            env = new LinkedHashMap<>(spec.model().env());
        } else {
            Container container = AugurImages.container(spec)
                    .orElseThrow(() -> new IOException(AugurImages.notRunnable(revision.service(), spec)));
            mount(a, servicesDir, servicesDir.toString());
            for (Path p : namedOutside(container.env(), servicesDir)) {
                mount(a, p, p.toString());
            }
            a.addAll(List.of("--workdir", servicesDir.toString()));
            env = ComponentLauncher.env(revision, kind, container, run.config().hostAddress() + ":" + gatewayPort,
                    domain);
        }
        env.forEach((k, v) -> a.addAll(List.of("--env", k + "=" + v)));
        a.addAll(List.of("--env", InternalToken.ENV));
        a.add(image);
        return a;
    }

    /**
     * Existing files and folders that settings name (relative to the services folder, or absolute) outside it: the
     * container sees only what is mounted. Never the services folder's own ancestors (a {@code ..} would mount the
     * whole tree above it).
     */
    static List<Path> namedOutside(Map<String, String> env, Path servicesDir) {
        List<Path> paths = new ArrayList<>();
        for (String v : env.values()) {
            if (v == null || v.isBlank() || v.indexOf('\n') >= 0 || v.length() > 4096) {
                continue;
            }
            Path p;
            try {
                p = servicesDir.resolve(v.trim()).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (!p.startsWith(servicesDir) && !servicesDir.startsWith(p) && Files.exists(p) && !paths.contains(p)) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** {@code -v SOURCE:TARGET:ro}, the source with its links resolved (a link would dangle inside). */
    private static void mount(List<String> a, Path source, String target) throws IOException {
        String s = source.toRealPath().toString();
        if (s.indexOf(':') >= 0 || target.indexOf(':') >= 0) {
            throw new IOException("cannot mount " + s + " at " + target + " into a container: podman's -v takes no "
                    + "':' in paths");
        }
        a.addAll(List.of("-v", s + ":" + target + ":ro"));
    }
}
