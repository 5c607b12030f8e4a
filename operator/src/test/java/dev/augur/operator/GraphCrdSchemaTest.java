package dev.augur.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.isvc.InferenceGraphParser;
import dev.augur.isvc.InvalidSpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The InferenceGraph CRD's schema and the graph parser accept the same fields (see {@link CrdSchemaTest}). */
class GraphCrdSchemaTest {
    private static final Path CRD = Path.of("../k8s/base/crd/inferencegraphs.serving.augur.dev.yaml");
    private static final String ROOT = "    root:\n      routerType: Sequence\n      steps:\n";

    @Test
    void specFields() throws IOException {
        assertEquals(schemaFields("/spec"), parserFields("  zzz: 1\n  nodes:\n" + ROOT + "        - serviceName: a\n"));
    }

    @Test
    void nodeFields() throws IOException {
        assertEquals(schemaFields("/spec/properties/nodes/additionalProperties"),
                parserFields("  nodes:\n" + ROOT + "        - serviceName: a\n      zzz: 1\n"));
    }

    @Test
    void stepFields() throws IOException {
        assertEquals(schemaFields("/spec/properties/nodes/additionalProperties/properties/steps/items"),
                parserFields("  nodes:\n" + ROOT + "        - {serviceName: a, zzz: 1}\n"));
    }

    private static Set<String> schemaFields(String pointer) throws IOException {
        JsonNode crd = Specs.YAML.readTree(Files.readString(CRD));
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties" + pointer + "/properties");
        Set<String> out = new TreeSet<>();
        schema.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> parserFields(String spec) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> InferenceGraphParser.parse("g.yaml",
                "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\nmetadata: {name: g}\nspec:\n" + spec));
        String message = e.getMessage();
        return new TreeSet<>(Set.of(message.substring(message.indexOf("accepts: ") + 9).split(", ")));
    }
}
