package dev.augur.isvc;

/**
 * Augur's own images by name: the ones the build makes ({@code augur/transformer-jvm}, {@code
 * augur/transformer-native}, as the operator and {@code k8s/} name them) or {@code .../augur-transformer}, any
 * registry and tag. They serve V2 gRPC and REST on one port; local mode may run them as jars instead.
 */
public final class AugurImage {
    private AugurImage() {
    }

    /** Whether {@code image} is Augur's own image of that component kind ({@code transformer}, ...). */
    public static boolean is(String image, String kind) {
        String repo = repository(image);
        if (repo.equals("augur-" + kind)) {
            return true;
        }
        String path = image == null ? "" : image.substring(0, Math.max(0, image.lastIndexOf('/')));
        boolean ours = path.equals("augur") || path.endsWith("/augur") || path.contains("augur-dev");
        return ours && (repo.equals(kind + "-jvm") || repo.equals(kind + "-native"));
    }

    /** Whether the container runs Augur's own image of the component's kind. */
    public static boolean is(Container container, ComponentKind kind) {
        return is(container.image(), kind.field());
    }

    /** The last path segment of an image reference, without tag or digest: {@code ghcr.io/a/b:1} -> {@code b}. */
    public static String repository(String image) {
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
