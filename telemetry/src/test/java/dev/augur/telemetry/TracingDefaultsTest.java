package dev.augur.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is off without an OTLP endpoint, on with one, and an explicit setting always wins. */
class TracingDefaultsTest {

    /** Quarkus' own defaults (SDK on, endpoint localhost:4317) plus what a person set (ordinal 300, like env). */
    private static boolean disabled(Map<String, String> set) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new TracingDefaults())
                .withDefaultValue(TracingDefaults.SDK_DISABLED, "false")
                .withDefaultValue(TracingDefaults.ENDPOINT, "http://localhost:4317/")
                .withDefaultValue(TracingDefaults.TRACES_ENDPOINT, "http://localhost:4317/")
                .withSources(new PropertiesConfigSource(set, "set", 300)).build();
        return config.getValue(TracingDefaults.SDK_DISABLED, Boolean.class);
    }

    @Test
    void offWhenNoEndpointIsSet() {
        assertTrue(disabled(Map.of()));
    }

    @Test
    void onWhenTheEndpointIsSet() {
        assertFalse(disabled(Map.of(TracingDefaults.ENDPOINT, "http://collector:4317")));
    }

    @Test
    void onWhenTheTracesEndpointIsSet() {
        assertFalse(disabled(Map.of(TracingDefaults.TRACES_ENDPOINT, "http://collector:4318/v1/traces")));
    }

    @Test
    void anExplicitSdkSettingWinsWithoutAnEndpoint() {
        assertFalse(disabled(Map.of(TracingDefaults.SDK_DISABLED, "false")));
    }

    @Test
    void anExplicitSdkSettingWinsWithAnEndpoint() {
        assertTrue(disabled(Map.of(TracingDefaults.ENDPOINT, "http://collector:4317",
                TracingDefaults.SDK_DISABLED, "true")));
    }

    @Test
    void aBlankEndpointCountsAsNone() {
        assertTrue(disabled(Map.of(TracingDefaults.ENDPOINT, " ")));
    }
}
