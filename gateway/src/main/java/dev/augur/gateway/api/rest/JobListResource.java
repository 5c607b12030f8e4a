package dev.augur.gateway.api.rest;

import dev.augur.gateway.messaging.jobs.Jobs;
import dev.augur.protocol.jobs.JobJsonCodec;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /augur/jobs}: every batch job with its progress, newest first (the console's jobs page). */
@Path("/augur/jobs")
public class JobListResource {
    private final Jobs jobs;

    public JobListResource(Jobs jobs) {
        this.jobs = jobs;
    }

    @GET
    public Response list() {
        try {
            return Responses.json(JobJsonCodec.encodeStatusList(jobs.list()));
        } catch (RuntimeException e) {
            return Responses.error(e);
        }
    }
}
