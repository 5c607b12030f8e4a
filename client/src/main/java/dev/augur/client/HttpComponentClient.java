package dev.augur.client;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.v1.V1ClientCodec;
import dev.augur.protocol.v2.V2ClientCodec;
import io.grpc.Deadline;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The client of components that speak REST instead of gRPC (KServe custom containers: V2 with {@code PROTOCOL=v2},
 * else V1): the same rules as {@link ComponentClient}, over HTTP/1.1. The deadline is the earlier of the
 * component's timeout and the caller's; a refused connection is tried again as {@link RetryPolicy#CONNECT_REFUSED}
 * says; only {@link Forwarded}'s headers travel on, within their bounds; failures complete the futures as {@link
 * InferenceException}s worded as {@link Failures} words them. It never sends local mode's internal token: such a
 * component is not Augur's and has no business holding it.
 */
public final class HttpComponentClient implements AutoCloseable {
    private final HttpClient http;
    private final RetryPolicy retry;

    public HttpComponentClient() {
        this(RetryPolicy.CONNECT_REFUSED);
    }

    HttpComponentClient(RetryPolicy retry) {
        this.retry = retry;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code POST /v2/models/<model>/infer} of a neutral request; the answer's outputs decoded. */
    public CompletableFuture<InferenceResponse> infer(Peer peer, Forwarded headers, Deadline callerDeadline,
            InferenceRequest request) {
        String model = request.modelName();
        return post(peer, headers, callerDeadline, "/v2/models/" + segment(model) + "/infer",
                V2ClientCodec.encodeRequest(request), body -> V2ClientCodec.decodeResponse(peer.who(), model, body));
    }

    /**
     * KServe's V1 {@code POST /v1/models/<model>:predict}: the request's tensor as {@code instances}, the
     * {@code predictions} back as a tensor ({@link V1ClientCodec}).
     */
    public CompletableFuture<InferenceResponse> predictV1(Peer peer, Forwarded headers, Deadline callerDeadline,
            InferenceRequest request) {
        String model = request.modelName();
        byte[] body;
        try {
            body = V1ClientCodec.encodeRequest(request);
        } catch (InferenceException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post(peer, headers, callerDeadline, "/v1/models/" + segment(model) + ":predict", body,
                answer -> V1ClientCodec.decodeResponse(peer.who(), model, request.id(), answer));
    }

    /** One segment of a URL's path (a model name), percent-encoded: a space is {@code %20}, a slash {@code %2F}. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private CompletableFuture<InferenceResponse> post(Peer peer, Forwarded headers, Deadline callerDeadline,
            String path, byte[] json, java.util.function.Function<byte[], InferenceResponse> decode) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + peer.address() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        Duration left = left(peer, callerDeadline);
        if (left != null) {
            b.timeout(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left);
        }
        forward(b, headers);
        HttpRequest call = b.build();
        CompletableFuture<HttpResponse<byte[]>> answer = new CompletableFuture<>();
        attempt(call, 1, callerDeadline, answer);
        return answer.handle((r, error) -> {
            if (error != null) {
                throw failure(peer, error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
            if (r.statusCode() != 200) {
                String message = V2ClientCodec.errorMessage(r.body());
                throw new InferenceException(ErrorTable.fromHttp(r.statusCode()), message.isEmpty()
                        ? peer.who() + " answered HTTP " + r.statusCode() : message);
            }
            return decode.apply(r.body());
        });
    }

    private void attempt(HttpRequest call, int attempt, Deadline deadline,
            CompletableFuture<HttpResponse<byte[]>> result) {
        http.sendAsync(call, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((r, error) -> {
            if (error == null) {
                result.complete(r);
            } else if (attempt < retry.attempts() && refused(error) && (deadline == null || !deadline.isExpired())) {
                CompletableFuture.delayedExecutor(retry.backoffMs(attempt), TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(call, attempt + 1, deadline, result));
            } else {
                result.completeExceptionally(error);
            }
        });
    }

    private static void forward(HttpRequest.Builder b, Forwarded f) {
        if (f == null) {
            return;
        }
        if (Forwarded.forwardable(f.requestId(), Forwarded.MAX_REQUEST_ID)) {
            b.header(Forwarded.REQUEST_ID, f.requestId());
        }
        if (Forwarded.forwardable(f.traceparent(), Forwarded.MAX_TRACEPARENT)) {
            b.header(Forwarded.TRACEPARENT, f.traceparent());
        }
        if (Forwarded.forwardable(f.authorization(), Forwarded.MAX_AUTHORIZATION)) {
            b.header(Forwarded.AUTHORIZATION, f.authorization());
        }
    }

    /** Time left for the call: the earlier of the component's timeout and the caller's deadline; null for none. */
    private static Duration left(Peer peer, Deadline callerDeadline) {
        Duration caller = callerDeadline == null ? null
                : Duration.ofNanos(callerDeadline.timeRemaining(TimeUnit.NANOSECONDS));
        if (peer.timeout() == null) {
            return caller;
        }
        return caller == null || peer.timeout().compareTo(caller) < 0 ? peer.timeout() : caller;
    }

    private static boolean refused(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException && !(c instanceof HttpConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    /** Unreachable or too slow, named as the gRPC client names them. */
    static InferenceException failure(Peer peer, Throwable t) {
        if (t instanceof InferenceException e) {
            return e;
        }
        if (refused(t)) {
            return InferenceException.unavailable(peer.who() + " is unavailable: connection refused");
        }
        if (t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)) {
            String timeout = peer.timeout() == null ? "" : " (timeout " + peer.timeout().toMillis() + " ms)";
            return new InferenceException(ErrorCode.DEADLINE_EXCEEDED, peer.who()
                    + " did not answer within its deadline" + timeout);
        }
        return InferenceException.unavailable(peer.who() + " is unavailable: " + (t.getMessage() == null
                ? t.getClass().getSimpleName() : t.getMessage()));
    }

    @Override
    public void close() {
        // HttpClient.close() exists from Java 21 only; the build targets 17: its threads end with the JVM.
    }
}
