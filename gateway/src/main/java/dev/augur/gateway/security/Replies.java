package dev.augur.gateway.security;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.openai.OpenAiCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.limits.Refusals;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/** Writes a {@link Denial} in the protocol's own form, before anything of the request was read. */
final class Replies {
    private Replies() {
    }

    static void send(HttpServerRequest request, Need.Form form, Denial d) {
        HttpServerResponse response = request.response();
        if (d.code() == ErrorCode.UNAUTHENTICATED) {
            // RFC 6750: a challenge on every 401; error="invalid_token" when a credential was sent but failed.
            response.putHeader("WWW-Authenticate", request.getHeader("authorization") == null
                    ? "Bearer realm=\"augur\"" : "Bearer realm=\"augur\", error=\"invalid_token\"");
        }
        if (d.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
        }
        if (form == Need.Form.GRPC) {
            // Trailers-only: HTTP 200 with the status in the headers, as a gRPC server refuses a call.
            response.setStatusCode(200).putHeader("content-type", "application/grpc")
                    .putHeader("grpc-status", Integer.toString(ErrorTable.grpcStatus(d).getCode().value()))
                    .putHeader("grpc-message", Refusals.percentEncode(d.getMessage()))
                    .end();
            return;
        }
        byte[] body = form == Need.Form.OPENAI ? OpenAiCodec.encodeError(d) : V2JsonCodec.encodeError(d.getMessage());
        if (request.version() != HttpVersion.HTTP_2 && hasBody(request)) {
            // HTTP/1.1: the body that follows is never read, so the connection cannot carry another request.
            response.putHeader("Connection", "close");
        }
        response.setStatusCode(ErrorTable.httpStatus(d.code())).putHeader("content-type", "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static boolean hasBody(HttpServerRequest r) {
        String length = r.getHeader("content-length");
        return r.getHeader("transfer-encoding") != null || (length != null && !length.trim().equals("0"));
    }
}
