package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lists show what the caller's grant covers: the gateway serves iris ({@code team: fraud}) and ledger
 * ({@code team: risk}); a key granted iris by name or by label sees iris alone, admin sees both. One test per list
 * and caller; the jobs list is {@link SecurityJobsTest}'s (jobs need the Kafka path, off in this profile).
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityListTest {

    @Test
    void v1ModelListShowsAKeyTheServicesItsGrantNames() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/v1/models").then().statusCode(200)
                .body("models", equalTo(List.of("iris"))).body("data.id", equalTo(List.of("iris")));
    }

    @Test
    void v1ModelListShowsAKeyTheServicesItsLabelsSelect() {
        as(bearer(SecuredGateway.FRAUD_KEY)).get("/v1/models").then().statusCode(200)
                .body("models", equalTo(List.of("iris")));
    }

    @Test
    void v1ModelListShowsATokenTheServicesItsRoleCovers() {
        as(bearer(SecuredGateway.token())).get("/v1/models").then().statusCode(200)
                .body("models", equalTo(List.of("iris")));
    }

    @Test
    void v1ModelListShowsAdminEveryService() {
        as(bearer(SecuredGateway.ADMIN_KEY)).get("/v1/models").then().statusCode(200)
                .body("models", hasItems("iris", "ledger"));
    }

    @Test
    void openAiModelListShowsAKeyTheServicesItsGrantNames() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/openai/v1/models").then().statusCode(200)
                .body("data.id", equalTo(List.of("iris")));
    }

    @Test
    void openAiModelListShowsAKeyTheServicesItsLabelsSelect() {
        as(bearer(SecuredGateway.FRAUD_KEY)).get("/openai/v1/models").then().statusCode(200)
                .body("data.id", equalTo(List.of("iris")));
    }

    @Test
    void openAiModelListShowsAdminEveryService() {
        as(bearer(SecuredGateway.ADMIN_KEY)).get("/openai/v1/models").then().statusCode(200)
                .body("data.id", hasItems("iris", "ledger"));
    }
}
