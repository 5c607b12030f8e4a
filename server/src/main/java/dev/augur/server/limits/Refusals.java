package dev.augur.server.limits;

import dev.augur.protocol.v2.V2JsonCodec;
import io.grpc.Status;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * A request refused before any route ran, in its protocol's own form: REST gets its HTTP status and
 * {@code {"error": ...}}; a gRPC call gets a trailers-only answer with a {@code grpc-status} (HTTP 200, so gRPC
 * clients read the status rather than an HTTP error they would call UNKNOWN). Only this request's stream ends: over
 * HTTP/2 the other streams of the connection go on; over HTTP/1.1 the connection is closed, since the unread body
 * would otherwise be taken for the next request.
 */
public final class Refusals {
    private Refusals() {
    }

    public static boolean isGrpc(HttpServerRequest r) {
        String type = r.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.startsWith("application/grpc");
    }

    public static void refuse(HttpServerRequest request, int httpStatus, Status.Code grpcStatus, String message) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        if (isGrpc(request)) {
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/grpc")
                    .putHeader("grpc-status", Integer.toString(grpcStatus.value()))
                    .putHeader("grpc-message", percentEncode(message)).end();
            return;
        }
        response.setStatusCode(httpStatus).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(V2JsonCodec.encodeError(message)));
    }

    /** gRPC's encoding of {@code grpc-message}: printable ASCII but '%' as is, every other byte of UTF-8 as %XX. */
    public static String percentEncode(String message) {
        StringBuilder b = new StringBuilder(message.length());
        for (byte x : message.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }
}
