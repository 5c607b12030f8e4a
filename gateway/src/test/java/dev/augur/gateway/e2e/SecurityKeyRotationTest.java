package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;

import dev.augur.gateway.security.Authenticator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Keys change by rewriting the keys file (a Secret update): no restart, within a few reload intervals. */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityKeyRotationTest {
    private static final String NEW_KEY = "augur_test_rotated_0b77d1";

    private static String entry(String id, String key) {
        return "  - id: " + id + "\n    sha256: " + Authenticator.sha256(key) + "\n    verbs: [admin]\n";
    }

    /** Waits (up to 30 s) for the gateway to answer {@code status} to the key on an admin endpoint. */
    private static void awaitStatus(String key, int status) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = as(bearer(key)).get("/augur/graphs").statusCode();
            if (last == status) {
                return;
            }
            Gateway.sleep(100);
        }
        throw new AssertionError("the key still answers " + last + ", not " + status);
    }

    @Test
    void keyAddedToTheFileIsAcceptedThenRefusedOnceRemoved() throws Exception {
        as(bearer(NEW_KEY)).get("/augur/graphs").then().statusCode(401);
        SecuredGateway.writeKeys(SecuredGateway.keys(entry("rotated", NEW_KEY)));
        try {
            awaitStatus(NEW_KEY, 200);
        } finally {
            SecuredGateway.writeKeys(SecuredGateway.keys(""));
        }
        awaitStatus(NEW_KEY, 401);
    }

    @Test
    void invalidFileKeepsThePreviousKeys() throws Exception {
        SecuredGateway.writeKeys("keys:\n  - id: broken\n    sha256: not-hex\n");
        try {
            // Several reload intervals: the broken file has been read and refused, the old keys still work.
            Gateway.sleep(500);
            as(bearer(SecuredGateway.ADMIN_KEY)).get("/augur/graphs").then().statusCode(200);
        } finally {
            SecuredGateway.writeKeys(SecuredGateway.keys(""));
        }
    }
}
