package dev.augur.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import org.junit.jupiter.api.Test;

/** What the gateway refuses to send to a custom container, before any call: 501 with the reason. */
class RestComponentsTest {

    private static InferenceService custom(String env) {
        return InferenceServiceParser.parse("c.yaml", "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                + "metadata:\n  name: c\nspec:\n  predictor:\n    containers:\n      - image: me/server:1\n" + env)
                .get(0);
    }

    @Test
    void inferenceGoesToAV1Container() {
        assertNull(RestComponents.unsupported(custom(""), ComponentKind.PREDICTOR, "ModelInfer"));
    }

    @Test
    void explainOfAV1ContainerIsRefusedNamingItsProtocol() {
        InferenceException e = RestComponents.unsupported(custom(""), ComponentKind.PREDICTOR, "Explain");
        assertEquals(ErrorCode.UNIMPLEMENTED, e.code());
        assertTrue(e.getMessage().contains("v1 REST") && e.getMessage().contains("not Explain"), e.getMessage());
    }

    @Test
    void inferenceGoesToAV2Container() {
        assertNull(RestComponents.unsupported(custom("        env:\n          - {name: PROTOCOL, value: v2}\n"),
                ComponentKind.PREDICTOR, "ModelInfer"));
    }

    @Test
    void metadataOfAV2ContainerIsRefused() {
        InferenceException e = RestComponents.unsupported(custom("        env:\n          - {name: PROTOCOL, value: v2}\n"),
                ComponentKind.PREDICTOR, "ModelMetadata");
        assertEquals(ErrorCode.UNIMPLEMENTED, e.code());
        assertTrue(e.getMessage().contains("not ModelMetadata"), e.getMessage());
    }

    @Test
    void aGrpcContainerTakesEveryCall() {
        assertNull(RestComponents.unsupported(custom("        ports:\n          - {name: h2c, containerPort: 8081}\n"),
                ComponentKind.PREDICTOR, "ModelMetadata"));
    }
}
