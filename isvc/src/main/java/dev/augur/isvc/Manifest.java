package dev.augur.isvc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The parts of a Kubernetes manifest every kind this module reads shares: the documents of a YAML file, the
 * {@code apiVersion} / {@code kind} / {@code metadata} / {@code spec} envelope, and the user's part of an object the
 * API server returns.
 *
 * @param meta the checked {@code metadata}
 * @param spec {@code spec}, for the kind's own reader
 */
record Manifest(ObjectMeta meta, Fields spec) {
    /** The metadata a user writes; the rest ({@code uid}, {@code resourceVersion}, ...) is set by the API server. */
    static final List<String> USER_METADATA = List.of("name", "namespace", "labels", "annotations");

    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /**
     * Hands each non-empty document of {@code yaml} to {@code reader} with the name errors should use for it (the
     * source, and the document's number after the first). A YAML error is an {@link InvalidSpecException}.
     */
    static void documents(String source, String yaml, BiConsumer<String, JsonNode> reader) {
        int doc = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode node = docs.nextValue();
                doc++;
                if (isEmpty(node)) {
                    continue;
                }
                reader.accept(doc == 1 ? source : source + " (document " + doc + ")", node);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(source, null, "is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InvalidSpecException(source, null, "cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof InvalidSpecException ise) {
                throw ise;
            }
            // MappingIterator wraps parse failures of later documents in unchecked exceptions.
            Throwable cause = e.getCause() instanceof JsonProcessingException jpe ? jpe : e;
            throw new InvalidSpecException(source, null, "is not valid YAML: " + cause.getMessage());
        }
    }

    /** A document with nothing in it: Jackson reads a bare {@code ---} as null or as an empty string. */
    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.isTextual() && node.asText().isEmpty();
    }

    /** What a user wrote of an API server's object: without {@code status} and the metadata the server adds. */
    static ObjectNode userPart(String source, JsonNode object) {
        if (object == null || !object.isObject()) {
            throw new InvalidSpecException(source, null, "is not an object");
        }
        ObjectNode user = object.deepCopy();
        user.remove("status");
        if (user.get("metadata") instanceof ObjectNode metadata) {
            metadata.retain(USER_METADATA);
        }
        return user;
    }

    /**
     * Checks the envelope ({@code apiVersion} one of {@code apiVersions}, {@code kind}, {@code metadata}, a
     * {@code spec} and no other top-level field) and answers the metadata and the spec.
     */
    static Manifest read(String source, JsonNode node, Set<String> apiVersions, String kind) {
        Fields top = Fields.of(node, "", source);
        String apiVersion = top.requiredString("apiVersion");
        if (!apiVersions.contains(apiVersion)) {
            throw top.error("apiVersion", "must be " + String.join(" or ", apiVersions.stream().sorted().toList())
                    + ", got \"" + apiVersion + "\"");
        }
        String actual = top.requiredString("kind");
        if (!actual.equals(kind)) {
            throw top.error("kind", "must be " + kind + ", got \"" + actual + "\"");
        }
        ObjectMeta meta = ObjectMeta.read(top);
        Fields spec = top.object("spec");
        if (spec == null) {
            throw top.error("spec", "is required");
        }
        top.rejectUnknown();
        return new Manifest(meta, spec);
    }
}
