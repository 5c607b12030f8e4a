package dev.augur.gateway.e2e;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Registers {@link LocalServices} and the {@link KafkaBroker} once for the whole suite: every {@code @QuarkusTest} shares one gateway and its
 * predictor processes, so the suite starts few JVMs.
 */
@WithTestResource(value = LocalServices.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaBroker.class, scope = TestResourceScope.GLOBAL)
final class E2eResources {
    private E2eResources() {
    }
}
