package dev.augur.predictor.repository;

/** A model version's life cycle, as Triton reports it in its repository index. */
public enum ModelState {
    UNKNOWN, LOADING, READY, UNLOADING, UNAVAILABLE
}
