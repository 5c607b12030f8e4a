package dev.augur.gateway.api.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.ServiceCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /augur/services}: what runs where, for {@code ./augur status} and people. Not a data-plane API. */
@Path("/augur/services")
public class ServicesResource {
    private static final JsonFactory JSON = new JsonFactory();

    private final ServiceCatalog catalog;

    public ServicesResource(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public Response services() {
        return Responses.json(encode(catalog.status()).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(CatalogStatus status) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("services");
            for (CatalogStatus.Service s : status.services()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("namespace", s.namespace());
                g.writeStringField("source", s.source());
                g.writeBooleanField("ready", s.ready());
                g.writeArrayFieldStart("revisions");
                for (CatalogStatus.Revision r : s.revisions()) {
                    g.writeStartObject();
                    g.writeStringField("component", r.component());
                    g.writeStringField("name", r.name());
                    g.writeStringField("state", r.state());
                    g.writeNumberField("percent", r.percent());
                    g.writeNumberField("pid", r.pid());
                    g.writeNumberField("port", r.port());
                    g.writeStringField("reason", r.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("errors");
            for (String e : status.errors()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
