package dev.augur.operator.plan;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one component becomes in the cluster, independent of the deployment mode: both renderers (Knative and
 * standard) turn the same plan into objects, so the container is identical in both modes.
 *
 * @param isvc        the InferenceService's name
 * @param namespace   its namespace
 * @param component   the parsed spec of the component (scaling, traffic, timeout, service account)
 * @param container   its one container
 * @param modelConfig the predictor's model folder settings, mounted from a ConfigMap, when it serves a {@code model}
 * @param pvc         a PersistentVolumeClaim holding the model ({@code storageUri: pvc://...})
 */
public record ComponentPlan(String isvc, String namespace, Component component, ContainerPlan container,
        Optional<ModelConfig> modelConfig, Optional<PvcMount> pvc) {

    /** Augur's containers listen here for REST and gRPC (h2c) together; Knative routes to one port. */
    public static final int PORT = 8080;
    /** The port name that makes Knative route HTTP/2 without TLS, so gRPC works. */
    public static final String PORT_NAME = "h2c";

    public ComponentKind kind() {
        return component.kind();
    }

    /** {@code <isvc>-<component>}: the Knative Service, Deployment and Service name, as KServe names them. */
    public String name() {
        return component.qualifiedName(isvc);
    }

    /**
     * @param name        container name ({@code kserve-container}, as KServe names it, unless the spec names it)
     * @param augurProbes whether it is an Augur image, which serves {@code /q/health/live} and {@code /q/health/ready}
     */
    public record ContainerPlan(String name, String image, List<String> command, List<String> args,
            Map<String, String> env, Map<String, String> requests, Map<String, String> limits,
            boolean augurProbes) {
    }

    /**
     * The predictor's model folder {@code /mnt/models/<isvc>} holds only a {@code config.yaml} (format, storage URI,
     * batching) from a ConfigMap named by a hash of its content: a changed model is a changed pod template, hence a
     * new Knative revision, while the previous revision keeps its own ConfigMap for the canary split.
     */
    public record ModelConfig(String configMapName, String configYaml) {
    }

    /** A PersistentVolumeClaim mounted read-only for {@code pvc://<claim>/<path>}. */
    public record PvcMount(String claim, String mountPath) {
    }
}
