package dev.augur.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The gateway's shipped manifest wires its secrets where the gateway reads them: the API keys file lies inside the
 * mounted Secret {@code augur-gateway-keys}, and the Kafka password comes from the Secret Strimzi writes for the
 * gateway's KafkaUser, whose name is the configured user.
 */
class GatewayManifestTest {
    private static final Path GATEWAY = Path.of("../k8s/base/gateway/deployment.yaml");
    private static final Path KAFKA_USER = Path.of("../k8s/base/kafka/gateway-user.yaml");

    private static PodSpec pod() throws IOException {
        return Specs.YAML.readValue(Files.readString(GATEWAY), Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in the gateway's env"));
    }

    @Test
    void apiKeysFileIsInsideTheMountedKeysSecret() throws IOException {
        PodSpec pod = pod();
        Container gateway = pod.getContainers().get(0);
        Path file = Path.of(env(gateway, "AUGUR_GATEWAY_SECURITY_KEYS_FILE").getValue());
        VolumeMount mount = gateway.getVolumeMounts().stream()
                .filter(m -> file.startsWith(Path.of(m.getMountPath()))).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is on no mounted volume"));
        assertNull(mount.getSubPath(), "a subPath mount is never updated when the Secret changes");
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                .orElseThrow();
        assertNotNull(volume.getSecret(), "the keys volume is a Secret");
        assertEquals("augur-gateway-keys", volume.getSecret().getSecretName());
        assertEquals("keys.yaml", Path.of(mount.getMountPath()).relativize(file).toString(),
                "the file is the Secret's key keys.yaml");
    }

    @Test
    void kafkaPasswordComesFromTheSecretOfTheGatewaysKafkaUser() throws IOException {
        Container gateway = pod().getContainers().get(0);
        JsonNode user = Specs.YAML.readTree(Files.readString(KAFKA_USER));
        String name = user.get("metadata").get("name").asText();
        assertEquals(name, env(gateway, "AUGUR_KAFKA_SECURITY_USERNAME").getValue());
        assertEquals(name, env(gateway, "AUGUR_KAFKA_SECURITY_PASSWORD").getValueFrom().getSecretKeyRef().getName(),
                "Strimzi names the Secret after the KafkaUser");
        assertEquals("scram-sha-512", user.get("spec").get("authentication").get("type").asText());
        assertTrue(env(gateway, "AUGUR_KAFKA_SECURITY_SASL_MECHANISM").getValue().equalsIgnoreCase("SCRAM-SHA-512"));
    }
}
