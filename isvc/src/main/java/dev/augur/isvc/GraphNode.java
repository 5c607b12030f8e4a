package dev.augur.isvc;

import java.util.List;

/**
 * One routing node of an InferenceGraph ({@code spec.nodes.<name>}).
 *
 * @param name       the key in {@code spec.nodes}
 * @param routerType how its steps run
 * @param steps      in file order (Sequence runs them in it, Switch tries conditions in it)
 */
public record GraphNode(String name, RouterType routerType, List<GraphStep> steps) {

    public GraphNode {
        steps = List.copyOf(steps);
    }

    /** KServe's {@code routerType} values. */
    public enum RouterType {
        /** Steps one after the other; each gets the request or the previous step's response. */
        SEQUENCE("Sequence"),
        /** The first step whose condition matches the request. */
        SWITCH("Switch"),
        /** Every step at once; the answer is an object keyed by step name (or index). */
        ENSEMBLE("Ensemble"),
        /** One step picked at random by weight. */
        SPLITTER("Splitter");

        private final String wire;

        RouterType(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
