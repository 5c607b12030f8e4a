package dev.augur.isvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe's own sample shapes parse to what their YAML says; everything else is refused naming file and field. */
class InferenceServiceParserTest {

    private static InferenceService fixture(String name) {
        List<InferenceService> all = InferenceServiceParser.parse(Path.of("src/test/resources/fixtures", name));
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void kserveSklearnIrisSample() {
        InferenceService s = fixture("sklearn-iris.yaml");
        assertEquals("sklearn-iris", s.name());
        assertEquals("default", s.namespace());
        assertEquals("sklearn", s.predictor().model().format());
        assertEquals("gs://kfserving-examples/models/sklearn/1.0/model", s.predictor().model().storageUri());
        assertTrue(s.transformer().isEmpty());
        assertTrue(s.explainer().isEmpty());
    }

    @Test
    void omittedFieldsTakeKServeDefaults() {
        Component p = fixture("sklearn-iris.yaml").predictor();
        assertEquals(1, p.minReplicas());
        assertEquals(0, p.maxReplicas());
        assertEquals(0, p.containerConcurrency());
        assertNull(p.timeout());
        assertNull(p.canaryTrafficPercent());
        assertNull(p.batcher());
        assertNull(p.logger());
        assertNull(p.model().protocolVersion());
    }

    @Test
    void frameworkShorthandBecomesModelFormat() {
        InferenceService s = fixture("sklearn-iris-shorthand.yaml");
        assertEquals("kserve-test", s.namespace());
        assertEquals("sklearn", s.predictor().model().format());
        assertEquals("gs://kfserving-examples/models/sklearn/1.0/model", s.predictor().model().storageUri());
    }

    @Test
    void canarySampleKeepsItsPercent() {
        assertEquals(10, fixture("sklearn-iris-canary.yaml").predictor().canaryTrafficPercent());
    }

    @Test
    void transformerContainers() {
        Component t = fixture("torch-transformer.yaml").transformer().orElseThrow();
        assertEquals(ComponentKind.TRANSFORMER, t.kind());
        assertNull(t.model());
        assertEquals("kserve/image-transformer:latest", t.containers().get(0).image());
        assertEquals(List.of("python", "-m", "model"), t.containers().get(0).command());
        assertEquals(List.of("--model_name", "mnist"), t.containers().get(0).args());
    }

    @Test
    void everyComponentField() {
        InferenceService s = fixture("all-fields.yaml");
        assertEquals(Map.of("team", "ml"), s.labels());
        assertEquals("Serverless", s.annotations().get("serving.kserve.io/deploymentMode"));
        Component p = s.predictor();
        assertEquals(0, p.minReplicas());
        assertEquals(3, p.maxReplicas());
        assertEquals(5, p.scaleTarget());
        assertEquals(Component.ScaleMetric.CONCURRENCY, p.scaleMetric());
        assertEquals(10, p.containerConcurrency());
        assertEquals(30, p.timeout());
        assertEquals(20, p.canaryTrafficPercent());
        assertEquals("sa", p.serviceAccountName());
        assertEquals(new Batcher(32, 500, 60), p.batcher());
        assertEquals(new PayloadLogger(PayloadLogger.Mode.REQUEST, "http://message-dumper.default/"), p.logger());
    }

    @Test
    void everyModelField() {
        ModelSpec m = fixture("all-fields.yaml").predictor().model();
        assertEquals("onnx", m.format());
        assertEquals("1", m.formatVersion());
        assertEquals("file://../models/iris-logreg", m.storageUri());
        assertEquals(ModelSpec.ProtocolVersion.GRPC_V2, m.protocolVersion());
        assertEquals("augur-onnx", m.runtime());
        assertEquals("0.1.0", m.runtimeVersion());
        assertEquals(List.of("--workers", "2"), m.args());
        assertEquals(Map.of("LOG_LEVEL", "debug"), m.env());
        assertEquals(new Resources(Map.of("cpu", "100m", "memory", "256Mi"), Map.of("cpu", "1")), m.resources());
    }

    @Test
    void explainerContainers() {
        Component e = fixture("all-fields.yaml").explainer().orElseThrow();
        assertEquals("augur/explainer", e.containers().get(0).image());
    }

    @Test
    void loggerModeDefaultsToAll() {
        InferenceService s = parse("""
                  predictor:
                    logger:
                      url: http://sink
                    model: {modelFormat: {name: onnx}, storageUri: /m}
                """);
        assertEquals(PayloadLogger.Mode.ALL, s.predictor().logger().mode());
    }

    @Test
    void multipleDocumentsAndEmptyOnes() {
        String yaml = isvc("a", "  predictor:\n    onnx: {storageUri: /a}\n") + "---\n"
                + isvc("b", "  predictor:\n    onnx: {storageUri: /b}\n") + "---\n";
        List<InferenceService> all = InferenceServiceParser.parse("two.yaml", yaml);
        assertEquals(List.of("a", "b"), all.stream().map(InferenceService::name).toList());
    }

    @Test
    void templateIgnoresOnlyTheTrafficSplit() {
        Component canary = fixture("sklearn-iris-canary.yaml").predictor();
        Component plain = parse("""
                  predictor:
                    model:
                      modelFormat:
                        name: sklearn
                      storageUri: "gs://kfserving-examples/models/sklearn/1.0/model-2"
                """).predictor();
        assertEquals(plain.template(), canary.template());
        assertFalse(plain.equals(canary));
    }

    // ---- errors: each names the file and the field path

    @Test
    void nonIntegerMinReplicas() {
        assertError("examples/iris.yaml: spec.predictor.minReplicas must be a non-negative integer, got \"x\"",
                "  predictor:\n    minReplicas: x\n    onnx: {storageUri: /m}\n");
    }

    @Test
    void negativeTimeout() {
        assertError("examples/iris.yaml: spec.predictor.timeout must be a positive integer, got -1",
                "  predictor:\n    timeout: -1\n    onnx: {storageUri: /m}\n");
    }

    @Test
    void canaryPercentAboveHundred() {
        assertError("examples/iris.yaml: spec.predictor.canaryTrafficPercent must be an integer from 0 to 100, got 101",
                "  predictor:\n    canaryTrafficPercent: 101\n    onnx: {storageUri: /m}\n");
    }

    @Test
    void misspeltFieldIsNamed() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parse(
                "  predictor:\n    minReplica: 0\n    onnx: {storageUri: /m}\n"));
        assertEquals("spec.predictor.minReplica", e.field());
        assertTrue(e.getMessage().startsWith("examples/iris.yaml: spec.predictor.minReplica is not a known field"),
                e.getMessage());
    }

    @Test
    void unknownFieldInsideModel() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parse(
                "  predictor:\n    model: {modelFormat: {name: onnx}, storageURI: /m}\n"));
        assertEquals("spec.predictor.model.storageURI", e.field());
    }

    @Test
    void unknownScaleMetric() {
        assertError("examples/iris.yaml: spec.predictor.scaleMetric must be one of cpu, memory, concurrency, rps, "
                + "got \"gpu\"", "  predictor:\n    scaleMetric: gpu\n    onnx: {storageUri: /m}\n");
    }

    @Test
    void maxReplicasBelowMinReplicas() {
        assertError("examples/iris.yaml: spec.predictor.maxReplicas (1) must not be less than minReplicas (2)",
                "  predictor:\n    minReplicas: 2\n    maxReplicas: 1\n    onnx: {storageUri: /m}\n");
    }

    @Test
    void predictorWithoutModel() {
        assertError("examples/iris.yaml: spec.predictor must set model (or a framework such as sklearn) or "
                + "containers", "  predictor:\n    minReplicas: 1\n");
    }

    @Test
    void modelAndShorthandTogether() {
        assertError("examples/iris.yaml: spec.predictor.sklearn cannot be set together with spec.predictor.model",
                "  predictor:\n    model: {modelFormat: {name: onnx}}\n    sklearn: {storageUri: /m}\n");
    }

    @Test
    void missingPredictor() {
        assertError("examples/iris.yaml: spec.predictor is required", "  transformer:\n    containers: []\n");
    }

    @Test
    void wrongApiVersion() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> InferenceServiceParser.parse(
                "x.yaml", isvc("a", "  predictor:\n    onnx: {storageUri: /m}\n").replace("v1beta1", "v1alpha1")));
        assertEquals("x.yaml: apiVersion must be serving.kserve.io/v1beta1, got \"serving.kserve.io/v1alpha1\"",
                e.getMessage());
    }

    @Test
    void wrongKind() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> InferenceServiceParser.parse(
                "x.yaml", isvc("a", "  predictor:\n    onnx: {storageUri: /m}\n")
                        .replace("kind: InferenceService", "kind: TrainedModel")));
        assertEquals("x.yaml: kind must be InferenceService, got \"TrainedModel\"", e.getMessage());
    }

    @Test
    void nameMustBeDnsLabel() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> InferenceServiceParser.parse(
                "x.yaml", isvc("Iris_1", "  predictor:\n    onnx: {storageUri: /m}\n")));
        assertEquals("metadata.name", e.field());
    }

    @Test
    void duplicateKey() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parse(
                "  predictor:\n    timeout: 1\n    timeout: 2\n    onnx: {storageUri: /m}\n"));
        assertTrue(e.getMessage().startsWith("examples/iris.yaml: is not valid YAML: Duplicate field 'timeout'"),
                e.getMessage());
    }

    @Test
    void brokenYamlNamesFileAndLine() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> InferenceServiceParser.parse("bad.yaml", "spec: [unclosed\n"));
        assertTrue(e.getMessage().startsWith("bad.yaml: is not valid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void errorInSecondDocumentNamesIt() {
        String yaml = isvc("a", "  predictor:\n    onnx: {storageUri: /a}\n") + "---\n"
                + isvc("b", "  predictor:\n    timeout: soon\n    onnx: {storageUri: /b}\n");
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> InferenceServiceParser.parse("two.yaml", yaml));
        assertEquals("two.yaml (document 2): spec.predictor.timeout must be a positive integer, got \"soon\"",
                e.getMessage());
    }

    @Test
    void unreadableFileIsNamed() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> InferenceServiceParser.parse(Path.of("no/such.yaml")));
        assertEquals("no/such.yaml", e.source());
    }

    private static void assertError(String expected, String specBody) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> parse(specBody));
        assertEquals(expected, e.getMessage());
    }

    private static InferenceService parse(String specBody) {
        return InferenceServiceParser.parse("examples/iris.yaml", isvc("iris", specBody)).get(0);
    }

    private static String isvc(String name, String specBody) {
        return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: " + name
                + "\nspec:\n" + specBody;
    }
}
