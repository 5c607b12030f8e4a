package dev.augur.gateway.messaging.jobs;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.config.JobsConfig;
import dev.augur.gateway.messaging.jobs.JobTopics;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.jobs.JobJsonCodec;
import dev.augur.protocol.jobs.JobStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Batch jobs: a JSON-lines file of requests for one InferenceService, run row by row through the Kafka path, with
 * progress, results in input order, and cancellation. The file is streamed to the jobs requests topic as it
 * arrives (never held whole); the results are read from the results topic into the job's folder.
 */
@ApplicationScoped
public class Jobs {
    private static final Logger LOG = Logger.getLogger(Jobs.class);

    private final ServiceCatalog catalog;
    private final JobTopics topics;
    private final JobsConfig config;
    private final Path dataDir;
    private final JobStore store;
    private ResultsConsumer results;

    public Jobs(ServiceCatalog catalog, JobTopics topics, JobsConfig config) {
        this.catalog = catalog;
        this.topics = topics;
        this.config = config;
        this.dataDir = Path.of(config.dataDir());
        this.store = new JobStore(dataDir);
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!topics.enabled()) {
            return;
        }
        store.load();
        topics.start(id -> store.find(id).map(j -> j.state() == JobState.CANCELLED).orElse(false));
        results = new ResultsConsumer(config.resultsTopic(), topics.clients(), store);
        results.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (results != null) {
            results.stop();
        }
        topics.stop();
    }

    /**
     * Reads the file line by line and sends each non-blank line as one request record; returns once every row is
     * with the broker. Unknown service: 404 before anything is read. No rows at all: 400 and no job. Every row
     * carries {@code traceparent} (the submitter's W3C trace context, or null).
     */
    public JobStatus submit(String service, InputStream body, String traceparent) {
        requireKafka();
        catalog.find(service).orElseThrow(() -> InferenceException.notFound("InferenceService '" + service
                + "' not found"));
        Job job;
        try {
            job = store.create(service);
        } catch (IOException e) {
            throw new InferenceException(ErrorCode.UNAVAILABLE, "cannot create the job's folder under "
                    + dataDir + ": " + e.getMessage());
        }
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        long line = 0;
        long rows = 0;
        try {
            LineReader reader = new LineReader(body, config.maxRowSize());
            for (LineReader.Line l = reader.next(); l != null; l = reader.next()) {
                if (job.state() == JobState.CANCELLED || sendFailure.get() != null) {
                    break;
                }
                line++;
                if (l.blank()) {
                    job.blank(line);
                    continue;
                }
                rows++;
                job.counted(line, rows);
                if (l.tooLong()) {
                    job.record(line, ResultFile.FAILED, JobJsonCodec.encodeFailure(line, JobTopics.key(job.id, line),
                            ErrorCode.PAYLOAD_TOO_LARGE, "row is larger than the limit of " + config.maxRowSize()
                                    + " bytes (augur.jobs.max-row-size)"));
                    continue;
                }
                topics.send(job.id, line, service, l.bytes(), traceparent).whenComplete((ok, error) -> {
                    if (error != null) {
                        sendFailure.compareAndSet(null, error);
                    }
                });
            }
            topics.flush();
        } catch (IOException | RuntimeException e) {
            job.fail("the upload failed after " + line + " lines: " + e.getMessage());
            if (e instanceof IOException && String.valueOf(e.getMessage()).contains("too large")) {
                throw new InferenceException(ErrorCode.PAYLOAD_TOO_LARGE, "the file is larger than the limit of "
                        + config.maxUploadSize().asLongValue() + " bytes (augur.jobs.max-upload-size)");
            }
            throw e instanceof InferenceException ie ? ie
                    : new InferenceException(ErrorCode.INVALID_ARGUMENT, "the upload failed after " + line
                            + " lines: " + e.getMessage());
        }
        if (sendFailure.get() != null) {
            job.fail("rows could not be sent to Kafka: " + sendFailure.get().getMessage());
            throw InferenceException.unavailable("job " + job.id + " failed: rows could not be sent to Kafka ("
                    + sendFailure.get().getMessage() + ")");
        }
        if (rows == 0 && job.state() != JobState.CANCELLED) {
            store.delete(job);
            throw InferenceException.invalid("the file has no rows: send one JSON request (V2 or V1) per line");
        }
        job.counted(line, rows);
        job.uploadComplete();
        LOG.infof("job %s: %d rows for %s", job.id, rows, service);
        return job.status();
    }

    /** Every job the gateway knows, newest first (finished ones too: they are kept until their folder is deleted). */
    public List<JobStatus> list() {
        requireKafka();
        return store.all().stream().map(Job::status).toList();
    }

    public JobStatus status(String service, String id) {
        return find(service, id).status();
    }

    public JobStatus cancel(String service, String id) {
        Job job = find(service, id);
        if (!job.cancel()) {
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION, "job " + id + " has already "
                    + job.state().label() + "; only a queued or running job can be cancelled");
        }
        return job.status();
    }

    /** Writes a finished job's results. */
    public interface Results {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * The results of a finished job, in input order: one line per row (blank input lines have none). A job that
     * has not finished is refused with 409 rather than streamed in part: a client saving the answer must never take
     * half a file for the whole; progress says when it is done.
     */
    public Results results(String service, String id) {
        Job job = find(service, id);
        JobStatus s = job.status();
        if (!job.state().finished()) {
            throw new InferenceException(ErrorCode.FAILED_PRECONDITION, "job " + id + " is " + s.state() + " ("
                    + s.done() + " of " + s.total() + " rows done); its results can be read once it has finished");
        }
        return out -> job.results.forEach(job.lines(), (line, kind, row) -> {
            if (row != null) {
                ResultFile.copy(row, out);
            } else if (kind == ResultFile.EMPTY) {
                String rowId = JobTopics.key(job.id, line);
                out.write(job.state() == JobState.CANCELLED ? JobJsonCodec.encodeCancelled(line, rowId)
                        : JobJsonCodec.encodeFailure(line, rowId, ErrorCode.UNAVAILABLE, "not run: the job failed ("
                                + s.reason() + ")"));
                out.write('\n');
            }
        });
    }

    private Job find(String service, String id) {
        requireKafka();
        return store.find(id).filter(j -> j.service.equals(service)).orElseThrow(() -> InferenceException.notFound(
                "no job '" + id + "' for InferenceService '" + service + "'"));
    }

    private void requireKafka() {
        if (!topics.enabled()) {
            throw InferenceException.unavailable("batch jobs run on the Kafka path, which is off "
                    + "(augur.kafka.enabled=false)");
        }
    }

}
