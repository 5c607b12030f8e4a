package dev.augur.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a predictor revision with a model repository staged for it from the spec's {@code storageUri}, or hands it
 * a warm standby predictor when one is ready (and the spec sets no {@code env}, which a running JVM cannot take).
 *
 * @param standby warm standby predictors, or null for none
 */
record PredictorLauncher(JavaProcess processes, Path jar, Path servicesDir, StandbyPool standby) implements Launcher {

    @Override
    public Launched launch(Revision revision) throws IOException {
        Path model = ModelStaging.resolve(revision.spec().model().storageUri(), servicesDir);
        if (standby != null && revision.spec().model().env().isEmpty()) {
            Optional<Launched> adopted = standby.adopt(revision.name(), revision.service(), model);
            if (adopted.isPresent()) {
                return adopted.get();
            }
        }
        Path repository = ModelStaging.stage(processes.runDir().resolve("revisions").resolve(revision.name()),
                revision.service(), model);
        Map<String, String> env = new LinkedHashMap<>(revision.spec().model().env());
        env.put("AUGUR_MODEL_REPOSITORY", repository.toString());
        return processes.start(revision.name(), jar, "mvn -B -pl predictor -am package -DskipTests",
                processes.runDir(), env);
    }
}
