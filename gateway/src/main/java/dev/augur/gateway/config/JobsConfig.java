package dev.augur.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Batch jobs over HTTP (JSON-lines files run through the Kafka path), read once at start-up. */
@ConfigMapping(prefix = "augur.jobs")
public interface JobsConfig {

    /**
     * Where jobs keep their state and results (one folder per job); {@code <augur.local.run-dir>/jobs} by default
     * (the local supervisor's run folder, {@code run} where it is not set or not present, as in the cluster image).
     * It must outlive the process for jobs to survive a restart (a persistent volume in Kubernetes).
     */
    @WithName("data-dir")
    @WithDefault("${augur.local.run-dir:run}/jobs")
    String dataDir();

    /**
     * Topic the rows of jobs are sent to. Apart from the online requests topic, so a 100,000-row job does not queue
     * in front of single requests, and its failed rows come back as results instead of going to the shared
     * dead-letter topic.
     */
    @WithName("requests-topic")
    @WithDefault("augur.jobs.requests")
    String requestsTopic();

    /** Topic the answers and failures of job rows are written to, and read from into each job's results. */
    @WithName("results-topic")
    @WithDefault("augur.jobs.results")
    String resultsTopic();

    /** Largest file a job may upload; far above {@code quarkus.http.limits.max-body-size}, which other routes keep. */
    @WithName("max-upload-size")
    @WithDefault("10G")
    MemorySize maxUploadSize();

    /** Largest row (one line); a longer one fails alone with 413. Kafka's default record size limit is 1 MiB. */
    @WithName("max-row-size")
    @WithDefault("1000000")
    int maxRowSize();

    /**
     * Bytes of rows the upload may have in flight to Kafka; the upload waits for the broker beyond it, so memory
     * stays bounded whatever the file's size.
     */
    @WithName("send-buffer")
    @WithDefault("4M")
    MemorySize sendBuffer();
}
