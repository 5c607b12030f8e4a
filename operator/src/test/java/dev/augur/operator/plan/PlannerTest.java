package dev.augur.operator.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.isvc.InferenceService;
import dev.augur.operator.Specs;
import dev.augur.operator.TestConfig;
import dev.augur.operator.config.DeploymentMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a component becomes, and what a cluster refuses with a reason. */
class PlannerTest {
    private static final Planner PLANNER = new Planner(TestConfig.defaults());

    @Test
    void modelConfigNamesFormatAndStorage() {
        ComponentPlan p = plan("    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/iris/\n").get(0);
        assertEquals("format: \"onnx\"\nstorage_uri: \"s3://m/iris/\"\n", p.modelConfig().orElseThrow().configYaml());
        assertEquals("/mnt/models", p.container().env().get("AUGUR_MODEL_REPOSITORY"));
    }

    @Test
    void changedModelGetsAnotherConfigMap() {
        String a = plan("    onnx: {storageUri: s3://m/v1/}\n").get(0).modelConfig().orElseThrow().configMapName();
        String b = plan("    onnx: {storageUri: s3://m/v2/}\n").get(0).modelConfig().orElseThrow().configMapName();
        assertNotEquals(a, b);
    }

    @Test
    void batcherBecomesDynamicBatching() {
        ComponentPlan p = plan("    batcher: {maxBatchSize: 32, maxLatency: 500}\n    onnx: {storageUri: s3://m/}\n")
                .get(0);
        assertEquals("format: \"onnx\"\nstorage_uri: \"s3://m/\"\nmax_batch_size: 32\nmax_latency_ms: 500\n",
                p.modelConfig().orElseThrow().configYaml());
    }

    @Test
    void pvcIsMountedAndTheModelReadInPlace() {
        ComponentPlan p = plan("    onnx: {storageUri: pvc://models-claim/iris/1}\n").get(0);
        assertEquals(new ComponentPlan.PvcMount("models-claim", "/mnt/pvc/models-claim"), p.pvc().orElseThrow());
        assertEquals("format: \"onnx\"\nstorage_uri: \"/mnt/pvc/models-claim/iris/1\"\n",
                p.modelConfig().orElseThrow().configYaml());
    }

    @Test
    void sklearnIsRefusedWithTheServedFormats() {
        UnsupportedSpecException e = assertThrows(UnsupportedSpecException.class,
                () -> plan("    sklearn: {storageUri: s3://m/}\n"));
        assertEquals("UnsupportedModelFormat", e.reason());
        assertEquals("spec.predictor.model.modelFormat.name sklearn is not served by Augur's predictor (lightgbm, "
                + "onnx, pmml, xgboost); export the model to ONNX or run your own server with containers",
                e.getMessage());
    }

    @Test
    void gcsStorageIsRefused() {
        UnsupportedSpecException e = assertThrows(UnsupportedSpecException.class,
                () -> plan("    onnx: {storageUri: gs://kfserving-examples/models/sklearn/1.0/model}\n"));
        assertEquals("UnsupportedStorageUri", e.reason());
    }

    @Test
    void missingStorageUriIsRefused() {
        assertEquals("MissingStorageUri", assertThrows(UnsupportedSpecException.class,
                () -> plan("    model: {modelFormat: {name: onnx}}\n")).reason());
    }

    @Test
    void transformerIsToldWhereThePredictorIs() {
        List<ComponentPlan> plans = plan("    onnx: {storageUri: s3://m/}\n  transformer:\n    containers:\n"
                + "      - image: augur/transformer-jvm:1\n");
        ComponentPlan t = plans.get(1);
        assertEquals("iris-transformer", t.name());
        assertEquals("iris-predictor.models.svc.cluster.local:80",
                t.container().env().get("AUGUR_TRANSFORMER_PREDICTOR_ADDRESS"));
        assertEquals(true, t.container().augurProbes());
    }

    @Test
    void explainerIsToldWhereThePredictorIs() {
        ComponentPlan e = plan("    onnx: {storageUri: s3://m/}\n  explainer:\n    containers:\n"
                + "      - image: augur/explainer-jvm@sha256:abc\n").get(1);
        assertEquals("iris-predictor.models.svc.cluster.local:80",
                e.container().env().get("AUGUR_EXPLAINER_PREDICTOR"));
        assertEquals(true, e.container().augurProbes());
    }

    @Test
    void specResourcesOverrideDefaultsKeyByKey() {
        ComponentPlan p = plan("    onnx:\n      storageUri: s3://m/\n      resources: {requests: {cpu: 2}}\n").get(0);
        assertEquals("2", p.container().requests().get("cpu"));
        assertEquals("512Mi", p.container().requests().get("memory"));
        assertEquals("1Gi", p.container().limits().get("memory"));
    }

    @Test
    void secondContainerIsRefused() {
        assertEquals("UnsupportedContainers", assertThrows(UnsupportedSpecException.class,
                () -> plan("    containers:\n      - image: a/b\n      - image: c/d\n")).reason());
    }

    @Test
    void canaryIsRefusedInStandardMode() {
        assertEquals("CanaryNeedsServerless", assertThrows(UnsupportedSpecException.class,
                () -> plan("    canaryTrafficPercent: 10\n    onnx: {storageUri: s3://m/}\n",
                        DeploymentMode.STANDARD)).reason());
    }

    @Test
    void rpsIsRefusedInStandardMode() {
        assertEquals("ScaleMetricNeedsServerless", assertThrows(UnsupportedSpecException.class,
                () -> plan("    scaleMetric: rps\n    onnx: {storageUri: s3://m/}\n", DeploymentMode.STANDARD))
                .reason());
    }

    @Test
    void serverlessIsRefusedWithoutKnative() {
        Planner p = new Planner(new TestConfig("Standard", false));
        InferenceService isvc = Specs.parse(Specs.isvc("models", "iris", "",
                "  predictor:\n    onnx: {storageUri: s3://m/}\n"));
        assertEquals("KnativeNotInstalled", assertThrows(UnsupportedSpecException.class,
                () -> p.plan(isvc, DeploymentMode.SERVERLESS)).reason());
    }

    private static List<ComponentPlan> plan(String predictorBody) {
        return plan(predictorBody, DeploymentMode.SERVERLESS);
    }

    private static List<ComponentPlan> plan(String predictorBody, DeploymentMode mode) {
        return PLANNER.plan(Specs.parse(Specs.isvc("models", "iris", "", "  predictor:\n" + predictorBody)), mode);
    }
}
