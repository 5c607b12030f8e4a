package dev.augur.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.isvc.ComponentKind;
import dev.augur.operator.Specs;
import dev.augur.operator.TestConfig;
import dev.augur.operator.config.DeploymentMode;
import dev.augur.operator.plan.ComponentPlan;
import dev.augur.operator.plan.Planner;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A component's NetworkPolicy read against the pods it must let in or select: the gateway's pod template as
 * shipped in {@code k8s/base/gateway/deployment.yaml}, and the pod templates the operator itself renders in both
 * modes. Selectors are evaluated here as the API server does (matchLabels and {@code In} expressions).
 */
class NetworkPoliciesTest {
    private static final Path GATEWAY = Path.of("../k8s/base/gateway/deployment.yaml");
    private static final String SPEC = "  predictor:\n    onnx: {storageUri: s3://m/}\n"
            + "  transformer:\n    containers:\n      - image: augur/transformer-jvm:latest\n"
            + "  explainer:\n    containers:\n      - image: augur/explainer-jvm:latest\n";

    @Test
    void policySelectsThePredictorPodsOfBothModes() {
        NetworkPolicy p = policy("iris", ComponentKind.PREDICTOR, DeploymentMode.STANDARD);
        LabelSelector selected = p.getSpec().getPodSelector();
        Deployment d = StandardRenderer.deployment(plan("iris", ComponentKind.PREDICTOR, DeploymentMode.STANDARD),
                KnativeRendererTest.owner());
        assertTrue(matches(selected, d.getSpec().getTemplate().getMetadata().getLabels()), "Deployment's pods");
        assertTrue(matches(selected, knativePodLabels(plan("iris", ComponentKind.PREDICTOR,
                DeploymentMode.SERVERLESS))), "Knative revision's pods");
        assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes());
    }

    @Test
    void policyDoesNotSelectTheTransformerPods() {
        LabelSelector selected = policy("iris", ComponentKind.PREDICTOR, DeploymentMode.STANDARD).getSpec()
                .getPodSelector();
        assertFalse(matches(selected, knativePodLabels(plan("iris", ComponentKind.TRANSFORMER,
                DeploymentMode.SERVERLESS))));
    }

    @Test
    void theShippedGatewayPodsAreLetIn() throws IOException {
        Deployment gateway = Specs.YAML.readValue(Files.readString(GATEWAY), Deployment.class);
        Map<String, String> gatewayPod = gateway.getSpec().getTemplate().getMetadata().getLabels();
        for (ComponentKind kind : ComponentKind.values()) {
            assertTrue(letIn(policy("iris", kind, DeploymentMode.STANDARD), gatewayPod), kind + " lets the gateway in");
        }
    }

    @Test
    void thePredictorLetsInItsOwnTransformerAndExplainer() {
        NetworkPolicy p = policy("iris", ComponentKind.PREDICTOR, DeploymentMode.STANDARD);
        assertTrue(letIn(p, knativePodLabels(plan("iris", ComponentKind.TRANSFORMER, DeploymentMode.SERVERLESS))));
        assertTrue(letIn(p, knativePodLabels(plan("iris", ComponentKind.EXPLAINER, DeploymentMode.SERVERLESS))));
    }

    @Test
    void thePredictorShutsOutAnotherServicesTransformer() {
        NetworkPolicy p = policy("iris", ComponentKind.PREDICTOR, DeploymentMode.STANDARD);
        assertFalse(letIn(p, knativePodLabels(plan("other", ComponentKind.TRANSFORMER,
                DeploymentMode.SERVERLESS))));
    }

    @Test
    void theTransformerShutsOutItsOwnPredictor() {
        NetworkPolicy p = policy("iris", ComponentKind.TRANSFORMER, DeploymentMode.STANDARD);
        assertFalse(letIn(p, knativePodLabels(plan("iris", ComponentKind.PREDICTOR, DeploymentMode.SERVERLESS))));
    }

    @Test
    void standardModeOpensOnlyTheComponentPort() {
        for (NetworkPolicyIngressRule r : policy("iris", ComponentKind.PREDICTOR, DeploymentMode.STANDARD)
                .getSpec().getIngress()) {
            assertEquals(1, r.getPorts().size());
            assertEquals(8080, r.getPorts().get(0).getPort().getIntVal());
            assertTrue(r.getFrom().stream().allMatch(f -> f.getNamespaceSelector() == null),
                    "no other namespace in Standard mode");
        }
    }

    @Test
    void serverlessModeLetsInKnativesDataPlaneNamespaces() {
        List<NetworkPolicyIngressRule> rules = policy("iris", ComponentKind.PREDICTOR, DeploymentMode.SERVERLESS)
                .getSpec().getIngress();
        NetworkPolicyPeer knative = rules.get(rules.size() - 1).getFrom().get(0);
        LabelSelectorRequirement names = knative.getNamespaceSelector().getMatchExpressions().get(0);
        assertEquals("kubernetes.io/metadata.name", names.getKey());
        assertEquals(List.of("knative-serving", "kourier-system"), names.getValues());
    }

    private static NetworkPolicy policy(String isvc, ComponentKind kind, DeploymentMode mode) {
        return NetworkPolicies.render(plan(isvc, kind, mode), TestConfig.defaults().networkPolicy(),
                mode == DeploymentMode.SERVERLESS, KnativeRendererTest.owner());
    }

    private static ComponentPlan plan(String isvc, ComponentKind kind, DeploymentMode mode) {
        return new Planner(TestConfig.defaults()).plan(Specs.parse(Specs.isvc("models", isvc, "", SPEC)), mode)
                .stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    }

    /** The labels Knative copies from the revision template onto the pods. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> knativePodLabels(ComponentPlan plan) {
        var ksvc = KnativeRenderer.render(plan, Map.of(), null, KnativeRendererTest.owner());
        Map<String, Object> spec = (Map<String, Object>) ksvc.getAdditionalProperties().get("spec");
        Map<String, Object> template = (Map<String, Object>) spec.get("template");
        return (Map<String, String>) ((Map<String, Object>) template.get("metadata")).get("labels");
    }

    /** Whether a pod with {@code labels}, in the policy's own namespace, is let in by some rule. */
    private static boolean letIn(NetworkPolicy p, Map<String, String> labels) {
        return p.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                .anyMatch(f -> f.getNamespaceSelector() == null && f.getPodSelector() != null
                        && matches(f.getPodSelector(), labels));
    }

    private static boolean matches(LabelSelector s, Map<String, String> labels) {
        if (s.getMatchLabels() != null && !s.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (s.getMatchExpressions() == null) {
            return true;
        }
        for (LabelSelectorRequirement r : s.getMatchExpressions()) {
            if (!"In".equals(r.getOperator())) {
                throw new IllegalArgumentException("not evaluated here: " + r.getOperator());
            }
            if (!r.getValues().contains(labels.get(r.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
