package dev.augur.server.rest;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.InferencePlane;
import dev.augur.server.ModelFirst;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * The Open Inference Protocol over REST, with versions and the binary tensor extension, over an
 * {@link InferencePlane}: decode, call the plane, encode. A service registers it with a subclass annotated
 * {@code @Path("/v2")} (see {@link V1PlaneResource} for why the path is not here).
 */
public abstract class V2PlaneResource extends V2ServerResource {
    private final InferencePlane plane;

    protected V2PlaneResource(InferencePlane plane) {
        super(plane::serverMetadata, plane::ready);
        this.plane = plane;
    }

    @GET
    @Path("models/{model}")
    public Response metadata(@PathParam("model") String model) {
        return metadata(model, null);
    }

    @GET
    @Path("models/{model}/versions/{version}")
    public Response metadata(@PathParam("model") String model, @PathParam("version") String version) {
        return Responses.json(V2JsonCodec.encodeModelMetadata(plane.metadata(model, version)));
    }

    @GET
    @Path("models/{model}/ready")
    public Response modelReady(@PathParam("model") String model) {
        return modelReady(model, null);
    }

    @GET
    @Path("models/{model}/versions/{version}/ready")
    public Response modelReady(@PathParam("model") String model, @PathParam("version") String version) {
        if (!plane.modelReady(model, version)) {
            throw InferenceException.unavailable("model '" + model + "' is not ready");
        }
        return Responses.json(V1JsonCodec.encodeModelStatus(model, true));
    }

    @POST
    @Path("models/{model}/infer")
    public CompletionStage<Response> infer(@PathParam("model") String model,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength, byte[] body) {
        return infer(model, null, headerLength, body);
    }

    @POST
    @Path("models/{model}/versions/{version}/infer")
    public CompletionStage<Response> infer(@PathParam("model") String model, @PathParam("version") String version,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength, byte[] body) {
        InferenceRequest request = ModelFirst.decode(plane, model, version, () -> V2JsonCodec.decodeRequest(model,
                version, body == null ? new byte[0] : body, Responses.headerLength(headerLength)));
        return plane.infer(request).thenApply(response -> inferred(V2JsonCodec.encodeResponse(response, request)));
    }

    /** An encoded V2 answer: JSON, or the binary extension's body with its JSON part's length in the header. */
    public static Response inferred(V2JsonCodec.Encoded out) {
        if (!out.binary()) {
            return Responses.json(out.body());
        }
        return Response.ok(out.body(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(V2JsonCodec.HEADER_CONTENT_LENGTH, out.jsonLength()).build();
    }
}
