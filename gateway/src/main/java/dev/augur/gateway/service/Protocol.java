package dev.augur.gateway.service;

/** The client protocol a request came in with: a tag on metrics and access-log lines. */
public enum Protocol {
    V1("v1"), V2("v2"), GRPC("grpc"), KAFKA("kafka"), OPENAI("openai");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
