package dev.augur.operator.render;

import dev.augur.isvc.Component;
import dev.augur.operator.plan.ComponentPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.List;

/**
 * A component in KServe's Standard (raw deployment) mode: a Deployment, a ClusterIP Service on port 80 (the
 * address the gateway uses in both modes) and an HPA on cpu or memory.
 */
public final class StandardRenderer {

    private StandardRenderer() {
    }

    /** Deployment, Service and HPA, in that order. */
    public static List<HasMetadata> render(ComponentPlan plan, int defaultCpuUtilization, OwnerReference owner) {
        return List.of(deployment(plan, owner), service(plan, owner), hpa(plan, defaultCpuUtilization, owner));
    }

    static Deployment deployment(ComponentPlan plan, OwnerReference owner) {
        Component c = plan.component();
        // No replicas: the HPA owns the count (the operator keeps what is live when it updates the Deployment).
        return new DeploymentBuilder().withMetadata(meta(plan, owner)).withNewSpec()
                .withNewSelector().withMatchLabels(Labels.selector(plan)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Labels.of(plan)).endMetadata()
                .withNewSpec().withServiceAccountName(c.serviceAccountName())
                .withContainers(Containers.container(plan)).withVolumes(Containers.volumes(plan))
                .endSpec().endTemplate().endSpec().build();
    }

    static Service service(ComponentPlan plan, OwnerReference owner) {
        return new ServiceBuilder().withMetadata(meta(plan, owner)).withNewSpec().withType("ClusterIP")
                .withSelector(Labels.selector(plan))
                .addNewPort().withName(ComponentPlan.PORT_NAME).withPort(80).withProtocol("TCP")
                .withAppProtocol("kubernetes.io/h2c").withTargetPort(new IntOrString(ComponentPlan.PORT_NAME))
                .endPort().endSpec().build();
    }

    /**
     * KServe's raw-deployment HPA: at least one replica (no scale to zero without Knative), at most
     * {@code maxReplicas} or, when unbounded, {@code minReplicas}; utilization target from {@code scaleTarget}.
     */
    static HorizontalPodAutoscaler hpa(ComponentPlan plan, int defaultCpuUtilization, OwnerReference owner) {
        Component c = plan.component();
        int min = Math.max(1, c.minReplicas());
        int max = Math.max(min, c.maxReplicas());
        String resource = c.scaleMetric() == Component.ScaleMetric.MEMORY ? "memory" : "cpu";
        int target = c.scaleTarget() != null ? c.scaleTarget() : defaultCpuUtilization;
        return new HorizontalPodAutoscalerBuilder().withMetadata(meta(plan, owner)).withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(plan.name())
                .endScaleTargetRef().withMinReplicas(min).withMaxReplicas(max)
                .addNewMetric().withType("Resource").withNewResource().withName(resource).withNewTarget()
                .withType("Utilization").withAverageUtilization(target).endTarget().endResource().endMetric()
                .endSpec().build();
    }

    private static ObjectMeta meta(ComponentPlan plan, OwnerReference owner) {
        return new ObjectMetaBuilder().withName(plan.name()).withNamespace(plan.namespace())
                .withLabels(Labels.of(plan)).withOwnerReferences(owner).build();
    }
}
