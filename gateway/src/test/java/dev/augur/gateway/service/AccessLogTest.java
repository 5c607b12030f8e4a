package dev.augur.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void everyQueuedLineIsWrittenInOrderBeforeClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccessLog log = new AccessLog(registry, out);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.add("{\"n\":" + i + "}");
            expected.append("{\"n\":").append(i).append("}\n");
        }
        log.close();
        assertEquals(expected.toString(), out.toString(StandardCharsets.UTF_8));
        assertEquals(0, registry.counter("gateway.access.log.dropped").count());
    }

    @Test
    void aStuckWriterDropsAndCountsInsteadOfBlocking() throws Exception {
        Object gate = new Object();
        boolean[] released = {false};
        java.io.OutputStream stuck = new java.io.OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b) {
                synchronized (gate) {
                    while (!released[0]) {
                        try {
                            gate.wait(3000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AccessLog log = new AccessLog(registry, stuck);
        int extra = 1000;
        // The writer takes at most one batch before it blocks; the queue then fills up and the rest is dropped.
        for (int i = 0; i < AccessLog.CAPACITY + 1024 + extra; i++) {
            log.add("x");
        }
        double dropped = registry.counter("gateway.access.log.dropped").count();
        synchronized (gate) {
            released[0] = true;
            gate.notifyAll();
        }
        log.close();
        org.junit.jupiter.api.Assertions.assertTrue(dropped >= extra, "dropped " + dropped);
    }
}
