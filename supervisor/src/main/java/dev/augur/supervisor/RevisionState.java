package dev.augur.supervisor;

/** Lifecycle of one revision's process, as Knative would report its pods. */
enum RevisionState {
    /** Not running: not started yet, scaled to zero, or stopped on purpose. The next request starts it. */
    STOPPED,
    /** Process started, waiting for {@code /v2/health/ready}. Requests wait (the activator). */
    STARTING,
    /** Serving. */
    READY,
    /** Crashed or never became ready; restarted after a back-off. Requests fail fast with 503. */
    FAILED
}
