package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One trace per request across processes, as the suite's OTLP receiver gets it over the real protocol: the client
 * (this test) starts a trace with a sampled {@code traceparent}; the gateway, transformer, explainer and predictor
 * processes each export their spans, and the parent links must join them into one tree rooted at the client's span.
 * (The suite samples no trace of its own: ratio 0, so only these traces are recorded.)
 */
@QuarkusTest
class TracingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GATEWAY = "augur-gateway";
    private static final String PREDICTOR = "augur-predictor";
    private static final String SERVER = "SPAN_KIND_SERVER";
    private static final String IRIS_ROW = "[5.1, 3.5, 1.4, 0.2]";

    @BeforeEach
    void pipelineIsReady() {
        Gateway.await("pipeline", Duration.ofSeconds(120),
                l -> l.size() == 3 && l.stream().allMatch(r -> "READY".equals(r.get("state"))), "READY");
        Gateway.readyPort("iris");
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The services met walking from a span up its parents to the span whose parent is {@code root}. */
    private static List<String> servicesUpTo(List<OtlpReceiver.Span> trace, OtlpReceiver.Span from, String root) {
        Map<String, OtlpReceiver.Span> byId = trace.stream().collect(Collectors.toMap(OtlpReceiver.Span::spanId,
                Function.identity(), (a, b) -> a));
        List<String> services = new ArrayList<>();
        OtlpReceiver.Span s = from;
        while (s != null) {
            services.add(s.service() + ":" + s.name());
            if (s.parentSpanId().equals(root)) {
                return services;
            }
            s = byId.get(s.parentSpanId());
        }
        throw new AssertionError("span " + from + " does not lead to the client's span " + root + ": " + services);
    }

    /** True when some span of the service and kind has its whole chain of parents up to {@code root} received. */
    private static boolean joined(List<OtlpReceiver.Span> trace, String service, String kind, String root) {
        return trace.stream().filter(s -> service.equals(s.service()) && kind.equals(s.kind())).anyMatch(s -> {
            try {
                servicesUpTo(trace, s, root);
                return true;
            } catch (AssertionError e) {
                return false;
            }
        });
    }

    /** The first span of the service and kind whose chain of parents reaches {@code root}. */
    private static OtlpReceiver.Span joinedSpan(List<OtlpReceiver.Span> trace, String service, String kind,
            String root) {
        return trace.stream().filter(s -> service.equals(s.service()) && kind.equals(s.kind()))
                .filter(s -> joined(List.copyOf(trace), s, root)).findFirst().orElseThrow();
    }

    private static boolean joined(List<OtlpReceiver.Span> trace, OtlpReceiver.Span s, String root) {
        try {
            servicesUpTo(trace, s, root);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    @Test
    void aTransformerRequestIsOneTraceThroughGatewayTransformerAndPredictor() throws Exception {
        String trace = hex(16);
        String client = hex(8);
        given().header("traceparent", "00-" + trace + "-" + client + "-01").contentType("application/json")
                .body("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, "
                        + "\"petal_width\": 0.2}]}")
                .post("/v1/models/pipeline:predict").then().statusCode(200);
        List<OtlpReceiver.Span> spans = OtlpReceiver.shared().await(trace, WAIT,
                t -> joined(t, PREDICTOR, SERVER, client));
        OtlpReceiver.Span root = spans.stream().filter(s -> s.name().equals("v1 pipeline")).findFirst().orElseThrow();
        assertEquals(GATEWAY, root.service());
        assertEquals(client, root.parentSpanId(), "the gateway continues the client's trace");
        assertEquals("pipeline", root.attributes().get("augur.isvc"));
        List<String> path = servicesUpTo(spans, joinedSpan(spans, PREDICTOR, SERVER, client), client);
        assertEquals(List.of("augur-predictor", "augur-gateway:pipeline-predictor ModelInfer", "augur-gateway:grpc pipeline",
                "augur-transformer", "augur-gateway:pipeline-transformer ModelInfer", "augur-gateway:v1 pipeline"),
                path.stream().map(p -> p.startsWith("augur-gateway") ? p : p.substring(0, p.indexOf(':'))).toList(),
                "predictor -> gateway (client, server) -> transformer -> gateway (client, server): " + path);
    }

    @Test
    void anExplainRequestIsOneTraceThroughGatewayExplainerAndPredictor() throws Exception {
        String trace = hex(16);
        String client = hex(8);
        given().header("traceparent", "00-" + trace + "-" + client + "-01").contentType("application/json")
                .body("{\"instances\": [" + IRIS_ROW + "]}").post("/v1/models/pipeline:explain").then()
                .statusCode(200);
        List<OtlpReceiver.Span> spans = OtlpReceiver.shared().await(trace, WAIT,
                t -> joined(t, PREDICTOR, SERVER, client));
        List<String> path = servicesUpTo(spans, joinedSpan(spans, PREDICTOR, SERVER, client), client);
        assertTrue(path.stream().anyMatch(p -> p.startsWith("augur-explainer:")), path.toString());
        assertTrue(path.contains("augur-gateway:pipeline-explainer Explain"), path.toString());
        assertEquals("augur-gateway:v1 pipeline", path.get(path.size() - 1));
    }

    @Test
    void aKafkaRecordContinuesItsProducersTrace() throws Exception {
        String trace = hex(16);
        String producerSpan = hex(8);
        String replies = "replies-" + UUID.randomUUID();
        KafkaClients.createTopic(replies);
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            ProducerRecord<String, byte[]> r = KafkaClients.request("augur.inference.requests", "traced-1", "iris",
                    replies, "{\"instances\": [" + IRIS_ROW + "]}");
            r.headers().add("traceparent", ("00-" + trace + "-" + producerSpan + "-01").getBytes());
            p.send(r).get();
        }
        List<OtlpReceiver.Span> spans = OtlpReceiver.shared().await(trace, WAIT,
                t -> joined(t, PREDICTOR, SERVER, producerSpan));
        OtlpReceiver.Span consumed = spans.stream().filter(s -> s.name().equals("kafka iris")).findFirst()
                .orElseThrow();
        assertEquals("SPAN_KIND_CONSUMER", consumed.kind());
        assertEquals(producerSpan, consumed.parentSpanId(), "the record's span is a child of the producer's");
        List<String> path = servicesUpTo(spans, joinedSpan(spans, PREDICTOR, SERVER, producerSpan), producerSpan);
        assertEquals("augur-gateway:kafka iris", path.get(path.size() - 1));
    }

    @Test
    void aJobsRowsContinueTheSubmittersTrace() throws Exception {
        String trace = hex(16);
        String submitter = hex(8);
        given().header("traceparent", "00-" + trace + "-" + submitter + "-01").contentType("application/x-ndjson")
                .body(("{\"instances\": [" + IRIS_ROW + "]}\n{\"instances\": [" + IRIS_ROW + "]}\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/augur/jobs/iris").then().statusCode(201);
        List<OtlpReceiver.Span> spans = OtlpReceiver.shared().await(trace, WAIT,
                t -> joined(t, PREDICTOR, SERVER, submitter));
        // Rows the Kafka path merges into one call share that call's span.
        List<OtlpReceiver.Span> rows = spans.stream().filter(s -> s.name().equals("kafka iris")).toList();
        assertTrue(!rows.isEmpty() && rows.stream().allMatch(s -> s.parentSpanId().equals(submitter)
                && s.attributes().get("augur.request_id").startsWith("job-")), rows.toString());
    }
}
