package dev.augur.server.rest;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Hands a resource the body {@link BodyLimit} already read (one sent without a length, counted against the limit as
 * it arrived): the request has ended, so Quarkus REST must read the entity from here rather than from the connection.
 * Runs before the body would be read (a request filter's default); a request with a length is left alone.
 */
public class PreReadBody {

    @ServerRequestFilter
    public void body(ContainerRequestContext request, RoutingContext rc) {
        Buffer body = rc.get(BodyLimit.BODY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }
}
