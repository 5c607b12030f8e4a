package dev.augur.supervisor;

import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a transformer or explainer revision: Augur's own component jar configured by its container's {@code env},
 * as the container image would be on Kubernetes. It runs in the services folder, so relative paths in its
 * settings (a pipeline file, a background data set) are relative to the InferenceService files.
 *
 * <p>It reaches its predictor through the gateway, with {@code :authority} {@code <isvc>-predictor.<ns>.<domain>}
 * as KServe's transformers go through the Knative ingress: the predictor keeps its canary split and may scale to
 * zero behind it, and the gateway's activator wakes it.
 */
record ComponentLauncher(JavaProcess processes, ComponentKind kind, Path jar, Path servicesDir,
        String gatewayAddress, String domain) implements Launcher {

    @Override
    public Launched launch(Revision revision) throws IOException {
        Container container = AugurImages.container(revision.spec())
                .orElseThrow(() -> new IOException(AugurImages.notRunnable(revision.service(), revision.spec())));
        return processes.start(revision.name(), jar, "mvn -B -pl " + kind.field() + " -am package -DskipTests",
                servicesDir, env(revision, kind, container, gatewayAddress, domain));
    }

    /**
     * The container's {@code env} plus what points Augur's transformer or explainer at its predictor: the gateway at
     * {@code gatewayAddress} (as the component reaches it: loopback for a process, the host's address from inside a
     * container) with {@code :authority} {@code <isvc>-predictor.<namespace>.<domain>}.
     */
    static Map<String, String> env(Revision revision, ComponentKind kind, Container container, String gatewayAddress,
            String domain) {
        Map<String, String> env = new LinkedHashMap<>(container.env());
        String authority = revision.service() + "-" + ComponentKind.PREDICTOR.field() + "." + revision.namespace()
                + "." + domain;
        String prefix = kind == ComponentKind.TRANSFORMER ? "AUGUR_TRANSFORMER_" : "AUGUR_EXPLAINER_";
        env.put(kind == ComponentKind.TRANSFORMER ? prefix + "PREDICTOR_ADDRESS" : prefix + "PREDICTOR",
                gatewayAddress);
        env.put(prefix + "PREDICTOR_AUTHORITY", authority);
        if (kind == ComponentKind.TRANSFORMER) {
            env.put(prefix + "MODEL_NAME", revision.service());
        }
        return env;
    }
}
