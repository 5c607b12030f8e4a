package dev.augur.supervisor;

import dev.augur.protocol.core.InternalToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls a started component's {@code /v2/health/ready} (or a container's probe path) until it answers 200, the process dies or the start-up
 * timeout passes. Polls often (every 50 ms): this wait is most of a cold start, which a request is waiting on.
 */
final class ReadinessProbe {
    private static final long INTERVAL_MS = 50;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ScheduledExecutorService scheduler;
    private final String internalToken;

    ReadinessProbe(ScheduledExecutorService scheduler) {
        this(scheduler, null);
    }

    /** @param internalToken sent with every poll ({@code /v2/health/ready} is behind it), or null */
    ReadinessProbe(ScheduledExecutorService scheduler, String internalToken) {
        this.scheduler = scheduler;
        this.internalToken = internalToken;
    }

    CompletableFuture<Void> await(String host, int port, Process process, Duration timeout) {
        return await(host, port, Launcher.Readiness.AUGUR, process, timeout);
    }

    /** Polls {@code readiness.path()} (a container's own probe path, or the protocol's health path). */
    CompletableFuture<Void> await(String host, int port, Launcher.Readiness readiness, Process process,
            Duration timeout) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + readiness.path()))
                .timeout(Duration.ofSeconds(1)).GET();
        if (internalToken != null && readiness.internalToken()) {
            b.header(InternalToken.HEADER, internalToken);
        }
        HttpRequest request = b.build();
        long deadline = System.nanoTime() + timeout.toNanos();
        poll(request, process, deadline, timeout, result);
        return result;
    }

    private void poll(HttpRequest request, Process process, long deadline, Duration timeout,
            CompletableFuture<Void> result) {
        if (result.isDone()) {
            return;
        }
        if (!process.isAlive()) {
            result.completeExceptionally(new IllegalStateException("exited with code " + process.exitValue()
                    + " during start-up"));
            return;
        }
        if (System.nanoTime() > deadline) {
            result.completeExceptionally(new IllegalStateException("not ready after " + timeout.toSeconds()
                    + " s (augur.local.startup-timeout)"));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (response != null && response.statusCode() == 200) {
                result.complete(null);
            } else {
                scheduler.schedule(() -> poll(request, process, deadline, timeout, result), INTERVAL_MS,
                        TimeUnit.MILLISECONDS);
            }
        });
    }
}
