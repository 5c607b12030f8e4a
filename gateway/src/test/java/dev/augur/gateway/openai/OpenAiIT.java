package dev.augur.gateway.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI API end to end: the packaged gateway routing by {@code model} to real predictor processes serving the
 * tiny decoder and MiniLM, checked against the numpy reference ({@code models/tiny-gpt/reference.json}).
 */
class OpenAiIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static OpenAiGateway gateway;
    static JsonNode reference;

    @BeforeAll
    static void start() throws Exception {
        reference = JSON.readTree(OpenAiGateway.ROOT.resolve("models/tiny-gpt/reference.json").toFile());
        gateway = new OpenAiGateway();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String completion(String prompt, String extra) {
        return "{\"model\":\"tiny-gpt\",\"prompt\":" + quote(prompt) + ",\"max_tokens\":24,\"temperature\":0" + extra + "}";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data events of an SSE body, without the final [DONE] (asserted present). */
    static java.util.List<JsonNode> events(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        String[] lines = r.body().split("\n\n");
        assertEquals("data: [DONE]", lines[lines.length - 1].trim());
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(lines[i].startsWith("data: "), lines[i]);
            out.add(JSON.readTree(lines[i].substring(6)));
        }
        return out;
    }

    @Test
    void modelsListsEveryServiceAtBothPaths() throws Exception {
        JsonNode openai = json(gateway.get("/openai/v1/models"));
        assertEquals("list", openai.get("object").asText());
        assertEquals(2, openai.get("data").size());
        JsonNode root = json(gateway.get("/v1/models"));
        assertEquals(2, root.get("data").size(), "OpenAI's list at the root path too");
        assertEquals(2, root.get("models").size(), "KServe's V1 list is still there");
    }

    @Test
    void completionEqualsTheNumpyReference() throws Exception {
        JsonNode ref = reference.get("greedy").get(0);
        JsonNode r = json(gateway.post("/openai/v1/completions", completion(ref.get("prompt").asText(), "")));
        assertEquals("text_completion", r.get("object").asText());
        assertEquals(ref.get("text").asText(), r.get("choices").get(0).get("text").asText());
        assertEquals(24, r.get("usage").get("completion_tokens").asInt());
        assertEquals(ref.get("prompt_ids").size(), r.get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void chatAtTheRootPathEqualsTheNumpyReference() throws Exception {
        JsonNode ref = reference.get("chat").get(1);
        JsonNode r = json(gateway.post("/v1/chat/completions", "{\"model\":\"tiny-gpt\",\"messages\":"
                + ref.get("messages") + ",\"max_tokens\":24,\"temperature\":0}"));
        assertEquals("chat.completion", r.get("object").asText());
        assertEquals(ref.get("text").asText(), r.get("choices").get(0).get("message").get("content").asText());
    }

    @Test
    void streamedCompletionConcatenatesToTheText() throws Exception {
        JsonNode ref = reference.get("greedy").get(3);
        java.util.List<JsonNode> events = events(gateway.post("/openai/v1/completions",
                completion(ref.get("prompt").asText(), ",\"stream\":true,\"stream_options\":{\"include_usage\":true}")));
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events.subList(0, events.size() - 1)) {
            text.append(e.get("choices").get(0).get("text").asText());
        }
        assertEquals(ref.get("text").asText(), text.toString());
        assertEquals(24, events.get(events.size() - 1).get("usage").get("completion_tokens").asInt());
    }

    @Test
    void nChoicesWithASeedAreRepeatableAndDiffer() throws Exception {
        String body = "{\"model\":\"tiny-gpt\",\"prompt\":\"Hello world\",\"max_tokens\":16,\"n\":2,\"seed\":5}";
        JsonNode a = json(gateway.post("/openai/v1/completions", body));
        JsonNode b = json(gateway.post("/openai/v1/completions", body));
        assertEquals(a.get("choices"), b.get("choices"));
        assertEquals(2, a.get("choices").size());
        assertEquals(1, a.get("choices").get(1).get("index").asInt());
    }

    @Test
    void embeddingsInBase64AreTheFloatVectors() throws Exception {
        JsonNode f = json(gateway.post("/openai/v1/embeddings", "{\"model\":\"minilm\",\"input\":\"Hello world\"}"));
        JsonNode b = json(gateway.post("/v1/embeddings",
                "{\"model\":\"minilm\",\"input\":[\"Hello world\"],\"encoding_format\":\"base64\"}"));
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(b.get("data").get(0).get("embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        JsonNode floats = f.get("data").get(0).get("embedding");
        assertEquals(384, floats.size());
        for (int i = 0; i < 384; i++) {
            assertEquals((float) floats.get(i).asDouble(), bytes.getFloat(), 0f);
        }
        assertEquals(4, f.get("usage").get("prompt_tokens").asInt());
    }

    @Test
    void anUnknownModelIsOpenAisNotFound() throws Exception {
        HttpResponse<String> r = gateway.post("/openai/v1/chat/completions",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(404, r.statusCode());
        assertEquals("model_not_found", json(r).get("error").get("code").asText());
        assertEquals("model", json(r).get("error").get("param").asText());
    }

    @Test
    void aBadParameterIs400NamingIt() throws Exception {
        HttpResponse<String> r = gateway.post("/openai/v1/completions", completion("Hi", ",\"top_p\":7"));
        assertEquals(400, r.statusCode());
        assertEquals("invalid_request_error", json(r).get("error").get("type").asText());
        assertEquals("top_p", json(r).get("error").get("param").asText());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        HttpResponse<String> r = gateway.post("/openai/v1/embeddings", "{\"model\":");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("error").get("message").asText().contains("malformed JSON"));
    }

    @Test
    void tooManyTokensForTheContextIs400() throws Exception {
        HttpResponse<String> r = gateway.post("/openai/v1/completions",
                "{\"model\":\"tiny-gpt\",\"prompt\":\"Hi\",\"max_tokens\":5000}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).get("error").get("message").asText().contains("maximum context length"));
    }

    @Test
    void grpcStreamInferThroughTheGatewayEqualsTheReference() throws Exception {
        JsonNode ref = reference.get("greedy").get(1);
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port)
                .usePlaintext().build();
        try {
            java.util.concurrent.CompletableFuture<String> text = new java.util.concurrent.CompletableFuture<>();
            StringBuilder pieces = new StringBuilder();
            var requests = dev.augur.proto.inference.GRPCInferenceServiceGrpc.newStub(channel).modelStreamInfer(
                    new io.grpc.stub.StreamObserver<dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse>() {
                        @Override
                        public void onNext(dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse r) {
                            if (!r.getErrorMessage().isEmpty()) {
                                text.completeExceptionally(new AssertionError(r.getErrorMessage()));
                                return;
                            }
                            pieces.append(dev.augur.protocol.generate.Generate.Result.fromResponse(
                                    dev.augur.protocol.grpc.StreamGrpcCodec.decode(r)).text());
                            if (dev.augur.protocol.grpc.StreamGrpcCodec.isFinal(r)) {
                                text.complete(pieces.toString());
                            }
                        }

                        @Override
                        public void onError(Throwable t) {
                            text.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            text.complete(pieces.toString());
                        }
                    });
            requests.onNext(dev.augur.protocol.grpc.GrpcCodec.encodeRequest(dev.augur.protocol.generate.Generate.promptRequest("g",
                    "tiny-gpt", ref.get("prompt").asText(), new dev.augur.protocol.generate.Generate.Parameters(24, 0.0, null,
                            null, null, java.util.List.of()))));
            requests.onCompleted();
            assertEquals(ref.get("text").asText(), text.get(60, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void theOfficialOpenAiNpmClientWorks() throws Exception {
        NodeClient.Result r = NodeClient.run(gateway.base() + "/openai/v1", "tiny-gpt", "minilm",
                OpenAiGateway.ROOT.resolve("models/tiny-gpt/reference.json"));
        System.out.println("openai npm client:\n" + r.output());
        assertEquals(0, r.exit(), r.output());
    }
}
