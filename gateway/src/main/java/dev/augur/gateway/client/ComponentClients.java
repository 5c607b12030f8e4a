package dev.augur.gateway.client;

import dev.augur.client.ComponentClient;
import dev.augur.client.Peer;
import dev.augur.catalog.ComponentCredentials;
import dev.augur.catalog.Endpoint;
import dev.augur.catalog.EndpointClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The gateway's one {@link ComponentClient} (every ingress, graphs, OpenAI and the Kafka path call components
 * through it): its channels close when the catalog says their address is gone. The gateway forwards the client's
 * trace context itself ({@code Exchange.forwarded()}), so the client gets no propagation interceptor. In local mode
 * it sends the run's internal token on every call ({@link ComponentCredentials}), beside the client's own
 * {@code authorization}.
 */
@ApplicationScoped
public class ComponentClients {

    @Produces
    @Singleton
    ComponentClient client(Instance<ComponentCredentials> credentials) {
        return new ComponentClient(List.of(), internalToken(credentials));
    }

    /** Local mode's run token, which its components require; none in the cluster image (no supervisor). */
    public static String internalToken(Instance<ComponentCredentials> credentials) {
        return credentials.isResolvable() ? credentials.get().internalToken().orElse(null) : null;
    }

    void close(@Disposes ComponentClient client) {
        client.close();
    }

    void onClosed(@Observes EndpointClosed e, ComponentClient client) {
        client.forget(e.host(), e.port());
    }

    /** A leased revision as the client addresses it. */
    public static Peer peer(Endpoint e) {
        return new Peer(e.component(), e.revision(), e.host(), e.port(), e.timeout(), null);
    }
}
