package dev.augur.gateway.api.rest;

import dev.augur.client.Forwarded;
import dev.augur.gateway.messaging.jobs.Jobs;
import dev.augur.gateway.service.Gate;
import dev.augur.protocol.jobs.JobJsonCodec;
import dev.augur.protocol.jobs.JobStatus;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Batch jobs over HTTP: {@code GET /augur/jobs} lists every job with its progress, newest first (the console's jobs
 * page); {@code POST /augur/jobs/{service}} with a JSON-lines file (one V2 or V1 request per line) creates a job (201
 * with its Location), {@code GET .../{job}} is its progress, {@code GET .../{job}/results} its results as JSON lines
 * in input order, {@code DELETE .../{job}} cancels it. The methods block (the upload is read as it arrives and
 * results are written from disk), so they run on worker threads. Failures leave through the server's ErrorMapper.
 */
@Path("/augur/jobs")
public class JobsResource {
    public static final String NDJSON = "application/x-ndjson";

    private final Jobs jobs;
    private final Gate gate;

    public JobsResource(Jobs jobs, Gate gate) {
        this.jobs = jobs;
        this.gate = gate;
    }

    /** The jobs of the services the caller may run jobs on (every job for admin, or with security off). */
    @GET
    public Response list(@HeaderParam(Forwarded.AUTHORIZATION) String authorization) {
        var shown = gate.shown(authorization, Gate.Listing.JOBS);
        return Responses.json(JobJsonCodec.encodeStatusList(jobs.list().stream().filter(j -> shown.test(j.service()))
                .toList()));
    }

    @POST
    @Path("{service}")
    public Response submit(@PathParam("service") String service, InputStream body,
            @HeaderParam(Forwarded.TRACEPARENT) String traceparent) {
        JobStatus s = jobs.submit(service, body, traceparent);
        return Response.fromResponse(Responses.json(201, JobJsonCodec.encodeStatus(s)))
                .location(UriBuilder.fromPath("/augur/jobs/{service}/{job}").build(service, s.id())).build();
    }

    @GET
    @Path("{service}/{job}")
    public Response progress(@PathParam("service") String service, @PathParam("job") String job) {
        return Responses.json(JobJsonCodec.encodeStatus(jobs.status(service, job)));
    }

    @GET
    @Path("{service}/{job}/results")
    public Response results(@PathParam("service") String service, @PathParam("job") String job) {
        Jobs.Results results = jobs.results(service, job);
        StreamingOutput body = out -> {
            OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            results.writeTo(buffered);
            buffered.flush();
        };
        return Response.ok(body, NDJSON).build();
    }

    @DELETE
    @Path("{service}/{job}")
    public Response cancel(@PathParam("service") String service, @PathParam("job") String job) {
        return Responses.json(JobJsonCodec.encodeStatus(jobs.cancel(service, job)));
    }
}
