package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request's concurrency slot is returned before its answer can be read. The slot's release waits a little for the
 * client to have read the answer and records whether it had: returned before the answer is written, the client
 * cannot have it (the write waits for the release), so the record is always "not yet"; returned after the write (as
 * the end handler did), the client has it within the wait and the test fails.
 */
class SlotTest {
    private Vertx vertx;
    /** The client's own threads: blocked server threads must not hold the client back. */
    private Vertx clientVertx;
    private HttpServer server;
    private final CountDownLatch clientRead = new CountDownLatch(1);
    private final AtomicBoolean readBeforeRelease = new AtomicBoolean();
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        clientVertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(rc -> {
            Slot.holdUntilAnswered(rc, () -> {
                if (released.getCount() == 0) {
                    return;
                }
                try {
                    readBeforeRelease.set(clientRead.await(300, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                released.countDown();
            });
            rc.response().putHeader("content-type", "application/json").end("{\"answer\": 42}");
        });
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setHttp2ClearTextEnabled(true)).requestHandler(router).listen().toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private String call(HttpVersion version) throws Exception {
        HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setProtocolVersion(version)
                .setHttp2ClearTextUpgrade(false));
        Buffer body = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                .compose(r -> r.send().compose(response -> response.body()))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        clientRead.countDown();
        assertTrue(released.await(10, TimeUnit.SECONDS), "the slot was never returned");
        return body.toString();
    }

    @Test
    void http1AnswerIsWrittenOnlyAfterTheSlotIsReturned() throws Exception {
        assertEquals("{\"answer\": 42}", call(HttpVersion.HTTP_1_1));
        assertFalse(readBeforeRelease.get(), "the client read the answer while the slot was still held");
    }

    @Test
    void http2AnswerIsWrittenOnlyAfterTheSlotIsReturned() throws Exception {
        assertEquals("{\"answer\": 42}", call(HttpVersion.HTTP_2));
        assertFalse(readBeforeRelease.get(), "the client read the answer while the slot was still held");
    }
}
