package dev.augur.predictor.service;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.v1.V1JsonCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a request against a model's signature before it reaches the runtime, so every client mistake is a 400
 * that names the input and what to change (KServe answers 500 for several of these).
 */
final class InputValidator {
    private InputValidator() {
    }

    static List<Tensor> inputs(String model, List<TensorSpec> specs, List<String> features, InferenceRequest r) {
        if ("pd".equals(r.parameters().get(V1JsonCodec.CONTENT_TYPE))) {
            return List.of(NamedFeatures.stack(model, specs, features, r.inputs()));
        }
        List<Tensor> in = r.inputs();
        if (r.typeless() && in.size() == 1 && V1JsonCodec.UNNAMED.equals(in.get(0).name())) {
            if (specs.size() != 1) {
                throw InferenceException.invalid("model '" + model + "' takes " + specs.size() + " inputs "
                        + names(specs) + "; send named features or use the V2 protocol");
            }
            in = List.of(in.get(0).withName(specs.get(0).name()));
        }
        List<Tensor> out = new ArrayList<>(in.size());
        Set<String> seen = new HashSet<>();
        for (Tensor t : in) {
            TensorSpec spec = find(specs, t.name());
            if (spec == null) {
                throw InferenceException.invalid("model '" + model + "' has no input '" + t.name()
                        + "'; its inputs are " + names(specs));
            }
            if (!seen.add(t.name())) {
                throw InferenceException.invalid("input '" + t.name() + "' is given twice");
            }
            Tensor x = r.typeless() ? t.castTo(spec.datatype()) : t;
            if (x.datatype() != spec.datatype()) {
                throw InferenceException.invalid("input '" + t.name() + "': datatype " + x.datatype()
                        + " but model '" + model + "' takes " + spec.datatype());
            }
            checkShape(model, spec, x);
            out.add(x);
        }
        for (TensorSpec s : specs) {
            if (!seen.contains(s.name())) {
                throw InferenceException.invalid("input '" + s.name() + "' is missing; model '" + model
                        + "' takes " + names(specs));
            }
        }
        return out;
    }

    private static void checkShape(String model, TensorSpec spec, Tensor t) {
        long[] want = spec.shape();
        long[] got = t.shape();
        boolean ok = want.length == got.length;
        for (int i = 0; ok && i < want.length; i++) {
            ok = want[i] < 0 || want[i] == got[i];
        }
        if (!ok) {
            throw InferenceException.invalid("input '" + t.name() + "': shape " + Arrays.toString(got)
                    + " does not match model '" + model + "' shape " + Arrays.toString(want)
                    + " (-1 is any size)");
        }
    }

    static List<String> outputs(String model, List<TensorSpec> specs, InferenceRequest r) {
        if (r.outputs().isEmpty()) {
            return specs.stream().map(TensorSpec::name).toList();
        }
        List<String> out = new ArrayList<>(r.outputs().size());
        for (InferenceRequest.RequestedOutput o : r.outputs()) {
            if (find(specs, o.name()) == null) {
                throw InferenceException.invalid("model '" + model + "' has no output '" + o.name()
                        + "'; its outputs are " + names(specs));
            }
            if (!out.contains(o.name())) {
                out.add(o.name());
            }
        }
        return out;
    }

    private static TensorSpec find(List<TensorSpec> specs, String name) {
        for (TensorSpec s : specs) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }
}
