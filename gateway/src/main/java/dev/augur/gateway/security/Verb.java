package dev.augur.gateway.security;

import java.util.Locale;

/** What a request does, as grants name it. {@code admin} covers every verb on every service. */
public enum Verb {
    /** Inference, model metadata and readiness (V1, V2, gRPC, OpenAI, graphs). */
    INFER,
    /** {@code :explain} and {@code /explain}. */
    EXPLAIN,
    /** Batch jobs ({@code /augur/jobs}). */
    JOBS,
    /** The service table, the console's data and repository operations, {@code /q/metrics}. */
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A verb as the keys file spells it; null when it names none. */
    static Verb parse(String s) {
        for (Verb v : values()) {
            if (v.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return null;
    }
}
