package dev.augur.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One started container, published on a free loopback port (its one port, 8080, inside). */
final class Container implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final String name;
    final int port;
    private final Podman podman;

    private Container(Podman podman, String name, int port) {
        this.podman = podman;
        this.name = name;
        this.port = port;
    }

    /** podman run -d IMAGE as k8s/ runs it (read-only root, no capabilities, no privilege escalation) on PORT. */
    static Container start(Podman podman, String image, String... options) throws IOException, InterruptedException {
        int port = Podman.freePort();
        String name = "augur-it-" + image.replaceAll("[^a-z0-9]", "-") + "-" + port;
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--read-only", "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges",
                "-p", "127.0.0.1:" + port + ":8080"));
        args.addAll(List.of(options));
        args.add(image);
        podman.run(args.toArray(String[]::new));
        return new Container(podman, name, port);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Polls PATH until it answers 200 (returns its body) or the container stops or 120 s pass (fails with logs). */
    String awaitOk(String path) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            if (!"running".equals(podman.run("inspect", "--format", "{{.State.Status}}", name))) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + ": " + path + " never answered 200 (" + last + "); logs:\n" + logs());
    }

    String logs() throws IOException, InterruptedException {
        return podman.tryRun("logs", name).out();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        podman.tryRun("rm", "-f", "-t", "0", name);
    }
}
