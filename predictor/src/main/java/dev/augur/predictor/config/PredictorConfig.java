package dev.augur.predictor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The predictor's settings, read once at start-up. */
@ConfigMapping(prefix = "augur")
public interface PredictorConfig {

    /** Folder of models: one sub-folder per model, with numbered version folders or the model file itself. */
    @WithName("model-repository")
    @WithDefault("./models")
    String modelRepository();

    /** Name reported by {@code GET /v2} and ServerMetadata. */
    @WithName("server-name")
    @WithDefault("augur-predictor")
    String serverName();

    /** Ready only when every model in the repository is READY (Triton's strict readiness). */
    @WithName("strict-readiness")
    @WithDefault("true")
    boolean strictReadiness();

    /** Defaults for each model; a model's {@code config.yaml} overrides them. */
    Models models();

    /** ONNX Runtime session settings. */
    Onnx onnx();

    /** Where models named by a {@code storage_uri} are fetched from and cached. */
    Storage storage();

    interface Models {
        /** Requests executing at once per model (Triton's instance count). */
        @WithDefault("2")
        int instances();

        /** Requests waiting per model beyond those executing; more are refused with 429 / RESOURCE_EXHAUSTED. */
        @WithName("max-queue-size")
        @WithDefault("256")
        int maxQueueSize();

        /**
         * Models whose calls average less than this many microseconds run on the thread that received the request
         * instead of hopping to the model's executor: for a model as cheap as JSON parsing, the hop costs more than
         * the model. Measured continuously, so a model that gets slower moves back to its executor. 0 turns it off.
         */
        @WithName("inline-threshold-micros")
        @WithDefault("50")
        int inlineThresholdMicros();

        /**
         * Memory all loaded models may hold together (e.g. {@code 2G}); a load beyond it is refused with a clear
         * reason. Unset: no limit.
         */
        @WithName("memory-limit")
        java.util.Optional<io.quarkus.runtime.configuration.MemorySize> memoryLimit();

        /**
         * Loads the repository's models on a background thread while the server starts, so the port opens without
         * waiting for them (ONNX Runtime's native library and the sessions load while Quarkus starts): the server
         * and each model report not ready until its load ended, as KServe and Triton report a loading model, and an
         * inference request for a model still loading waits for it ({@code load-wait}). {@code false}: every model
         * is loaded before the port opens.
         */
        @WithName("load-in-background")
        @WithDefault("true")
        boolean loadInBackground();

        /**
         * How long an inference request for a model still in its start-up load waits for that load before it is
         * answered 503 / UNAVAILABLE ("still loading").
         */
        @WithName("load-wait")
        @WithDefault("60s")
        java.time.Duration loadWait();
    }

    interface Onnx {
        /** Threads inside one operator; 1 suits small models on few cores, where requests run in parallel. */
        @WithName("intra-op-threads")
        @WithDefault("1")
        int intraOpThreads();

        /** Threads across independent operators. */
        @WithName("inter-op-threads")
        @WithDefault("1")
        int interOpThreads();

        /**
         * Where ONNX Runtime's native libraries (28 MB, inside its jar) are unpacked once and loaded from on every
         * later start, instead of being unpacked into a new temporary folder at each start (about 200 ms of a cold
         * start). One folder per library version; if it cannot be written, ONNX Runtime unpacks as before.
         */
        @WithName("native-cache-dir")
        @WithDefault("${java.io.tmpdir}/augur-native-${user.name}")
        String nativeCacheDir();
    }

    interface Storage {
        /**
         * Local cache of fetched models: one folder per URI (named by a hash of it) with a manifest of SHA-256 sums.
         * A URI already in the cache is not fetched again; delete its folder (or change the URI) to fetch anew.
         */
        @WithName("cache-dir")
        @WithDefault("${java.io.tmpdir}/augur-storage")
        String cacheDir();

        /** Longest wait for a TCP connection to an HTTP server or S3 endpoint. */
        @WithName("connect-timeout")
        @WithDefault("10s")
        java.time.Duration connectTimeout();

        /** Longest an HTTP download, or one S3 call (listing or one object), may take. */
        @WithName("download-timeout")
        @WithDefault("30m")
        java.time.Duration downloadTimeout();

        /** {@code s3://} settings. */
        S3 s3();
    }

    interface S3 {
        /**
         * Endpoint of an S3-compatible store (e.g. {@code http://minio:9000}). Unset: AWS's own endpoint for the
         * region.
         */
        java.util.Optional<java.net.URI> endpoint();

        /** Region to sign requests for (S3-compatible stores mostly accept any). */
        @WithDefault("us-east-1")
        String region();

        /**
         * Path-style requests ({@code endpoint/bucket/key}) instead of virtual-host style
         * ({@code bucket.endpoint/key}). Unset: on when {@code endpoint} is set, off for AWS.
         */
        @WithName("path-style")
        java.util.Optional<Boolean> pathStyle();

        /**
         * Access key id; used with {@code secret-access-key}. Unset: the AWS default credentials chain (environment
         * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, system properties, {@code ~/.aws/credentials},
         * container and instance roles).
         */
        @WithName("access-key-id")
        java.util.Optional<String> accessKeyId();

        /** Secret access key, with {@code access-key-id}. Unset: the AWS default credentials chain. */
        @WithName("secret-access-key")
        java.util.Optional<String> secretAccessKey();
    }
}
