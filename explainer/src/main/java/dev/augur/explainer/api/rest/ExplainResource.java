package dev.augur.explainer.api.rest;

import dev.augur.explainer.service.ExplainService;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.explain.ExplainJsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.Responses;
import dev.augur.server.rest.V1Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * KServe's explain routes, served directly like KServe's explainer container: V1 {@code :explain} with
 * {@code instances}, and V2 {@code /explain} with tensors. Blocking: runs on a worker thread.
 */
@Path("/")
public class ExplainResource {
    private final ExplainService service;

    public ExplainResource(ExplainService service) {
        this.service = service;
    }

    /** {@code POST /v1/models/{model}:explain}; the verb is split by the server module's {@link V1Path}. */
    @POST
    @Path("v1/models/{target}")
    public Response v1(@PathParam("target") String target, byte[] body) {
        V1Path path = V1Path.parse(target);
        if (!path.verb().equals("explain")) {
            throw InferenceException.notFound("the explainer serves /v1/models/{model}:explain, not '" + target + "'");
        }
        return json(service.explain(ExplainJsonCodec.decodeV1(path.model(), body == null ? new byte[0] : body)));
    }

    @POST
    @Path("v2/models/{model}/explain")
    public Response v2(@PathParam("model") String model, @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH)
            Integer headerLength, byte[] body) {
        return v2(model, null, headerLength, body);
    }

    @POST
    @Path("v2/models/{model}/versions/{version}/explain")
    public Response v2(@PathParam("model") String model, @PathParam("version") String version,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) Integer headerLength, byte[] body) {
        byte[] b = body == null ? new byte[0] : body;
        return json(service.explain(ExplainJsonCodec.decodeV2(model, version, b,
                headerLength == null ? -1 : headerLength)));
    }

    private static Response json(dev.augur.protocol.explain.Explanation e) {
        return Responses.json(ExplainJsonCodec.encode(e));
    }
}
