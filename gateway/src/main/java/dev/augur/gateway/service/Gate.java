package dev.augur.gateway.service;

import java.util.function.Predicate;

/**
 * Admits an exchange to the InferenceService (or graph) it addresses, once routing knows which: the check for the
 * service a request names only in its body (gRPC {@code model_name}, OpenAI {@code model}) and for a grant by
 * label, which needs the service's labels. Implemented by {@code security.Access}; refuses by throwing
 * (PERMISSION_DENIED).
 */
public interface Gate {
    void admit(Exchange ex, String service);

    /**
     * Which entries of a list the request's caller may see: everything with security off or for {@code admin}, else
     * the services its grant covers for what the list is about.
     *
     * @param authorization the request's {@code Authorization}, used only when the caller was not carried from the
     *                      security filter
     */
    Predicate<String> shown(String authorization, Listing listing);

    /** What a list is about, so which verb its entries need. */
    enum Listing {
        /** Model, service and graph lists: {@code infer}. */
        MODELS,
        /** Batch jobs, by their service: {@code jobs}. */
        JOBS
    }
}
