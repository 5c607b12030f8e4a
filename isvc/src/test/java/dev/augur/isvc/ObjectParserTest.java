package dev.augur.isvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** {@link InferenceServiceParser#parseObject}: InferenceService objects as the Kubernetes API server returns them. */
class ObjectParserTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What {@code kubectl get isvc iris -o yaml} shows: server metadata and a status beside the user's spec. */
    private static final String FROM_SERVER = """
            apiVersion: serving.augur.dev/v1beta1
            kind: InferenceService
            metadata:
              name: iris
              namespace: models
              uid: 0b6f7b0e-6a55-4c1e-9d8e-2f1f0f7c1a11
              resourceVersion: "4711"
              generation: 3
              creationTimestamp: "2026-11-28T09:00:00Z"
              finalizers: [x]
              managedFields: [{manager: kubectl}]
              annotations:
                serving.kserve.io/deploymentMode: Standard
            spec:
              predictor:
                minReplicas: 0
                model:
                  modelFormat: {name: onnx}
                  storageUri: s3://models/iris
            status:
              url: http://iris.models.example.com
              conditions: [{type: Ready, status: "True"}]
            """;

    @Test
    void serverMetadataAndStatusAreIgnored() throws Exception {
        InferenceService s = InferenceServiceParser.parseObject("models/iris", YAML.readTree(FROM_SERVER));
        assertEquals("iris", s.name());
        assertEquals("models", s.namespace());
        assertEquals("Standard", s.annotations().get("serving.kserve.io/deploymentMode"));
        assertEquals(0, s.predictor().minReplicas());
        assertEquals("s3://models/iris", s.predictor().model().storageUri());
    }

    @Test
    void kserveApiVersionIsAcceptedToo() throws Exception {
        JsonNode node = YAML.readTree(FROM_SERVER.replace("serving.augur.dev", "serving.kserve.io"));
        assertEquals("iris", InferenceServiceParser.parseObject("models/iris", node).name());
    }

    @Test
    void callerObjectIsNotChanged() throws Exception {
        JsonNode node = YAML.readTree(FROM_SERVER);
        InferenceServiceParser.parseObject("models/iris", node);
        assertEquals("4711", node.at("/metadata/resourceVersion").asText());
        assertEquals("http://iris.models.example.com", node.at("/status/url").asText());
    }

    @Test
    void unknownSpecFieldIsStillAnError() throws Exception {
        JsonNode node = YAML.readTree(FROM_SERVER.replace("minReplicas: 0", "minReplica: 0"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> InferenceServiceParser.parseObject("models/iris", node));
        assertEquals("spec.predictor.minReplica", e.field());
    }

    @Test
    void otherApiVersionNamesBoth() throws Exception {
        JsonNode node = YAML.readTree(FROM_SERVER.replace("serving.augur.dev/v1beta1", "serving.augur.dev/v1"));
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> InferenceServiceParser.parseObject("models/iris", node));
        assertEquals("models/iris: apiVersion must be serving.augur.dev/v1beta1 or serving.kserve.io/v1beta1, got "
                + "\"serving.augur.dev/v1\"", e.getMessage());
    }

    @Test
    void notAnObject() throws Exception {
        InvalidSpecException e = assertThrows(InvalidSpecException.class,
                () -> InferenceServiceParser.parseObject("models/iris", YAML.readTree("[1]")));
        assertEquals("models/iris: is not an object", e.getMessage());
    }
}
