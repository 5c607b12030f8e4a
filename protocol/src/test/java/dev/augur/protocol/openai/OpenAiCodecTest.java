package dev.augur.protocol.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.generate.Generate;
import dev.augur.protocol.grpc.StreamGrpcCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAI API's JSON: requests in, answers and errors out (golden files in resources/openai). */
class OpenAiCodecTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = OpenAiCodecTest.class.getResourceAsStream("/openai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    @Test
    void chatRequestReadsMessagesAndSampling() {
        OpenAi.GenerationRequest r = OpenAiCodec.decodeChat(utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}],"
                + "\"max_tokens\":5,\"temperature\":0.5,\"top_p\":0.9,\"seed\":3,\"stop\":\"\\n\",\"n\":2,"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"user\":\"ignored\"}"));
        assertTrue(r.chat());
        assertEquals(List.of(new Generate.Message("system", "Be brief."), new Generate.Message("user", "Hi")),
                r.messages());
        assertEquals(new Generate.Parameters(5, 0.5, 0.9, null, 3L, List.of("\n")), r.parameters());
        assertEquals(2, r.n());
        assertTrue(r.stream() && r.includeUsage());
    }

    @Test
    void completionPromptMayBeAnArray() {
        assertEquals(List.of("a", "b"), OpenAiCodec.decodeCompletion(utf8("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}"))
                .prompts());
    }

    @Test
    void completionsDefaultToSixteenTokensAndChatToTheContext() {
        assertEquals(16, OpenAiCodec.decodeCompletion(utf8("{\"model\":\"m\",\"prompt\":\"a\"}"))
                .parameters().maxTokens());
        assertNull(OpenAiCodec.decodeChat(utf8(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).parameters().maxTokens());
    }

    @Test
    void aFieldOutOfRangeNamesItsParam() {
        OpenAi.Error e = assertThrows(OpenAi.Error.class, () -> OpenAiCodec.decodeChat(utf8(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3}")));
        assertEquals("temperature", e.param());
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void aMissingModelIsInvalid() {
        OpenAi.Error e = assertThrows(OpenAi.Error.class, () -> OpenAiCodec.decodeEmbeddings(utf8("{\"input\":\"x\"}")));
        assertEquals("model", e.param());
    }

    @Test
    void tokenArraysAreRefused() {
        OpenAi.Error e = assertThrows(OpenAi.Error.class, () -> OpenAiCodec.decodeEmbeddings(utf8(
                "{\"model\":\"m\",\"input\":[[1,2,3]]}")));
        assertEquals("input", e.param());
    }

    @Test
    void unsupportedOptionsAreRefusedNotIgnored() {
        OpenAi.Error e = assertThrows(OpenAi.Error.class, () -> OpenAiCodec.decodeChat(utf8(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"presence_penalty\":1.5}")));
        assertEquals("presence_penalty", e.param());
    }

    @Test
    void neutralValuesOfUnsupportedOptionsAreAccepted() {
        OpenAiCodec.decodeChat(utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"presence_penalty\":0,\"frequency_penalty\":0.0,\"logprobs\":false,\"tools\":[]}"));
    }

    @Test
    void streamOptionsWithoutStreamAreInvalid() {
        assertThrows(OpenAi.Error.class, () -> OpenAiCodec.decodeCompletion(utf8(
                "{\"model\":\"m\",\"prompt\":\"x\",\"stream_options\":{\"include_usage\":true}}")));
    }

    @Test
    void chatCompletionMatchesTheGoldenFile() throws IOException {
        byte[] json = OpenAiCodec.encodeGeneration(true, "chatcmpl-r1", "tiny-gpt", 1_700_000_000L,
                List.of(new OpenAi.Choice(0, "Hi there", "stop")), new OpenAi.Usage(7, 3));
        assertEquals(golden("chat-completion.json"), new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void firstChatChunkCarriesTheRole() throws IOException {
        byte[] json = OpenAiCodec.encodeChunk(true, "chatcmpl-r1", "tiny-gpt", 1_700_000_000L, 0, "Hi", true, null);
        assertEquals(golden("chat-chunk-first.json"), new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void errorObjectMatchesTheGoldenFile() throws IOException {
        byte[] json = OpenAiCodec.encodeError(new OpenAi.Error(ErrorCode.NOT_FOUND, "The model 'nope' does not exist",
                "model", "model_not_found"));
        assertEquals(golden("error-model-not-found.json"), new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void modelListAtTheRootServesBothProtocols() {
        String json = new String(OpenAiCodec.encodeModelsV1Compatible(List.of("a"), 5), StandardCharsets.UTF_8);
        assertEquals("{\"models\":[\"a\"],\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"model\","
                + "\"created\":5,\"owned_by\":\"augur\"}]}", json);
    }

    @Test
    void generateParametersTravelAsV2Parameters() {
        Generate.Parameters p = new Generate.Parameters(8, 0.7, 0.95, 40, -2L, List.of("END", "\"q\""));
        assertEquals(p, Generate.Parameters.fromMap(p.toMap()));
    }

    @Test
    void absentGenerateParametersStayUnset() {
        Generate.Parameters p = Generate.Parameters.fromMap(java.util.Map.of());
        assertNull(p.temperature());
        assertNull(p.maxTokens());
    }

    @Test
    void streamErrorsKeepTheirCode() {
        var r = StreamGrpcCodec.encodeError("m", "id", new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "full"));
        InferenceException e = StreamGrpcCodec.error(r);
        assertEquals(ErrorCode.RESOURCE_EXHAUSTED, e.code());
        assertEquals("full", e.getMessage());
    }
}
