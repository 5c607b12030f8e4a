package dev.augur.gateway.logging;

/**
 * One payload-logging event, with the CloudEvents attributes KServe's logger sends: {@code id} (the request id,
 * shared by the request and response events of one call), {@code type}, {@code source}, {@code time}, and KServe's
 * extensions {@code inferenceservicename}, {@code namespace}, {@code component}, {@code endpoint}.
 */
record CloudEvent(String id, String type, String source, String time, String service, String namespace,
        String component, String endpoint, byte[] body) {
    static final String SPEC_VERSION = "1.0";
    static final String REQUEST = "org.kubeflow.serving.inference.request";
    static final String RESPONSE = "org.kubeflow.serving.inference.response";
    static final String CONTENT_TYPE = "application/json";

    /** The attributes other than {@code data} and its content type, by name, in the order they are sent. */
    String[][] attributes() {
        return new String[][] {{"specversion", SPEC_VERSION}, {"id", id}, {"type", type}, {"source", source},
            {"time", time}, {"inferenceservicename", service}, {"namespace", namespace}, {"component", component},
            {"endpoint", endpoint}};
    }
}
