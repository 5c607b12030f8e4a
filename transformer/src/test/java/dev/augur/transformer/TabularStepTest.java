package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.transformer.spi.TransformStep;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tabular step on KServe's house-price input shape (V1 rows of named, mixed-type fields). */
class TabularStepTest {
    static final List<TransformStep> HOUSE = TestPipelines.steps("""
              - tabular:
                  output: input-0
                  features:
                    - {name: LotArea, scale: standard, mean: 10000, std: 4000, missing: {fill: 9000}}
                    - {name: YearBuilt, scale: minmax, min: 1900, max: 2010}
                    - {name: Neighborhood, one_hot: [CollgCr, Veenker, NoRidge], unknown_category: zeros, missing: zeros}
                    - {name: KitchenQual, index: {Fa: 0, TA: 1, Gd: 2, Ex: 3}, missing: {fill: TA}}
                    - {name: GarageCars, missing: zeros}
                    - {name: MSSubClass, one_hot: [20, 60, 120]}
            """);

    static Tensor house(String rows) {
        InferenceRequest r = V1JsonCodec.decodeRequest("house", ("{\"instances\": [" + rows + "]}")
                .getBytes(StandardCharsets.UTF_8));
        List<Tensor> out = TestPipelines.apply(HOUSE, r.inputs());
        assertEquals(1, out.size());
        return out.get(0);
    }

    static float[] floats(Tensor t) {
        float[] f = new float[t.size()];
        t.data().asFloatBuffer().get(f);
        return f;
    }

    @Test
    void mixedRowGivesTheHandComputedVector() {
        Tensor t = house("{\"LotArea\": 12000, \"YearBuilt\": 2003, \"Neighborhood\": \"Veenker\", "
                + "\"KitchenQual\": \"Gd\", \"GarageCars\": 2, \"MSSubClass\": 60}");
        assertEquals("input-0", t.name());
        assertEquals(DataType.FP32, t.datatype());
        assertArrayEquals(new long[] {1, 10}, t.shape());
        assertArrayEquals(new float[] {0.5f, (float) (103.0 / 110.0), 0, 1, 0, 2, 2, 0, 1, 0}, floats(t));
    }

    @Test
    void missingValuesFollowTheirPolicies() {
        Tensor t = house("{\"LotArea\": null, \"YearBuilt\": 1955, \"Neighborhood\": \"\", \"KitchenQual\": \"\", "
                + "\"GarageCars\": null, \"MSSubClass\": 120}");
        assertArrayEquals(new float[] {-0.25f, 0.5f, 0, 0, 0, 1, 0, 0, 0, 1}, floats(t));
    }

    @Test
    void unknownCategoryIsAllZerosWhenDeclared() {
        Tensor t = house("{\"LotArea\": 8000, \"YearBuilt\": 2010, \"Neighborhood\": \"Gilbert\", "
                + "\"KitchenQual\": \"Ex\", \"GarageCars\": 0, \"MSSubClass\": 20}");
        assertArrayEquals(new float[] {-0.5f, 1, 0, 0, 0, 3, 0, 1, 0, 0}, floats(t));
    }

    @Test
    void unknownCategoryOfAnIndexMapNamesFieldAndValue() {
        InferenceException e = assertThrows(InferenceException.class, () -> house("{\"LotArea\": 8000, "
                + "\"YearBuilt\": 2010, \"Neighborhood\": \"Gilbert\", \"KitchenQual\": \"Po\", \"GarageCars\": 0, "
                + "\"MSSubClass\": 20}"));
        assertEquals("field 'KitchenQual': unknown category 'Po'; expected one of [Fa, TA, Gd, Ex]", e.getMessage());
    }

    @Test
    void missingValueWithoutPolicyNamesTheField() {
        InferenceException e = assertThrows(InferenceException.class, () -> house("{\"LotArea\": 8000, "
                + "\"YearBuilt\": null, \"Neighborhood\": \"Gilbert\", \"KitchenQual\": \"Fa\", \"GarageCars\": 0, "
                + "\"MSSubClass\": 20}"));
        assertEquals("field 'YearBuilt' is missing in row 0", e.getMessage());
    }

    @Test
    void absentFieldWithFillPolicyIsFilled() {
        Tensor t = house("{\"YearBuilt\": 1900, \"Neighborhood\": \"NoRidge\", \"KitchenQual\": \"Fa\", "
                + "\"GarageCars\": 1, \"MSSubClass\": 20}");
        assertArrayEquals(new float[] {-0.25f, 0, 0, 0, 1, 0, 1, 1, 0, 0}, floats(t));
    }

    @Test
    void irisFieldsAreOrderedAsDeclared() {
        List<TransformStep> iris = TestPipelines.steps("""
                  - tabular: {output: float_input, features: [sepal_length, sepal_width, petal_length, petal_width]}
                """);
        List<Tensor> in = List.of(Tensor.ofDoubles("petal_width", new long[] {2}, new double[] {0.2, 1.4}),
                Tensor.ofDoubles("sepal_length", new long[] {2}, new double[] {5.1, 6.8}),
                Tensor.ofDoubles("petal_length", new long[] {2, 1}, new double[] {1.4, 4.8}),
                Tensor.ofDoubles("sepal_width", new long[] {2}, new double[] {3.5, 2.8}));
        Tensor t = TestPipelines.apply(iris, in).get(0);
        assertArrayEquals(new long[] {2, 4}, t.shape());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f, 6.8f, 2.8f, 4.8f, 1.4f}, floats(t));
    }
}
