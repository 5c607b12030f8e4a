package dev.augur.isvc;

import java.util.Locale;

/**
 * How a component is called, read from its spec as KServe and Knative read it: Augur's own servers and a custom
 * container with a port named {@code h2c} speak V2 gRPC; any other custom container speaks REST, V1 unless its
 * {@code PROTOCOL} environment variable says {@code v2} (KServe's {@code CustomSpecProtocolEnvVarKey}, V1 by
 * default).
 */
public enum ComponentProtocol {
    GRPC_V2("grpc-v2"), REST_V1("v1"), REST_V2("v2");

    /** KServe's variable naming a custom container's protocol. */
    public static final String PROTOCOL_ENV = "PROTOCOL";

    private final String value;

    ComponentProtocol(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean rest() {
        return this != GRPC_V2;
    }

    /** The protocol the component is called with. */
    public static ComponentProtocol of(Component component) {
        if (component.model() != null || component.containers().isEmpty()) {
            return GRPC_V2;
        }
        Container c = component.containers().get(0);
        if (AugurImage.is(c, component.kind()) || c.ports().stream().anyMatch(p -> Container.H2C.equals(p.name()))) {
            return GRPC_V2;
        }
        String declared = c.env().get(PROTOCOL_ENV);
        return declared != null && declared.trim().toLowerCase(Locale.ROOT).equals("v2") ? REST_V2 : REST_V1;
    }
}
