package dev.augur.supervisor;

import dev.augur.isvc.AugurImage;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import java.util.Optional;

/**
 * Which containers are Augur's own: transformer and explainer images named as {@link AugurImage} knows them, which
 * local mode runs as their jars, or as those images with {@code augur.local.runtime=containers}
 * ({@link AugurImageLauncher}). Any other image runs as a podman container ({@link ContainerLauncher}).
 */
final class AugurImages {
    private AugurImages() {
    }

    /** The component's Augur container, if it has one of its own kind. */
    static Optional<Container> container(Component component) {
        return component.containers().stream().filter(c -> AugurImage.is(c, component.kind())).findFirst();
    }

    /** A predictor with a model, or any component with a container (as a jar or with podman). */
    static boolean runnable(Component component) {
        return component.kind() == ComponentKind.PREDICTOR ? component.model() != null
                || !component.containers().isEmpty() : !component.containers().isEmpty();
    }

    static String notRunnable(String service, Component component) {
        return "local mode cannot run the " + component.kind().field() + " of InferenceService '" + service
                + "': it has no model and no container";
    }

    static boolean isAugur(String image, String kind) {
        return AugurImage.is(image, kind);
    }

    static String repository(String image) {
        return AugurImage.repository(image);
    }
}
