package dev.augur.server.rest;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.v2.V2JsonCodec;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** V1/V2's {@code {"error": ...}} for every path: the form unless a service provides another {@link ErrorForm}. */
@DefaultBean
@ApplicationScoped
public class V2ErrorForm implements ErrorForm {
    @Override
    public byte[] encode(String path, ErrorCode code, String message) {
        return V2JsonCodec.encodeError(message);
    }
}
