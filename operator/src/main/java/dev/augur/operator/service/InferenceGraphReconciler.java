package dev.augur.operator.service;

import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceGraphParser;
import dev.augur.isvc.InvalidSpecException;
import dev.augur.operator.config.OperatorConfig;
import dev.augur.operator.crd.InferenceGraphResource;
import dev.augur.operator.crd.InferenceGraphStatus;
import dev.augur.operator.crd.InferenceServiceResource;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reconciles one InferenceGraph. The gateway is the router of every graph, so nothing is created: the spec is
 * checked with {@code augur-isvc} (as local mode does) and the status says whether the graph can serve, as KServe's
 * does: {@code Ready=True} once every InferenceService its steps name is Ready, else {@code Ready=False} with
 * reason {@code InvalidSpec} (the parser's message) or {@code ServicesNotReady} (naming them), and the graph's
 * {@code url}. A graph that is not ready is looked at again every few seconds, so it follows its services.
 */
@RegisterForReflection
public class InferenceGraphReconciler implements Reconciler<InferenceGraphResource> {
    private static final Logger LOG = Logger.getLogger(InferenceGraphReconciler.class);
    /** How soon a graph waiting for its services is checked again. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    private final OperatorConfig config;

    public InferenceGraphReconciler(OperatorConfig config) {
        this.config = config;
    }

    @Override
    public UpdateControl<InferenceGraphResource> reconcile(InferenceGraphResource resource,
            Context<InferenceGraphResource> context) {
        ObjectMeta meta = resource.getMetadata();
        String source = SpecTree.source(resource);
        InferenceGraphStatus previous = resource.getStatus();
        InferenceGraphStatus status = new InferenceGraphStatus();
        status.setObservedGeneration(meta.getGeneration());
        status.setUrl("http://" + meta.getName() + "." + meta.getNamespace() + "." + config.domain());
        boolean ready = false;
        try {
            InferenceGraph graph = InferenceGraphParser.parseObject(source, SpecTree.of(resource));
            List<String> waiting = notReady(context.getClient(), graph);
            ready = waiting.isEmpty();
            status.setConditions(new ArrayList<>(List.of(ready
                    ? Conditions.of(previous, Conditions.READY, "True", null, null)
                    : Conditions.of(previous, Conditions.READY, "False", "ServicesNotReady",
                            "InferenceServices not ready: " + String.join(", ", waiting)))));
        } catch (InvalidSpecException e) {
            LOG.warnf("not reconciled (InvalidSpec): %s", e.getMessage());
            status.setConditions(new ArrayList<>(List.of(Conditions.of(previous, Conditions.READY, "False",
                    "InvalidSpec", e.getMessage()))));
        }
        UpdateControl<InferenceGraphResource> control = SpecTree.patchIfChanged(resource, previous, status);
        return ready ? control : control.rescheduleAfter(RECHECK);
    }

    /** The services the graph names that are missing or not Ready, each with why, in spec order. */
    private static List<String> notReady(KubernetesClient client, InferenceGraph graph) {
        List<String> out = new ArrayList<>();
        for (String name : graph.serviceNames()) {
            InferenceServiceResource isvc = client.resources(InferenceServiceResource.class)
                    .inNamespace(graph.namespace()).withName(name).get();
            if (isvc == null) {
                out.add(name + " (not found)");
                continue;
            }
            Condition c = isvc.getStatus() == null ? null : isvc.getStatus().condition(Conditions.READY);
            if (c == null || !"True".equals(c.getStatus())) {
                out.add(name);
            }
        }
        return out;
    }
}
