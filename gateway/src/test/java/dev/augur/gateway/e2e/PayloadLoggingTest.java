package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * An InferenceService's {@code logger}: KServe's CloudEvents to an HTTP sink (binary mode) or a Kafka topic. The
 * logged services are served by the echo component (it answers every model name), so no predictor has to start.
 */
@QuarkusTest
class PayloadLoggingTest {
    private static final String V2 = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[6.8,2.8,4.8,1.4]}]}";
    private static final String REQUEST = "org.kubeflow.serving.inference.request";
    private static final String RESPONSE = "org.kubeflow.serving.inference.response";
    private static final EventSinkServer SINK = new EventSinkServer();

    @AfterAll
    static void close() {
        SINK.close();
    }

    /** Writes a service whose predictor is the echo component, with that logger, and waits until it is READY. */
    private static void loggedService(String name, String mode, String url) throws IOException {
        int echo = ((Number) Gateway.revision("echo", 0).get("port")).intValue();
        LocalServices.write(name, "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n"
                + "  name: " + name + "\n  annotations:\n    local.augur.dev/predictor-address: 127.0.0.1:" + echo
                + "\nspec:\n  predictor:\n    logger:\n      mode: " + mode + "\n      url: " + url
                + "\n    model:\n      modelFormat:\n        name: onnx\n      storageUri: file://"
                + LocalServices.MODELS.resolve("iris-logreg") + "\n");
        Gateway.readyPort(name);
    }

    private static String infer(String service, String id) {
        return given().header("x-request-id", id).body(V2).post("/v2/models/" + service + "/infer").then()
                .statusCode(200).extract().asString();
    }

    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void requestAndResponseEventsShareTheRequestIdAndCarryKServesAttributes() throws IOException {
        loggedService("logged-all", "all", SINK.url("/events"));
        String answer = infer("logged-all", "pair-1");
        List<EventSinkServer.Event> events = SINK.await("pair-1", Duration.ofSeconds(20), l -> l.size() >= 2);
        Map<String, EventSinkServer.Event> byType = events.stream().collect(Collectors.toMap(e -> e.ce("type"),
                e -> e));
        assertEquals(2, events.size(), events.toString());
        assertEquals(V2, byType.get(REQUEST).body());
        assertEquals(answer, byType.get(RESPONSE).body());
        for (EventSinkServer.Event e : events) {
            assertEquals("1.0", e.ce("specversion"));
            assertEquals("/augur/gateway", e.ce("source"));
            assertEquals("logged-all", e.ce("inferenceservicename"));
            assertEquals("default", e.ce("namespace"));
            assertEquals("predictor", e.ce("component"));
            assertTrue(e.ce("endpoint") != null && !e.ce("endpoint").isBlank(), e.headers().toString());
            assertTrue(e.ce("time") != null, e.headers().toString());
            assertEquals("application/json", e.headers().get("content-type"));
        }
    }

    @Test
    void modeRequestSendsOnlyTheRequest() throws IOException {
        loggedService("logged-request", "request", SINK.url("/events"));
        infer("logged-request", "request-only-1");
        SINK.await("request-only-1", Duration.ofSeconds(20), l -> !l.isEmpty());
        List<EventSinkServer.Event> events = SINK.await("request-only-1", Duration.ofSeconds(1), l -> false);
        assertEquals(List.of(REQUEST), events.stream().map(e -> e.ce("type")).toList());
    }

    @Test
    void modeResponseSendsOnlyTheResponse() throws IOException {
        loggedService("logged-response", "response", SINK.url("/events"));
        infer("logged-response", "response-only-1");
        SINK.await("response-only-1", Duration.ofSeconds(20), l -> !l.isEmpty());
        List<EventSinkServer.Event> events = SINK.await("response-only-1", Duration.ofSeconds(1), l -> false);
        assertEquals(List.of(RESPONSE), events.stream().map(e -> e.ce("type")).toList());
    }

    @Test
    void kafkaTopicGetsBothEventsWithTheCloudEventsKafkaBinding() throws IOException {
        String topic = "payloads-" + UUID.randomUUID();
        loggedService("logged-kafka", "all", "kafka:" + topic);
        String answer = infer("logged-kafka", "kafka-pair-1");
        List<ConsumerRecord<String, byte[]>> records = KafkaClients.readUntil(topic, Duration.ofSeconds(30),
                all -> all.size() >= 2);
        assertEquals(2, records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            assertEquals("kafka-pair-1", r.key());
            assertEquals("kafka-pair-1", KafkaClients.header(r, "ce_id"));
            assertEquals("1.0", KafkaClients.header(r, "ce_specversion"));
            assertEquals("logged-kafka", KafkaClients.header(r, "ce_inferenceservicename"));
            assertEquals("default", KafkaClients.header(r, "ce_namespace"));
            assertEquals("predictor", KafkaClients.header(r, "ce_component"));
            assertEquals("application/json", KafkaClients.header(r, "content-type"));
        }
        Map<String, String> byType = records.stream().collect(Collectors.toMap(r -> KafkaClients.header(r,
                "ce_type"), KafkaClients::value));
        assertEquals(V2, byType.get(REQUEST));
        assertEquals(answer, byType.get(RESPONSE));
    }

    @Test
    void sinkRefusingEventsIsCountedAsFailed() throws IOException {
        loggedService("logged-refused", "request", SINK.url("/fail"));
        double before = metric("augur_payload_log_failed_total");
        infer("logged-refused", "refused-1");
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (metric("augur_payload_log_failed_total") < before + 1 && System.nanoTime() < end) {
            Gateway.sleep(100);
        }
        assertTrue(metric("augur_payload_log_failed_total") >= before + 1);
    }

    @Test
    void hungSinkNeitherSlowsRequestsNorHoldsMoreThanItsQueue() throws Exception {
        // A sink that accepts connections and never answers: each send waits the whole timeout (5 s).
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!hung.isClosed()) {
                    try {
                        held.add(hung.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            loggedService("logged-hung", "all", "http://127.0.0.1:" + hung.getLocalPort() + "/");
            double dropped = metric("augur_payload_log_dropped_total");
            int requests = 700; // 1400 events for a queue of 1000 (augur.payload-logging.queue-size)
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                infer("logged-hung", "hung-" + i);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            long medianMs = nanos[requests / 2] / 1_000_000;
            long maxMs = nanos[requests - 1] / 1_000_000;
            double newlyDropped = metric("augur_payload_log_dropped_total") - dropped;
            System.out.printf("PayloadLoggingTest: hung sink, %d requests: median %d ms, max %d ms, %.0f events "
                    + "dropped%n", requests, medianMs, maxMs, newlyDropped);
            // 1400 events, at most 1000 queued and a few in the senders' hands: the rest are dropped.
            assertTrue(newlyDropped >= 2 * requests - 1000 - 10, "dropped " + newlyDropped);
            // A request waiting for the sink would take the 5 s send timeout.
            assertTrue(maxMs < 2500, "slowest request " + maxMs + " ms");
            assertTrue(medianMs < 100, "median request " + medianMs + " ms");
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
