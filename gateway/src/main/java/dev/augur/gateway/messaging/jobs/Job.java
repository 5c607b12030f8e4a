package dev.augur.gateway.messaging.jobs;

import dev.augur.protocol.jobs.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One batch job: its metadata (kept in {@code job.properties}, replaced atomically on every change of state) and its
 * results ({@link ResultFile}). Counters live in memory and are rebuilt from the results index after a restart.
 */
final class Job {
    private static final String META = "job.properties";

    final String id;
    final String service;
    final Path dir;
    final ResultFile results;
    private final long created;
    private volatile JobState state;
    /** Lines read from the file (blank ones included): the results' line numbers run from 1 to this. */
    private volatile long lines;
    /** Rows: non-blank lines. */
    private volatile long total;
    private volatile boolean uploaded;
    private volatile long finished;
    private volatile String reason;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private Job(String id, String service, Path dir, long created) {
        this.id = id;
        this.service = service;
        this.dir = dir;
        this.created = created;
        this.results = new ResultFile(dir);
    }

    static Job create(Path dir, String id, String service) throws IOException {
        Files.createDirectories(dir);
        Job job = new Job(id, service, dir, System.currentTimeMillis());
        job.state = JobState.QUEUED;
        job.save();
        return job;
    }

    static Job load(Path dir) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        Job job = new Job(p.getProperty("id"), p.getProperty("service"), dir, Long.parseLong(p.getProperty("created")));
        job.state = JobState.valueOf(p.getProperty("state"));
        job.lines = Long.parseLong(p.getProperty("lines", "0"));
        job.total = Long.parseLong(p.getProperty("total", "0"));
        job.uploaded = Boolean.parseBoolean(p.getProperty("uploaded", "false"));
        job.finished = Long.parseLong(p.getProperty("finished", "0"));
        job.reason = p.getProperty("reason");
        ResultFile.Counts counts = job.results.count();
        job.done.set(counts.done());
        job.failed.set(counts.failed());
        return job;
    }

    static boolean isJobDir(Path dir) {
        return Files.isRegularFile(dir.resolve(META));
    }

    JobState state() {
        return state;
    }

    long lines() {
        return lines;
    }

    boolean uploaded() {
        return uploaded;
    }

    /** A row is counted while the file is still arriving, so progress shows the upload too. */
    void counted(long line, long rows) {
        this.lines = line;
        this.total = rows;
    }

    /** Stores a row's result; false if the line had one (a duplicate) or the job no longer takes results. */
    boolean record(long line, byte kind, byte[] row) throws IOException {
        if (state.finished() || !results.put(line, kind, row)) {
            return false;
        }
        done.incrementAndGet();
        if (kind == ResultFile.FAILED) {
            failed.incrementAndGet();
        }
        if (state == JobState.QUEUED) {
            transition(JobState.QUEUED, JobState.RUNNING, null);
        }
        return true;
    }

    void blank(long line) throws IOException {
        results.put(line, ResultFile.BLANK, new byte[0]);
    }

    /** The whole file is in: the job can finish once every row has a result. */
    synchronized void uploadComplete() {
        uploaded = true;
        if (state == JobState.QUEUED) {
            state = JobState.RUNNING;
        }
        save();
        finishIfDone();
    }

    /** Succeeds when every row has its result; called after the results are made durable. */
    synchronized boolean finishIfDone() {
        if (uploaded && state == JobState.RUNNING && done.get() >= total) {
            try {
                results.force();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store the results of job " + id, e);
            }
            state = JobState.SUCCEEDED;
            finished = System.currentTimeMillis();
            save();
            closeQuietly();
            return true;
        }
        return false;
    }

    /** Cancels a job that has not finished; false if it had. Rows without a result are reported as cancelled. */
    synchronized boolean cancel() {
        if (state.finished()) {
            return state == JobState.CANCELLED;
        }
        return transition(state, JobState.CANCELLED, null);
    }

    synchronized void fail(String why) {
        if (!state.finished()) {
            transition(state, JobState.FAILED, why);
        }
    }

    private synchronized boolean transition(JobState from, JobState to, String why) {
        if (state != from) {
            return false;
        }
        state = to;
        reason = why;
        if (to.finished()) {
            finished = System.currentTimeMillis();
            closeQuietly();
        }
        save();
        return true;
    }

    private void closeQuietly() {
        try {
            results.close();
        } catch (IOException e) {
            // Nothing more is written to a finished job; a failed close loses nothing already forced.
        }
    }

    JobStatus status() {
        long d = done.get();
        long end = finished > 0 ? finished : System.currentTimeMillis();
        double seconds = Math.max(0.001, (end - created) / 1000.0);
        long cancelled = state == JobState.CANCELLED ? Math.max(0, total - d) : 0;
        return new JobStatus(id, service, state.label(), total, d, failed.get(), cancelled, d / seconds,
                Instant.ofEpochMilli(created).toString(), finished > 0 ? Instant.ofEpochMilli(finished).toString()
                        : null, reason);
    }

    /** Writes the metadata to a temporary file and renames it into place, so a crash never leaves half a file. */
    private synchronized void save() {
        Properties p = new Properties();
        p.setProperty("id", id);
        p.setProperty("service", service);
        p.setProperty("state", state.name());
        p.setProperty("created", Long.toString(created));
        p.setProperty("lines", Long.toString(lines));
        p.setProperty("total", Long.toString(total));
        p.setProperty("uploaded", Boolean.toString(uploaded));
        p.setProperty("finished", Long.toString(finished));
        if (reason != null) {
            p.setProperty("reason", reason);
        }
        Path tmp = dir.resolve(META + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, null);
            }
            Files.move(tmp, dir.resolve(META), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save job " + id + " in " + dir, e);
        }
    }
}
