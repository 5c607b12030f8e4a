package dev.augur.gateway.graph;

import java.util.List;

/**
 * A graph's answer to one request.
 *
 * @param status the HTTP status (a Hard step's failure status, a routing error's, or the last step's)
 * @param body   the body as the last step (or the Ensemble, or the router) wrote it
 * @param trace  the steps that ran, in the order they finished: {@code <node>.<step>=<target>:<status>}
 */
public record GraphAnswer(int status, byte[] body, List<String> trace) {
    public static final String TRACE_HEADER = "x-augur-graph-trace";

    /** The trace as one header value. */
    public String traceHeader() {
        return String.join(", ", trace);
    }
}
