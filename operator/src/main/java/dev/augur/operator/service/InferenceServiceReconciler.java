package dev.augur.operator.service;

import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import dev.augur.isvc.InvalidSpecException;
import dev.augur.operator.config.DeploymentMode;
import dev.augur.operator.config.OperatorConfig;
import dev.augur.operator.crd.ComponentStatus;
import dev.augur.operator.crd.InferenceServiceResource;
import dev.augur.operator.crd.InferenceServiceStatus;
import dev.augur.operator.plan.ComponentPlan;
import dev.augur.operator.plan.Planner;
import dev.augur.operator.plan.UnsupportedSpecException;
import dev.augur.operator.render.KnativeRenderer;
import dev.augur.operator.render.Labels;
import dev.augur.operator.render.NetworkPolicies;
import dev.augur.operator.render.StandardRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reconciles one InferenceService: parse its spec with {@code augur-isvc} (as the gateway does), plan its
 * components, write their Knative Services (or Deployments, Services and HPAs in standard mode) owned by it, and
 * report their state in its status as KServe does. An invalid spec creates nothing and says why in the
 * {@code Ready} condition. Registered for reflection: JOSDK reads its generic type and annotations.
 */
@RegisterForReflection
public class InferenceServiceReconciler implements Reconciler<InferenceServiceResource> {
    private static final Logger LOG = Logger.getLogger(InferenceServiceReconciler.class);

    private final OperatorConfig config;
    private final DeploymentMode defaultMode;
    private final Planner planner;

    public InferenceServiceReconciler(OperatorConfig config) {
        this.config = config;
        this.defaultMode = DeploymentMode.parse(config.deploymentMode());
        if (defaultMode == null) {
            throw new IllegalArgumentException("augur.operator.deployment-mode must be Serverless or Standard, got \""
                    + config.deploymentMode() + "\"");
        }
        this.planner = new Planner(config);
        // A wrong gateway-labels setting stops the operator at start-up instead of failing every reconcile.
        NetworkPolicies.gatewayLabels(config.networkPolicy());
    }

    /** Changes of the objects it made (Knative revisions becoming ready, Deployments available) trigger it. */
    @Override
    public List<EventSource<?, InferenceServiceResource>> prepareEventSources(
            EventSourceContext<InferenceServiceResource> context) {
        List<EventSource<?, InferenceServiceResource>> sources = new ArrayList<>();
        if (config.knative()) {
            sources.add(new InformerEventSource<>(InformerEventSourceConfiguration
                    .from(new GroupVersionKind("serving.knative.dev", "v1", KnativeRenderer.KIND),
                            InferenceServiceResource.class)
                    .withName("knative-services").withLabelSelector(Labels.SELECTOR)
                    .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(InferenceServiceResource.class))
                    .build(), context));
        }
        sources.add(new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Deployment.class, InferenceServiceResource.class)
                .withName("deployments").withLabelSelector(Labels.SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(InferenceServiceResource.class))
                .build(), context));
        return sources;
    }

    @Override
    public UpdateControl<InferenceServiceResource> reconcile(InferenceServiceResource resource,
            Context<InferenceServiceResource> context) {
        String source = SpecTree.source(resource);
        InferenceServiceStatus previous = resource.getStatus();
        InferenceServiceStatus status;
        try {
            InferenceService isvc = InferenceServiceParser.parseObject(source, SpecTree.of(resource));
            DeploymentMode mode = DeploymentMode.of(isvc.annotations(), defaultMode);
            List<ComponentPlan> plans = planner.plan(isvc, mode);
            status = apply(resource, isvc, mode, plans, new ChildApplier(context.getClient()), previous);
        } catch (InvalidSpecException e) {
            status = invalid(resource, previous, "InvalidSpec", e.getMessage());
        } catch (UnsupportedSpecException e) {
            status = invalid(resource, previous, e.reason(), source + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            status = invalid(resource, previous, "InvalidSpec", source + ": " + e.getMessage());
        }
        return SpecTree.patchIfChanged(resource, previous, status);
    }

    private InferenceServiceStatus apply(InferenceServiceResource resource, InferenceService isvc,
            DeploymentMode mode, List<ComponentPlan> plans, ChildApplier children, InferenceServiceStatus previous) {
        OwnerReference owner = Labels.owner(resource);
        String ns = isvc.namespace();
        Set<String> keep = new HashSet<>();
        Map<ComponentKind, ComponentState> states = new LinkedHashMap<>();
        for (ComponentPlan plan : plans) {
            keep.add(plan.name());
            plan.modelConfig().ifPresent(m -> children.apply(configMap(plan, m, owner)));
            ComponentStatus before = previous == null ? null : previous.getComponents().get(plan.kind().field());
            if (mode == DeploymentMode.SERVERLESS) {
                // Status first: the traffic split needs the revision that last took all traffic.
                ComponentState now = KnativeStatus.of(children.getKnativeService(ns, plan.name()), before);
                GenericKubernetesResource ksvc = KnativeRenderer.render(plan, isvc.annotations(),
                        now.status().getLatestRolledoutRevision(), owner);
                HasMetadata live = children.apply(ksvc);
                states.put(plan.kind(), KnativeStatus.of((GenericKubernetesResource) live, before));
            } else {
                HasMetadata live = null;
                for (HasMetadata h : StandardRenderer.render(plan, config.defaultCpuUtilization(), owner)) {
                    HasMetadata applied = children.apply(h);
                    live = applied instanceof Deployment ? applied : live;
                }
                states.put(plan.kind(), StandardStatus.of((Deployment) live, internalUrl(plan.name(), ns)));
            }
            if (config.networkPolicy().enabled()) {
                children.apply(NetworkPolicies.render(plan, config.networkPolicy(),
                        mode == DeploymentMode.SERVERLESS, owner));
            }
        }
        children.deleteOtherPolicies(ns, isvc.name(), resource.getMetadata().getUid(),
                config.networkPolicy().enabled() ? keep : Set.of());
        boolean serverless = mode == DeploymentMode.SERVERLESS;
        children.deleteOthers(ns, isvc.name(), resource.getMetadata().getUid(), serverless ? keep : Set.of(),
                serverless ? Set.of() : keep, config.knative());
        return status(resource, isvc, states, previous);
    }

    private static ConfigMap configMap(ComponentPlan plan, ComponentPlan.ModelConfig model, OwnerReference owner) {
        return new ConfigMapBuilder().withNewMetadata().withName(model.configMapName())
                .withNamespace(plan.namespace()).withLabels(Labels.of(plan)).withOwnerReferences(owner).endMetadata()
                .withImmutable(true).addToData("config.yaml", model.configYaml()).build();
    }

    private InferenceServiceStatus status(InferenceServiceResource resource, InferenceService isvc,
            Map<ComponentKind, ComponentState> states, InferenceServiceStatus previous) {
        InferenceServiceStatus s = new InferenceServiceStatus();
        s.setObservedGeneration(resource.getMetadata().getGeneration());
        s.setUrl("http://" + isvc.name() + "." + isvc.namespace() + "." + config.domain());
        ComponentKind entry = isvc.transformer().isPresent() ? ComponentKind.TRANSFORMER : ComponentKind.PREDICTOR;
        s.setAddress(new InferenceServiceStatus.Address(
                internalUrl(isvc.component(entry).orElseThrow().qualifiedName(isvc.name()), isvc.namespace())));
        List<Condition> conditions = new ArrayList<>();
        String ready = "True";
        String reason = null;
        String message = null;
        for (Map.Entry<ComponentKind, ComponentState> e : states.entrySet()) {
            ComponentState c = e.getValue();
            s.getComponents().put(e.getKey().field(), c.status());
            String type = Conditions.readyType(e.getKey());
            conditions.add(Conditions.of(previous, type, c.ready(), c.reason(), c.message()));
            if (!"True".equals(c.ready()) && !"False".equals(ready)) {
                ready = c.ready();
                reason = type.replace("Ready", "NotReady");
                message = c.message();
            }
        }
        conditions.add(Conditions.of(previous, Conditions.READY, ready, reason, message));
        s.setConditions(conditions);
        return s;
    }

    private InferenceServiceStatus invalid(InferenceServiceResource resource, InferenceServiceStatus previous,
            String reason, String message) {
        LOG.warnf("not reconciled (%s): %s", reason, message);
        InferenceServiceStatus s = new InferenceServiceStatus();
        s.setObservedGeneration(resource.getMetadata().getGeneration());
        if (previous != null) {
            // What runs keeps running (nothing was changed); its URL and revisions stay visible.
            s.setUrl(previous.getUrl());
            s.setAddress(previous.getAddress());
            s.setComponents(previous.getComponents());
        }
        s.setConditions(new ArrayList<>(List.of(Conditions.of(previous, Conditions.READY, "False", reason,
                message))));
        return s;
    }

    private static String internalUrl(String name, String namespace) {
        return "http://" + name + "." + namespace + ".svc.cluster.local";
    }
}
