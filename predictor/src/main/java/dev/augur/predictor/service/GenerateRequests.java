package dev.augur.predictor.service;

import dev.augur.predictor.runtime.TextGenerator;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.generate.Generate;

/** Checks a generate request (Triton's convention) against a text-generation model before it runs. */
final class GenerateRequests {
    private GenerateRequests() {
    }

    /** The one prompt input: {@code text_input} or {@code messages}, BYTES with one element. */
    static Tensor prompt(String model, TextGenerator g, InferenceRequest r) {
        if (r.inputs().size() != 1) {
            throw InferenceException.invalid("model '" + model + "' generates text: send exactly one of the inputs "
                    + g.promptInputs() + ", got " + r.inputs().size() + " inputs");
        }
        Tensor t = r.inputs().get(0);
        if (!g.promptInputs().contains(t.name())) {
            throw InferenceException.invalid("model '" + model + "' has no input '" + t.name() + "'; send one of "
                    + g.promptInputs());
        }
        if (t.datatype() != DataType.BYTES || t.size() != 1) {
            throw InferenceException.invalid("input '" + t.name() + "' must be BYTES with one element (shape [1]), got "
                    + t.datatype() + " " + java.util.Arrays.toString(t.shape()));
        }
        return t;
    }

    static Generate.Parameters parameters(InferenceRequest r) {
        return Generate.Parameters.fromMap(r.parameters());
    }
}
