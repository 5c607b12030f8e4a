package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyFileTest {
    /** SHA-256 of "test", as `printf test | sha256sum` prints it. */
    private static final String TEST_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void sha256IsTheHexDigestOfTheKey() {
        assertEquals(TEST_HASH, Authenticator.sha256("test"));
    }

    @Test
    void keyIsFoundByItsHashWithItsGrant() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    verbs: [infer]\n"
                + "    services: [iris]\n");
        Principal a = p.keysByHash().get(TEST_HASH);
        assertEquals("a", a.id());
        assertTrue(a.grant().allows(Verb.INFER, "iris"));
    }

    @Test
    void rolesAddToAKeysGrant() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    roles: [readers]\n"
                + "roles:\n  readers: {verbs: [explain], services: ['*']}\n");
        assertTrue(p.keysByHash().get(TEST_HASH).grant().allows(Verb.EXPLAIN, "any"));
    }

    @Test
    void rateAloneAllowsASecondsWorthAtOnce() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    rate: 10\n");
        assertEquals(10, p.keysByHash().get(TEST_HASH).quota().burst());
    }

    @Test
    void noRateIsNoLimit() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n");
        assertFalse(p.keysByHash().get(TEST_HASH).quota().limited());
    }

    @Test
    void malformedHashIsRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyFile.parse("keys:\n  - id: a\n    sha256: abc\n"));
        assertEquals("key 'a': 'sha256' must be 64 hex digits (the SHA-256 of the key)", e.getMessage());
    }

    @Test
    void unknownVerbIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    verbs: [delete]\n"));
        assertTrue(e.getMessage().startsWith("key 'a': unknown verb 'delete'"), e.getMessage());
    }

    @Test
    void undefinedRoleIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    roles: [ghost]\n"));
        assertEquals("key 'a': role 'ghost' is not defined under 'roles'", e.getMessage());
    }

    @Test
    void duplicateIdIsRefused() {
        String other = "0".repeat(64);
        assertThrows(IllegalArgumentException.class, () -> KeyFile.parse("keys:\n  - id: a\n    sha256: "
                + TEST_HASH + "\n  - id: a\n    sha256: " + other + "\n"));
    }

    @Test
    void labelsGrantTheServicesTheySelect() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    verbs: [infer]\n"
                + "    labels: {team: fraud}\n");
        Grant g = p.keysByHash().get(TEST_HASH).grant();
        assertTrue(g.allows(Verb.INFER, "scorer", name -> Map.of("team", "fraud")));
        assertFalse(g.allows(Verb.INFER, "ranker", name -> Map.of("team", "search")));
    }

    @Test
    void aListOfLabelSelectorsGrantsAnyOfThem() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    verbs: [infer]\n"
                + "    labels: [{team: fraud}, {team: search}]\n");
        assertTrue(p.keysByHash().get(TEST_HASH).grant().allows(Verb.INFER, "ranker",
                name -> Map.of("team", "search")));
    }

    @Test
    void aRolesLabelsReachTheKeysThatNameIt() throws Exception {
        Policy p = KeyFile.parse("keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    roles: [fraud]\n"
                + "roles:\n  fraud: {verbs: [infer], labels: {team: fraud}}\n");
        assertTrue(p.keysByHash().get(TEST_HASH).grant().allows(Verb.INFER, "scorer",
                name -> Map.of("team", "fraud")));
    }

    @Test
    void emptyLabelSelectorIsRefusedRatherThanMatchingEverything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFile.parse(
                "keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    verbs: [infer]\n    labels: {}\n"));
        assertEquals("key 'a': each 'labels' selector must be a non-empty map of label: value, e.g. {team: fraud}",
                e.getMessage());
    }

    @Test
    void labelsAsAPlainStringAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyFile.parse(
                "keys:\n  - id: a\n    sha256: " + TEST_HASH + "\n    labels: team=fraud\n"));
        assertTrue(e.getMessage().startsWith("key 'a': 'labels' must be a map"), e.getMessage());
    }
}
