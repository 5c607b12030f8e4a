package dev.augur.predictor.storage;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http://} and {@code https://}: one file per URI (an archive is unpacked by the cache), fetched with the JDK's
 * HttpClient, following redirects, with a connect timeout and a limit on the whole download.
 */
final class HttpStorage implements Storage {
    private final HttpClient client;
    private final Duration timeout;

    HttpStorage(Duration connectTimeout, Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    @Override
    public void download(URI uri, Path target) throws IOException {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw new StorageException("the URL names no file (it ends with '/'); name a model file or an archive");
        }
        Path file = SafePaths.resolve(target, name);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<Path>> call = client.sendAsync(request, info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.ofFile(file)
                : HttpResponse.BodySubscribers.replacing(file));
        HttpResponse<Path> response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StorageException("download timed out after " + timeout + " (augur.storage.download-timeout)");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new StorageException("download interrupted");
        } catch (ExecutionException e) {
            throw new StorageException(describe(e.getCause(), uri), e.getCause());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            Files.deleteIfExists(file);
            throw new StorageException("HTTP " + status + (status == 404 ? " (not found)" : ""));
        }
    }

    /** What went wrong, in words: the JDK often gives connection failures without a message. */
    private static String describe(Throwable e, URI uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host " + uri.getHost();
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "connecting to " + uri.getHost() + " timed out (augur.storage.connect-timeout)";
            }
            if (t instanceof HttpTimeoutException) {
                return "no response from " + uri.getHost() + " in time (augur.storage.download-timeout)";
            }
            if (t instanceof ConnectException) {
                if (!resolves(uri.getHost())) {
                    return "unknown host " + uri.getHost(); // the JDK reports it as a plain ConnectException
                }
                return "cannot connect to " + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
            }
        }
        return Archives.describe(e);
    }

    private static boolean resolves(String host) {
        try {
            java.net.InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
