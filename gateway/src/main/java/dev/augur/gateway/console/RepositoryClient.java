package dev.augur.gateway.console;

import dev.augur.catalog.ComponentCredentials;
import dev.augur.catalog.Lease;
import dev.augur.catalog.ServiceCatalog;
import dev.augur.client.HttpComponentClient;
import dev.augur.gateway.client.ComponentClients;
import dev.augur.gateway.config.ConsoleConfig;
import dev.augur.isvc.ComponentKind;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InternalToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The console's models page: a service's predictor's model repository (KServe's / Triton's repository API over REST:
 * {@code POST /v2/repository/index}, {@code .../models/{m}/load}, {@code .../unload}), reached through the catalog
 * like any request, so a predictor scaled to zero is started and a canary split picks the revision. The predictor's
 * answer is passed on as it is, with the revision that gave it.
 */
@ApplicationScoped
public class RepositoryClient {
    /** A predictor's answer: its status and JSON body, and the revision that answered. */
    public record Answer(int status, byte[] body, String revision) {
    }

    private final ServiceCatalog catalog;
    private final Duration timeout;
    private final HttpClient http;
    private final String internalToken;

    public RepositoryClient(ServiceCatalog catalog, ConsoleConfig config, Instance<ComponentCredentials> credentials) {
        this.catalog = catalog;
        this.internalToken = ComponentClients.internalToken(credentials);
        this.timeout = config.repositoryTimeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The repository index of the service's predictor: every model with its version, state and reason. */
    public CompletableFuture<Answer> index(String service) {
        return call(service, "/v2/repository/index", "{}");
    }

    /** Loads (or reloads) a model of the service's predictor from its folder. */
    public CompletableFuture<Answer> load(String service, String model) {
        return call(service, "/v2/repository/models/" + HttpComponentClient.segment(model) + "/load", "{}");
    }

    /** Unloads a model of the service's predictor. */
    public CompletableFuture<Answer> unload(String service, String model) {
        return call(service, "/v2/repository/models/" + HttpComponentClient.segment(model) + "/unload", "{}");
    }

    private CompletableFuture<Answer> call(String service, String path, String body) {
        var spec = catalog.find(service).orElseThrow(() -> InferenceException.notFound("InferenceService '"
                + service + "' not found"));
        if (spec.predictor().model() == null) {
            // A custom container is not Augur's predictor: no repository API, and the run's token is not its to see.
            return CompletableFuture.failedFuture(new InferenceException(ErrorCode.UNIMPLEMENTED,
                    "the predictor of '" + service + "' is a custom container; the repository API is Augur's "
                            + "predictor's"));
        }
        return catalog.acquire(spec, ComponentKind.PREDICTOR).thenCompose((Lease lease) -> {
            var e = lease.endpoint();
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + e.address() + path))
                    .timeout(timeout).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (internalToken != null) {
                // Local mode's components take calls from their gateway only: this is the way to a repository.
                b.header(InternalToken.HEADER, internalToken);
            }
            HttpRequest request = b.build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                    .thenApply(r -> new Answer(r.statusCode(), r.body(), e.revision()))
                    .exceptionally(t -> {
                        throw InferenceException.unavailable("predictor '" + e.revision() + "' at " + e.address()
                                + " did not answer the repository call: " + t.getClass().getSimpleName());
                    })
                    .whenComplete((r, t) -> lease.release());
        });
    }
}
