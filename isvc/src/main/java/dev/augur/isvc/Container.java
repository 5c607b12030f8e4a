package dev.augur.isvc;

import java.util.List;
import java.util.Map;

/**
 * A custom container of a component (KServe's {@code containers:}), with the Kubernetes container fields the
 * platform reads.
 *
 * @param ports          {@code ports}: a port named {@code h2c} marks a V2 gRPC server (as Knative reads it)
 * @param readinessProbe {@code readinessProbe}, or null for the platform's default
 */
public record Container(String name, String image, List<String> command, List<String> args, Map<String, String> env,
        Resources resources, List<Port> ports, Probe readinessProbe) {

    /** The name of the port that marks an HTTP/2 cleartext (gRPC) server, in Knative and KServe. */
    public static final String H2C = "h2c";

    public Container {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Map.copyOf(env);
        ports = List.copyOf(ports);
    }

    public Container(String name, String image, List<String> command, List<String> args, Map<String, String> env,
            Resources resources) {
        this(name, image, command, args, env, resources, List.of(), null);
    }

    /** The port the container serves on: its first declared port, else 8080 (Knative's and KServe's default). */
    public int servingPort() {
        return ports.isEmpty() ? Port.DEFAULT : ports.get(0).containerPort();
    }

    /**
     * One {@code ports} entry.
     *
     * @param name          {@code name}, or null; {@code h2c} for gRPC
     * @param containerPort {@code containerPort}
     */
    public record Port(String name, int containerPort) {
        public static final int DEFAULT = 8080;
    }

    /**
     * The part of a Kubernetes probe the platform acts on.
     *
     * @param path an {@code httpGet} probe's {@code path}, or null for a probe of another kind ({@code tcpSocket},
     *             {@code grpc}, {@code exec})
     * @param port an {@code httpGet} probe's numeric {@code port}, or null for the serving port
     */
    public record Probe(String path, Integer port) {
    }
}
