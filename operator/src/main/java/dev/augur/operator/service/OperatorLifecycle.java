package dev.augur.operator.service;

import dev.augur.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Starts JOSDK on the Quarkus Kubernetes client at start-up and stops it at shutdown. Server-side apply is off:
 * fabric8's mock API server in the tests has none, and the operator writes whole objects it owns anyway.
 */
@ApplicationScoped
public class OperatorLifecycle {
    private static final Logger LOG = Logger.getLogger(OperatorLifecycle.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private volatile Operator operator;

    public OperatorLifecycle(KubernetesClient client, OperatorConfig config) {
        this.client = client;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        InferenceServiceReconciler reconciler = new InferenceServiceReconciler(config);
        Operator o = new Operator(c -> {
            c.withKubernetesClient(client).withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false);
            if (config.leaderElection().enabled()) {
                // The Lease lives in the operator's own namespace (the client's, from its service account).
                c.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
                        .aLeaderElectionConfiguration(config.leaderElection().leaseName()).build());
            }
        });
        o.register(reconciler, c -> config.namespaces().ifPresentOrElse(c::settingNamespaces,
                c::watchingAllNamespaces));
        o.register(new InferenceGraphReconciler(config), c -> config.namespaces().ifPresentOrElse(
                c::settingNamespaces, c::watchingAllNamespaces));
        o.start();
        operator = o;
        LOG.infof("reconciling InferenceServices and InferenceGraphs in %s; default deployment mode %s, Knative %s",
                config.namespaces().map(Object::toString).orElse("all namespaces"), config.deploymentMode(),
                config.knative() ? "on" : "off");
    }

    void onStop(@Observes ShutdownEvent event) {
        Operator o = operator;
        if (o != null) {
            o.stop();
        }
    }

    /** True once every informer has synced and is healthy. */
    public boolean healthy() {
        Operator o = operator;
        return o != null && o.getRuntimeInfo().isStarted() && o.getRuntimeInfo().allEventSourcesAreHealthy();
    }
}
