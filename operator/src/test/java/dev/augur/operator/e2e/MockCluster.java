package dev.augur.operator.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Prepares fabric8's mock API server (CRUD mode) before the operator starts: Augur's CRDs exactly as shipped in
 * {@code k8s/base}, and Knative's Service CRD, so API discovery and the status subresources work as in a cluster.
 */
public class MockCluster implements Consumer<KubernetesServer> {
    /** The shipped CRD, relative to the operator module (Surefire's working directory). */
    static final Path CRD = Path.of("../k8s/base/crd/inferenceservices.serving.augur.dev.yaml");
    static final Path GRAPH_CRD = Path.of("../k8s/base/crd/inferencegraphs.serving.augur.dev.yaml");

    @Override
    public void accept(KubernetesServer server) {
        KubernetesClient client = server.getClient();
        try (InputStream augur = Files.newInputStream(CRD); InputStream graphs = Files.newInputStream(GRAPH_CRD);
                InputStream knative = MockCluster.class.getResourceAsStream("/knative-service-crd.yaml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(augur, CustomResourceDefinition.class))
                    .create();
            client.resource(client.getKubernetesSerialization().unmarshal(knative, CustomResourceDefinition.class))
                    .create();
            client.resource(client.getKubernetesSerialization().unmarshal(graphs, CustomResourceDefinition.class))
                    .create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
