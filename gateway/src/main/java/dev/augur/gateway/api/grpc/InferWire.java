package dev.augur.gateway.api.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.augur.protocol.InferenceException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * The two things the gateway needs from an encoded {@code ModelInferRequest} it forwards without decoding: the
 * {@code model_name} it routes by, and a way to retarget the message when Host routing names another model. Tensors
 * (often most of the message) are skipped over, never copied or parsed.
 */
final class InferWire {
    /** {@code ModelInferRequest.model_name}: field 1, a string. */
    private static final int MODEL_NAME = 1;

    private InferWire() {
    }

    /** The message's {@code model_name} ("" when absent, as protobuf reads it); malformed bytes are a 400. */
    static String modelName(Buffer message) {
        CodedInputStream in = CodedInputStream.newInstance(message.getByteBuf().nioBuffer());
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
            throw InferenceException.invalid("the ModelInferRequest message is not valid protobuf: "
                    + e.getMessage());
        }
        return name;
    }

    /**
     * The message with {@code model_name} set to {@code name}: the field appended after the others, which every
     * protobuf parser reads as the value (the last one wins), so the tensors are not re-encoded.
     */
    static Buffer withModelName(Buffer message, String name) {
        byte[] field = new byte[CodedOutputStream.computeStringSize(MODEL_NAME, name)];
        CodedOutputStream out = CodedOutputStream.newInstance(field);
        try {
            out.writeString(MODEL_NAME, name);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("sized to fit", e);
        }
        return message.copy().appendBytes(field);
    }
}
