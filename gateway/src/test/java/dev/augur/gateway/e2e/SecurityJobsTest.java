package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs list with security on shows a caller the jobs of the services it may run jobs on: one job on iris
 * ({@code team: fraud}) and one on ledger ({@code team: risk}), both submitted by admin; the {@code fraud-jobs} key
 * ({@code jobs} by label {@code team: fraud}) sees iris's alone, admin both.
 */
@QuarkusTest
@TestProfile(SecuredGateway.WithKafka.class)
class SecurityJobsTest {
    private static String irisJob;
    private static String ledgerJob;

    private static String submit(String service) {
        byte[] oneRow = (JobFiles.v2Row(1, 0) + "\n").getBytes(StandardCharsets.UTF_8);
        Response r = as(bearer(SecuredGateway.ADMIN_KEY)).contentType("application/x-ndjson").body(oneRow)
                .post("/augur/jobs/" + service);
        r.then().statusCode(201);
        return r.jsonPath().getString("id");
    }

    @BeforeEach
    void twoJobs() {
        synchronized (SecurityJobsTest.class) {
            if (irisJob == null) {
                irisJob = submit("iris");
                ledgerJob = submit("ledger");
            }
        }
    }

    @Test
    void keyGrantedJobsByLabelListsTheJobsOfItsServicesOnly() {
        as(bearer(SecuredGateway.FRAUD_JOBS_KEY)).get("/augur/jobs").then().statusCode(200)
                .body("jobs.id", hasItem(irisJob)).body("jobs.id", not(hasItem(ledgerJob)))
                .body("jobs.service", everyItem(equalTo("iris")));
    }

    @Test
    void adminListsEveryJob() {
        as(bearer(SecuredGateway.ADMIN_KEY)).get("/augur/jobs").then().statusCode(200)
                .body("jobs.id", hasItems(irisJob, ledgerJob));
    }
}
