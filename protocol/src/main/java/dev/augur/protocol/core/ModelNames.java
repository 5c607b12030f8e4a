package dev.augur.protocol.core;

/**
 * What a model name may hold, on every path that takes one (REST paths, gRPC fields, repository load): a name with a
 * control character, a path separator or more than {@value #MAX_LENGTH} characters is the client's error, answered
 * 400 / INVALID_ARGUMENT before it reaches a file system call (a NUL in a repository load answered 500 with
 * {@code InvalidPathException}) or a log line.
 */
public final class ModelNames {
    /** Longer than any model or InferenceService name (Kubernetes allows 253); short enough for a log line. */
    public static final int MAX_LENGTH = 256;

    private ModelNames() {
    }

    /** Returns {@code name} when it is a valid model name; otherwise a 400 saying what is wrong with it. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw InferenceException.invalid("the model name is missing");
        }
        if (name.length() > MAX_LENGTH) {
            throw InferenceException.invalid("the model name is " + name.length() + " characters long, more than "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw InferenceException.invalid("model name '" + printable(name) + "' holds a control character "
                        + "(U+" + String.format("%04X", (int) c) + ") at position " + i);
            }
            if (c == '/' || c == '\\') {
                throw InferenceException.invalid("model name '" + printable(name) + "' holds '" + c
                        + "' at position " + i + "; a model name is one path segment");
            }
        }
        return name;
    }

    /** The name with control characters as {@code \\uXXXX}, for an error message. */
    private static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
