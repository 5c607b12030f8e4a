package dev.augur.gateway.service;

/**
 * Told about every exchange once it has completed (its response sent or its answer written), after the metrics.
 * Must return at once: it runs on the request's thread.
 */
public interface ExchangeListener {
    void finished(Exchange ex, int httpStatus);
}
