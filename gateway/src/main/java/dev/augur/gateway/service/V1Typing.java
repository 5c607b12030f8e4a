package dev.augur.gateway.service;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.v1.V1JsonCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * V1 JSON carries no datatypes and may leave its single input unnamed, while V2 gRPC needs both. At the edge, with
 * the model's signature, the unnamed input takes the model's only input name and numbers take the declared types,
 * so the component receives a well-formed V2 request (any V2 server could take it). Everything else is left to
 * the component's own validation.
 */
final class V1Typing {
    private V1Typing() {
    }

    static InferenceRequest apply(InferenceRequest request, ModelMetadata signature) {
        if (!request.typeless()) {
            return request;
        }
        List<Tensor> in = request.inputs();
        if (in.size() == 1 && V1JsonCodec.UNNAMED.equals(in.get(0).name())) {
            if (signature.inputs().size() != 1) {
                throw InferenceException.invalid("model '" + signature.name() + "' takes "
                        + signature.inputs().size() + " inputs " + names(signature)
                        + "; send named features or use the V2 protocol");
            }
            in = List.of(in.get(0).withName(signature.inputs().get(0).name()));
        }
        List<Tensor> typed = new ArrayList<>(in.size());
        for (Tensor t : in) {
            TensorSpec spec = find(signature, t.name());
            typed.add(spec == null ? t : t.castTo(spec.datatype()));
        }
        return request.withInputs(typed);
    }

    private static TensorSpec find(ModelMetadata m, String name) {
        for (TensorSpec s : m.inputs()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    private static List<String> names(ModelMetadata m) {
        return m.inputs().stream().map(TensorSpec::name).toList();
    }
}
