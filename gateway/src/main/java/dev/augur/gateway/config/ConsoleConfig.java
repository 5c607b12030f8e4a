package dev.augur.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The web console at {@code /console} and the metrics history its charts draw, read once at start-up. */
@ConfigMapping(prefix = "augur.console")
public interface ConsoleConfig {

    /** How often the gateway's own metrics are sampled into the history (one chart point per sample). */
    @WithName("sample-interval")
    @WithDefault("2s")
    Duration sampleInterval();

    /** How far back the history goes; older points are dropped. */
    @WithDefault("5m")
    Duration history();

    /** Deadline of one call from the console's models page to a predictor's repository API. */
    @WithName("repository-timeout")
    @WithDefault("30s")
    Duration repositoryTimeout();
}
