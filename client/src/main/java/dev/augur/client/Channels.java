package dev.augur.client;

import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Long-lived HTTP/2 channels to each component address, shared by every call: gRPC multiplexes calls on them, so a
 * call pays no connection set-up. A call made on a Vert.x event loop (every REST and gRPC ingress call) gets the
 * channel that runs on that same loop: the call is written, and its answer read and handed back, on the thread that
 * holds the caller's own connection, with no hand-off between threads (on two cores, each hand-off costs more than
 * the routing itself). Other callers (worker threads, the Kafka path) share one channel on grpc-java's own loops.
 * Loops are shared only when they are NIO ones (not Vert.x's native epoll/io_uring transports).
 *
 * <p>A refused connection sends its channel idle ({@link #refused}), so the next call connects at once instead of
 * failing fast until grpc-java's reconnect back-off ends.
 */
final class Channels {
    /** Same as the services' inbound limit: whatever a component may send or accept must fit. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private record Key(String address, String authority, EventLoop loop) {
    }

    private final Map<Key, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final List<ClientInterceptor> interceptors;

    /**
     * @param interceptors  the caller's own, run on every call
     * @param internalToken the token components require ({@link InternalCredential}), or null to send none
     */
    Channels(List<ClientInterceptor> interceptors, String internalToken) {
        List<ClientInterceptor> all = new ArrayList<>(interceptors);
        if (internalToken != null && !internalToken.isBlank()) {
            all.add(new InternalCredential(internalToken));
        }
        this.interceptors = List.copyOf(all);
    }

    ManagedChannel channel(Peer peer) {
        return channels.computeIfAbsent(new Key(peer.address(), peer.authority(), currentLoop()),
                k -> build(peer, k.loop()));
    }

    private static EventLoop currentLoop() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal c && c.isEventLoopContext()
                && c.nettyEventLoop() instanceof NioEventLoop loop && loop.inEventLoop()) {
            return loop;
        }
        return null;
    }

    private ManagedChannel build(Peer peer, EventLoop loop) {
        NettyChannelBuilder b = NettyChannelBuilder.forAddress(peer.host(), peer.port())
                .usePlaintext()
                // Callbacks only hand results on; running them on the transport thread saves a thread hop.
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE)
                // Applied last-first: the forwarded headers are written before the callers' interceptors run.
                .intercept(interceptors)
                .intercept(Forwarded.INTERCEPTOR);
        if (peer.authority() != null) {
            b.overrideAuthority(peer.authority());
        }
        if (loop != null) {
            b.eventLoopGroup(loop).channelType(NioSocketChannel.class);
        }
        return b.build();
    }

    /**
     * After a call found the component's port closed: the channel goes idle, so the next call on it makes a new
     * connection and waits for its outcome. Left alone, grpc-java keeps the channel in TRANSIENT_FAILURE and fails
     * every call at once with the old error until its reconnect back-off ends (1 s, growing 1.6 times per refusal
     * up to 120 s): a component that starts, or restarts, on the same address while calls were refused was reached
     * only seconds to minutes after it listened. Connections are thus made on demand, at most one at a time per
     * channel (calls arriving meanwhile wait for it), and never while nobody calls.
     */
    static void refused(ManagedChannel channel) {
        // A channel another call has just connected keeps its connection.
        if (channel.getState(false) != ConnectivityState.READY) {
            channel.enterIdle();
        }
    }

    /** Closes the channels to an address that is gone (calls still running on them finish). */
    void forget(String address) {
        for (Key k : List.copyOf(channels.keySet())) {
            if (k.address().equals(address)) {
                ManagedChannel c = channels.remove(k);
                if (c != null) {
                    c.shutdown();
                }
            }
        }
    }

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
        channels.clear();
    }
}
