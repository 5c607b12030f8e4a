package dev.augur.isvc;

import java.util.Map;
import java.util.regex.Pattern;

/** {@code metadata} as a user writes it, checked with Kubernetes' name rules; shared by every kind this module reads. */
record ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    /** KServe's name rule (a DNS-1035 label): names become part of host names and Knative service names. */
    static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    /** Kubernetes namespace rule (a DNS-1123 label). */
    static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final int MAX_NAME = 63;

    static ObjectMeta read(Fields top) {
        Fields metadata = top.object("metadata");
        if (metadata == null) {
            throw top.error("metadata", "is required");
        }
        String name = metadata.requiredString("name");
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw metadata.error("name", "must be a DNS-1035 label (lower-case letters, digits and '-', starting "
                    + "with a letter, at most " + MAX_NAME + " characters), got \"" + name + "\"");
        }
        String namespace = metadata.string("namespace");
        if (namespace == null) {
            namespace = InferenceService.DEFAULT_NAMESPACE;
        } else if (namespace.length() > MAX_NAME || !NAMESPACE.matcher(namespace).matches()) {
            throw metadata.error("namespace", "must be a DNS-1123 label, got \"" + namespace + "\"");
        }
        Map<String, String> labels = metadata.stringMap("labels");
        Map<String, String> annotations = metadata.stringMap("annotations");
        metadata.rejectUnknown();
        return new ObjectMeta(name, namespace, labels, annotations);
    }

    /** Whether {@code s} is a valid InferenceService name (for a step's {@code serviceName}). */
    static boolean isName(String s) {
        return s.length() <= MAX_NAME && NAME.matcher(s).matches();
    }
}
