package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeedTest {
    private static Need rest(String method, String path) {
        return Need.of(path, method, "application/json", "localhost:8080", "example.com");
    }

    @Test
    void probesAreOpen() {
        assertTrue(rest("GET", "/q/health/ready").open());
    }

    @Test
    void metricsNeedAdmin() {
        assertEquals(Verb.ADMIN, rest("GET", "/q/metrics").verb());
    }

    @Test
    void v1PredictIsInferOnTheModel() {
        Need n = rest("POST", "/v1/models/iris:predict");
        assertEquals(Verb.INFER, n.verb());
        assertEquals("iris", n.service());
    }

    @Test
    void encodedColonExplainIsExplain() {
        Need n = rest("POST", "/v1/models/iris%3Aexplain");
        assertEquals(Verb.EXPLAIN, n.verb());
        assertEquals("iris", n.service());
    }

    @Test
    void v2ExplainIsExplain() {
        assertEquals(Verb.EXPLAIN, rest("POST", "/v2/models/iris/explain").verb());
    }

    @Test
    void percentEncodedModelNameIsDecoded() {
        assertEquals("iris", rest("POST", "/v2/models/ir%69s/infer").service());
    }

    @Test
    void routingHostNamesTheServiceWhateverThePath() {
        Need n = Need.of("/v1/models/other:predict", "POST", "application/json", "iris.default.example.com",
                "example.com");
        assertEquals("iris", n.service());
    }

    @Test
    void graphPostIsInferOnTheGraph() {
        assertEquals("g", rest("POST", "/augur/graphs/g").service());
    }

    @Test
    void jobsOfAServiceNeedTheJobsVerb() {
        Need n = rest("POST", "/augur/jobs/iris");
        assertEquals(Verb.JOBS, n.verb());
        assertEquals("iris", n.service());
    }

    @Test
    void serviceTableNeedsAdmin() {
        assertEquals(Verb.ADMIN, rest("GET", "/augur/services").verb());
    }

    @Test
    void openAiIsInferInOpenAisForm() {
        Need n = rest("POST", "/v1/chat/completions");
        assertEquals(Need.Form.OPENAI, n.form());
        assertNull(n.service());
    }

    @Test
    void grpcRepositoryNeedsAdmin() {
        Need n = Need.of("/inference.GRPCInferenceService/RepositoryModelLoad", "POST", "application/grpc",
                "localhost", "example.com");
        assertEquals(Verb.ADMIN, n.verb());
        assertEquals(Need.Form.GRPC, n.form());
    }

    @Test
    void unknownPathNeedsACredential() {
        Need n = rest("GET", "/anything");
        assertFalse(n.open());
        assertNull(n.verb());
    }
}
