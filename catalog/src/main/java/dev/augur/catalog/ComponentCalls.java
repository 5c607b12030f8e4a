package dev.augur.catalog;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/**
 * Settings of component calls ({@code augur.gateway.*}) that the gateway's router and every catalog read: the
 * gateway's {@code GatewayConfig} and the supervisor's {@code SupervisorConfig} both map this group, so the names and
 * defaults are written once.
 */
public interface ComponentCalls {

    /** Host-based routing: a Host of {@code <isvc>.<namespace>.<domain>} addresses that service (KServe's default). */
    @WithDefault("example.com")
    String domain();

    /** Deadline of a component call when the component's spec sets no {@code timeout}. */
    @WithName("default-timeout")
    @WithDefault("60s")
    Duration defaultTimeout();
}
