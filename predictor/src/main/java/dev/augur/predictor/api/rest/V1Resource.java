package dev.augur.predictor.api.rest;

import dev.augur.predictor.service.DataPlane;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.server.rest.V1Path;
import dev.augur.server.rest.V1PlaneResource;
import jakarta.ws.rs.Path;

/** KServe's V1 protocol on the predictor (the server module's resource over the data plane). */
@Path("/v1/models")
public class V1Resource extends V1PlaneResource {

    public V1Resource(DataPlane plane) {
        super(plane);
    }

    @Override
    protected InferenceException unknownVerb(V1Path path, String target) {
        if (path.verb().equals("explain")) {
            return new InferenceException(ErrorCode.UNIMPLEMENTED, "the predictor does not explain; send :explain "
                    + "to the gateway, which routes it to the InferenceService's explainer");
        }
        return super.unknownVerb(path, target);
    }
}
