package dev.augur.gateway.messaging.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The jobs under the data folder, one sub-folder per job id. A local folder rather than a compacted Kafka topic:
 * a job's results have to be on a disk the gateway reads from (results are streamed back in input order, which a
 * topic cannot do without reading all of it), and keeping the job's state in the same folder means state and
 * results survive, move and are deleted together, with atomic renames for the state.
 */
final class JobStore {
    private static final Logger LOG = Logger.getLogger(JobStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    JobStore(Path root) {
        this.root = root;
    }

    /** Reads every job back after a (re)start; a job whose upload was cut off by the stop can never finish. */
    void load() throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Job::isJobDir).toList()) {
                try {
                    Job job = Job.load(dir);
                    if (!job.uploaded() && !job.state().finished()) {
                        job.fail("the gateway stopped while the file was being uploaded (" + job.lines()
                                + " lines were read); submit the file again");
                    }
                    job.finishIfDone();
                    jobs.put(job.id, job);
                } catch (IOException | RuntimeException e) {
                    LOG.errorf("cannot read the job in %s: %s", dir, e.toString());
                }
            }
        }
        LOG.infof("%d batch jobs in %s", jobs.size(), root);
    }

    Job create(String service) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String id = "job-" + HexFormat.of().formatHex(random);
        Job job = Job.create(root.resolve(id), id, service);
        jobs.put(id, job);
        return job;
    }

    /** Every job, newest first. */
    List<Job> all() {
        return jobs.values().stream().sorted(Comparator.comparing((Job j) -> j.status().created()).reversed())
                .toList();
    }

    Optional<Job> find(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /** Forgets a job that never started (an empty file) and deletes its folder. */
    void delete(Job job) {
        jobs.remove(job.id);
        try {
            job.results.close();
            try (Stream<Path> all = Files.walk(job.dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
