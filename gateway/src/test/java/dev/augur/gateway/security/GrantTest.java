package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrantTest {
    private final Grant iris = Grant.of(EnumSet.of(Verb.INFER), List.of("iris", "fraud-*"));

    @Test
    void exactNameIsGranted() {
        assertTrue(iris.allows(Verb.INFER, "iris"));
    }

    @Test
    void otherNameIsNot() {
        assertFalse(iris.allows(Verb.INFER, "irises"));
    }

    @Test
    void globMatchesItsPrefix() {
        assertTrue(iris.allows(Verb.INFER, "fraud-eu"));
    }

    @Test
    void globIsAnchored() {
        assertFalse(iris.allows(Verb.INFER, "old-fraud-eu"));
    }

    @Test
    void regexCharactersInAGlobAreLiteral() {
        Grant dotted = Grant.of(EnumSet.of(Verb.INFER), List.of("a.b"));
        assertFalse(dotted.allows(Verb.INFER, "axb"));
    }

    @Test
    void componentNamesCountAsTheirService() {
        assertTrue(iris.allows(Verb.INFER, "iris-predictor"));
        assertTrue(iris.allows(Verb.INFER, "iris-transformer"));
    }

    @Test
    void componentSuffixOfAnotherServiceIsNotGranted() {
        assertFalse(iris.allows(Verb.INFER, "other-predictor"));
    }

    @Test
    void verbOutsideTheGrantIsRefused() {
        assertFalse(iris.allows(Verb.EXPLAIN, "iris"));
    }

    @Test
    void adminIsEveryVerbOnEveryService() {
        Grant admin = Grant.of(EnumSet.of(Verb.ADMIN), List.of());
        assertTrue(admin.allows(Verb.JOBS, "anything"));
    }

    /** team fraud's services by label, as KServe users label InferenceServices. */
    private final Grant fraud = Grant.of(EnumSet.of(Verb.INFER), List.of(), List.of(Map.of("team", "fraud")));
    private final Grant.Labels catalog = name -> switch (name) {
        case "scorer" -> Map.of("team", "fraud", "tier", "gold");
        case "ranker" -> Map.of("team", "search");
        default -> Map.of();
    };

    @Test
    void serviceWhoseLabelsHoldTheSelectorIsGranted() {
        assertTrue(fraud.allows(Verb.INFER, "scorer", catalog));
    }

    @Test
    void serviceWithAnotherLabelValueIsNot() {
        assertFalse(fraud.allows(Verb.INFER, "ranker", catalog));
    }

    @Test
    void serviceWithNoLabelsIsNot() {
        assertFalse(fraud.allows(Verb.INFER, "unlabelled", catalog));
    }

    @Test
    void everyPairOfASelectorMustMatch() {
        Grant gold = Grant.of(EnumSet.of(Verb.INFER), List.of(), List.of(Map.of("team", "fraud", "tier", "silver")));
        assertFalse(gold.allows(Verb.INFER, "scorer", catalog));
    }

    @Test
    void anyOfSeveralSelectorsGrants() {
        Grant either = Grant.of(EnumSet.of(Verb.INFER), List.of(),
                List.of(Map.of("team", "nobody"), Map.of("team", "search")));
        assertTrue(either.allows(Verb.INFER, "ranker", catalog));
    }

    @Test
    void componentNameCountsAsItsLabelledService() {
        assertTrue(fraud.allows(Verb.INFER, "scorer-predictor", catalog));
    }

    @Test
    void labelGrantNeedsItsVerbToo() {
        assertFalse(fraud.allows(Verb.EXPLAIN, "scorer", catalog));
    }

    @Test
    void withoutTheServicesLabelsALabelGrantGrantsNothing() {
        assertFalse(fraud.allows(Verb.INFER, "scorer"));
    }

    @Test
    void unionKeepsTheLabelSelectorsOfBoth() {
        Grant both = iris.and(fraud);
        assertTrue(both.allows(Verb.INFER, "scorer", catalog));
        assertTrue(both.allows(Verb.INFER, "iris", catalog));
    }
}
