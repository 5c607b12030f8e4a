package dev.augur.gateway.api.rest;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.console.ConsoleJson;
import dev.augur.gateway.console.MetricsHistory;
import dev.augur.gateway.console.RepositoryClient;
import dev.augur.server.Failures;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the console's pages read besides the data-plane and jobs APIs: the service table with specs, the metrics
 * history, and each predictor's model repository. {@code /console} itself is static (META-INF/resources/console).
 * Open like the rest of the API until authentication lands; the pages send every call through one function
 * (console/js/api.js) so a token can be added there.
 */
@Path("/augur/console")
public class ConsoleResource {
    private final ServiceCatalog catalog;
    private final MetricsHistory history;
    private final RepositoryClient repository;

    public ConsoleResource(ServiceCatalog catalog, MetricsHistory history, RepositoryClient repository) {
        this.catalog = catalog;
        this.history = history;
        this.repository = repository;
    }

    @GET
    @Path("services")
    public Response services() {
        return Responses.json(ConsoleJson.services(catalog.status(), catalog.services()));
    }

    @GET
    @Path("metrics")
    public Response metrics(@QueryParam("service") String service) {
        return Responses.json(ConsoleJson.metrics(history, service));
    }

    @GET
    @Path("models/{service}")
    public CompletionStage<Response> index(@PathParam("service") String service) {
        return passOn(() -> repository.index(service));
    }

    @POST
    @Path("models/{service}/{model}/load")
    public CompletionStage<Response> load(@PathParam("service") String service, @PathParam("model") String model) {
        return passOn(() -> repository.load(service, model));
    }

    @POST
    @Path("models/{service}/{model}/unload")
    public CompletionStage<Response> unload(@PathParam("service") String service,
            @PathParam("model") String model) {
        return passOn(() -> repository.unload(service, model));
    }

    private static CompletionStage<Response> passOn(
            java.util.function.Supplier<CompletableFuture<RepositoryClient.Answer>> call) {
        return Failures.future(call).handle((a, error) -> error != null ? Responses.error(error)
                : Response.status(a.status()).entity(a.body()).type(MediaType.APPLICATION_JSON_TYPE)
                        .header(Ingress.REVISION_HEADER, a.revision()).build());
    }
}
