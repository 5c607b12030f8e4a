package dev.augur.protocol.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.augur.protocol.core.InferenceException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * ModelInfer messages as the bytes they are on the wire, for a caller that forwards them without decoding them:
 * the {@code model_name} it routes by and the field that retargets a message at another model. Tensors (often most of
 * a message) are skipped over, never copied or parsed. (Neutral requests and answers go through {@link GrpcCodec} and
 * the call's own marshallers, never through a byte array of their own.)
 */
public final class ModelInferWire {
    /** {@code ModelInferRequest.model_name}: field 1, a string. */
    private static final int MODEL_NAME = 1;

    private ModelInferWire() {
    }

    /** The message's {@code model_name} ("" when absent, as protobuf reads it); malformed bytes are a 400. */
    public static String modelName(ByteBuffer message) {
        CodedInputStream in = CodedInputStream.newInstance(message);
        String name = "";
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_NAME
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    // Keep reading: protobuf's rule is that the last occurrence of a singular field wins.
                    name = in.readStringRequireUtf8();
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw InferenceException.invalid("the request could not be parsed as ModelInferRequest (not valid "
                    + "protobuf: " + e.getMessage() + ")");
        }
        return name;
    }

    /**
     * The bytes to append to a message to set its {@code model_name} to {@code name}: the field after the others,
     * which every protobuf parser reads as the value (the last one wins), so the tensors are not re-encoded.
     */
    public static byte[] modelNameField(String name) {
        byte[] field = new byte[CodedOutputStream.computeStringSize(MODEL_NAME, name)];
        CodedOutputStream out = CodedOutputStream.newInstance(field);
        try {
            out.writeString(MODEL_NAME, name);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("sized to fit", e);
        }
        return field;
    }
}
