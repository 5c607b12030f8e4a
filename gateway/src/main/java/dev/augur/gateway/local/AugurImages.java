package dev.augur.gateway.local;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import java.util.Optional;

/**
 * Which containers local mode can run: Augur's own transformer and explainer images ({@code .../augur-transformer},
 * {@code .../augur-explainer}, any registry and tag), whose jars it starts instead. Any other image needs a
 * container runtime, which local mode does not use.
 */
final class AugurImages {
    private AugurImages() {
    }

    /** The component's Augur container, if it has one of its own kind. */
    static Optional<Container> container(Component component) {
        String wanted = "augur-" + component.kind().field();
        return component.containers().stream().filter(c -> wanted.equals(repository(c.image()))).findFirst();
    }

    static boolean runnable(Component component) {
        return component.kind() == ComponentKind.PREDICTOR ? component.model() != null
                : container(component).isPresent();
    }

    static String notRunnable(String service, Component component) {
        return "local mode cannot run the " + component.kind().field() + " of InferenceService '" + service
                + "': it runs Augur's own image (a container whose image is .../augur-" + component.kind().field()
                + "[:tag]), found " + component.containers().stream().map(Container::image).toList();
    }

    /** The last path segment of an image reference, without tag or digest: {@code ghcr.io/a/b:1} -> {@code b}. */
    static String repository(String image) {
        if (image == null) {
            return "";
        }
        String s = image;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            s = s.substring(0, colon);
        }
        return s.substring(slash + 1);
    }
}
