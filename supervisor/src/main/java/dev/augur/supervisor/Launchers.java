package dev.augur.supervisor;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which launcher starts a component's revisions. Augur's own components (a predictor with a model, a transformer or
 * explainer with Augur's image) run as their jars, or with {@code augur.local.runtime=containers} as their images
 * with podman; a component with any other image runs with podman either way ({@link ContainerLauncher}).
 */
final class Launchers {
    private final LocalRuntime runtime;
    private final Map<ComponentKind, Launcher> augur;
    private final ContainerLauncher containers;
    private final ContainerConfig containerConfig;

    private Launchers(LocalRuntime runtime, Map<ComponentKind, Launcher> augur, ContainerLauncher containers,
            ContainerConfig containerConfig) {
        this.runtime = runtime;
        this.augur = augur;
        this.containers = containers;
        this.containerConfig = containerConfig;
    }

    /**
     * @param processes starts jars (the process runtime)
     * @param standby   warm standby predictors (process runtime only), or null
     * @param podman    podman as configured
     * @param runDir    the run dir (absolute), whose path labels every container
     * @param runId     this gateway run, labelling its containers
     * @param token     the run's internal token, given to Augur's components however they run
     */
    static Launchers create(SupervisorConfig config, ContainerConfig containerConfig, JavaProcess processes,
            StandbyPool standby, Path servicesDir, Podman podman, Path runDir, String runId, String token) {
        SupervisorConfig.Local local = config.local();
        String gateway = local.gatewayAddress();
        String domain = config.gateway().domain();
        Map<ComponentKind, Launcher> augur = new EnumMap<>(ComponentKind.class);
        if (local.runtime() == LocalRuntime.CONTAINERS) {
            PodmanRun run = new PodmanRun(podman, containerConfig, runDir, runId);
            for (ComponentKind kind : ComponentKind.values()) {
                augur.put(kind, new AugurImageLauncher(run, kind, servicesDir, token, gateway, domain));
            }
        } else {
            augur.put(ComponentKind.PREDICTOR,
                    new PredictorLauncher(processes, Path.of(local.predictorJar()), servicesDir, standby));
            augur.put(ComponentKind.TRANSFORMER, new ComponentLauncher(processes, ComponentKind.TRANSFORMER,
                    Path.of(local.transformerJar()), servicesDir, gateway, domain));
            augur.put(ComponentKind.EXPLAINER, new ComponentLauncher(processes, ComponentKind.EXPLAINER,
                    Path.of(local.explainerJar()), servicesDir, gateway, domain));
        }
        return new Launchers(local.runtime(), augur, new ContainerLauncher(podman, containerConfig, runDir, runId,
                gateway, domain), containerConfig);
    }

    Launcher of(Component c) {
        return ContainerLauncher.runs(c) ? containers : augur.get(c.kind());
    }

    /** Whether the component runs with podman (and so needs it). */
    boolean usesPodman(Component c) {
        return runtime == LocalRuntime.CONTAINERS || ContainerLauncher.runs(c);
    }

    /** The image a component that runs with podman runs as (for messages). */
    String image(Component c) {
        return ContainerLauncher.runs(c) ? c.containers().get(0).image()
                : AugurImageLauncher.image(c, containerConfig);
    }
}
