package dev.augur.catalog;

import java.util.List;

/**
 * A snapshot of the catalog for people: services, their revisions and traffic, and the files that did not parse.
 *
 * @param services services by name
 * @param errors   one message per services file that could not be used
 */
public record CatalogStatus(List<Service> services, List<String> errors) {

    /** One InferenceService. */
    public record Service(String name, String namespace, String source, boolean ready, List<Revision> revisions) {
    }

    /**
     * One revision of a component.
     *
     * @param percent share of traffic it takes now (0 while rolling out or when kept for a rollback)
     * @param pid     its process id, or -1 when it runs elsewhere or not at all
     * @param port    its port, or -1 when not running
     * @param reason  why it is failed or stopped, or null
     */
    public record Revision(String component, String name, String state, int percent, long pid, int port,
            String reason) {
    }
}
