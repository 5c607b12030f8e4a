package dev.augur.gateway.service;

/**
 * Admits an exchange to the InferenceService (or graph) it addresses, once routing knows which: the check for the
 * service a request names only in its body (gRPC {@code model_name}, OpenAI {@code model}). Implemented by
 * {@code security.Access}; refuses by throwing (PERMISSION_DENIED).
 */
public interface Gate {
    void admit(Exchange ex, String service);
}
