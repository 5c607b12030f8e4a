package dev.augur.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** InferenceService YAML for tests: from resources or inline, parsed by augur-isvc as the operator does. */
public final class Specs {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Specs() {
    }

    /** An InferenceService named {@code name} in {@code ns} with the given {@code spec:} body (indented by two). */
    public static String isvc(String ns, String name, String annotations, String specBody) {
        return "apiVersion: serving.augur.dev/v1beta1\nkind: InferenceService\nmetadata:\n  name: " + name
                + "\n  namespace: " + ns + "\n" + (annotations.isEmpty() ? "" : "  annotations:\n" + annotations)
                + "spec:\n" + specBody;
    }

    public static InferenceService parse(String yaml) {
        return InferenceServiceParser.parseObject("test", tree(yaml));
    }

    public static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String path) {
        try (var in = Objects.requireNonNull(Specs.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
