package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Dynamic batching changes how requests run, never what they answer. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class BatchingTest {
    private static final String KSERVE = "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}";

    private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(call));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void kserveBatcherTestEachRequestGetsItsOwnAnswer() throws Exception {
        // KServe's batcher e2e: four concurrent iris requests, each must get [1, 1].
        List<String> answers = concurrently(4, () -> given().body(KSERVE).post("/v1/models/iris-batched:predict")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of("{\"predictions\":[1,1]}", "{\"predictions\":[1,1]}", "{\"predictions\":[1,1]}",
                "{\"predictions\":[1,1]}"), answers);
        // Four 2-row requests make one full batch of 8 rows.
        given().get("/q/metrics").then().body(containsString("augur_batch_size_max{model_name=\"iris-batched\"} 8.0"));
    }

    @Test
    void batchedRowsMatchScikitLearn() throws Exception {
        IrisReference ref = IrisReference.of("iris-logreg");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<JsonPath>> fs = new ArrayList<>();
            for (float[] row : ref.inputs()) {
                String body = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":["
                        + row[0] + "," + row[1] + "," + row[2] + "," + row[3] + "]}]}";
                fs.add(pool.submit(() -> given().body(body).post("/v2/models/iris-batched/infer").then()
                        .statusCode(200).extract().jsonPath()));
            }
            for (int i = 0; i < fs.size(); i++) {
                JsonPath j = fs.get(i).get();
                assertEquals(ref.labels()[i], j.getLong("outputs[0].data[0]"), "row " + i);
                for (int k = 0; k < 3; k++) {
                    assertEquals(ref.probabilities()[i][k], j.getFloat("outputs[1].data[" + k + "]"), 1e-5,
                            "row " + i);
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
