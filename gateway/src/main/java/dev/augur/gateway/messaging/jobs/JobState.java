package dev.augur.gateway.messaging.jobs;

import java.util.Locale;

/** A batch job's life: queued (accepted, nothing finished yet), running, then one of three ends. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
