package dev.augur.predictor.runtime;

import java.nio.file.Path;
import java.util.Set;

/**
 * A model framework. Runtimes are CDI beans; the repository picks one by the model's {@code format} or, when the
 * model has none, by the file it finds.
 */
public interface ModelRuntime {

    /** Format names this runtime answers to, as in KServe's {@code modelFormat.name} (e.g. "onnx"). */
    Set<String> formats();

    /** True if this runtime would load the given file (by name or content). */
    boolean accepts(Path file);

    /** Loads one model version; throws with a message a user can act on. */
    LoadedModel load(Path file, ModelSettings settings) throws Exception;
}
