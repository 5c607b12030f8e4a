package dev.augur.supervisor;

import dev.augur.catalog.ComponentCalls;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * The local supervisor's settings, read once at start-up. Beside the gateway's own mapping of {@code augur.*}: the
 * cluster image leaves this module (and so these settings) out.
 */
@ConfigMapping(prefix = "augur")
public interface SupervisorConfig {

    /** Folder of InferenceService YAML files (local mode), re-read while running. Env: {@code AUGUR_SERVICES_DIR}. */
    @WithName("services-dir")
    @WithDefault("examples")
    String servicesDir();

    /** Routing and component calls, shared with the gateway (the domain a transformer addresses its predictor by). */
    ComponentCalls gateway();

    /** The wait for a component that is starting (Knative's activator). */
    Activator activator();

    /** Stopping idle components of services with {@code minReplicas: 0}. */
    @WithName("scale-to-zero")
    ScaleToZero scaleToZero();

    /** How local mode runs component processes. */
    Local local();

    interface Activator {
        /** Longest a request waits for its component to become ready before it gets 503. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface ScaleToZero {
        /** A component with {@code minReplicas: 0} is stopped after this long without requests. */
        @WithDefault("60s")
        Duration idle();
    }

    interface Local {
        /**
         * How Augur's own components run: {@code process} (their jars as JVM processes) or {@code containers} (their
         * images with podman, README "Containers"). {@code ./augur up --containers} sets {@code containers}.
         */
        @WithDefault("process")
        LocalRuntime runtime();

        /** The predictor's runnable jar; relative paths are resolved against the working directory. */
        @WithName("predictor-jar")
        @WithDefault("predictor/target/quarkus-app/quarkus-run.jar")
        String predictorJar();

        /** The transformer's runnable jar, for transformers with Augur's image ({@code .../augur-transformer}). */
        @WithName("transformer-jar")
        @WithDefault("transformer/target/quarkus-app/quarkus-run.jar")
        String transformerJar();

        /** The explainer's runnable jar, for explainers with Augur's image ({@code .../augur-explainer}). */
        @WithName("explainer-jar")
        @WithDefault("explainer/target/quarkus-app/quarkus-run.jar")
        String explainerJar();

        /**
         * Where transformers and explainers reach their predictor: this gateway, which routes their calls by
         * {@code :authority} {@code <isvc>-predictor.<namespace>.<domain>} (and wakes a predictor scaled to zero).
         */
        @WithName("gateway-address")
        @WithDefault("127.0.0.1:${quarkus.http.port}")
        String gatewayAddress();

        /** Where local mode keeps model links, pid files and component logs ({@code logs/}). */
        @WithName("run-dir")
        @WithDefault("run")
        String runDir();

        /**
         * The {@code java} executable for components; the gateway's own JVM when unset. A JDK 25+ starts them with
         * their AOT caches; a JDK 17 runs them without (the gateway logs which at start).
         */
        Optional<String> java();

        /**
         * JVM options for component processes beyond the shared ones, separated by spaces. The shared settings are
         * {@code jvm.options} beside each jar (from {@code src/main/jvm/jvm.options}), passed first.
         */
        @WithName("jvm-options")
        Optional<String> jvmOptions();

        /** Start components with their JDK 25 AOT cache ({@code app.aot} beside the jar) when the java reads it. */
        @WithName("aot-cache")
        @WithDefault("true")
        boolean aotCache();

        /**
         * Warm standby predictors kept running with no model, adopted by predictor revisions as they start (scale
         * from zero, restarts): the revision then waits for its model load, not a JVM start. 0 turns it off.
         * Process runtime only: with {@code runtime=containers} it is ignored (said once at start).
         */
        @WithDefault("0")
        int standby();

        /** How often the services folder is checked for changes. */
        @WithName("poll-interval")
        @WithDefault("1s")
        Duration pollInterval();

        /** Longest a component may take to report ready before it is stopped and marked failed. */
        @WithName("startup-timeout")
        @WithDefault("60s")
        Duration startupTimeout();

        /**
         * Wait before a failed component is restarted the first time; doubled after each further failure in a row
         * (up to 5 minutes), as Kubernetes' crash-loop back-off.
         */
        @WithName("restart-delay")
        @WithDefault("200ms")
        Duration restartDelay();

        /** A component that had been ready this long before it failed counts as failing for the first time. */
        @WithName("restart-reset")
        @WithDefault("60s")
        Duration restartReset();

        /** Grace period between SIGTERM and SIGKILL when a component is stopped. */
        @WithName("stop-timeout")
        @WithDefault("10s")
        Duration stopTimeout();
    }
}
