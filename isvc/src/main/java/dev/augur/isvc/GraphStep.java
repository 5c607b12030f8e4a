package dev.augur.isvc;

/**
 * One step of a graph node ({@code spec.nodes.<node>.steps[i]}). Exactly one of {@code serviceName},
 * {@code serviceUrl} and {@code nodeName} is set.
 *
 * @param index       position in the node's steps: the Ensemble key of an unnamed step
 * @param name        {@code name}, unique in the node, or null
 * @param serviceName {@code serviceName}: an InferenceService in the graph's namespace
 * @param serviceUrl  {@code serviceUrl}: any HTTP endpoint, called with a POST of the step's input
 * @param nodeName    {@code nodeName}: another node of the graph
 * @param condition   {@code condition} (GJSON), or null
 * @param data        {@code data}: what the step gets in a Sequence; {@link Data#REQUEST} when omitted
 * @param weight      {@code weight} (Splitter), or null
 * @param dependency  {@code dependency}; {@link Dependency#SOFT} when omitted, as in KServe
 */
public record GraphStep(int index, String name, String serviceName, String serviceUrl, String nodeName,
        Condition condition, Data data, Integer weight, Dependency dependency) {

    /** The step's key in an Ensemble answer and in traces and metrics: its name, else its index. */
    public String key() {
        return name != null ? name : Integer.toString(index);
    }

    /** What the step calls, for traces and messages: the service, URL or node it names. */
    public String target() {
        return serviceName != null ? serviceName : serviceUrl != null ? serviceUrl : "node " + nodeName;
    }

    /** KServe's {@code data} values. */
    public enum Data {
        REQUEST("$request"), RESPONSE("$response");

        private final String wire;

        Data(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** KServe's {@code dependency} values. */
    public enum Dependency {
        /** A failure is passed on as the step's answer and the node goes on. */
        SOFT("Soft"),
        /** A failure (non-2xx) ends the node with the step's answer and status. */
        HARD("Hard");

        private final String wire;

        Dependency(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
