package dev.augur.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The generated gRPC classes (dev.augur.proto.., from src/main/proto) are the wire, so only the protocol layer (which
 * converts them to the neutral types) and the gRPC transports touch them: packages named {@code grpc} (each
 * service's api.grpc, the server library's grpc, protocol.grpc) and the component clients. Services below the
 * transports (the gateway's Router, graphs and OpenAI streams) see neutral types, or hold a message only as a type
 * parameter a transport chose (a stream's answers, a forwarded unary call).
 */
class ProtoUsageTest {
    @Test
    void onlyProtocolTransportsAndClientsUseGeneratedProtoClasses() {
        noClasses().that().resideOutsideOfPackages("dev.augur.proto..", "dev.augur.protocol..", "..grpc..",
                        "dev.augur.client..", "dev.augur.gateway.client..", "dev.augur.transformer.client..",
                        "dev.augur.explainer.client..")
                .should().dependOnClassesThat().resideInAPackage("dev.augur.proto..")
                .because("only protocol/ knows proto shapes; transports and component clients hand it the messages")
                .check(MainClasses.ALL);
    }
}
