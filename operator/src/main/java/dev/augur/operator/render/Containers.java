package dev.augur.operator.render;

import dev.augur.operator.plan.ComponentPlan;
import dev.augur.operator.plan.ComponentPlan.ContainerPlan;
import dev.augur.operator.plan.Planner;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The component's container and volumes, the same in Knative and standard mode. */
final class Containers {
    static final String MODEL_CONFIG_VOLUME = "model-config";
    static final String MODEL_PVC_VOLUME = "model-pvc";

    private Containers() {
    }

    static Container container(ComponentPlan plan) {
        ContainerPlan c = plan.container();
        ContainerBuilder b = new ContainerBuilder().withName(c.name()).withImage(c.image())
                // One port: REST and gRPC share it; "h2c" makes Knative route HTTP/2 cleartext (gRPC) to it.
                .addNewPort().withName(ComponentPlan.PORT_NAME).withContainerPort(ComponentPlan.PORT)
                .withProtocol("TCP").endPort()
                .withNewResources().withRequests(quantities(c.requests())).withLimits(quantities(c.limits()))
                .endResources();
        if (!c.command().isEmpty()) {
            b.withCommand(c.command());
        }
        if (!c.args().isEmpty()) {
            b.withArgs(c.args());
        }
        List<EnvVar> env = new ArrayList<>();
        c.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        if (!env.isEmpty()) {
            b.withEnv(env);
        }
        if (c.augurProbes()) {
            // Quarkus health: ready only when the models are loaded; live never calls another service.
            b.withReadinessProbe(probe("/q/health/ready", 1)).withLivenessProbe(probe("/q/health/live", 3));
        }
        List<VolumeMount> mounts = new ArrayList<>();
        plan.modelConfig().ifPresent(m -> mounts.add(new VolumeMountBuilder().withName(MODEL_CONFIG_VOLUME)
                .withMountPath(Planner.MODEL_REPOSITORY + "/" + plan.isvc()).withReadOnly(true).build()));
        plan.pvc().ifPresent(p -> mounts.add(new VolumeMountBuilder().withName(MODEL_PVC_VOLUME)
                .withMountPath(p.mountPath()).withReadOnly(true).build()));
        if (!mounts.isEmpty()) {
            b.withVolumeMounts(mounts);
        }
        return b.build();
    }

    static List<Volume> volumes(ComponentPlan plan) {
        List<Volume> out = new ArrayList<>();
        plan.modelConfig().ifPresent(m -> out.add(new VolumeBuilder().withName(MODEL_CONFIG_VOLUME)
                .withNewConfigMap().withName(m.configMapName()).endConfigMap().build()));
        plan.pvc().ifPresent(p -> out.add(new VolumeBuilder().withName(MODEL_PVC_VOLUME)
                .withNewPersistentVolumeClaim().withClaimName(p.claim()).withReadOnly(true).endPersistentVolumeClaim()
                .build()));
        return out;
    }

    private static Probe probe(String path, int failureThreshold) {
        // The real port, not the null the Quarkus Kubernetes extension writes; Knative accepts the container's port.
        return new ProbeBuilder().withNewHttpGet().withPath(path).withNewPort(ComponentPlan.PORT).endHttpGet()
                .withPeriodSeconds(10).withFailureThreshold(failureThreshold).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }
}
