package dev.augur.operator.service;

import dev.augur.operator.crd.ResourceStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Builds conditions that keep their {@code lastTransitionTime} while their status does not change. */
final class Conditions {
    static final String READY = "Ready";

    private Conditions() {
    }

    static Condition of(ResourceStatus previous, String type, String status, String reason,
            String message) {
        return of(previous == null ? null : previous.condition(type), type, status, reason, message);
    }

    /** The same, from the condition of that type the object had before (null if none). */
    static Condition of(Condition before, String type, String status, String reason, String message) {
        String since = before != null && Objects.equals(before.getStatus(), status)
                ? before.getLastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).build();
    }

    /** {@code PredictorReady}, {@code TransformerReady}, {@code ExplainerReady}. */
    static String readyType(dev.augur.isvc.ComponentKind kind) {
        String f = kind.field();
        return Character.toUpperCase(f.charAt(0)) + f.substring(1) + "Ready";
    }
}
