package dev.augur.operator.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which children are deleted. A switch between Serverless and Standard keeps the names ({@code iris-predictor})
 * and changes the kinds; fabric8's mock server files a core Service and a Knative Service of the same name under
 * one key, so that switch is checked here rather than against it.
 */
class ChildApplierTest {
    private static final String UID = "uid-1";

    @Test
    void knativeServiceIsUnwantedAfterSwitchToStandard() {
        GenericKubernetesResource ksvc = ksvc("iris-predictor", UID);
        assertEquals(List.of(ksvc), ChildApplier.unwanted(List.of(ksvc), "serving.knative.dev/v1", UID, Set.of()));
    }

    @Test
    void keptNameStays() {
        assertEquals(List.of(), ChildApplier.unwanted(List.of(ksvc("iris-predictor", UID)), "serving.knative.dev/v1",
                UID, Set.of("iris-predictor")));
    }

    @Test
    void objectsOwnedBySomethingElseStay() {
        // Knative's own Services (iris-predictor-00001, owned by a Revision) carry the labels it copies.
        Service knativeOwned = service("iris-predictor-00001", "revision-uid");
        assertEquals(List.of(), ChildApplier.unwanted(List.of(knativeOwned), "v1", UID, Set.of()));
    }

    @Test
    void otherKindOfTheSameNameIsNotTouched() {
        assertEquals(List.of(), ChildApplier.unwanted(List.of(ksvc("iris-predictor", UID)), "v1", UID, Set.of()));
    }

    @Test
    void coreServiceIsUnwantedAfterSwitchToServerless() {
        Service s = service("iris-predictor", UID);
        assertEquals(List.<HasMetadata>of(s), ChildApplier.unwanted(List.of(s), "v1", UID, Set.of()));
    }

    private static OwnerReference owner(String uid) {
        return new OwnerReference("serving.augur.dev/v1beta1", true, true, "InferenceService", "iris", uid);
    }

    private static GenericKubernetesResource ksvc(String name, String ownerUid) {
        GenericKubernetesResource k = new GenericKubernetesResource();
        k.setApiVersion("serving.knative.dev/v1");
        k.setKind("Service");
        k.setMetadata(new ObjectMetaBuilder().withName(name).withOwnerReferences(owner(ownerUid)).build());
        return k;
    }

    private static Service service(String name, String ownerUid) {
        return new ServiceBuilder().withNewMetadata().withName(name).withOwnerReferences(owner(ownerUid))
                .endMetadata().build();
    }
}
