package dev.augur.gateway.api.rest;

import dev.augur.client.Forwarded;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Target;
import dev.augur.gateway.service.Telemetry;
import dev.augur.server.Failures;
import dev.augur.server.rest.Responses;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one REST request around the resource's work: opens the exchange (request id, forwarded headers), turns any
 * failure into the error table's response, adds {@code x-request-id} and {@code x-augur-revision}, and records the
 * request once with its final status.
 */
@Singleton
public class Ingress {
    public static final String REVISION_HEADER = "x-augur-revision";

    private final Telemetry telemetry;
    private final Router router;

    public Ingress(Telemetry telemetry, Router router) {
        this.telemetry = telemetry;
        this.router = router;
    }

    Exchange open(Protocol protocol, String method, UriInfo uri, HttpHeaders headers) {
        return Exchange.open(protocol, method, uri.getRequestUri().getRawPath(),
                headers.getHeaderString(Forwarded.REQUEST_ID), headers.getHeaderString(Forwarded.TRACEPARENT),
                headers.getHeaderString(Forwarded.AUTHORIZATION));
    }

    /** An inference answer: also kept on the exchange for payload logging. */
    static Response answer(Exchange ex, byte[] body) {
        ex.responseBody(body);
        return Responses.json(body);
    }

    CompletionStage<Response> run(Exchange ex, Supplier<CompletionStage<Response>> work) {
        return Failures.future(work)
                .handle((response, error) -> finish(ex, error == null ? response : Responses.error(error)));
    }

    /** {@link #run} on the InferenceService the request addresses: by its Host header, else the path's model. */
    CompletionStage<Response> route(Exchange ex, HttpHeaders headers, String model,
            Function<Target, CompletionStage<Response>> work) {
        return run(ex, () -> work.apply(router.resolve(ex, headers.getHeaderString(HttpHeaders.HOST), model)));
    }

    /** Adds the headers to the response the resource built (no copy of it), and records the request. */
    private Response finish(Exchange ex, Response response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(Forwarded.REQUEST_ID, ex.requestId());
        if (ex.revision() != null) {
            headers.putSingle(REVISION_HEADER, ex.revision());
        }
        telemetry.finished(ex, response.getStatus(), null);
        return response;
    }
}
