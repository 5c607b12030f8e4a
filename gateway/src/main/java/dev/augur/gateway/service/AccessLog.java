package dev.augur.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log: one JSON line per request on standard output, written by a background thread in batches. A
 * request thread only queues its line; a write (a system call) per request cost the gateway as much as routing the
 * request did. When the writer falls behind and the bounded queue is full, lines are dropped and counted
 * ({@code gateway_access_log_dropped_total}) rather than slowing requests down.
 */
final class AccessLog implements AutoCloseable {
    static final int CAPACITY = 65_536;
    private static final int BATCH = 1024;

    /** Wait between drains: the writer is never woken per line (a wake-up is a system call and a thread switch). */
    private static final long PERIOD_NANOS = 20_000_000;

    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final OutputStream out;
    private final Counter dropped;
    private final Thread writer;
    private volatile boolean open = true;

    AccessLog(MeterRegistry registry) {
        this(registry, new FileOutputStream(FileDescriptor.out));
    }

    AccessLog(MeterRegistry registry, OutputStream out) {
        this.out = out;
        this.dropped = Counter.builder("gateway.access.log.dropped")
                .description("Access-log lines dropped because the writer fell behind").register(registry);
        this.writer = new Thread(this::drain, "augur-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    void add(String line) {
        if (size.incrementAndGet() > CAPACITY) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.add(line);
    }

    private void drain() {
        StringBuilder text = new StringBuilder(64 * 1024);
        while (true) {
            boolean last = !open;
            int n = 0;
            String line;
            while (n < BATCH && (line = queue.poll()) != null) {
                text.append(line).append('\n');
                n++;
            }
            if (n > 0) {
                size.addAndGet(-n);
                try {
                    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    dropped.increment(n);
                }
                text.setLength(0);
            }
            if (n == BATCH) {
                continue;
            }
            if (last) {
                return;
            }
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    @Override
    public void close() {
        open = false;
        LockSupport.unpark(writer);
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
