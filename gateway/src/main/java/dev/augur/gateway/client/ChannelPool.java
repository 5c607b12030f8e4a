package dev.augur.gateway.client;

import dev.augur.catalog.Endpoint;
import dev.augur.catalog.EndpointClosed;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Long-lived HTTP/2 channels to each component address, shared by every request: gRPC multiplexes calls on them, so
 * a request pays no connection set-up. A request that arrives on a Vert.x event loop (every REST and gRPC ingress
 * call) gets the channel that runs on that same loop: the call is written, and its answer read and handed back, on
 * the thread that holds the client's connection, with no hand-off between threads (on two cores, each hand-off costs
 * more than the routing itself). Other callers (the Kafka path) share one channel on grpc-java's own loops.
 * Channels are closed when the catalog says their address is gone.
 */
@ApplicationScoped
public class ChannelPool {
    /** Same as the predictor's inbound limit: a response it may send must fit. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private record Key(String address, EventLoop loop) {
    }

    private final Map<Key, ManagedChannel> channels = new ConcurrentHashMap<>();
    /** Channels can share Vert.x's loops only when those are NIO ones (not native epoll/io_uring transports). */
    private final boolean shareLoops;

    public ChannelPool(Vertx vertx) {
        this.shareLoops = !vertx.isNativeTransportEnabled();
    }

    ManagedChannel channel(Endpoint endpoint) {
        EventLoop loop = shareLoops ? currentLoop() : null;
        return channels.computeIfAbsent(new Key(endpoint.address(), loop), k -> build(endpoint, k.loop()));
    }

    private static EventLoop currentLoop() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal c && c.isEventLoopContext()
                && c.nettyEventLoop().inEventLoop()) {
            return c.nettyEventLoop();
        }
        return null;
    }

    private static ManagedChannel build(Endpoint endpoint, EventLoop loop) {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                .usePlaintext()
                // Callbacks only hand results on; running them on the transport thread saves a thread hop.
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE)
                .intercept(Forwarded.INTERCEPTOR);
        if (loop != null) {
            b.eventLoopGroup(loop).channelType(NioSocketChannel.class);
        }
        return b.build();
    }

    void onClosed(@Observes EndpointClosed e) {
        String address = e.host() + ":" + e.port();
        for (Key k : List.copyOf(channels.keySet())) {
            if (k.address().equals(address)) {
                ManagedChannel c = channels.remove(k);
                if (c != null) {
                    c.shutdown();
                }
            }
        }
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel c : channels.values()) {
            try {
                c.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
