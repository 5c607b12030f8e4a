package dev.augur.telemetry;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Tracing is off unless an OTLP endpoint is configured: {@code quarkus.otel.sdk.disabled} reads {@code true} when
 * neither {@code quarkus.otel.exporter.otlp.endpoint} nor {@code quarkus.otel.exporter.otlp.traces.endpoint} is set
 * (their built-in default, {@code localhost:4317}, does not count), and nobody set {@code quarkus.otel.sdk.disabled}
 * itself. Quarkus' own default would export to localhost and log a failure per batch when no collector runs there.
 * Registered with {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class TracingDefaults implements ConfigSourceInterceptor {
    public static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    public static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    public static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    /**
     * Ordinals from here up are sources a person writes (application.properties 250, .env 295, environment 300,
     * system properties 400); defaults recorded by extensions sit far below.
     */
    static final int SET_BY_SOMEONE = 100;
    private static final long serialVersionUID = 1L;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || set(value)) {
            return value;
        }
        if (set(context.proceed(ENDPOINT)) || set(context.proceed(TRACES_ENDPOINT))) {
            return value;
        }
        return ConfigValue.builder().withName(name).withValue("true")
                .withConfigSourceName("augur: tracing is off without an OTLP endpoint")
                .withConfigSourceOrdinal(SET_BY_SOMEONE - 1).build();
    }

    static boolean set(ConfigValue v) {
        return v != null && v.getValue() != null && !v.getValue().isBlank()
                && v.getConfigSourceOrdinal() >= SET_BY_SOMEONE;
    }
}
