package dev.augur.protocol.grpc;

import dev.augur.proto.inference.GrpcPredictV2.InferParameter;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.StreamAnswer;
import dev.augur.protocol.generate.Generate;

/**
 * Triton's {@code ModelStreamInfer} messages: a response, or an error as {@code error_message}. The error also
 * carries the error table's code as the parameter {@code augur_error_code} of {@code infer_response} (with the
 * request's id), so an Augur client keeps the status (400, 429, 503...) that a message alone would lose.
 */
public final class StreamGrpcCodec {
    public static final String ERROR_CODE = "augur_error_code";

    private StreamGrpcCodec() {
    }

    public static ModelStreamInferResponse encode(InferenceResponse response, boolean raw) {
        return ModelStreamInferResponse.newBuilder().setInferResponse(GrpcCodec.encodeResponse(response, raw)).build();
    }

    public static ModelStreamInferResponse encodeError(String model, String id, InferenceException e) {
        return ModelStreamInferResponse.newBuilder().setErrorMessage(e.getMessage() == null ? e.code().name()
                : e.getMessage())
                .setInferResponse(ModelInferResponse.newBuilder().setModelName(model == null ? "" : model)
                        .setId(id == null ? "" : id)
                        .putParameters(ERROR_CODE, InferParameter.newBuilder().setStringParam(e.code().name()).build()))
                .build();
    }

    /** The error a stream response carries, or null when it is a response. */
    public static InferenceException error(ModelStreamInferResponse r) {
        if (r.getErrorMessage().isEmpty()) {
            return null;
        }
        ErrorCode code = ErrorCode.INTERNAL;
        InferParameter p = r.getInferResponse().getParametersMap().get(ERROR_CODE);
        if (p != null) {
            try {
                code = ErrorCode.valueOf(p.getStringParam());
            } catch (IllegalArgumentException e) {
                // An unknown code from a newer component: INTERNAL, with the message kept.
            }
        }
        return new InferenceException(code, r.getErrorMessage());
    }

    /** A stream message as the neutral answer: its error when it carries one, else the response, decoded. */
    public static StreamAnswer answer(ModelStreamInferResponse r) {
        InferenceException error = error(r);
        return error != null ? new StreamAnswer(null, false, error) : new StreamAnswer(decode(r), isFinal(r), null);
    }

    public static InferenceResponse decode(ModelStreamInferResponse r) {
        return GrpcCodec.decodeResponse(r.getInferResponse());
    }

    /** True on the last response of a request ({@code triton_final_response}). */
    public static boolean isFinal(ModelStreamInferResponse r) {
        InferParameter p = r.getInferResponse().getParametersMap().get(Generate.FINAL_RESPONSE);
        return p != null && p.getBoolParam();
    }
}
