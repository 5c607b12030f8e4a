package dev.augur.protocol.v1;

import com.fasterxml.jackson.core.JsonToken;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KServe's V1 body as a client writes and reads it, for components that speak V1 REST (KServe custom containers
 * without {@code PROTOCOL=v2}, its default): one tensor becomes {@code {"instances": [rows]}}, columns [N] of one
 * table become rows of objects; {@code {"predictions": [...]}} comes back as one tensor named {@value #PREDICTIONS}
 * (integers INT64, other numbers FP64, strings BYTES, booleans BOOL), or, for rows of objects, one column per key
 * (a table, as {@link V1JsonCodec} reads named features).
 */
public final class V1ClientCodec {
    /** The name of the output a V1 answer becomes. */
    public static final String PREDICTIONS = "predictions";

    private V1ClientCodec() {
    }

    public static byte[] encodeRequest(InferenceRequest r) {
        List<Tensor> in = r.inputs();
        boolean table = in.size() > 1 && V1JsonCodec.columns(in);
        if (in.isEmpty() || (in.size() > 1 && !table)) {
            throw InferenceException.invalid("a V1 component takes one input tensor, or columns [N] of one table; "
                    + "the request has " + in.size() + " inputs");
        }
        return V1JsonCodec.encodeDocument("instances", in, table);
    }

    /** A component's 200 answer; one without {@code predictions} is the component's fault (INTERNAL, naming it). */
    @SuppressWarnings("unchecked")
    public static InferenceResponse decodeResponse(String who, String model, String id, byte[] body) {
        Object predictions;
        try {
            predictions = Json.parse(body, 0, body.length, p -> {
                Json.expect(p, p.nextToken(), JsonToken.START_OBJECT, "answer");
                Object found = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (field.equals(PREDICTIONS)) {
                        found = Json.any(p, t);
                    } else {
                        p.skipChildren();
                    }
                }
                return found;
            });
        } catch (InferenceException e) {
            throw notV1(who, e.getMessage());
        }
        if (!(predictions instanceof List<?> rows) || rows.isEmpty()) {
            throw notV1(who, "no non-empty 'predictions' list");
        }
        try {
            if (rows.get(0) instanceof Map<?, ?>) {
                Map<String, List<Object>> cols = new LinkedHashMap<>();
                for (Object row : rows) {
                    if (!(row instanceof Map<?, ?> m)) {
                        throw InferenceException.invalid("rows mix objects and values");
                    }
                    ((Map<String, Object>) m).forEach((k, v) -> cols.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
                List<Tensor> outputs = new ArrayList<>();
                for (Map.Entry<String, List<Object>> c : cols.entrySet()) {
                    if (c.getValue().size() != rows.size()) {
                        throw InferenceException.invalid("key '" + c.getKey() + "' is missing from some rows");
                    }
                    outputs.add(typed(V1JsonCodec.toTensor(c.getKey(), c.getValue(), PREDICTIONS), c.getValue()));
                }
                return new InferenceResponse(model, null, id, InferenceResponse.TABLE, outputs);
            }
            List<Object> list = (List<Object>) rows;
            return new InferenceResponse(model, null, id, Map.of(), List.of(typed(V1JsonCodec.toTensor(PREDICTIONS,
                    list, PREDICTIONS), list)));
        } catch (InferenceException e) {
            throw notV1(who, e.getMessage());
        }
    }

    /** Integers stay integers: a tensor of only whole JSON numbers is INT64, as the component wrote them. */
    private static Tensor typed(Tensor t, List<Object> values) {
        return t.datatype() == DataType.FP64 && integers(values) ? t.castTo(DataType.INT64) : t;
    }

    private static boolean integers(Object v) {
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (!integers(o)) {
                    return false;
                }
            }
            return true;
        }
        return v instanceof Long;
    }

    private static InferenceException notV1(String who, String why) {
        return new InferenceException(ErrorCode.INTERNAL, "the answer of " + who + " is not a V1 response: " + why);
    }
}
