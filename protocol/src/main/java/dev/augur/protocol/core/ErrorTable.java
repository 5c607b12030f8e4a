package dev.augur.protocol.core;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.Map;

/** The two mapping tables, one per transport, read by the REST exception mapper and the gRPC interceptor. */
public final class ErrorTable {
    private static final Map<ErrorCode, Integer> HTTP = new EnumMap<>(ErrorCode.class);
    private static final Map<ErrorCode, Status.Code> GRPC = new EnumMap<>(ErrorCode.class);

    static {
        row(ErrorCode.INVALID_ARGUMENT, 400, Status.Code.INVALID_ARGUMENT);
        row(ErrorCode.NOT_FOUND, 404, Status.Code.NOT_FOUND);
        row(ErrorCode.PAYLOAD_TOO_LARGE, 413, Status.Code.RESOURCE_EXHAUSTED);
        row(ErrorCode.RESOURCE_EXHAUSTED, 429, Status.Code.RESOURCE_EXHAUSTED);
        row(ErrorCode.UNAVAILABLE, 503, Status.Code.UNAVAILABLE);
        row(ErrorCode.FAILED_PRECONDITION, 409, Status.Code.FAILED_PRECONDITION);
        row(ErrorCode.DEADLINE_EXCEEDED, 504, Status.Code.DEADLINE_EXCEEDED);
        row(ErrorCode.UNIMPLEMENTED, 501, Status.Code.UNIMPLEMENTED);
        row(ErrorCode.UNAUTHENTICATED, 401, Status.Code.UNAUTHENTICATED);
        row(ErrorCode.PERMISSION_DENIED, 403, Status.Code.PERMISSION_DENIED);
        row(ErrorCode.INTERNAL, 500, Status.Code.INTERNAL);
    }

    private ErrorTable() {
    }

    private static void row(ErrorCode code, int http, Status.Code grpc) {
        HTTP.put(code, http);
        GRPC.put(code, grpc);
    }

    public static int httpStatus(ErrorCode code) {
        return HTTP.get(code);
    }

    public static Status grpcStatus(InferenceException e) {
        return Status.fromCode(GRPC.get(e.code())).withDescription(e.getMessage());
    }

    /** An HTTP status back into the error model (a graph step's answer): the row it is in, else by its class. */
    public static ErrorCode fromHttp(int status) {
        for (Map.Entry<ErrorCode, Integer> e : HTTP.entrySet()) {
            if (e.getValue() == status) {
                return e.getKey();
            }
        }
        return status >= 400 && status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
    }

    /** The reverse direction, for clients of other components: a gRPC failure back into the error model. */
    public static ErrorCode fromGrpc(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case RESOURCE_EXHAUSTED -> ErrorCode.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> ErrorCode.UNAVAILABLE;
            case DEADLINE_EXCEEDED -> ErrorCode.DEADLINE_EXCEEDED;
            case UNIMPLEMENTED -> ErrorCode.UNIMPLEMENTED;
            case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
            case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
            default -> ErrorCode.INTERNAL;
        };
    }
}
