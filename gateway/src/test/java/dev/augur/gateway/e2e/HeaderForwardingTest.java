package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Only {@code x-request-id}, {@code traceparent} and {@code authorization} reach the component (the {@code echo}
 * stand-in records what it receives); the {@code traceparent} is the gateway's own span in the client's trace.
 */
@QuarkusTest
class HeaderForwardingTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static Metadata callEcho() {
        EchoComponent.lastHeaders = null;
        given().contentType("application/json").body(Iris.V2)
                .header("x-request-id", "req-7").header("traceparent", TRACEPARENT)
                .header("authorization", "Bearer t0ken").header("cookie", "session=secret")
                .header("x-internal", "leak")
                .post("/v2/models/echo/infer").then().statusCode(200);
        return EchoComponent.lastHeaders;
    }

    /**
     * The suite traces (LocalServices sets an OTLP endpoint), so the component gets the client's trace with the
     * gateway's client span as parent: same trace id and flags, another span id.
     */
    private static void continuesTheClientsTrace(String forwarded) {
        assertTrue(forwarded != null && forwarded.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                && !forwarded.equals(TRACEPARENT), "forwarded traceparent: " + forwarded);
    }

    private static String get(Metadata m, String name) {
        return m.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Test
    void requestIdTraceparentAndAuthorizationArePassedOn() {
        Metadata m = callEcho();
        assertEquals("req-7", get(m, "x-request-id"));
        continuesTheClientsTrace(get(m, "traceparent"));
        assertEquals("Bearer t0ken", get(m, "authorization"));
    }

    /** gRPC ingress: the same three headers as metadata, the client's deadline as the component's grpc-timeout. */
    @Test
    void grpcCallPassesTheSameHeadersAndTheDeadline() throws Exception {
        EchoComponent.lastHeaders = null;
        EchoComponent.lastDeadline = null;
        Metadata sent = new Metadata();
        put(sent, "x-request-id", "req-8");
        put(sent, "traceparent", TRACEPARENT);
        put(sent, "authorization", "Bearer t0ken");
        put(sent, "x-internal", "leak");
        try (GrpcClients gateway = GrpcClients.gateway()) {
            gateway.stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(sent))
                    .withDeadlineAfter(5, TimeUnit.SECONDS).modelInfer(Iris.grpc("echo"));
        }
        Metadata m = EchoComponent.lastHeaders;
        assertEquals("req-8", get(m, "x-request-id"));
        continuesTheClientsTrace(get(m, "traceparent"));
        assertEquals("Bearer t0ken", get(m, "authorization"));
        assertNull(get(m, "x-internal"));
        long left = EchoComponent.lastDeadline.timeRemaining(TimeUnit.MILLISECONDS);
        // The client's 5 s, not the component's own 10 s timeout (LocalServices' echo).
        assertTrue(left > 0 && left <= 5_000, "the component's deadline: " + left + " ms left");
    }

    private static void put(Metadata m, String name, String value) {
        m.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
    }

    @Test
    void otherHeadersStayAtTheGateway() {
        Metadata m = callEcho();
        assertNull(get(m, "cookie"));
        assertNull(get(m, "x-internal"));
    }
}
