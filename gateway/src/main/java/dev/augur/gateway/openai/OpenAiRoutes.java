package dev.augur.gateway.openai;

import dev.augur.client.Forwarded;
import dev.augur.gateway.security.Slot;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Gate;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Telemetry;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.openai.OpenAi;
import dev.augur.protocol.openai.OpenAiCodec;
import dev.augur.server.Failures;
import dev.augur.server.rest.BodyLimit;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenAI API over HTTP at KServe's paths ({@code /openai/v1/...}) and at the root ({@code /v1/embeddings},
 * {@code /v1/completions}, {@code /v1/chat/completions}; {@code GET /v1/models} is KServe's V1 list, which also
 * carries OpenAI's fields). Plain Vert.x routes, because a stream's status is only known once the first piece or
 * the first error arrives: a failure before any chunk is answered with its status and OpenAI's error object; a
 * stream is {@code text/event-stream} with {@code data: {chunk}} events and {@code data: [DONE]}.
 */
@ApplicationScoped
public class OpenAiRoutes {
    static final List<String> BASES = List.of("/openai/v1", "/v1");
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final OpenAiService service;
    private final Telemetry telemetry;
    private final Gate gate;
    private final long bodyLimit;

    public OpenAiRoutes(OpenAiService service, Telemetry telemetry, Gate gate,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit) {
        this.service = service;
        this.telemetry = telemetry;
        this.gate = gate;
        this.bodyLimit = bodyLimit.asLongValue();
    }

    void register(@Observes Router web) {
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(bodyLimit);
        // A body sent without a length was already read and counted by the server module's BodyLimit.
        Handler<RoutingContext> body = rc -> {
            if (rc.get(BodyLimit.BODY) != null) {
                rc.next();
            } else {
                reader.handle(rc);
            }
        };
        for (String base : BASES) {
            web.post(base + "/embeddings").handler(body).handler(rc -> unary(rc, open(rc),
                    (ex, b) -> service.embeddings(ex, OpenAiCodec.decodeEmbeddings(b))));
            web.post(base + "/completions").handler(body).handler(rc -> generation(rc, false));
            web.post(base + "/chat/completions").handler(body).handler(rc -> generation(rc, true));
        }
        // A caller sees the services its grant covers.
        web.get("/openai/v1/models").handler(rc -> unary(rc, open(rc), (ex, b) -> CompletableFuture.completedFuture(
                OpenAiCodec.encodeModels(service.models().stream().filter(gate.shown(ex.forwarded().authorization(),
                        Gate.Listing.MODELS)).toList(), System.currentTimeMillis() / 1000))));
    }

    interface Work {
        CompletableFuture<byte[]> run(Exchange ex, byte[] body);
    }

    private Exchange open(RoutingContext rc) {
        return Exchange.open(Protocol.OPENAI, rc.request().method().name(), rc.request().path(),
                rc.request().getHeader(Forwarded.REQUEST_ID), rc.request().getHeader(Forwarded.TRACEPARENT),
                rc.request().getHeader(Forwarded.AUTHORIZATION));
    }

    private static byte[] body(RoutingContext rc) {
        Buffer read = rc.get(BodyLimit.BODY);
        if (read != null) {
            return read.getBytes();
        }
        return rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
    }

    private void unary(RoutingContext rc, Exchange ex, Work work) {
        Failures.future(() -> work.run(ex, body(rc))).whenComplete((json, error) -> {
            if (error != null) {
                sendError(rc, ex, OpenAiService.unwrap(error));
            } else {
                send(rc, ex, 200, json);
            }
        });
    }

    private void generation(RoutingContext rc, boolean chat) {
        Exchange ex = open(rc);
        OpenAi.GenerationRequest request;
        try {
            byte[] b = body(rc);
            request = chat ? OpenAiCodec.decodeChat(b) : OpenAiCodec.decodeCompletion(b);
        } catch (RuntimeException e) {
            sendError(rc, ex, OpenAiService.unwrap(e));
            return;
        }
        if (!request.stream()) {
            unary(rc, ex, (e, b) -> service.generate(e, request));
            return;
        }
        try {
            service.stream(ex, request, new Sse(rc, ex));
        } catch (RuntimeException e) {
            sendError(rc, ex, OpenAiService.unwrap(e));
        }
    }

    /** Server-sent events: headers with the first chunk, so an early failure can still get its own status. */
    private final class Sse implements OpenAiService.Chunks {
        private final RoutingContext rc;
        private final Exchange ex;
        private boolean started;

        Sse(RoutingContext rc, Exchange ex) {
            this.rc = rc;
            this.ex = ex;
        }

        private void begin(HttpServerResponse r) {
            if (!started) {
                started = true;
                r.setStatusCode(200).setChunked(true).putHeader("content-type", "text/event-stream")
                        .putHeader("cache-control", "no-cache").putHeader(Forwarded.REQUEST_ID, ex.requestId());
            }
        }

        @Override
        public synchronized void chunk(byte[] json) {
            HttpServerResponse r = rc.response();
            if (r.ended() || r.closed()) {
                return;
            }
            begin(r);
            r.write(Buffer.buffer(json.length + 8).appendString("data: ").appendBytes(json).appendString("\n\n"));
        }

        @Override
        public synchronized void end(InferenceException error) {
            HttpServerResponse r = rc.response();
            if (r.ended() || r.closed()) {
                return;
            }
            if (!started && error != null) {
                sendError(rc, ex, error);
                return;
            }
            begin(r);
            if (error != null) {
                r.write(Buffer.buffer("data: ").appendBytes(OpenAiCodec.encodeError(error)).appendString("\n\n"));
            }
            Slot.answering(rc);
            r.end(DONE);
            telemetry.finished(ex, 200, null);
        }

        @Override
        public void onCancel(Runnable cancel) {
            rc.response().closeHandler(v -> cancel.run());
        }
    }

    private void sendError(RoutingContext rc, Exchange ex, InferenceException e) {
        send(rc, ex, ErrorTable.httpStatus(e.code()), OpenAiCodec.encodeError(e));
    }

    private void send(RoutingContext rc, Exchange ex, int status, byte[] json) {
        HttpServerResponse r = rc.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader(Forwarded.REQUEST_ID, ex.requestId());
        if (ex.revision() != null) {
            r.putHeader("x-augur-revision", ex.revision());
        }
        r.end(Buffer.buffer(json));
        telemetry.finished(ex, status, null);
    }
}
