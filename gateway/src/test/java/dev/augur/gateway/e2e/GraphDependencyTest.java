package dev.augur.gateway.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hard and Soft steps, as KServe's e2e scenarios: a failing Hard step ends its node with its own status and body; a
 * failing Soft one is passed over (Sequence) or answered under its key (Ensemble). The failing InferenceService is
 * the suite's {@code hung} (a component that never answers: 504 after its {@code timeout: 1}); the failing URL
 * answers like KServe's error-404 test image.
 */
@QuarkusTest
class GraphDependencyTest {
    private static final int ROW = 10;

    @BeforeEach
    void servicesAreReady() {
        Gateway.readyPort("iris");
    }

    @Test
    void aFailingHardStepEndsTheSequenceWithItsStatus() {
        GraphTest.post("hard", Reference.v1(Reference.LOGREG, ROW)).statusCode(504)
                .header("x-augur-graph-trace", "root.0=hung:504")
                .body("error", containsString("hung-predictor"));
    }

    @Test
    void aFailingSoftStepLetsTheSequenceGoOn() {
        GraphTest.post("soft", Reference.v1(Reference.LOGREG, ROW)).statusCode(200)
                .header("x-augur-graph-trace", "root.0=hung:504, root.1=iris:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.LOGREG, ROW)));
    }

    @Test
    void anUnreachableUrlIsASoftFailureOf502() {
        GraphTest.post("unreachable", Reference.v1(Reference.LOGREG, ROW)).statusCode(200)
                .header("x-augur-graph-trace", "root.0=http://127.0.0.1:1/v1/models/x:predict:502, root.1=iris:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.LOGREG, ROW)));
    }

    @Test
    void aGraphSlowerThanItsTimeoutAnswers504() {
        GraphTest.post("slow", Reference.v1(Reference.LOGREG, ROW)).statusCode(504)
                .body("error", equalTo("InferenceGraph 'slow' did not answer within 1s (spec.timeout)"));
    }

    @Test
    void aFailingHardStepAnswersForTheEnsemble() {
        GraphTest.post("ensemble-hard", Reference.v1(Reference.LOGREG, ROW)).statusCode(404)
                .body("detail", equalTo("Intentional 404 code"));
    }

    @Test
    void aFailingSoftStepStandsUnderItsKeyInTheEnsemble() {
        GraphTest.post("ensemble-soft", Reference.v1(Reference.LOGREG, ROW)).statusCode(200)
                .body("'0'.detail", equalTo("Intentional 404 code"))
                .body("'1'.predictions[0]", equalTo(Reference.label(Reference.LOGREG, ROW)));
    }
}
