package dev.augur.isvc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The GJSON subset against documents whose answers are read off by hand (and as GJSON's README documents them):
 * KServe's e2e and documentation conditions, and the refusals.
 */
class ConditionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean matches(String expression, String document) {
        return Condition.parse(expression).matches(json(document));
    }

    @Test
    void kserveSwitchE2eConditionMatchesItsPicker() {
        assertTrue(matches("[@this].#(decision_picker==ERROR)", "{\"decision_picker\": \"ERROR\"}"));
    }

    @Test
    void kserveSwitchE2eConditionRefusesAnotherPicker() {
        assertFalse(matches("[@this].#(decision_picker==ERROR)", "{\"decision_picker\": \"NO_MATCH\"}"));
    }

    @Test
    void kserveDocsConditionOnAPredictionString() {
        assertTrue(matches("[@this].#(predictions.0==\"dog\")", "{\"predictions\": [\"dog\", \"cat\"]}"));
        assertFalse(matches("[@this].#(predictions.0==\"dog\")", "{\"predictions\": [\"cat\"]}"));
    }

    @Test
    void aPlainPathMatchesWhenItExists() {
        assertTrue(matches("instances.1.0", "{\"instances\": [[1], [2]]}"));
        assertFalse(matches("instances.2.0", "{\"instances\": [[1], [2]]}"));
    }

    @Test
    void aJsonNullExistsAsInGjson() {
        assertTrue(matches("a", "{\"a\": null}"));
    }

    @Test
    void numbersCompareAsNumbers() {
        String doc = "{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}";
        assertTrue(matches("[@this].#(instances.0.2>=2.5)", doc));
        assertFalse(matches("[@this].#(instances.0.2<2.5)", doc));
        assertTrue(matches("[@this].#(instances.0.2!=4)", doc));
    }

    @Test
    void stringsCompareLexicographically() {
        assertTrue(matches("[@this].#(name<\"b\")", "{\"name\": \"abc\"}"));
        assertFalse(matches("[@this].#(name>\"b\")", "{\"name\": \"abc\"}"));
    }

    @Test
    void likeMatchesGlobs() {
        assertTrue(matches("friends.#(last%\"D*\").first", "{\"friends\": [{\"first\": \"Dale\", \"last\": \"Murphy\"},"
                + " {\"first\": \"Roger\", \"last\": \"Craig\"}, {\"first\": \"Jane\", \"last\": \"Doe\"}]}"));
        assertFalse(matches("friends.#(last!%\"*\")", "{\"friends\": [{\"last\": \"Murphy\"}]}"));
    }

    @Test
    void aQueryOnTheElementItself() {
        assertTrue(matches("predictions.#(==2)", "{\"predictions\": [0, 2]}"));
        assertFalse(matches("predictions.#(==1)", "{\"predictions\": [0, 2]}"));
    }

    @Test
    void aQueryWithoutComparisonTestsExistence() {
        assertTrue(matches("items.#(id)", "{\"items\": [{\"x\": 1}, {\"id\": 2}]}"));
        assertFalse(matches("items.#(id)", "{\"items\": [{\"x\": 1}]}"));
    }

    @Test
    void aQueryForAllMatchesExistsEvenWhenEmptyAsInGjson() {
        assertTrue(matches("items.#(id>5)#", "{\"items\": [{\"id\": 1}]}"));
    }

    @Test
    void countAndEachElement() {
        assertTrue(matches("items.#", "{\"items\": []}"));
        assertFalse(matches("items.#", "{\"items\": {}}"));
        assertTrue(matches("[@this].#(items.#>1)", "{\"items\": [1, 2]}"));
        assertFalse(matches("[@this].#(items.#>2)", "{\"items\": [1, 2]}"));
    }

    @Test
    void booleansCompareWithTrueAndFalse() {
        assertTrue(matches("[@this].#(ok==true)", "{\"ok\": true}"));
        assertFalse(matches("[@this].#(ok==true)", "{\"ok\": false}"));
    }

    @Test
    void anEscapedDotIsPartOfTheKey() {
        assertTrue(matches("a\\.b", "{\"a.b\": 1}"));
        assertFalse(matches("a\\.b", "{\"a\": {\"b\": 1}}"));
    }

    @Test
    void aDocumentThatIsNotJsonMatchesNothing() {
        assertFalse(Condition.parse("@this").matches(null));
    }

    @Test
    void wildcardsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Condition.parse("a.b*"));
        assertTrue(e.getMessage().startsWith("\"a.b*\" is not supported: wildcards"), e.getMessage());
    }

    @Test
    void modifiersOtherThanThisAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse("children|@reverse"));
        assertTrue(e.getMessage().contains("is not supported"), e.getMessage());
    }

    @Test
    void nestedQueriesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse("friends.#(nets.#(==\"fb\"))#"));
        assertTrue(e.getMessage().contains("nested queries are not supported"), e.getMessage());
    }

    @Test
    void unbalancedQueriesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse("[@this].#(a==1"));
        assertTrue(e.getMessage().startsWith("\"[@this].#(a==1\" is not supported"), e.getMessage());
    }

    @Test
    void aComparisonWithoutValueIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Condition.parse("[@this].#(a==)"));
        assertTrue(e.getMessage().contains("has no value after =="), e.getMessage());
    }
}
