package dev.augur.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.augur.operator.Specs;
import dev.augur.operator.TestConfig;
import dev.augur.operator.config.DeploymentMode;
import dev.augur.operator.plan.ComponentPlan;
import dev.augur.operator.plan.Planner;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

/** KServe's Standard mode: Deployment, Service on port 80 and an HPA. */
class StandardRendererTest {
    private static final String MODEL = "    onnx: {storageUri: s3://m/}\n";

    @Test
    void deploymentLeavesReplicasToTheHpa() {
        Deployment d = StandardRenderer.deployment(plan("    minReplicas: 2\n" + MODEL), KnativeRendererTest.owner());
        assertNull(d.getSpec().getReplicas());
        assertEquals("iris-predictor", d.getMetadata().getName());
        assertEquals("h2c", d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).getName());
    }

    @Test
    void serviceListensOnEightyForTheGateway() {
        Service s = StandardRenderer.service(plan(MODEL), KnativeRendererTest.owner());
        assertEquals(80, s.getSpec().getPorts().get(0).getPort());
        assertEquals("h2c", s.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertEquals("kubernetes.io/h2c", s.getSpec().getPorts().get(0).getAppProtocol());
    }

    @Test
    void hpaScalesOnCpuTarget() {
        HorizontalPodAutoscaler h = StandardRenderer.hpa(plan("    minReplicas: 1\n    maxReplicas: 4\n"
                + "    scaleMetric: cpu\n    scaleTarget: 50\n" + MODEL), 80, KnativeRendererTest.owner());
        assertEquals(1, h.getSpec().getMinReplicas());
        assertEquals(4, h.getSpec().getMaxReplicas());
        assertEquals("cpu", h.getSpec().getMetrics().get(0).getResource().getName());
        assertEquals(50, h.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
    }

    @Test
    void hpaDefaultsToEightyPercentCpu() {
        HorizontalPodAutoscaler h = StandardRenderer.hpa(plan(MODEL), 80, KnativeRendererTest.owner());
        assertEquals(80, h.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
    }

    @Test
    void minReplicasZeroKeepsOneReplicaWithoutKnative() {
        HorizontalPodAutoscaler h = StandardRenderer.hpa(plan("    minReplicas: 0\n" + MODEL), 80,
                KnativeRendererTest.owner());
        assertEquals(1, h.getSpec().getMinReplicas());
        assertEquals(1, h.getSpec().getMaxReplicas());
    }

    private static ComponentPlan plan(String predictorBody) {
        return new Planner(TestConfig.defaults()).plan(Specs.parse(Specs.isvc("models", "iris", "",
                "  predictor:\n" + predictorBody)), DeploymentMode.STANDARD).get(0);
    }
}
