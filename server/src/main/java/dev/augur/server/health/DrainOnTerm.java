package dev.augur.server.health;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * Stops the service on SIGTERM (what Kubernetes, podman and the local supervisor send) by draining it first, and
 * only then letting the JVM run its shutdown hooks. On a plain SIGTERM the JVM starts every shutdown hook at once:
 * Quarkus' hook waits for in-flight requests ({@code quarkus.shutdown.timeout}), but ONNX Runtime's own hook
 * ({@code OrtEnvironment}'s closer) frees the native environment at the same moment, and a request still running in
 * a session then crashes the process (SIGSEGV in {@code libonnxruntime.so}). Here SIGTERM asks Quarkus to exit: the
 * application stops (requests drain, {@code ShutdownEvent} unloads the models after their queued work), and the JVM's
 * hooks run after that, when no session is in use. Production runs only: tests and dev mode keep the JVM's handler.
 */
@ApplicationScoped
public class DrainOnTerm {
    private static final Logger LOG = Logger.getLogger(DrainOnTerm.class);
    /** What a JVM ended by SIGTERM reports (128 + 15), so supervisors read the same exit status as before. */
    private static final int TERMINATED = 143;

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try {
            Signal.handle(new Signal("TERM"), s -> Quarkus.asyncExit(TERMINATED));
        } catch (IllegalArgumentException e) {
            // The JVM was started with -Xrs or the platform has no SIGTERM: its own handling stays.
            LOG.debugf("SIGTERM handler not installed: %s", e.getMessage());
        }
    }
}
