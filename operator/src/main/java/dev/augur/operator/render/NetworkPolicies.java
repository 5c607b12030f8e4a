package dev.augur.operator.render;

import dev.augur.isvc.ComponentKind;
import dev.augur.operator.config.OperatorConfig;
import dev.augur.operator.plan.ComponentPlan;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's NetworkPolicy ({@code networking.k8s.io/v1}, named as the component): its pods accept connections
 * from the gateway's pods and, for a predictor, from its own InferenceService's transformer and explainer; nothing
 * else in the cluster reaches them. In Serverless mode Knative's data plane stands in between (the cluster-local
 * ingress and the activator forward every request, the autoscaler scrapes the queue-proxy), so its namespaces are
 * let in as well, on every port.
 */
public final class NetworkPolicies {
    /** Knative's queue-proxy serving port: what Knative's data plane (and a mesh) connects to in Serverless mode. */
    public static final int QUEUE_PROXY_PORT = 8012;
    /** Set on every namespace by the API server (Kubernetes 1.21+): selects a namespace by its name. */
    static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private NetworkPolicies() {
    }

    public static NetworkPolicy render(ComponentPlan plan, OperatorConfig.NetworkPolicy config, boolean serverless,
            OwnerReference owner) {
        List<NetworkPolicyPort> ports = new ArrayList<>(List.of(port(ComponentPlan.PORT)));
        if (serverless) {
            ports.add(port(QUEUE_PROXY_PORT));
        }
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        rules.add(rule(List.of(gateway(config)), ports));
        if (plan.kind() == ComponentKind.PREDICTOR) {
            rules.add(rule(List.of(siblings(plan.isvc())), ports));
        }
        if (serverless && !config.knativeNamespaces().isEmpty()) {
            rules.add(new NetworkPolicyIngressRuleBuilder()
                    .withFrom(namespaces(config.knativeNamespaces())).build());
        }
        config.allowedNamespaces().filter(n -> !n.isEmpty())
                .ifPresent(n -> rules.add(rule(List.of(namespaces(n)), List.of(port(ComponentPlan.PORT)))));
        return new NetworkPolicyBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(plan.name()).withNamespace(plan.namespace())
                        .withLabels(Labels.of(plan)).withOwnerReferences(owner).build())
                .withNewSpec().withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(plan))
                        .build())
                .withPolicyTypes("Ingress").withIngress(rules).endSpec().build();
    }

    /** The gateway's pods, in its namespace when one is configured, else in the component's own. */
    private static NetworkPolicyPeer gateway(OperatorConfig.NetworkPolicy config) {
        NetworkPolicyPeerBuilder b = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(gatewayLabels(config)).build());
        config.gatewayNamespace().filter(n -> !n.isBlank()).ifPresent(n -> b.withNamespaceSelector(
                new LabelSelectorBuilder().addToMatchLabels(NAMESPACE_NAME, n).build()));
        return b.build();
    }

    /** The transformer and explainer of the same InferenceService: they call its predictor. */
    private static NetworkPolicyPeer siblings(String isvc) {
        LabelSelector s = new LabelSelectorBuilder().addToMatchLabels(Labels.ISVC, isvc).addNewMatchExpression()
                .withKey(Labels.COMPONENT).withOperator("In")
                .withValues(ComponentKind.TRANSFORMER.field(), ComponentKind.EXPLAINER.field()).endMatchExpression()
                .build();
        return new NetworkPolicyPeerBuilder().withPodSelector(s).build();
    }

    private static NetworkPolicyPeer namespaces(List<String> names) {
        return new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelectorBuilder().addNewMatchExpression()
                .withKey(NAMESPACE_NAME).withOperator("In").withValues(names).endMatchExpression().build()).build();
    }

    private static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, List<NetworkPolicyPort> ports) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(ports).build();
    }

    private static NetworkPolicyPort port(int port) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
    }

    /** The gateway's labels as a map; a pair without {@code =} is refused with the setting's name. */
    public static Map<String, String> gatewayLabels(OperatorConfig.NetworkPolicy config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : config.gatewayLabels()) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("augur.operator.network-policy.gateway-labels takes key=value "
                        + "pairs, got \"" + pair + "\"");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }
}
