package dev.augur.server.limits;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Closes a connection whose request headers do not arrive in full within {@code augur.server.limits.header-read-timeout}
 * of its first byte (slowloris: many connections each sending a header line now and then would otherwise be held for
 * the whole idle timeout, 300 s). Neither Vert.x nor Quarkus has such a timeout, and no request object exists until
 * the headers are complete, so it is kept per connection in Netty: a {@link Watch} at the head of every accepted
 * connection's pipeline starts the clock when bytes of a new request arrive, and {@link RequestLimits}, the first
 * filter to see a request, stops it. Over HTTP/1.1 the clock runs for every request of a keep-alive connection (from
 * the first byte after the previous answer); over HTTP/2 for the connection preface and first request only (later
 * streams are multiplexed with others' bytes; the idle timeout covers them).
 * <p>
 * The same watch keeps an HTTP/1.1 request's {@link RequestReadTimeout} clock (one request at a time per
 * connection), so neither clock costs a timer per request: the watch notes when a clock starts and keeps at most one
 * check scheduled per connection, which looks at the clocks when it runs and schedules the next check only if a clock
 * still runs then (about one per timeout period on a busy keep-alive connection, instead of a timer set and cancelled
 * for every request).
 * <p>
 * Vert.x exposes no hook on accepted connections, so the watch is installed on the server's listening channel when
 * the first request arrives (any request: a probe, a client): connections accepted before that are bounded by the
 * idle timeout only (and their requests' bodies by {@link RequestReadTimeout}'s own timer).
 */
@Singleton
public class HeaderReadTimeout {
    private static final Logger LOG = Logger.getLogger(HeaderReadTimeout.class);
    private static final AttributeKey<Boolean> WATCHED = AttributeKey.valueOf("augur.header-read-timeout");
    private static final String NAME = "augur-header-read-timeout";

    private final long headerNanos;
    private final long requestNanos;
    private final Consumer<HttpServerRequest> expire;

    public HeaderReadTimeout(LimitsConfig config, RequestReadTimeout requests) {
        this.headerNanos = Math.max(0, config.headerReadTimeout().toNanos());
        this.requestNanos = Math.max(0, config.requestReadTimeout().toNanos());
        this.expire = requests::expire;
    }

    /**
     * A request's headers are in (called by the first filter): stops its connection's header clock and, over
     * HTTP/1.1, starts the clock of its body. Answers whether the connection's watch now bounds the request's body;
     * if not (HTTP/2, or a connection accepted before the watch was installed), {@link RequestReadTimeout} does.
     */
    boolean headersIn(HttpServerRequest r) {
        if (headerNanos == 0 && requestNanos == 0) {
            return false;
        }
        try {
            HttpConnection connection = r.connection();
            if (connection instanceof ConnectionBase base) {
                Channel channel = base.channel();
                watchAccepts(channel.parent());
                Watch watch = channel.pipeline().get(Watch.class);
                if (watch != null) {
                    HttpServerRequest h1 = r.version() == HttpVersion.HTTP_2 ? null : r;
                    if (channel.eventLoop().inEventLoop()) {
                        watch.headersIn(h1);
                    } else {
                        channel.eventLoop().execute(() -> watch.headersIn(h1));
                    }
                    return h1 != null && requestNanos > 0;
                }
            }
        } catch (RuntimeException e) {
            // Never fail a request over its connection's watch.
            LOG.debug("header-read timeout not applied", e);
        }
        return false;
    }

    /** Installs, once per listening channel, the handler that gives each accepted connection its watch. */
    private void watchAccepts(Channel server) {
        if (server != null && server.attr(WATCHED).get() == null
                && server.attr(WATCHED).setIfAbsent(Boolean.TRUE) == null) {
            server.pipeline().addFirst(NAME, new Acceptor(headerNanos, requestNanos, expire));
        }
    }

    /** On the listening channel: each accepted connection (a channel read there) gets a {@link Watch} first. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long headerNanos;
        private final long requestNanos;
        private final Consumer<HttpServerRequest> expire;

        Acceptor(long headerNanos, long requestNanos, Consumer<HttpServerRequest> expire) {
            this.headerNanos = headerNanos;
            this.requestNanos = requestNanos;
            this.expire = expire;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                child.pipeline().addFirst(NAME, new Watch(headerNanos, requestNanos, expire));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * One connection's clocks, on its event loop only: the header clock, started by the first bytes of a request and
     * stopped by its complete headers, and (HTTP/1.1) the body clock of the request being answered, started by its
     * headers and done when its body is in or its answer is sent. One check at most is scheduled (at the earliest
     * time a running clock could run out); it acts on a clock that ran out and schedules the next check if one runs.
     */
    static final class Watch extends ChannelInboundHandlerAdapter implements Runnable {
        private final long headerNanos;
        private final long requestNanos;
        private final Consumer<HttpServerRequest> expire;
        private ChannelHandlerContext ctx;
        private ScheduledFuture<?> check;
        private long checkAt;
        private boolean inHeaders;
        private long headersSince;
        /** HTTP/1.1: the latest request whose headers are in (answered or not); null before, and over HTTP/2. */
        private HttpServerRequest request;
        private long requestSince;
        private boolean h2;

        Watch(long headerNanos, long requestNanos, Consumer<HttpServerRequest> expire) {
            this.headerNanos = headerNanos;
            this.requestNanos = requestNanos;
            this.expire = expire;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // The bytes of a new request: none read before, or the previous one answered (HTTP/1.1 keep-alive).
            if (!inHeaders && !h2 && headerNanos > 0 && (request == null || request.response().ended())) {
                inHeaders = true;
                headersSince = System.nanoTime();
                checkBy(headersSince + headerNanos);
            }
            ctx.fireChannelRead(msg);
        }

        /** A request's headers are in: stop the header clock; over HTTP/1.1 ({@code h1} not null) time its body. */
        void headersIn(HttpServerRequest h1) {
            inHeaders = false;
            if (h1 == null) {
                // HTTP/2: not watched further.
                h2 = true;
                request = null;
                cancel();
                return;
            }
            request = h1;
            if (requestNanos > 0) {
                requestSince = System.nanoTime();
                checkBy(requestSince + requestNanos);
            }
        }

        /** Makes sure a check runs no later than {@code deadline}: a pending earlier check will look then. */
        private void checkBy(long deadline) {
            if (check != null) {
                if (checkAt - deadline <= 0) {
                    return;
                }
                check.cancel(false);
            }
            checkAt = deadline;
            check = ctx.executor().schedule(this, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        /** The check: acts on a clock that ran out, or schedules the next check while a clock runs. */
        @Override
        public void run() {
            check = null;
            long now = System.nanoTime();
            long next = 0;
            boolean running = false;
            if (inHeaders) {
                if (now - headersSince >= headerNanos) {
                    LOG.debugf("closing %s: request headers not complete within %d ms", ctx.channel(),
                            TimeUnit.NANOSECONDS.toMillis(headerNanos));
                    ctx.close();
                    return;
                }
                next = headersSince + headerNanos;
                running = true;
            }
            HttpServerRequest r = request;
            if (r != null && requestNanos > 0 && !r.isEnded() && !r.response().ended()) {
                if (now - requestSince >= requestNanos) {
                    request = null;
                    expire.accept(r);
                } else if (!running || requestSince + requestNanos - next < 0) {
                    next = requestSince + requestNanos;
                    running = true;
                }
            }
            if (running) {
                checkBy(next);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            request = null;
            ctx.fireChannelInactive();
        }

        private void cancel() {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
    }
}
