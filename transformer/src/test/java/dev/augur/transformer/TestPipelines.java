package dev.augur.transformer;

import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.client.PredictorClient;
import dev.augur.transformer.config.PipelineReader;
import dev.augur.transformer.config.PipelineSpec;
import dev.augur.transformer.service.Pipeline;
import dev.augur.transformer.service.StepRegistry;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.TransformStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pipelines built from YAML outside Quarkus, as the service builds them, for step and reference tests. */
final class TestPipelines {
    private TestPipelines() {
    }

    static Pipeline pipeline(String yaml) {
        PipelineSpec s = PipelineReader.read(yaml, "test pipeline");
        StepRegistry r = StepRegistry.load();
        Path base = Path.of("src", "test", "resources", "pipelines");
        return new Pipeline(s.name(), s.predictorModel(), r.create(s.preprocess(), base),
                r.create(s.postprocess(), base), s.outputs());
    }

    /** The steps of one section ({@code preprocess:} list) alone. */
    static List<TransformStep> steps(String stepsYaml) {
        PipelineSpec s = PipelineReader.read("name: t\npreprocess:\n" + stepsYaml, "test steps");
        return StepRegistry.load().create(s.preprocess(), Path.of("src", "test", "resources", "pipelines"));
    }

    static List<Tensor> apply(List<TransformStep> steps, List<Tensor> in) {
        List<Tensor> t = in;
        for (TransformStep s : steps) {
            t = s.apply(t, new StepContext("t", Map.of(), List.of()));
        }
        return t;
    }

    static InferenceResponse run(Pipeline p, PredictorClient client, List<Tensor> inputs) {
        InferenceRequest r = new InferenceRequest(UUID.randomUUID().toString(), p.name(), null, Map.of(), inputs,
                List.of(), false);
        return p.run(r, client::infer, Runnable::run, Pipeline.Observer.NONE).join();
    }
}
