package dev.augur.isvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** KServe's InferenceGraph fields parse to what the YAML says; invalid graphs are refused naming file, field, nodes. */
class InferenceGraphParserTest {
    private static final String HEAD = "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\n"
            + "metadata:\n  name: g\nspec:\n  nodes:\n";

    private static InferenceGraph parse(String nodes) {
        List<InferenceGraph> all = InferenceGraphParser.parse("graphs/g.yaml", HEAD + nodes);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static InvalidSpecException refused(String nodes) {
        return assertThrows(InvalidSpecException.class, () -> parse(nodes));
    }

    private static InferenceGraph fixture() throws IOException {
        Path p = Path.of("src/test/resources/fixtures/graph-all-fields.yaml");
        return InferenceGraphParser.parse(p.toString(), Files.readString(p)).get(0);
    }

    @Test
    void everyFieldIsRead() throws IOException {
        InferenceGraph g = fixture();
        assertEquals("dog-breed-pipeline", g.name());
        assertEquals("models", g.namespace());
        assertEquals(List.of("root", "breeds"), List.copyOf(g.nodes().keySet()));
        assertEquals(1, g.minReplicas());
        assertEquals(3, g.maxReplicas());
        assertEquals(30, g.timeout());
        assertEquals("256Mi", g.resources().requests().get("memory"));
        GraphStep dog = g.root().steps().get(1);
        assertEquals("breeds", dog.nodeName());
        assertEquals("dog_breed", dog.key());
        assertEquals(GraphStep.Data.REQUEST, dog.data());
        assertEquals(GraphStep.Dependency.HARD, dog.dependency());
        assertEquals("[@this].#(predictions.0==\"dog\")", dog.condition().expression());
        assertEquals(GraphNode.RouterType.SPLITTER, g.nodes().get("breeds").routerType());
        assertEquals(70, g.nodes().get("breeds").steps().get(1).weight());
    }

    @Test
    void omittedStepFieldsTakeKServeDefaults() {
        GraphStep s = parse("    root:\n      routerType: Sequence\n      steps:\n        - serviceName: a\n")
                .root().steps().get(0);
        assertEquals(GraphStep.Dependency.SOFT, s.dependency());
        assertEquals(GraphStep.Data.REQUEST, s.data());
        assertNull(s.condition());
        assertEquals("0", s.key());
    }

    @Test
    void serviceNamesListsTheInferenceServicesOnce() throws IOException {
        assertEquals(Set.of("cat-dog-classifier", "breed-a"), fixture().serviceNames());
    }

    @Test
    void aGraphWithoutRootIsRefused() {
        InvalidSpecException e = refused("    start:\n      routerType: Sequence\n      steps:\n        - serviceName: a\n");
        assertEquals("graphs/g.yaml: spec.nodes must have the entry node 'root', got: start", e.getMessage());
    }

    @Test
    void aStepWithoutTargetIsRefusedNamingNodeAndStep() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n        - name: x\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.steps[0] has no target: set exactly one of serviceName, "
                + "serviceUrl, nodeName", e.getMessage());
    }

    @Test
    void aStepWithTwoTargetsIsRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - serviceName: a\n          nodeName: root\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.steps[0] has 2 targets (serviceName, nodeName): set exactly "
                + "one of serviceName, serviceUrl, nodeName", e.getMessage());
    }

    @Test
    void aDanglingNodeNameIsRefusedNamingTheNodes() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - nodeName: missing\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.steps[0].nodeName \"missing\" names no node of this graph; "
                + "nodes: root", e.getMessage());
    }

    @Test
    void aCycleIsRefusedNamingItsNodes() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n        - nodeName: a\n"
                + "    a:\n      routerType: Ensemble\n      steps:\n        - nodeName: b\n"
                + "    b:\n      routerType: Sequence\n      steps:\n        - nodeName: a\n");
        assertEquals("graphs/g.yaml: spec.nodes have a cycle: a -> b -> a", e.getMessage());
    }

    @Test
    void aNodeCallingItselfIsACycle() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - nodeName: root\n");
        assertEquals("graphs/g.yaml: spec.nodes have a cycle: root -> root", e.getMessage());
    }

    @Test
    void splitterWeightsMustSumTo100() {
        InvalidSpecException e = refused("    root:\n      routerType: Splitter\n      steps:\n"
                + "        - {serviceName: a, weight: 30}\n        - {serviceName: b, weight: 60}\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.steps weights must sum to 100 in a Splitter node, got 90",
                e.getMessage());
    }

    @Test
    void splitterStepsNeedAWeight() {
        InvalidSpecException e = refused("    root:\n      routerType: Splitter\n      steps:\n"
                + "        - {serviceName: a, weight: 100}\n        - {serviceName: b}\n");
        assertEquals("spec.nodes.root.steps[1].weight", e.field());
    }

    @Test
    void weightOutsideASplitterIsRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - {serviceName: a, weight: 100}\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.steps[0].weight is only used in Splitter nodes, this node is a "
                + "Sequence", e.getMessage());
    }

    @Test
    void switchStepsNeedACondition() {
        InvalidSpecException e = refused("    root:\n      routerType: Switch\n      steps:\n        - serviceName: a\n");
        assertEquals("spec.nodes.root.steps[0].condition", e.field());
    }

    @Test
    void badGjsonIsRefusedNamingTheExpression() {
        InvalidSpecException e = refused("    root:\n      routerType: Switch\n      steps:\n"
                + "        - serviceName: a\n          condition: \"instances.*.0\"\n");
        assertEquals("spec.nodes.root.steps[0].condition", e.field());
        assertTrue(e.getMessage().startsWith("graphs/g.yaml: spec.nodes.root.steps[0].condition \"instances.*.0\" is "
                + "not supported: wildcards ('*', '?') are not supported"), e.getMessage());
    }

    @Test
    void duplicateStepNamesAreRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Ensemble\n      steps:\n"
                + "        - {serviceName: a, name: m}\n        - {serviceName: b, name: m}\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.steps[1].name \"m\" is already the name of spec.nodes.root.steps[0]:"
                + " step names are unique in a node", e.getMessage());
    }

    @Test
    void unknownRouterTypeIsRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Parallel\n      steps:\n        - serviceName: a\n");
        assertEquals("graphs/g.yaml: spec.nodes.root.routerType must be one of Sequence, Switch, Ensemble, Splitter, "
                + "got \"Parallel\"", e.getMessage());
    }

    @Test
    void unknownDataIsRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - {serviceName: a, data: $previous}\n");
        assertEquals("spec.nodes.root.steps[0].data", e.field());
    }

    @Test
    void unknownStepFieldIsRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - {serviceName: a, dependancy: Hard}\n");
        assertEquals("spec.nodes.root.steps[0].dependancy", e.field());
    }

    @Test
    void aRelativeServiceUrlIsRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps:\n"
                + "        - serviceUrl: /v1/models/a:predict\n");
        assertEquals("spec.nodes.root.steps[0].serviceUrl", e.field());
    }

    @Test
    void emptyStepsAreRefused() {
        InvalidSpecException e = refused("    root:\n      routerType: Sequence\n      steps: []\n");
        assertEquals("spec.nodes.root.steps", e.field());
    }

    @Test
    void aFileMayHoldServicesAndGraphs() {
        SpecFiles.Parsed p = SpecFiles.parse("both.yaml", "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata: {name: a}\nspec:\n  predictor:\n    onnx: {storageUri: /m}\n---\n"
                + HEAD + "    root:\n      routerType: Sequence\n      steps:\n        - serviceName: a\n");
        assertEquals("a", p.services().get(0).name());
        assertEquals("g", p.graphs().get(0).name());
        assertEquals("both.yaml (document 2)", p.graphs().get(0).source());
    }

    @Test
    void theShippedExampleGraphsParse() throws IOException {
        Path p = Path.of("../examples/iris-graphs.yaml");
        SpecFiles.Parsed parsed = SpecFiles.parse(p.toString(), Files.readString(p));
        assertEquals(List.of("iris-vote", "iris-chooser"), parsed.graphs().stream().map(InferenceGraph::name).toList());
        assertEquals(Set.of("iris", "iris-forest"), parsed.graphs().get(1).serviceNames());
    }

    @Test
    void augursCrdIsReadFromTheApiServer() throws Exception {
        com.fasterxml.jackson.databind.JsonNode object = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"apiVersion\": \"serving.augur.dev/v1alpha1\", \"kind\": \"InferenceGraph\", \"metadata\": "
                        + "{\"name\": \"g\", \"namespace\": \"m\", \"uid\": \"1\"}, \"spec\": {\"nodes\": {\"root\": "
                        + "{\"routerType\": \"Sequence\", \"steps\": [{\"serviceName\": \"a\"}]}}}, "
                        + "\"status\": {\"url\": \"x\"}}");
        InferenceGraph g = InferenceGraphParser.parseObject("m/g", object);
        assertEquals("m", g.namespace());
        assertEquals(Set.of("a"), g.serviceNames());
    }
}
