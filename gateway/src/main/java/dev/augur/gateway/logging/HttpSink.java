package dev.augur.gateway.logging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** CloudEvents' HTTP binding in binary content mode: attributes as {@code ce-*} headers, the payload as the body. */
final class HttpSink implements EventSink {
    private final URI url;
    private final HttpClient client;
    private final Duration timeout;

    HttpSink(URI url, HttpClient client, Duration timeout) {
        this.url = url;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Void> send(CloudEvent event) {
        try {
            post(event);
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Blocks the sender thread for at most the timeout: a slow sink slows only the senders. */
    private void post(CloudEvent event) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", CloudEvent.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()));
        for (String[] a : event.attributes()) {
            if (a[1] != null) {
                b.header("ce-" + a[0], a[1]);
            }
        }
        int status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IOException(url + " answered HTTP " + status);
        }
    }
}
