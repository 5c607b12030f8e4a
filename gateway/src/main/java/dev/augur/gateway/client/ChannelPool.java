package dev.augur.gateway.client;

import dev.augur.gateway.catalog.Endpoint;
import dev.augur.gateway.catalog.EndpointClosed;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived HTTP/2 channel per component address, shared by every request: gRPC multiplexes calls on it, so
 * a request pays no connection set-up. Channels are closed when the catalog says their address is gone.
 */
@ApplicationScoped
public class ChannelPool {
    /** Same as the predictor's inbound limit: a response it may send must fit. */
    static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    ManagedChannel channel(Endpoint endpoint) {
        return channels.computeIfAbsent(endpoint.address(), a -> NettyChannelBuilder
                .forAddress(endpoint.host(), endpoint.port())
                .usePlaintext()
                // Callbacks only hand results on; running them on the transport thread saves a thread hop.
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE)
                .intercept(Forwarded.INTERCEPTOR)
                .build());
    }

    void onClosed(@Observes EndpointClosed e) {
        ManagedChannel c = channels.remove(e.host() + ":" + e.port());
        if (c != null) {
            c.shutdown();
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
