package dev.augur.isvc;

/**
 * KServe's {@code logger}: copies of requests and/or responses sent as CloudEvents to {@code url}.
 *
 * @param mode which payloads to send; {@link Mode#ALL} when the file omits it, as in KServe
 * @param url  the sink, or null for the platform's default broker
 */
public record PayloadLogger(Mode mode, String url) {

    public enum Mode {
        ALL("all"), REQUEST("request"), RESPONSE("response");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
