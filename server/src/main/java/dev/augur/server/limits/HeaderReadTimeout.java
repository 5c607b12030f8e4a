package dev.augur.server.limits;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Closes a connection whose request headers do not arrive in full within {@code augur.server.limits.header-read-timeout}
 * of its first byte (slowloris: many connections each sending a header line now and then would otherwise be held for
 * the whole idle timeout, 300 s). Neither Vert.x nor Quarkus has such a timeout, and no request object exists until
 * the headers are complete, so it is kept per connection in Netty: a {@link Watch} at the head of every accepted
 * connection's pipeline starts the clock when bytes of a new request arrive, and this filter, the first to see a
 * request, stops it. Over HTTP/1.1 the clock runs for every request of a keep-alive connection (from the first byte
 * after the previous answer); over HTTP/2 for the connection preface and first request only (later streams are
 * multiplexed with others' bytes; the idle timeout covers them).
 * <p>
 * Vert.x exposes no hook on accepted connections, so the watch is installed on the server's listening channel when
 * the first request arrives (any request: a probe, a client): connections accepted before that are bounded by the
 * idle timeout only.
 */
@ApplicationScoped
public class HeaderReadTimeout {
    private static final Logger LOG = Logger.getLogger(HeaderReadTimeout.class);
    private static final AttributeKey<Boolean> WATCHED = AttributeKey.valueOf("augur.header-read-timeout");
    private static final String NAME = "augur-header-read-timeout";

    private final long millis;

    public HeaderReadTimeout(LimitsConfig config) {
        this.millis = config.headerReadTimeout().toMillis();
    }

    void register(@Observes Filters filters) {
        if (millis > 0) {
            // Ahead of every filter that may answer the request itself (HeaderLimit, InternalAuth).
            filters.register(this::headersIn, HeaderLimit.PRIORITY + 10);
        }
    }

    private void headersIn(RoutingContext rc) {
        try {
            HttpConnection connection = rc.request().connection();
            if (connection instanceof ConnectionBase base) {
                Channel channel = base.channel();
                watchAccepts(channel.parent());
                Watch watch = channel.pipeline().get(Watch.class);
                if (watch != null) {
                    boolean h2 = rc.request().version() == HttpVersion.HTTP_2;
                    onLoop(channel, () -> watch.headersIn(h2));
                    if (!h2) {
                        rc.addEndHandler(done -> onLoop(channel, watch::requestDone));
                    }
                }
            }
        } catch (RuntimeException e) {
            // Never fail a request over its connection's watch.
            LOG.debug("header-read timeout not applied", e);
        }
        rc.next();
    }

    /** Installs, once per listening channel, the handler that gives each accepted connection its watch. */
    private void watchAccepts(Channel server) {
        if (server != null && server.attr(WATCHED).setIfAbsent(Boolean.TRUE) == null) {
            server.pipeline().addFirst(NAME, new Acceptor(millis));
        }
    }

    private static void onLoop(Channel channel, Runnable r) {
        if (channel.eventLoop().inEventLoop()) {
            r.run();
        } else {
            channel.eventLoop().execute(r);
        }
    }

    /** On the listening channel: each accepted connection (a channel read there) gets a {@link Watch} first. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long millis;

        Acceptor(long millis) {
            this.millis = millis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel child) {
                child.pipeline().addFirst(NAME, new Watch(millis));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** One connection's clock: armed by the bytes of a request, stopped by its complete headers. */
    static final class Watch extends ChannelInboundHandlerAdapter {
        private final long millis;
        private ScheduledFuture<?> timer;
        private boolean inRequest;
        private boolean done;

        Watch(long millis) {
            this.millis = millis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!done && !inRequest && timer == null) {
                timer = ctx.executor().schedule(() -> {
                    LOG.debugf("closing %s: request headers not complete within %d ms", ctx.channel(), millis);
                    ctx.close();
                }, millis, TimeUnit.MILLISECONDS);
            }
            ctx.fireChannelRead(msg);
        }

        /** A request's headers are in: stop the clock; an HTTP/2 connection is not watched further. */
        void headersIn(boolean h2) {
            cancel();
            inRequest = true;
            done |= h2;
        }

        /** The request was answered: the next bytes start the next request's clock (HTTP/1.1 keep-alive). */
        void requestDone() {
            inRequest = false;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        private void cancel() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
