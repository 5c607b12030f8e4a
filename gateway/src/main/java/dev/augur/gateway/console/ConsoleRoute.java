package dev.augur.gateway.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /console} without the slash sends the browser to {@code /console/}, where the static index page is (its
 * scripts are addressed relative to it). A regex route, so {@code /console/} itself is left to the static files.
 */
@ApplicationScoped
public class ConsoleRoute {
    void install(@Observes Router router) {
        router.routeWithRegex("^/console$").handler(rc -> rc.response().setStatusCode(303)
                .putHeader("location", "/console/").end());
    }
}
