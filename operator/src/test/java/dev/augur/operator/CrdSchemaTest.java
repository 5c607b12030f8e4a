package dev.augur.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.isvc.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CRD's schema and the parser accept the same fields: the API server prunes what the schema does not name, and
 * the parser refuses what it does not know, so any difference would lose a field or refuse a valid object. The
 * parser names the fields it accepts when it refuses one, which is what is compared here.
 */
class CrdSchemaTest {
    private static final Path CRD = Path.of("../k8s/base/crd/inferenceservices.serving.augur.dev.yaml");
    private static final String MODEL = "    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/\n";

    @Test
    void predictorFields() throws IOException {
        assertEquals(schemaFields("/spec/properties/predictor"), parserFields("  predictor:\n    zzz: 1\n" + MODEL));
    }

    @Test
    void transformerFields() throws IOException {
        assertEquals(schemaFields("/spec/properties/transformer"), parserFields("  predictor:\n" + MODEL
                + "  transformer:\n    zzz: 1\n    containers: [{image: a/b}]\n"));
    }

    @Test
    void modelFields() throws IOException {
        assertEquals(schemaFields("/spec/properties/predictor/properties/model"),
                parserFields("  predictor:\n" + MODEL + "      zzz: 1\n"));
    }

    @Test
    void containerFields() throws IOException {
        assertEquals(schemaFields("/spec/properties/predictor/properties/containers/items"),
                parserFields("  predictor:\n    containers:\n      - {image: a/b, zzz: 1}\n"));
    }

    @Test
    void specFields() throws IOException {
        assertEquals(schemaFields("/spec"), parserFields("  zzz: 1\n  predictor:\n" + MODEL));
    }

    private static Set<String> schemaFields(String pointer) throws IOException {
        JsonNode crd = Specs.YAML.readTree(Files.readString(CRD));
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties" + pointer + "/properties");
        Set<String> out = new TreeSet<>();
        schema.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The fields listed in the parser's "... accepts: a, b, c" message for the misspelt field zzz. */
    private static Set<String> parserFields(String spec) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> Specs.parse(Specs.isvc("models", "iris", "", spec)));
        String message = e.getMessage();
        return new TreeSet<>(Set.of(message.substring(message.indexOf("accepts: ") + 9).split(", ")));
    }
}
