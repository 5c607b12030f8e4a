package dev.augur.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.augur.isvc.InferenceService;
import dev.augur.operator.Specs;
import dev.augur.operator.TestConfig;
import dev.augur.operator.config.DeploymentMode;
import dev.augur.operator.plan.ComponentPlan;
import dev.augur.operator.plan.Planner;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KServe's annotations, Knative fields and traffic rules on a rendered component. */
class KnativeRendererTest {
    private static final String MODEL = "    model:\n      modelFormat: {name: onnx}\n      storageUri: s3://m/iris/\n";

    @Test
    void minReplicasZeroAllowsScaleToZero() {
        assertEquals("0", annotations("    minReplicas: 0\n" + MODEL, "").get(KnativeRenderer.MIN_SCALE));
    }

    @Test
    void minReplicasDefaultsToOneAsInKServe() {
        assertEquals("1", annotations(MODEL, "").get(KnativeRenderer.MIN_SCALE));
    }

    @Test
    void maxReplicasBecomesMaxScale() {
        assertEquals("3", annotations("    maxReplicas: 3\n" + MODEL, "").get(KnativeRenderer.MAX_SCALE));
    }

    @Test
    void unboundedMaxReplicasWritesNoMaxScale() {
        assertFalse(annotations(MODEL, "").containsKey(KnativeRenderer.MAX_SCALE));
    }

    @Test
    void defaultClassIsKpaWithoutMetricOrTarget() {
        Map<String, String> a = annotations(MODEL, "");
        assertEquals(KnativeRenderer.KPA, a.get(KnativeRenderer.CLASS));
        assertFalse(a.containsKey(KnativeRenderer.METRIC));
        assertFalse(a.containsKey(KnativeRenderer.TARGET));
    }

    @Test
    void cpuMetricSelectsHpaClassWithoutAnnotation() {
        assertEquals(KnativeRenderer.HPA, annotations("    scaleMetric: cpu\n" + MODEL, "")
                .get(KnativeRenderer.CLASS));
    }

    @Test
    void memoryMetricSelectsHpaClass() {
        assertEquals(KnativeRenderer.HPA, annotations("    scaleMetric: memory\n" + MODEL, "")
                .get(KnativeRenderer.CLASS));
    }

    @Test
    void knativeAnnotationsOfTheServiceArePassedOn() {
        Map<String, String> a = annotations(MODEL, "    autoscaling.knative.dev/window: 30s\n    team: ml\n");
        assertEquals("30s", a.get("autoscaling.knative.dev/window"));
        assertFalse(a.containsKey("team"));
    }

    @Test
    void containerConcurrencyAndTimeout() {
        Map<String, Object> spec = podSpec("    containerConcurrency: 4\n    timeout: 30\n" + MODEL);
        assertEquals(4L, spec.get("containerConcurrency"));
        assertEquals(30L, spec.get("timeoutSeconds"));
    }

    @Test
    void unsetConcurrencyAndTimeoutAreLeftToKnative() {
        Map<String, Object> spec = podSpec(MODEL);
        assertFalse(spec.containsKey("containerConcurrency"));
        assertFalse(spec.containsKey("timeoutSeconds"));
    }

    @Test
    void oneContainerPortNamedH2c() {
        Container c = container(MODEL);
        assertEquals(1, c.getPorts().size());
        assertEquals("h2c", c.getPorts().get(0).getName());
        assertEquals(8080, c.getPorts().get(0).getContainerPort());
    }

    @Test
    void probesUseTheRealPortAndQuarkusHealth() {
        Container c = container(MODEL);
        assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(8080, c.getReadinessProbe().getHttpGet().getPort().getIntVal());
        assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals(8080, c.getLivenessProbe().getHttpGet().getPort().getIntVal());
    }

    @Test
    void customContainerOfAnotherImageGetsNoProbes() {
        Container c = container("    containers:\n      - image: example/server:1\n");
        assertNull(c.getReadinessProbe());
        assertEquals("h2c", c.getPorts().get(0).getName());
    }

    @Test
    void componentsAreClusterLocal() {
        assertEquals("cluster-local", KnativeRenderer.render(plan(MODEL, ""), Map.of(), null, owner())
                .getMetadata().getLabels().get(KnativeRenderer.VISIBILITY));
    }

    @Test
    void canaryWithRolledOutRevisionSplitsTraffic() {
        List<Map<String, Object>> t = KnativeRenderer.traffic(10, "iris-predictor-00001", false);
        assertEquals(List.of(Map.of("latestRevision", true, "percent", 10L),
                Map.of("revisionName", "iris-predictor-00001", "latestRevision", false, "percent", 90L)), t);
    }

    @Test
    void canaryOnFirstRolloutSendsEverythingToLatest() {
        assertEquals(List.of(Map.of("latestRevision", true, "percent", 100L)),
                KnativeRenderer.traffic(10, null, false));
    }

    @Test
    void noCanaryPromotesLatestToHundred() {
        assertEquals(List.of(Map.of("latestRevision", true, "percent", 100L)),
                KnativeRenderer.traffic(null, "iris-predictor-00001", false));
    }

    @Test
    void tagRoutingNamesLatestAndPrev() {
        List<Map<String, Object>> t = KnativeRenderer.traffic(25, "iris-predictor-00001", true);
        assertEquals("latest", t.get(0).get("tag"));
        assertEquals("prev", t.get(1).get("tag"));
        assertEquals(75L, t.get(1).get("percent"));
    }

    static ComponentPlan plan(String predictorBody, String annotations) {
        InferenceService isvc = Specs.parse(Specs.isvc("models", "iris", annotations, "  predictor:\n"
                + predictorBody));
        return new Planner(TestConfig.defaults()).plan(isvc, DeploymentMode.SERVERLESS).get(0);
    }

    static OwnerReference owner() {
        return new OwnerReference("serving.augur.dev/v1beta1", true, true, "InferenceService", "iris", "uid-1");
    }

    private static Map<String, String> annotations(String predictorBody, String annotations) {
        InferenceService isvc = Specs.parse(Specs.isvc("models", "iris", annotations, "  predictor:\n"
                + predictorBody));
        return KnativeRenderer.autoscaling(isvc.predictor(), isvc.annotations());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(String predictorBody) {
        Map<String, Object> spec = (Map<String, Object>) KnativeRenderer.render(plan(predictorBody, ""), Map.of(),
                null, owner()).getAdditionalProperties().get("spec");
        return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Container container(String predictorBody) {
        return ((List<Container>) podSpec(predictorBody).get("containers")).get(0);
    }
}
