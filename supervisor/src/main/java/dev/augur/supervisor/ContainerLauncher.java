package dev.augur.supervisor;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.ComponentProtocol;
import dev.augur.isvc.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a revision whose container image is not Augur's own as a podman container, as Knative would run it: the
 * spec's {@code command} (entrypoint), {@code args}, {@code env} and {@code PORT}, its serving port published on
 * a free loopback port, readiness from its {@code readinessProbe} (else the protocol's health path). A transformer
 * gets KServe's arguments ({@code --model_name}, {@code --predictor_host}, {@code --http_port}); its predictor host
 * is {@code <isvc>-predictor.<namespace>.<domain>:<gateway port>}, resolved inside the container to the host's
 * loopback, so its calls come back through this gateway, which routes them by that Host like a Knative ingress.
 *
 * <p>The process supervised is {@code podman run} itself, in the foreground ({@link PodmanRun}).
 */
final class ContainerLauncher implements Launcher {
    private final PodmanRun run;
    private final String gatewayPort;
    private final String domain;

    ContainerLauncher(Podman podman, ContainerConfig config, Path runDir, String runId, String gatewayAddress,
            String domain) {
        this.run = new PodmanRun(podman, config, runDir, runId);
        this.gatewayPort = gatewayAddress.substring(gatewayAddress.lastIndexOf(':') + 1);
        this.domain = domain;
    }

    /** Whether this launcher runs the component: one with a container whose image is not Augur's own. */
    static boolean runs(Component c) {
        return c.model() == null && !c.containers().isEmpty()
                && (c.kind() == ComponentKind.PREDICTOR || AugurImages.container(c).isEmpty());
    }

    String name(Revision revision) {
        return run.name(revision);
    }

    @Override
    public Launched launch(Revision revision) throws IOException {
        Component spec = revision.spec();
        Container c = spec.containers().get(0);
        if (c.image() == null || c.image().isBlank()) {
            throw new IOException("spec." + spec.kind().field() + ".containers[0].image is required");
        }
        run.podman().requireImage(c.image());
        int port = LocalPorts.free();
        String name = name(revision);
        return run.start(revision, name, arguments(revision, c, name, port), port, Map.of(), readiness(spec, c));
    }

    /** {@code run ...}: the podman arguments that run the revision's container (package-private for its test). */
    List<String> arguments(Revision revision, Container c, String name, int port) {
        Component spec = revision.spec();
        int serving = c.servingPort();
        List<String> a = run.head(revision, name, port, serving);
        if (spec.kind() != ComponentKind.PREDICTOR) {
            a.add("--add-host");
            a.add(predictorHost(revision) + ":" + run.config().hostAddress());
        }
        Map<String, String> env = new LinkedHashMap<>();
        // What Knative gives every container: the port to listen on and who it is.
        env.put("PORT", Integer.toString(serving));
        env.put("K_SERVICE", revision.component());
        env.put("K_REVISION", revision.name());
        env.putAll(c.env());
        env.forEach((k, v) -> {
            a.add("--env");
            a.add(k + "=" + v);
        });
        if (!c.command().isEmpty()) {
            a.add("--entrypoint");
            a.add(jsonArray(c.command()));
        }
        a.add(c.image());
        List<String> args = new ArrayList<>(c.args());
        if (spec.kind() == ComponentKind.TRANSFORMER) {
            // KServe's CustomTransformer arguments; its predictor host names the cluster-local service instead.
            if (!args.contains("--model_name")) {
                args.addAll(List.of("--model_name", revision.service()));
            }
            args.addAll(List.of("--predictor_host", predictorHost(revision) + ":" + gatewayPort, "--http_port",
                    Integer.toString(serving)));
        }
        a.addAll(args);
        return a;
    }

    private String predictorHost(Revision revision) {
        return revision.service() + "-" + ComponentKind.PREDICTOR.field() + "." + revision.namespace() + "." + domain;
    }

    /** The spec's HTTP readiness probe, else the health path of the protocol it speaks; never the run's token. */
    static Readiness readiness(Component spec, Container c) {
        if (c.readinessProbe() != null && c.readinessProbe().path() != null) {
            String path = c.readinessProbe().path();
            return new Readiness(path.startsWith("/") ? path : "/" + path, false);
        }
        return new Readiness(ComponentProtocol.of(spec) == ComponentProtocol.REST_V1 ? "/" : "/v2/health/ready",
                false);
    }

    /** A JSON array of strings: podman's form for an entrypoint of several words. */
    static String jsonArray(List<String> words) {
        StringBuilder s = new StringBuilder("[");
        for (String w : words) {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"');
            for (char ch : w.toCharArray()) {
                if (ch == '"' || ch == '\\') {
                    s.append('\\').append(ch);
                } else if (ch < 0x20) {
                    s.append(String.format("\\u%04x", (int) ch));
                } else {
                    s.append(ch);
                }
            }
            s.append('"');
        }
        return s.append(']').toString();
    }
}
