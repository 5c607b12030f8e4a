package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
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
}
