package dev.augur.protocol.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explanation document against golden fixtures, and the background-rows reader. */
class ExplainJsonCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertGolden(String fixture, byte[] actual) throws IOException {
        try (InputStream in = ExplainJsonCodecTest.class.getResourceAsStream("/explain/" + fixture)) {
            assertEquals(MAPPER.readTree(in), MAPPER.readTree(actual));
        }
    }

    @Test
    void kernelShapDocumentMatchesGolden() throws IOException {
        Explanation e = new Explanation("kernel-shap", "iris-linear", "1", "r1", "variable", List.of("sl", "sw", "pl"),
                params("samples", 2048L, "seed", 7L), 1, 2251, List.of(new Explanation.Shap(
                        new double[] {5.0, 3.5, 1.5}, new Explanation.Prediction(0.25, null, new double[] {0.25}),
                        1.0, new double[] {-0.5, 0.0, -0.25}, 6)));
        assertGolden("kernel-shap.json", ExplainJsonCodec.encode(e));
    }

    @Test
    void anchorDocumentMatchesGolden() throws IOException {
        Explanation e = new Explanation("anchors", "iris-logreg", null, "r2", "probabilities", List.of("a", "b"),
                params("threshold", 0.95), 3, 300, List.of(new Explanation.Anchor(new double[] {1.0, 2.0},
                        new Explanation.Prediction(0.9, 0, new double[] {0.9, 0.1}), List.of("b <= 2.50"),
                        List.of(new Explanation.Condition(1, "b <= 2.50", null, 2.5)), 1.0, 0.5, true)));
        assertGolden("anchors.json", ExplainJsonCodec.encode(e));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() throws IOException {
        Explanation e = new Explanation("lime", "m", null, null, "o", List.of("a"), Map.of(), 1, 1,
                List.of(new Explanation.Lime(new double[] {1}, new Explanation.Prediction(1, null, new double[] {1}),
                        0, new double[] {0}, List.of("a <= 1.00"), Double.NaN, 1)));
        assertTrue(MAPPER.readTree(ExplainJsonCodec.encode(e)).at("/explanations/data/0/score").isNull());
    }

    @Test
    void rowsAreReadFromAnArray() {
        double[][] rows = ExplainJsonCodec.decodeRows("[[1, 2.5], [3, 4]]".getBytes(StandardCharsets.UTF_8), "bg");
        assertArrayEquals(new double[] {3, 4}, rows[1]);
    }

    @Test
    void rowsAreReadFromAReferenceFile() {
        double[][] rows = ExplainJsonCodec.decodeRows(
                "{\"inputs\": [[1, 2]], \"predictions\": [0]}".getBytes(StandardCharsets.UTF_8), "bg");
        assertArrayEquals(new double[] {1, 2}, rows[0]);
    }

    @Test
    void raggedRowsAreRefusedWithTheRow() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> ExplainJsonCodec.decodeRows("[[1, 2], [3]]".getBytes(StandardCharsets.UTF_8), "bg.json"));
        assertEquals("bg.json: row 1 has 1 values, row 0 has 2", e.getMessage());
    }

    @Test
    void v1BodyCarriesTheMethodAsAParameter() {
        InferenceRequest r = ExplainJsonCodec.decodeV1("m",
                "{\"instances\": [[1, 2]], \"parameters\": {\"method\": \"lime\"}}".getBytes(StandardCharsets.UTF_8));
        assertEquals("lime", r.parameters().get(ExplainJsonCodec.METHOD));
    }
}
