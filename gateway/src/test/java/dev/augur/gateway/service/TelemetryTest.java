package dev.augur.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    @Test
    void accessLineIsOneJsonObjectWithTheRequestsFacts() throws Exception {
        Exchange ex = Exchange.open(Protocol.V1, "POST", "/v1/models/iris:predict", "id-\"1\"", null, "secret");
        ex.service("iris");
        ex.component("predictor");
        ex.revision("iris-predictor-00001");
        String line = Telemetry.accessLine(ex, 200, null, 1_234_567);
        assertEquals(-1, line.indexOf('\n'));
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("id-\"1\"", json.get("request_id").asText());
        assertEquals("iris", json.get("isvc").asText());
        assertEquals("v1", json.get("protocol").asText());
        assertEquals("/v1/models/iris:predict", json.get("path").asText());
        assertEquals(200, json.get("status").asInt());
        assertEquals(1.235, json.get("latency_ms").asDouble());
        assertEquals("iris-predictor-00001", json.get("revision").asText());
        assertTrue(json.get("time").asText().endsWith("Z"));
        assertTrue(!line.contains("secret"), "credentials never reach the log");
    }

    @Test
    void timeIsUtcWithMilliseconds() {
        StringBuilder b = new StringBuilder();
        Telemetry.time(b, 1_796_040_000_007L);
        assertEquals("2026-11-30T12:00:00.007Z", b.toString());
        b.setLength(0);
        Telemetry.time(b, 1_796_040_059_999L);
        assertEquals("2026-11-30T12:00:59.999Z", b.toString());
    }

    @Test
    void grpcLineCarriesTheGrpcStatus() throws Exception {
        Exchange ex = Exchange.open(Protocol.GRPC, "POST", "/inference.GRPCInferenceService/ModelInfer", null,
                null, null);
        JsonNode json = new ObjectMapper().readTree(Telemetry.accessLine(ex, 200, "DEADLINE_EXCEEDED", 1000));
        assertEquals("DEADLINE_EXCEEDED", json.get("grpc_status").asText());
        assertEquals(36, json.get("request_id").asText().length());
    }
}
