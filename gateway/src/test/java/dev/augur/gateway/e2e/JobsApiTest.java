package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jobs API's behaviours one by one, on small files (the 100,000-row job is {@link LargeJobTest}). */
@QuarkusTest
class JobsApiTest {
    private static final String MALFORMED = "{\"inputs\": [";
    private static final String WRONG_SHAPE = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,3],"
            + "\"datatype\":\"FP32\",\"data\":[1,2,3]}]}";

    /** Submits a small file with a Content-Length (the streaming client in {@link JobFiles} sends it chunked). */
    private static Response submit(String service, String file) {
        return given().contentType("application/x-ndjson").body(file.getBytes(StandardCharsets.UTF_8))
                .post("/augur/jobs/" + service);
    }

    private static String finishedJob(String file) {
        Response r = submit("iris", file);
        assertEquals(201, r.statusCode(), r.asString());
        String location = JobFiles.path(r.header("Location"));
        JobFiles.awaitFinished(location, Duration.ofSeconds(60));
        return location;
    }

    private static List<JsonNode> results(String location) {
        List<JsonNode> rows = new ArrayList<>();
        assertEquals(200, JobFiles.results(location, rows::add));
        return rows;
    }

    @Test
    void submitAnswers201WithTheJobsLocationAndProgress() {
        Response r = submit("iris", JobFiles.v2Row(1, 0) + "\n" + JobFiles.v2Row(2, 0) + "\n");
        r.then().statusCode(201).body("service", equalTo("iris")).body("total", equalTo(2));
        String id = r.jsonPath().getString("id");
        assertTrue(r.header("Location").endsWith("/augur/jobs/iris/" + id), r.header("Location"));
        assertTrue(List.of("queued", "running", "succeeded").contains(r.jsonPath().getString("state")));
    }

    @Test
    void progressOfAFinishedJobCountsEveryRow() {
        String location = finishedJob(JobFiles.v2Row(1, 0) + "\n" + JobFiles.v2Row(51, 0) + "\n"
                + JobFiles.v2Row(101, 0) + "\n");
        JsonNode p = JobFiles.progress(location);
        assertEquals("succeeded", p.get("state").asText());
        assertEquals(3, p.get("total").asLong());
        assertEquals(3, p.get("done").asLong());
        assertEquals(0, p.get("failed").asLong());
        assertTrue(p.get("rate").asDouble() > 0, p.toString());
        assertTrue(p.hasNonNull("finished"), p.toString());
    }

    @Test
    void malformedLineFailsAloneWith400AndTheJobGoesOn() {
        String location = finishedJob(JobFiles.v2Row(1, 0) + "\n" + MALFORMED + "\n" + JobFiles.v2Row(51, 0) + "\n");
        List<JsonNode> rows = results(location);
        assertEquals(3, rows.size());
        assertEquals("failed", rows.get(1).get("status").asText());
        assertEquals(400, rows.get(1).get("code").asInt());
        assertTrue(rows.get(1).get("error").asText().startsWith("malformed JSON"), rows.get(1).toString());
        assertEquals(JobFiles.label(51), rows.get(2).get("response").get("outputs").get(0).get("data").get(0)
                .asLong());
        JsonNode p = JobFiles.progress(location);
        assertEquals("succeeded", p.get("state").asText());
        assertEquals(1, p.get("failed").asLong());
    }

    @Test
    void rowTheModelRefusesFailsWith400NamingTheShape() {
        List<JsonNode> rows = results(finishedJob(WRONG_SHAPE + "\n"));
        assertEquals(400, rows.get(0).get("code").asInt());
        assertTrue(rows.get(0).get("error").asText().contains("shape [1, 3] does not match"), rows.toString());
    }

    @Test
    void v1RowsGetV1Answers() {
        List<JsonNode> rows = results(finishedJob(Iris.V1 + "\n"));
        assertEquals("{\"predictions\":[1,1]}", rows.get(0).get("response").toString());
    }

    @Test
    void blankLinesAreSkippedAndLineNumbersKept() {
        List<JsonNode> rows = results(finishedJob("\n" + JobFiles.v2Row(1, 0) + "\n\n   \n" + JobFiles.v2Row(2, 0)
                + "\r\n"));
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).get("line").asLong());
        assertEquals(5, rows.get(1).get("line").asLong());
        assertTrue(rows.get(1).get("id").asText().endsWith(":5"), rows.get(1).toString());
    }

    @Test
    void unknownServiceIs404() {
        submit("no-such-service", JobFiles.v2Row(1, 0) + "\n").then().statusCode(404)
                .body("error", equalTo("InferenceService 'no-such-service' not found"));
    }

    @Test
    void emptyFileIs400() {
        submit("iris", "").then().statusCode(400).body("error", startsWith("the file has no rows"));
    }

    @Test
    void fileOfBlankLinesIs400() {
        submit("iris", "\n  \n\n").then().statusCode(400).body("error", startsWith("the file has no rows"));
    }

    @Test
    void unknownJobIs404() {
        given().get("/augur/jobs/iris/job-0000000000000000").then().statusCode(404)
                .body("error", equalTo("no job 'job-0000000000000000' for InferenceService 'iris'"));
    }

    @Test
    void jobAskedForUnderAnotherServiceIs404() {
        String location = finishedJob(JobFiles.v2Row(1, 0) + "\n");
        given().get(location.replace("/iris/", "/canary/")).then().statusCode(404);
    }

    @Test
    void resultsOfARunningJobAre409() {
        String location = JobFiles.submit("iris", JobFiles.rows(50_000, 0)).headers().firstValue("Location")
                .map(JobFiles::path).orElseThrow();
        given().get(location + "/results").then().statusCode(409).body("error", startsWith("job "))
                .body("error", org.hamcrest.Matchers.containsString("its results can be read once it has finished"));
        given().delete(location);
    }

    @Test
    void cancelStopsOutstandingRowsAndReportsThemCancelled() {
        int total = 50_000;
        String location = JobFiles.submit("iris", JobFiles.rows(total, 0)).headers().firstValue("Location")
                .map(JobFiles::path).orElseThrow();
        given().delete(location).then().statusCode(200).body("state", equalTo("cancelled"));
        JsonNode p = JobFiles.progress(location);
        long cancelled = p.get("cancelled").asLong();
        assertTrue(cancelled > 0, "nothing left to cancel: " + p);
        assertEquals(total, p.get("done").asLong() + cancelled, p.toString());
        long[] seen = new long[3];
        assertEquals(200, JobFiles.results(location, row -> {
            seen[0]++;
            if ("cancelled".equals(row.get("status").asText())) {
                seen[1]++;
            }
        }));
        assertEquals(total, seen[0]);
        assertEquals(cancelled, seen[1]);
        // Skipped rows stay skipped: the counts do not move once the remaining records pass the consumer.
        Gateway.sleep(2000);
        assertEquals(p.get("done").asLong(), JobFiles.progress(location).get("done").asLong());
    }

    @Test
    void cancelOfAFinishedJobIs409() {
        String location = finishedJob(JobFiles.v2Row(1, 0) + "\n");
        given().delete(location).then().statusCode(409).body("error", org.hamcrest.Matchers.containsString(
                "has already succeeded"));
    }

    @Test
    void rowOverTheRowLimitFailsAloneWith413() {
        // The test gateway's normal body limit is 256K; rows are limited to Kafka's record size (1 MB) instead.
        String big = "{\"inputs\": []" + " ".repeat(1_100_000) + "}";
        List<JsonNode> rows = results(finishedJob(big + "\n" + JobFiles.v2Row(1, 0) + "\n"));
        assertEquals(413, rows.get(0).get("code").asInt());
        assertEquals("succeeded", rows.get(1).get("status").asText());
    }
}
