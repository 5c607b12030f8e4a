package dev.augur.operator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.isvc.InferenceService;
import dev.augur.operator.Specs;
import dev.augur.operator.TestConfig;
import dev.augur.operator.config.DeploymentMode;
import dev.augur.operator.plan.ComponentPlan;
import dev.augur.operator.plan.Planner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * The Knative Services rendered for KServe's autoscaling e2e cases, compared field by field with hand-written
 * expected YAML ({@code src/test/resources/golden/scale-*.ksvc.yaml}), plus the annotations KServe's e2e asserts.
 */
class GoldenKnativeServiceTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void concurrencyTargetTwo() {
        JsonNode ksvc = render("scale-concurrency", "6f1c2a4e-0000-4000-8000-000000000001");
        assertEquals(expected("scale-concurrency"), ksvc);
        JsonNode annotations = ksvc.at("/spec/template/metadata/annotations");
        assertEquals("concurrency", annotations.get("autoscaling.knative.dev/metric").asText());
        assertEquals("2", annotations.get("autoscaling.knative.dev/target").asText());
    }

    @Test
    void rpsTargetFive() {
        JsonNode ksvc = render("scale-rps", "6f1c2a4e-0000-4000-8000-000000000002");
        assertEquals(expected("scale-rps"), ksvc);
        JsonNode annotations = ksvc.at("/spec/template/metadata/annotations");
        assertEquals("rps", annotations.get("autoscaling.knative.dev/metric").asText());
        assertEquals("5", annotations.get("autoscaling.knative.dev/target").asText());
    }

    @Test
    void cpuFiftyWithHpaClass() {
        JsonNode ksvc = render("scale-cpu", "6f1c2a4e-0000-4000-8000-000000000003");
        assertEquals(expected("scale-cpu"), ksvc);
        JsonNode annotations = ksvc.at("/spec/template/metadata/annotations");
        assertEquals("cpu", annotations.get("autoscaling.knative.dev/metric").asText());
        assertEquals("50", annotations.get("autoscaling.knative.dev/target").asText());
        assertEquals("hpa.autoscaling.knative.dev", annotations.get("autoscaling.knative.dev/class").asText());
    }

    private static JsonNode render(String name, String uid) {
        InferenceService isvc = Specs.parse(Specs.resource("/golden/" + name + ".isvc.yaml"));
        ComponentPlan plan = new Planner(TestConfig.defaults()).plan(isvc, DeploymentMode.SERVERLESS).get(0);
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("serving.augur.dev/v1beta1")
                .withKind("InferenceService").withName(isvc.name()).withUid(uid).withController(true)
                .withBlockOwnerDeletion(true).build();
        GenericKubernetesResource ksvc = KnativeRenderer.render(plan, isvc.annotations(), null, owner);
        return Specs.tree(SERIALIZATION.asYaml(ksvc));
    }

    private static JsonNode expected(String name) {
        return Specs.tree(Specs.resource("/golden/" + name + ".ksvc.yaml"));
    }
}
