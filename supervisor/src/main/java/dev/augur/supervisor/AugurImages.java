package dev.augur.supervisor;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import java.util.Optional;

/**
 * Which containers local mode can run: Augur's own transformer and explainer images, whose jars it starts instead:
 * the images the build makes ({@code augur/transformer-jvm}, {@code augur/transformer-native}, as the operator and
 * {@code k8s/} name them) or {@code .../augur-transformer}, any registry and tag. Any other image needs a container
 * runtime, which local mode does not use.
 */
final class AugurImages {
    private AugurImages() {
    }

    /** The component's Augur container, if it has one of its own kind. */
    static Optional<Container> container(Component component) {
        String kind = component.kind().field();
        return component.containers().stream().filter(c -> isAugur(c.image(), kind)).findFirst();
    }

    static boolean runnable(Component component) {
        return component.kind() == ComponentKind.PREDICTOR ? component.model() != null
                : container(component).isPresent();
    }

    static String notRunnable(String service, Component component) {
        return "local mode cannot run the " + component.kind().field() + " of InferenceService '" + service
                + "': it runs Augur's own image (augur/" + component.kind().field() + "-jvm[:tag] or .../augur-"
                + component.kind().field() + "[:tag]), found "
                + component.containers().stream().map(Container::image).toList();
    }

    static boolean isAugur(String image, String kind) {
        String repo = repository(image);
        if (repo.equals("augur-" + kind)) {
            return true;
        }
        String path = image == null ? "" : image.substring(0, Math.max(0, image.lastIndexOf('/')));
        boolean ours = path.equals("augur") || path.endsWith("/augur") || path.contains("augur-dev");
        return ours && (repo.equals(kind + "-jvm") || repo.equals(kind + "-native"));
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
