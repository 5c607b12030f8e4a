package dev.augur.gateway.messaging;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.graph.GraphRouter;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Telemetry;
import dev.augur.isvc.InferenceGraph;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Records whose {@code augur-model} header names an InferenceGraph: each runs through the graph alone (no
 * micro-batching: a graph's steps may each see other rows), its body as it is; a 2xx answer is written as the
 * answer, anything else as a dead letter with the graph's status mapped through the error table and its body.
 */
final class GraphRecords {
    private final ServiceCatalog catalog;
    private final GraphRouter router;
    private final ResultWriter writer;
    private final Telemetry telemetry;

    GraphRecords(ServiceCatalog catalog, GraphRouter router, ResultWriter writer, Telemetry telemetry) {
        this.catalog = catalog;
        this.router = router;
        this.writer = writer;
        this.telemetry = telemetry;
    }

    /** The graph the record is addressed to, or null (a service, or nothing: the InferenceService path decides). */
    InferenceGraph addressed(ConsumerRecord<String, byte[]> r) {
        if (catalog.graphs().isEmpty()) {
            return null;
        }
        Headers h = r.headers();
        String model = KafkaHeaders.get(h, KafkaHeaders.MODEL);
        if (model == null) {
            model = KafkaHeaders.get(h, KafkaHeaders.CE_SERVICE);
        }
        return model == null ? null : catalog.graph(model).orElse(null);
    }

    CompletableFuture<Void> run(ConsumerRecord<String, byte[]> r, String id, InferenceGraph graph) {
        Headers h = r.headers();
        Exchange ex = Exchange.open(Protocol.KAFKA, "CONSUME", r.topic(), id,
                KafkaHeaders.get(h, KafkaHeaders.TRACEPARENT), null);
        Router.graph(ex, graph.name());
        byte[] body = r.value() == null ? new byte[0] : r.value();
        return router.run(ex, graph, body).thenCompose(a -> {
            telemetry.finished(ex, a.status(), null);
            if (a.status() >= 200 && a.status() <= 299) {
                return writer.answer(r, id, KafkaHeaders.get(h, KafkaHeaders.REPLY_TO), graph.name(), a.body());
            }
            return writer.deadLetter(r, id, new InferenceException(ErrorTable.fromHttp(a.status()), "InferenceGraph '"
                    + graph.name() + "' answered " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8)));
        });
    }
}
