package dev.augur.predictor.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-model executor is the backpressure: a full queue refuses at once with 429 / RESOURCE_EXHAUSTED. */
class ModelVersionTest {
    private static final LoadedModel NOTHING = new LoadedModel() {
        public String platform() {
            return "test";
        }

        public List<TensorSpec> inputs() {
            return List.of();
        }

        public List<TensorSpec> outputs() {
            return List.of();
        }

        public List<Tensor> infer(List<Tensor> inputs, List<String> outputs) {
            return List.of();
        }

        public long memoryBytes() {
            return 0;
        }

        public void close() {
        }
    };

    @Test
    void fullQueueIsRefusedImmediately() throws Exception {
        ModelVersion v = new ModelVersion("m", "1");
        v.ready(NOTHING, 1, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        v.submit(() -> {
            running.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        running.await(5, TimeUnit.SECONDS);
        v.submit(() -> true);
        v.submit(() -> true);
        InferenceException e = assertThrows(InferenceException.class, () -> v.submit(() -> true));
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals(429, ErrorTable.httpStatus(e.code()));
        assertEquals("model 'm' has 2 requests queued, its limit; retry later", e.getMessage());
        release.countDown();
        v.unload("test over");
    }

    @Test
    void unloadedVersionIsUnavailable() {
        ModelVersion v = new ModelVersion("m", "1");
        v.ready(NOTHING, 1, 1);
        v.unload("replaced");
        InferenceException e = assertThrows(InferenceException.class, () -> v.submit(() -> true));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals("model 'm' version 1 is UNAVAILABLE: replaced", e.getMessage());
    }
}
