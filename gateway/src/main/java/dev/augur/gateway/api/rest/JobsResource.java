package dev.augur.gateway.api.rest;

import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * Batch jobs over HTTP (a JSON-lines file in, results in input order out) are not built yet: each endpoint answers
 * 501 and says what to use meanwhile. Listed in the README's limits.
 */
@Path("/augur/jobs")
public class JobsResource {
    private static final String WHY = "batch jobs over HTTP are not implemented yet; submit the lines as records to "
            + "the Kafka requests topic (augur.inference.requests) and read augur.inference.responses";

    @POST
    @Path("{service}")
    public void submit(@PathParam("service") String service) {
        throw new InferenceException(ErrorCode.UNIMPLEMENTED, WHY);
    }

    @GET
    @Path("{service}/{job}")
    public void progress(@PathParam("service") String service, @PathParam("job") String job) {
        throw new InferenceException(ErrorCode.UNIMPLEMENTED, WHY);
    }

    @DELETE
    @Path("{service}/{job}")
    public void cancel(@PathParam("service") String service, @PathParam("job") String job) {
        throw new InferenceException(ErrorCode.UNIMPLEMENTED, WHY);
    }
}
