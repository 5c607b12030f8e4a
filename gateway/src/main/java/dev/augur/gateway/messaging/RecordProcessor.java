package dev.augur.gateway.messaging;

import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Telemetry;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.RowBatch;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.Failures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Turns one poll's records into answers: decodes each, micro-batches the ones for the same service and input
 * layout into merged calls (rows concatenated, answers split back), retries passing failures with back-off, and
 * writes exactly one answer or dead letter per record. The returned future completes when every one of them is
 * acknowledged by the broker, so the consumer can commit the offsets only then.
 */
public final class RecordProcessor {
    private static final Logger LOG = Logger.getLogger(RecordProcessor.class);

    private final Router router;
    private final Telemetry telemetry;
    private final ResultWriter writer;
    private final KafkaMetrics metrics;
    private final GatewayConfig.Kafka config;
    private final Predicate<ConsumerRecord<String, byte[]>> skip;
    /** Records addressed to an InferenceGraph, or null where graphs are not served (batch jobs). */
    private final GraphRecords graphs;

    /** {@code skip}: records to commit without running or answering (rows of a cancelled batch job). */
    public RecordProcessor(Router router, Telemetry telemetry, ResultWriter writer, KafkaMetrics metrics,
            GatewayConfig.Kafka config, Predicate<ConsumerRecord<String, byte[]>> skip, GraphRecords graphs) {
        this.skip = skip;
        this.graphs = graphs;
        this.router = router;
        this.telemetry = telemetry;
        this.writer = writer;
        this.metrics = metrics;
        this.config = config;
    }

    CompletableFuture<Void> process(List<ConsumerRecord<String, byte[]>> records) {
        List<CompletableFuture<?>> written = new ArrayList<>(records.size());
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            metrics.consumed();
            if (skip.test(r)) {
                continue;
            }
            if (graphs != null && graphs.addressed(r) != null) {
                written.add(graphs.run(r, idOf(r), graphs.addressed(r)));
                continue;
            }
            Item item;
            try {
                item = decode(r);
            } catch (InferenceException e) {
                written.add(writer.deadLetter(r, idOf(r), e));
                continue;
            }
            long rows = RowBatch.rows(item.request.inputs());
            String key = rows < 0 ? "alone:" + UUID.randomUUID() : item.target.service().name() + '|' + item.v1 + '|'
                    + item.request.modelVersion() + '|' + item.request.parameters() + '|'
                    + RowBatch.layout(item.request.inputs(), item.request.outputs().stream()
                            .map(InferenceRequest.RequestedOutput::name).toList());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
        }
        for (List<Item> group : groups.values()) {
            for (List<Item> chunk : chunks(group)) {
                written.add(runBatch(chunk).thenCompose(ignored -> CompletableFuture.completedFuture(null)));
            }
        }
        return CompletableFuture.allOf(written.toArray(new CompletableFuture[0]));
    }

    static String idOf(ConsumerRecord<String, byte[]> r) {
        if (r.key() != null && !r.key().isEmpty()) {
            return r.key();
        }
        String ce = KafkaHeaders.get(r.headers(), KafkaHeaders.CE_ID);
        return ce != null ? ce : UUID.randomUUID().toString();
    }

    /** Decodes a record and resolves its service; permanent failures are thrown as the error model's exception. */
    private Item decode(ConsumerRecord<String, byte[]> r) {
        Headers h = r.headers();
        String id = idOf(r);
        String model = KafkaHeaders.get(h, KafkaHeaders.MODEL);
        if (model == null) {
            model = KafkaHeaders.get(h, KafkaHeaders.CE_SERVICE);
        }
        if (model == null || model.isBlank()) {
            throw InferenceException.invalid("record has no '" + KafkaHeaders.MODEL + "' header (nor CloudEvents' '"
                    + KafkaHeaders.CE_SERVICE + "') naming the InferenceService");
        }
        byte[] body = r.value() == null ? new byte[0] : r.value();
        String protocol = KafkaHeaders.get(h, KafkaHeaders.PROTOCOL);
        boolean v1 = protocol == null ? V1JsonCodec.isV1(body) : protocol.equalsIgnoreCase("v1");
        Item item = new Item(r, id, KafkaHeaders.get(h, KafkaHeaders.REPLY_TO), v1);
        item.exchange = Exchange.open(Protocol.KAFKA, "CONSUME", r.topic(), id,
                KafkaHeaders.get(h, KafkaHeaders.TRACEPARENT), null);
        item.target = router.resolve(item.exchange, null, model);
        InferenceRequest decoded = v1 ? V1JsonCodec.decodeRequest(model, body)
                : V2JsonCodec.decodeRequest(model, null, body, -1);
        item.request = new InferenceRequest(id, decoded.modelName(), decoded.modelVersion(), decoded.parameters(),
                decoded.inputs(), decoded.outputs(), decoded.typeless());
        return item;
    }

    private List<List<Item>> chunks(List<Item> group) {
        List<List<Item>> out = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        long rows = 0;
        for (Item i : group) {
            long n = Math.max(1, RowBatch.rows(i.request.inputs()));
            if (!current.isEmpty() && rows + n > config.maxBatchRows()) {
                out.add(current);
                current = new ArrayList<>();
                rows = 0;
            }
            current.add(i);
            rows += n;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** One merged call for the chunk; if the merged call is refused, each request is tried alone to find the bad one. */
    private CompletableFuture<Void> runBatch(List<Item> chunk) {
        if (chunk.size() == 1) {
            return runAlone(chunk.get(0));
        }
        Item first = chunk.get(0);
        List<List<Tensor>> inputs = new ArrayList<>(chunk.size());
        List<Integer> rows = new ArrayList<>(chunk.size());
        for (Item i : chunk) {
            inputs.add(i.request.inputs());
            rows.add((int) RowBatch.rows(i.request.inputs()));
        }
        InferenceRequest merged = new InferenceRequest("kafka-batch-" + first.id, first.request.modelName(),
                first.request.modelVersion(), first.request.parameters(), RowBatch.concat(inputs),
                first.request.outputs(), first.request.typeless());
        metrics.batched(chunk.size());
        return call(first, merged, 1).handle((response, error) -> {
            if (error == null) {
                List<List<Tensor>> parts = RowBatch.split(response.outputs(), rows);
                List<CompletableFuture<?>> sent = new ArrayList<>();
                for (int k = 0; k < chunk.size(); k++) {
                    Item i = chunk.get(k);
                    sent.add(answer(i, new InferenceResponse(response.modelName(), response.modelVersion(), i.id,
                            response.parameters(), parts.get(k))));
                }
                return CompletableFuture.allOf(sent.toArray(new CompletableFuture[0]));
            }
            InferenceException e = cause(error);
            if (retriable(e.code())) {
                return deadLetterAll(chunk, e);
            }
            List<CompletableFuture<?>> alone = new ArrayList<>();
            for (Item i : chunk) {
                alone.add(runAlone(i));
            }
            return CompletableFuture.allOf(alone.toArray(new CompletableFuture[0]));
        }).thenCompose(f -> f);
    }

    private CompletableFuture<Void> runAlone(Item item) {
        return call(item, item.request, 1).handle((response, error) -> error == null ? answer(item, response)
                : writer.deadLetter(item.record, item.id, cause(error))).thenCompose(f -> f)
                .thenApply(ignored -> null);
    }

    private CompletableFuture<Void> deadLetterAll(List<Item> chunk, InferenceException e) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Item i : chunk) {
            sent.add(writer.deadLetter(i.record, i.id, e));
        }
        return CompletableFuture.allOf(sent.toArray(new CompletableFuture[0]));
    }

    private CompletableFuture<?> answer(Item item, InferenceResponse response) {
        byte[] body = item.v1 ? V1JsonCodec.encodeResponse(response)
                : V2JsonCodec.encodeResponse(response, item.request).body();
        return writer.answer(item.record, item.id, item.replyTo, item.target.service().name(), body);
    }

    /** Calls the service, retrying passing failures with doubling back-off up to the configured attempts. */
    private CompletableFuture<InferenceResponse> call(Item owner, InferenceRequest request, int attempt) {
        Exchange ex = attempt == 1 ? owner.exchange : Exchange.open(Protocol.KAFKA, "CONSUME",
                owner.record.topic(), owner.id, null, null);
        var result = Failures.future(() -> router.infer(ex, owner.target, Payload.of(request), null));
        return result.handle((response, error) -> {
            if (error == null) {
                telemetry.finished(ex, 200, null);
                return CompletableFuture.completedFuture(response);
            }
            InferenceException e = cause(error);
            telemetry.finished(ex, ErrorTable.httpStatus(e.code()), null);
            if (!retriable(e.code()) || attempt >= config.attempts()) {
                if (retriable(e.code())) {
                    e = new InferenceException(e.code(), "gave up after " + attempt + " attempts: " + e.getMessage());
                }
                return CompletableFuture.<InferenceResponse>failedFuture(e);
            }
            metrics.retried();
            long backoff = config.retryBackoff().toMillis() << (attempt - 1);
            LOG.debugf("request %s: %s; retry %d in %d ms", owner.id, e.getMessage(), attempt, backoff);
            return CompletableFuture.supplyAsync(() -> null,
                    CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> call(owner, request, attempt + 1));
        }).thenCompose(f -> f);
    }

    /** Passing failures: the component may be starting, busy or slow; anything else will fail the same again. */
    static boolean retriable(ErrorCode code) {
        return code == ErrorCode.UNAVAILABLE || code == ErrorCode.DEADLINE_EXCEEDED
                || code == ErrorCode.RESOURCE_EXHAUSTED;
    }

    static InferenceException cause(Throwable t) {
        Throwable c = Failures.unwrap(t);
        return c instanceof InferenceException e ? e
                : new InferenceException(ErrorCode.INTERNAL, "failed: " + c.getClass().getSimpleName() + ": "
                        + c.getMessage());
    }
}
