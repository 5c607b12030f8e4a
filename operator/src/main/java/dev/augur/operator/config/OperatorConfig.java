package dev.augur.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The operator's settings, read once at start-up (env: {@code AUGUR_OPERATOR_...}). */
@ConfigMapping(prefix = "augur.operator")
public interface OperatorConfig {

    /**
     * How components run when an InferenceService does not say ({@code serving.kserve.io/deploymentMode}):
     * {@code Serverless} (Knative Services, scale to zero) or {@code Standard} (Deployments, Services, HPAs).
     */
    @WithName("deployment-mode")
    @WithDefault("Serverless")
    String deploymentMode();

    /**
     * Whether Knative Serving is installed: its Services are watched only then. Off in the standard overlay, where
     * an InferenceService asking for Serverless is refused with a reason instead of failing the operator.
     */
    @WithDefault("true")
    boolean knative();

    /** Namespaces whose InferenceServices are reconciled; all namespaces when unset. */
    Optional<Set<String>> namespaces();

    /** Host names in {@code status.url}: {@code http://<isvc>.<namespace>.<domain>}, what the gateway routes by. */
    @WithDefault("example.com")
    String domain();

    /** Images of Augur's components. */
    Images images();

    /** Resources of component containers that the spec does not set (KServe's defaults are far larger). */
    Resources resources();

    /** Leader election, so that several replicas can run with one reconciling. */
    @WithName("leader-election")
    LeaderElection leaderElection();

    /** Standard mode's HPA when the spec sets no {@code scaleTarget}. */
    @WithName("default-cpu-utilization")
    @WithDefault("80")
    int defaultCpuUtilization();

    /** The NetworkPolicy made for each component (k8s/README.md "Who may reach a component"). */
    @WithName("network-policy")
    NetworkPolicy networkPolicy();

    interface NetworkPolicy {
        /**
         * One NetworkPolicy per component: only the gateway reaches it, and a predictor also its own
         * InferenceService's transformer and explainer. Off: none are made, and those made before are deleted.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * Labels of the gateway's pods, {@code key=value} pairs (all must match): what the pod template of
         * {@code k8s/base/gateway/deployment.yaml} carries.
         */
        @WithName("gateway-labels")
        @WithDefault("app.kubernetes.io/name=augur-gateway")
        List<String> gatewayLabels();

        /** The gateway's namespace; unset: the InferenceService's own (the gateway routes its own namespace's). */
        @WithName("gateway-namespace")
        Optional<String> gatewayNamespace();

        /**
         * Serverless only: namespaces of Knative's data plane (activator, autoscaler, the cluster-local ingress),
         * through which every request reaches a Knative pod, so they must be let in.
         */
        @WithName("knative-namespaces")
        @WithDefault("knative-serving,kourier-system")
        List<String> knativeNamespaces();

        /** More namespaces let in on the component's port, e.g. where Prometheus scrapes {@code /q/metrics} from. */
        @WithName("allowed-namespaces")
        Optional<List<String>> allowedNamespaces();
    }

    interface Images {
        /** Runs {@code predictor.model} (ONNX, XGBoost, LightGBM, PMML). */
        @WithDefault("augur/predictor-jvm:latest")
        String predictor();

        /** Augur's transformer image: custom containers with it get its health probes. */
        @WithDefault("augur/transformer-jvm:latest")
        String transformer();

        /** Augur's explainer image: custom containers with it get its health probes. */
        @WithDefault("augur/explainer-jvm:latest")
        String explainer();
    }

    interface Resources {
        /** CPU request of a component container. */
        @WithName("cpu-request")
        @WithDefault("250m")
        String cpuRequest();

        /** Memory request of a component container. */
        @WithName("memory-request")
        @WithDefault("512Mi")
        String memoryRequest();

        /** Memory limit of a component container. */
        @WithName("memory-limit")
        @WithDefault("1Gi")
        String memoryLimit();
    }

    interface LeaderElection {
        /** Off for one replica (and in tests); the manifests turn it on. */
        @WithDefault("false")
        boolean enabled();

        /** The Lease object's name, in the operator's namespace. */
        @WithName("lease-name")
        @WithDefault("augur-operator")
        String leaseName();
    }
}
