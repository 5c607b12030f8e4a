package dev.augur.isvc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A services file of local mode: YAML documents that are InferenceServices or InferenceGraphs (told apart by
 * {@code kind}), each read by its own parser with the same strict errors.
 */
public final class SpecFiles {

    /** What a file holds, each kind in file order. */
    public record Parsed(List<InferenceService> services, List<InferenceGraph> graphs) {
        public Parsed {
            services = List.copyOf(services);
            graphs = List.copyOf(graphs);
        }
    }

    private SpecFiles() {
    }

    public static Parsed parse(String source, String yaml) {
        List<InferenceService> services = new ArrayList<>();
        List<InferenceGraph> graphs = new ArrayList<>();
        Manifest.documents(source, yaml, (name, node) -> {
            JsonNode kind = node.isObject() ? node.get("kind") : null;
            if (kind != null && InferenceGraph.KIND.equals(kind.asText())) {
                graphs.add(InferenceGraphParser.fileDocument(name, node));
            } else {
                services.add(InferenceServiceParser.fileDocument(name, node));
            }
        });
        return new Parsed(services, graphs);
    }
}
