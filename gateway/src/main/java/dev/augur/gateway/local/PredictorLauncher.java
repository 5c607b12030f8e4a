package dev.augur.gateway.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts a predictor revision with a model repository staged for it from the spec's {@code storageUri}. */
final class PredictorLauncher implements Launcher {
    private final JavaProcess processes;
    private final Path jar;
    private final Path servicesDir;

    PredictorLauncher(JavaProcess processes, Path jar, Path servicesDir) {
        this.processes = processes;
        this.jar = jar;
        this.servicesDir = servicesDir;
    }

    @Override
    public Launched launch(Revision revision) throws IOException {
        Path model = ModelStaging.resolve(revision.spec().model().storageUri(), servicesDir);
        Path repository = ModelStaging.stage(processes.runDir().resolve("revisions").resolve(revision.name()),
                revision.service(), model);
        Map<String, String> env = new LinkedHashMap<>(revision.spec().model().env());
        env.put("AUGUR_MODEL_REPOSITORY", repository.toString());
        return processes.start(revision.name(), jar, "mvn -B -pl predictor -am package -DskipTests",
                processes.runDir(), env);
    }
}
