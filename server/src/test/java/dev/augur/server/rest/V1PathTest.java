package dev.augur.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** KServe V1 paths: {@code /v1/models/<model>:predict} and {@code :explain}. */
class V1PathTest {

    @Test
    void predictSplitsModelAndVerb() {
        assertEquals(new V1Path("iris", "predict"), V1Path.parse("iris:predict"));
    }

    @Test
    void theVerbFollowsTheLastColon() {
        assertEquals(new V1Path("org:iris", "explain"), V1Path.parse("org:iris:explain"));
    }

    @Test
    void noColonIsAnEmptyVerb() {
        assertEquals(new V1Path("iris", ""), V1Path.parse("iris"));
    }

    @Test
    void aTrailingColonIsAnEmptyVerb() {
        assertEquals(new V1Path("iris", ""), V1Path.parse("iris:"));
    }

    @Test
    void anEncodedColonInEitherCaseIsSeen() {
        assertTrue(V1Path.hasEncodedColon("/v1/models/iris%3Apredict"));
        assertTrue(V1Path.hasEncodedColon("/v1/models/iris%3apredict"));
    }

    @Test
    void anEncodedColonOutsideV1IsNotItsConcern() {
        assertFalse(V1Path.hasEncodedColon("/v2/models/iris%3Ax/infer"));
        assertFalse(V1Path.hasEncodedColon(null));
    }

    @Test
    void decodingKeepsTheQueryAsSent() {
        assertEquals("/v1/models/iris:predict?x=a%3Ab", V1Path.decodeColon("/v1/models/iris%3apredict?x=a%3Ab"));
    }
}
