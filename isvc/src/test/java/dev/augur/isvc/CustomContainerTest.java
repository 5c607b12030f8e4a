package dev.augur.isvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom container's ports and probes, and the protocol it is called with (KServe's and Knative's reading). */
class CustomContainerTest {

    private static Component predictor(String container) {
        String yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: c\nspec:\n"
                + "  predictor:\n    containers:\n      - name: kserve-container\n" + container;
        return InferenceServiceParser.parse("c.yaml", yaml).get(0).predictor();
    }

    @Test
    void portsAndAnHttpReadinessProbeAreRead() {
        Container c = predictor("        image: me/server:1\n        ports:\n          - {name: http1, containerPort: 9000,"
                + " protocol: TCP}\n        readinessProbe:\n          httpGet: {path: /ready, port: 9000}\n"
                + "          periodSeconds: 5\n").containers().get(0);
        assertEquals(List.of(new Container.Port("http1", 9000)), c.ports());
        assertEquals(9000, c.servingPort());
        assertEquals(new Container.Probe("/ready", 9000), c.readinessProbe());
    }

    @Test
    void withoutPortsTheServingPortIsKnatives8080() {
        Container c = predictor("        image: me/server:1\n").containers().get(0);
        assertEquals(8080, c.servingPort());
        assertNull(c.readinessProbe());
    }

    @Test
    void aTcpProbeHasNoPath() {
        Container c = predictor("        image: me/server:1\n        readinessProbe:\n          tcpSocket: {port: 8080}\n")
                .containers().get(0);
        assertNull(c.readinessProbe().path());
    }

    @Test
    void anUnknownProbeFieldIsRefusedNamingIt() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> predictor(
                "        image: me/server:1\n        readinessProbe:\n          httpGet: {path: /r}\n          every: 5\n"));
        assertTrue(e.getMessage().contains("spec.predictor.containers[0].readinessProbe.every"), e.getMessage());
    }

    @Test
    void aPortWithoutNumberIsRefused() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> predictor(
                "        image: me/server:1\n        ports:\n          - {name: h2c}\n"));
        assertTrue(e.getMessage().contains("containerPort is required"), e.getMessage());
    }

    @Test
    void aCustomContainerSpeaksV1RestByDefaultAsInKServe() {
        assertEquals(ComponentProtocol.REST_V1, ComponentProtocol.of(predictor("        image: me/server:1\n")));
    }

    @Test
    void protocolEnvV2MakesItV2Rest() {
        assertEquals(ComponentProtocol.REST_V2, ComponentProtocol.of(predictor(
                "        image: me/server:1\n        env:\n          - {name: PROTOCOL, value: v2}\n")));
    }

    @Test
    void aPortNamedH2cMakesItV2Grpc() {
        assertEquals(ComponentProtocol.GRPC_V2, ComponentProtocol.of(predictor(
                "        image: me/server:1\n        ports:\n          - {name: h2c, containerPort: 8081}\n")));
    }

    @Test
    void augursOwnImagesAndModelsSpeakGrpc() {
        assertEquals(ComponentProtocol.GRPC_V2, ComponentProtocol.of(predictor(
                "        image: augur/predictor-jvm:latest\n")));
        String yaml = "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: c\nspec:\n"
                + "  predictor:\n    onnx: {storageUri: /m}\n";
        assertEquals(ComponentProtocol.GRPC_V2, ComponentProtocol.of(InferenceServiceParser.parse("c.yaml", yaml)
                .get(0).predictor()));
    }
}
