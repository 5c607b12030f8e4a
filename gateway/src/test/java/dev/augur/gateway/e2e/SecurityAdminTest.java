package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own endpoints with security on: {@code /augur/*} (pids, ports, file paths), repository operations and
 * {@code /q/metrics} need {@code admin}; probes stay open; the metrics count requests per key id, never a key.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityAdminTest {

    @Test
    void probesNeedNoCredential() {
        as(null).get("/q/health/live").then().statusCode(200);
    }

    @Test
    void serviceTableWithoutCredentialIs401() {
        as(null).get("/augur/services").then().statusCode(401);
    }

    @Test
    void serviceTableForAnInferenceKeyIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/augur/services").then().statusCode(403)
                .body("error", equalTo("this credential is not granted 'admin'"));
    }

    @Test
    void serviceTableForTheAdminKeyIsServed() {
        as(bearer(SecuredGateway.ADMIN_KEY)).get("/augur/services").then().statusCode(200)
                .body(containsString("\"iris\""));
    }

    @Test
    void repositoryUnloadForAnInferenceKeyIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).post("/augur/console/models/iris/iris/unload").then().statusCode(403);
    }

    @Test
    void metricsForAnInferenceKeyIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/q/metrics").then().statusCode(403);
    }

    @Test
    void metricsCountRequestsPerKeyIdWithoutTheKey() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/augur/services").then().statusCode(403);
        as(bearer(SecuredGateway.ADMIN_KEY)).get("/q/metrics").then().statusCode(200)
                .body(containsString("augur_security_requests_total{key=\"iris-client\",outcome=\"forbidden\"}"))
                .body(not(containsString(SecuredGateway.IRIS_KEY)));
    }

    @Test
    void jobsForAKeyWithoutTheJobsVerbIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/augur/jobs").then().statusCode(403)
                .body("error", containsString("'jobs'"));
    }

    /** The status line of a request sent byte for byte (HTTP clients resolve dot segments before sending). */
    private static String rawStatusLine(String path) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** The router matches the normalized path, so the door does too: a probe's prefix is no way into the metrics. */
    @Test
    void dotSegmentsAfterAnOpenPrefixAreNotOpen() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals("HTTP/1.1 401 Unauthorized", rawStatusLine("/q/health/../metrics"));
    }

    @Test
    void dotSegmentsAfterTheConsolesFilesAreNotOpen() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals("HTTP/1.1 401 Unauthorized",
                rawStatusLine("/console/../augur/services"));
    }
}
